"""A person's permissions in one query (lms.accounts.backends.PermissionBackend), with
Django's ModelBackend answers: own and group permissions, inactive people, superusers."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from lms.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache on it


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def editor_group():
    group = Group.objects.create(name="Page editors (test)")
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    return group


def test_a_learner_without_groups_has_no_permission_and_asking_costs_one_query(
    django_assert_num_queries,
):
    learner = _fresh(UserFactory())
    with django_assert_num_queries(1):
        assert not learner.has_perm("wagtailadmin.access_admin")
        assert not learner.has_perm("courses.add_enrolment")  # the same request: no query
    assert learner.get_all_permissions() == set()


def test_own_and_group_permissions_are_django_s_own_answer(editor_group):
    person = UserFactory()
    person.groups.add(editor_group)
    person.user_permissions.add(_permission("courses", "view_enrolment"))
    ours = _fresh(person).get_all_permissions()
    assert ours == {"wagtailadmin.access_admin", "courses.view_enrolment"}
    assert ModelBackend().get_all_permissions(_fresh(person)) == ours
    reread = _fresh(person)
    reread.get_all_permissions()  # one query fills what ModelBackend keeps per kind too
    assert reread.get_user_permissions() == {"courses.view_enrolment"}
    assert reread.get_group_permissions() == {"wagtailadmin.access_admin"}
    assert _fresh(person).has_perm("wagtailadmin.access_admin")


def test_an_inactive_person_has_none_and_a_superuser_has_all(editor_group):
    inactive = UserFactory(is_active=False)
    inactive.groups.add(editor_group)
    assert not _fresh(inactive).has_perm("wagtailadmin.access_admin")
    boss = UserFactory(is_superuser=True)
    assert _fresh(boss).has_perm("courses.delete_enrolment")
    assert len(_fresh(boss).get_all_permissions()) == Permission.objects.count()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_permissions_are_kept_in_the_cache_until_anyone_s_change(
    django_assert_num_queries, editor_group
):
    """Outside a transaction (as requests run) the set read is kept: the next request
    asks the cache, not the database; any grant or withdrawal is seen at once."""
    from django.core.cache import cache

    cache.clear()
    person = UserFactory()
    assert not _fresh(person).has_perm("wagtailadmin.access_admin")
    with django_assert_num_queries(1):  # reading the person; their permissions: no query
        assert not _fresh(person).has_perm("wagtailadmin.access_admin")
    person.groups.add(editor_group)
    assert _fresh(person).has_perm("wagtailadmin.access_admin")
    editor_group.permissions.remove(_permission("wagtailadmin", "access_admin"))
    assert not _fresh(person).has_perm("wagtailadmin.access_admin")
    person.user_permissions.add(_permission("wagtailadmin", "access_admin"))
    assert _fresh(person).has_perm("wagtailadmin.access_admin")
    person.groups.clear()
    person.user_permissions.clear()
    assert not _fresh(person).has_perm("wagtailadmin.access_admin")
    editor_group.permissions.add(_permission("wagtailadmin", "access_admin"))
    person.groups.add(editor_group)
    assert _fresh(person).has_perm("wagtailadmin.access_admin")
    editor_group.delete()
    assert not _fresh(person).has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_a_rolled_back_transaction_saw_is_not_kept(editor_group):
    from django.core.cache import cache
    from django.db import transaction

    cache.clear()
    person = UserFactory()

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        person.groups.add(editor_group)
        assert _fresh(person).has_perm("wagtailadmin.access_admin")
        raise RolledBack
    assert not _fresh(person).has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_the_cache_permissions_are_read_from_the_database(editor_group, monkeypatch):
    from django.core.cache import cache

    from lms.accounts import backends

    def unreachable(*args, **kwargs):
        raise backends.CacheUnavailable("cache down")

    person = UserFactory()
    person.groups.add(editor_group)
    monkeypatch.setattr(cache, "get_many", unreachable)
    monkeypatch.setattr(cache, "set", unreachable)
    assert _fresh(person).has_perm("wagtailadmin.access_admin")
