"""lms.queries.read_by_pk: the row the ORM would give, without compiling its SQL again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import User
from lms.queries import read_by_pk
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def test_a_person_read_by_id_is_the_orm_s_row_converters_included():
    person = UserFactory(notification_preferences={"reminders": False}, time_zone="Asia/Seoul")
    ours = read_by_pk(User.objects, person.pk)
    assert _fields(ours) == _fields(User.objects.filter(pk=person.pk).first())
    assert ours.notification_preferences == {"reminders": False}  # JSON text turned into data
    assert ours._state.adding is False and ours._state.db == "default"
    assert read_by_pk(User.objects, str(person.pk)).pk == person.pk  # as a session keeps it
    assert read_by_pk(User.objects, person.pk + 1000) is None


def test_the_manager_s_get_by_id_is_one_query_and_refuses_a_missing_id():
    person = UserFactory()
    with CaptureQueriesContext(connection) as captured:
        assert User.objects.get(pk=person.pk) == person
    assert len(captured) == 1
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=person.pk + 1000)


def test_a_related_manager_keeps_its_own_filter():
    from django.contrib.auth.models import Group

    member, other = UserFactory(), UserFactory()
    group = Group.objects.create(name="Readers (test)")
    group.user_set.add(member)
    assert group.user_set.get(pk=member.pk) == member
    with pytest.raises(User.DoesNotExist):
        group.user_set.get(pk=other.pk)


def test_a_page_read_by_id_is_the_orm_s_page():
    from cms.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="About", slug="about", intro="Who we are.")
    home.add_child(instance=page)
    ours = read_by_pk(StandardPage.objects, page.pk)
    theirs = StandardPage.objects.get(pk=page.pk)
    assert {k: v for k, v in _fields(ours).items() if k != "body"} == {
        k: v for k, v in _fields(theirs).items() if k != "body"
    }
    assert list(ours.body) == list(theirs.body)


def test_a_query_of_fixed_shape_is_compiled_once_and_gives_the_orm_s_rows():
    from django.db.models import Exists, OuterRef

    from lms.models import Membership
    from lms.queries import raw_once
    from tests.factories import MembershipFactory

    first, second = UserFactory(), UserFactory()
    MembershipFactory(user=first)
    built = []

    def build(values):
        built.append(values)
        return User.objects.filter(pk=values["person"]).annotate(
            member=Exists(Membership.objects.filter(user=OuterRef("pk")))
        )

    for person in (first, second, first):
        rows = raw_once("tests.person-member", build, {"person": person.pk})
        assert [(row.pk, row.member) for row in rows] == [(person.pk, person == first)]
        assert rows[0].email == person.email
    assert len(built) == 2  # twice with stand-ins, to trace the parameters; never again
    assert raw_once("tests.person-member", build, {"person": second.pk + 1000}) == []
