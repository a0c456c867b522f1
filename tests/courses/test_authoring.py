"""Trainers author their own courses and nothing else; the secretariat reviews and publishes.

Rights are checked twice: with Wagtail's page permission tester (the matrix) and
through the real admin with the test client (what a trainer can open and save).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    TaskState,
    Workflow,
)
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CourseIndexPage, CoursePage, CourseTrainerGroup, ModulePage
from courses.services.authoring import (
    course_assign_trainers,
    course_sync_trainer_permissions,
    course_trainer_group_prune,
)
from lms.models import User
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    """The user as the next request sees them (Wagtail caches permissions on the object)."""
    return User.objects.get(pk=user.pk)


def _draft_course(catalogue: CourseIndexPage, title: str, slug: str) -> CoursePage:
    course = CoursePage(title=title, slug=slug, summary="What it teaches.", live=False)
    catalogue.add_child(instance=course)
    course.save_revision()
    return CoursePage.objects.get(pk=course.pk)


def _module(course: CoursePage, title: str, slug: str) -> ModulePage:
    module = ModulePage(title=title, slug=slug, live=False)
    course.add_child(instance=module)
    module.save_revision()
    return ModulePage.objects.get(pk=module.pk)


def _form(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


@pytest.fixture
def catalogue():
    return CourseIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def course_a(catalogue):
    return _draft_course(catalogue, "Cooperatives 101", "cooperatives-101")


@pytest.fixture
def course_b(catalogue):
    return _draft_course(catalogue, "Public procurement", "public-procurement")


@pytest.fixture
def module_a(course_a):
    return _module(course_a, "What a cooperative is", "what-a-cooperative-is")


@pytest.fixture
def trainer_a(course_a):
    user = trainer_user(full_name="Claire Bouchard")
    course_assign_trainers(course=course_a, trainers=[user])
    return user


@pytest.fixture
def trainer_b(course_b):
    user = trainer_user(full_name="박민지")
    course_assign_trainers(course=course_b, trainers=[user])
    return user


# --- the rights matrix ----------------------------------------------------------------


def test_trainer_edits_and_extends_only_their_own_course_and_never_publishes(
    catalogue, course_a, course_b, module_a, trainer_a, trainer_b
):
    def can(user, page):
        tester = page.permissions_for_user(_fresh(user))
        return {
            "edit": tester.can_edit(),
            "add": tester.can_add_subpage(),
            "publish": tester.can_publish(),
        }

    nothing = {"edit": False, "add": False, "publish": False}
    author = {"edit": True, "add": True, "publish": False}
    assert can(trainer_a, course_a) == author
    assert can(trainer_a, module_a) == author | {"add": False}  # nothing goes under a module
    assert can(trainer_a, course_b) == nothing
    assert can(trainer_a, catalogue) == nothing
    assert can(trainer_a, catalogue.get_parent()) == nothing
    assert can(trainer_b, course_b) == author
    assert can(trainer_b, course_a) == nothing
    assert can(trainer_b, module_a) == nothing


def test_the_trainer_group_never_holds_publish_rights(course_a, trainer_a):
    group = CourseTrainerGroup.objects.get(course_translation_key=course_a.translation_key).group
    assert set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    ) == {(course_a.pk, "add_page"), (course_a.pk, "change_page")}
    assert list(group.user_set.all()) == [trainer_a]
    assert group.name == f"Course trainers: Cooperatives 101 (#{course_a.pk})"


# --- through the admin ------------------------------------------------------------------


def test_trainer_reaches_their_course_through_the_explorer(client, catalogue, course_a, trainer_a):
    client.force_login(trainer_a)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{course_a.pk}/").status_code == 200
    # Wagtail starts a user's explorer at the closest common ancestor of the pages
    # they hold rights on: with one course, the course itself.
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{course_a.pk}/"


def test_trainer_of_two_courses_sees_both_in_the_catalogue(client, catalogue, course_a, course_b):
    trainer = trainer_user()
    course_assign_trainers(course=course_a, trainers=[trainer])
    course_assign_trainers(course=course_b, trainers=[trainer])
    client.force_login(trainer)
    response = client.get(f"/admin/pages/{catalogue.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cooperatives 101" in html and "Public procurement" in html


def test_trainer_opens_the_editor_of_their_course_and_its_modules(
    client, course_a, module_a, trainer_a
):
    client.force_login(trainer_a)
    assert client.get(f"/admin/pages/{course_a.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{module_a.pk}/edit/").status_code == 200


def test_trainer_cannot_open_the_editor_of_another_course(client, course_a, course_b, trainer_a):
    client.force_login(trainer_a)
    response = client.get(f"/admin/pages/{course_b.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_trainer_adds_a_module_to_their_course_as_a_draft(client, course_a, trainer_a):
    client.force_login(trainer_a)
    url = f"/admin/pages/add/courses/modulepage/{course_a.pk}/"
    data = _form(client, url)
    data["title"] = "Governance in cooperatives"
    data["slug"] = "governance-in-cooperatives"
    data["body-count"] = "0"  # the StreamField's inputs are drawn by JavaScript
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    module = ModulePage.objects.child_of(course_a).get(slug="governance-in-cooperatives")
    assert not module.live
    assert module.owner == trainer_a


def test_trainer_cannot_add_a_module_to_another_course(client, course_b, trainer_a):
    client.force_login(trainer_a)
    response = client.get(f"/admin/pages/add/courses/modulepage/{course_b.pk}/")
    assert response.status_code == 302
    assert not ModulePage.objects.child_of(course_b).exists()


def test_trainer_cannot_publish_their_course_through_the_editor(client, course_a, trainer_a):
    client.force_login(trainer_a)
    url = f"/admin/pages/{course_a.pk}/edit/"
    data = _form(client, url)
    data["title"] = "Cooperatives 101, revised"
    data["action-publish"] = "action-publish"
    client.post(url, data)
    course = CoursePage.objects.get(pk=course_a.pk)
    assert not course.live
    assert course.live_revision is None
    assert course.first_published_at is None
    assert not PageLogEntry.objects.filter(page=course, action="wagtail.publish").exists()


def test_secretariat_grants_rights_by_editing_the_trainers_field(
    client, secretariat, course_b, trainer_b
):
    newcomer = trainer_user(full_name="Lucía Ramírez")
    assert not course_b.permissions_for_user(_fresh(newcomer)).can_edit()
    client.force_login(secretariat)
    url = f"/admin/pages/{course_b.pk}/edit/"
    data = _form(client, url)
    data.setlist("trainers", [str(trainer_b.pk), str(newcomer.pk)])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert course_b.permissions_for_user(_fresh(newcomer)).can_edit()

    data = _form(client, url)
    data.setlist("trainers", [str(newcomer.pk)])
    client.post(url, data)
    assert not course_b.permissions_for_user(_fresh(trainer_b)).can_edit()
    assert course_b.permissions_for_user(_fresh(newcomer)).can_edit()


# --- the services -------------------------------------------------------------------------


def test_removing_a_trainer_from_a_course_revokes_their_rights(client, course_a, trainer_a):
    course_assign_trainers(course=course_a, trainers=[])
    assert not course_a.permissions_for_user(_fresh(trainer_a)).can_edit()
    assert not CoursePage.objects.get(pk=course_a.pk).trainers.exists()
    client.force_login(trainer_a)
    assert client.get(f"/admin/pages/{course_a.pk}/edit/").status_code == 302


def test_removing_a_trainer_also_changes_the_unpublished_draft(course_a, trainer_a):
    # Publishing the old draft later must not bring the trainer back.
    course_assign_trainers(course=course_a, trainers=[])
    course = CoursePage.objects.get(pk=course_a.pk)
    assert list(course.get_latest_revision_as_object().trainers.all()) == []


def test_assigning_trainers_twice_changes_nothing(course_a, trainer_a):
    group = CourseTrainerGroup.objects.get().group
    grants = set(GroupPagePermission.objects.filter(group=group).values_list("pk", flat=True))
    revisions = course_a.revisions.count()
    groups = Group.objects.count()

    course_assign_trainers(course=course_a, trainers=[trainer_a])
    course_sync_trainer_permissions(course=CoursePage.objects.get(pk=course_a.pk))

    assert CourseTrainerGroup.objects.get().group == group
    assert set(GroupPagePermission.objects.filter(group=group).values_list("pk", flat=True)) == (
        grants
    )
    assert list(group.user_set.all()) == [trainer_a]
    assert course_a.revisions.count() == revisions
    assert Group.objects.count() == groups


def test_sync_removes_rights_added_to_the_group_by_hand(course_a, trainer_a):
    group = CourseTrainerGroup.objects.get().group
    GroupPagePermission.objects.create(group=group, page=course_a, permission_type="publish")
    course_sync_trainer_permissions(course=course_a)
    assert not course_a.permissions_for_user(_fresh(trainer_a)).can_publish()


def test_only_active_trainers_can_be_assigned(course_a):
    learner = UserFactory(full_name="Awa Diarra")
    with pytest.raises(ValidationError, match="Awa Diarra"):
        course_assign_trainers(course=course_a, trainers=[learner])
    assert not CoursePage.objects.get(pk=course_a.pk).trainers.exists()


def test_trainers_may_edit_every_language_version_of_their_course(
    client, course_a, module_a, trainer_a
):
    import courses.wagtail_hooks  # noqa: F401  (connects the translation receiver)

    french = Locale.objects.get(language_code="fr")
    course_fr = course_a.copy_for_translation(french, copy_parents=True)
    module_fr = module_a.copy_for_translation(french)

    trainer = _fresh(trainer_a)
    assert course_fr.permissions_for_user(trainer).can_edit()
    assert module_fr.permissions_for_user(_fresh(trainer_a)).can_edit()
    assert not course_fr.permissions_for_user(_fresh(trainer_a)).can_publish()
    client.force_login(trainer_a)
    assert client.get(f"/admin/pages/{course_fr.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{course_a.pk}/").status_code == 200


def test_the_original_version_decides_who_the_trainers_are(course_a, trainer_a):
    import courses.wagtail_hooks  # noqa: F401

    french = Locale.objects.get(language_code="fr")
    course_fr = course_a.copy_for_translation(french, copy_parents=True)
    # A stale list on a translation neither grants nor revokes anything.
    other = trainer_user()
    course_fr.trainers.set([other])
    course_sync_trainer_permissions(course=course_fr)
    assert course_fr.permissions_for_user(_fresh(trainer_a)).can_edit()
    assert not course_fr.permissions_for_user(_fresh(other)).can_edit()


def test_deleting_a_course_deletes_its_trainer_group(course_a, trainer_a):
    key = course_a.translation_key
    group_pk = CourseTrainerGroup.objects.get().group_id
    course_a.delete()
    course_trainer_group_prune(translation_key=key)
    assert not Group.objects.filter(pk=group_pk).exists()
    assert not CourseTrainerGroup.objects.exists()


# --- the "Secretariat review" workflow -------------------------------------------------


def _submit(client, trainer, course):
    client.force_login(trainer)
    url = f"/admin/pages/{course.pk}/edit/"
    data = _form(client, url)
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return CoursePage.objects.get(pk=course.pk).current_workflow_state


def test_courses_go_through_secretariat_review(catalogue, course_a):
    workflow = course_a.get_workflow()
    assert workflow.name == "Secretariat review"
    [task] = [task.specific for task in workflow.tasks]
    assert task.name == "Secretariat approval"
    assert [group.name for group in task.groups.all()] == ["Secretariat"]
    assert catalogue.get_workflow() == workflow
    # The root link covers catalogues and courses translated later, in any language.
    assert Page.objects.get(depth=1).get_workflow() == workflow


def test_wagtails_default_moderation_is_switched_off():
    assert not Workflow.objects.get(name="Moderators approval").active
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_trainer_submits_a_draft_course_for_review(client, course_a, trainer_a):
    state = _submit(client, trainer_a, course_a)
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Secretariat approval"
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not CoursePage.objects.get(pk=course_a.pk).live


def test_secretariat_approves_and_the_course_goes_live(client, secretariat, course_a, trainer_a):
    state = _submit(client, trainer_a, course_a)
    client.force_login(secretariat)
    response = client.post(
        f"/admin/pages/workflow/action/{course_a.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Clear and well sourced."},
    )
    assert response.status_code == 302
    course = CoursePage.objects.get(pk=course_a.pk)
    assert course.live
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED


def test_trainer_cannot_approve_a_review(client, course_a, trainer_a):
    state = _submit(client, trainer_a, course_a)
    client.force_login(trainer_a)
    client.post(
        f"/admin/pages/workflow/action/{course_a.pk}/approve/{state.current_task_state.pk}/",
        {"comment": ""},
    )
    assert not CoursePage.objects.get(pk=course_a.pk).live
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.specific.task.specific.get_actions(course_a, _fresh(trainer_a)) == []


def test_a_course_without_trainers_gets_no_group(course_b):
    assert course_sync_trainer_permissions(course=course_b) is None
    assert not CourseTrainerGroup.objects.exists()


# --- autosave's draft and a retried create form -------------------------------------------


def _module_form(client, course):
    url = f"/admin/pages/add/courses/modulepage/{course.pk}/"
    data = _form(client, url)
    data["title"] = "Governance in cooperatives"
    data["slug"] = "governance-in-cooperatives"
    data["body-count"] = "0"  # the StreamField's inputs are drawn by JavaScript
    return url, data


def test_a_retried_create_form_saves_into_the_draft_autosave_made(client, course_a, trainer_a):
    client.force_login(trainer_a)
    url, data = _module_form(client, course_a)
    # Autosave: the editor's script posts the form and expects JSON; the page now exists.
    autosaved = client.post(url, data, headers={"accept": "application/json"})
    assert autosaved.status_code == 200 and autosaved.json()["success"]
    # The form was never switched to the new page: "Save draft" posts the create form again.
    data["summary"] = "Who decides, and how."
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    module = ModulePage.objects.child_of(course_a).get()
    assert module.slug == "governance-in-cooperatives"
    assert response["Location"].startswith(f"/admin/pages/{module.pk}/edit/")
    assert module.get_latest_revision_as_object().summary == "Who decides, and how."
    assert not module.live


def test_a_retried_autosave_saves_into_the_same_draft(client, course_a, trainer_a):
    client.force_login(trainer_a)
    url, data = _module_form(client, course_a)
    for _attempt in range(2):
        response = client.post(url, data, headers={"accept": "application/json"})
        assert response.status_code == 200 and response.json()["success"], response.content
    assert ModulePage.objects.child_of(course_a).count() == 1


def test_a_create_form_still_refuses_the_slug_of_someone_elses_page(
    client, course_a, module_a, trainer_a
):
    client.force_login(trainer_a)
    url, data = _module_form(client, course_a)
    data["slug"] = module_a.slug  # made by the fixture, not by this trainer
    response = client.post(url, data)
    assert response.status_code == 200
    assert "is already in use within the parent page" in response.content.decode()
    assert ModulePage.objects.child_of(course_a).count() == 1


def test_a_courses_modules_are_listed_in_course_order_in_the_admin(client, course_a, trainer_a):
    first = _module(course_a, "First module", "first")
    second = _module(course_a, "Second module", "second")
    first.save_revision()  # edited last: the admin listed the latest edited first
    client.force_login(trainer_a)
    response = client.get(f"/admin/pages/{course_a.pk}/")
    html = response.content.decode()
    assert html.index("First module") < html.index("Second module")
    second.save_revision()
    html = client.get(f"/admin/pages/{course_a.pk}/").content.decode()
    assert html.index("First module") < html.index("Second module")
