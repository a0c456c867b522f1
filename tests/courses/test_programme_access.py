"""Access matrix of the programme URLs: the learner's join and leave actions, the public
programme pages and the programme badge's achievement address."""

import pytest
from django.urls import reverse

from courses.models import CoursePage, ProgrammeEnrolment
from courses.services.programmes import programme_enrol
from tests.courses import factories
from tests.courses import programme_factories as programmes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return programmes.programme("Building a local SSE ecosystem", required=(factories.course(),))


@pytest.fixture
def bamako_programme(bamako):
    reserved = factories.course("For Bamako", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([bamako])
    reserved.save_revision().publish()
    return programmes.programme("Bamako's path", required=(reserved,))


def _join(programme):
    return reverse("learn:programme_join", args=[programme.pk])


def _leave(programme):
    return reverse("learn:programme_leave", args=[programme.pk])


@pytest.mark.parametrize("action", [_join, _leave])
def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_written(client, programme, action):
    response = client.post(action(programme))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not ProgrammeEnrolment.objects.exists()


def test_a_learner_of_another_organisation_is_refused_a_reserved_programme(
    client, bamako_programme, seoul
):
    from lms.services import membership_create

    outsider = UserFactory()
    membership_create(user=outsider, organisation=seoul, confirmed=True)
    client.force_login(outsider)
    response = client.post(_join(bamako_programme))
    assert response.status_code == 403
    assert "“For Bamako”" in response.content.decode()
    assert not ProgrammeEnrolment.objects.exists()


def test_a_member_of_the_named_organisation_may_join(client, bamako_programme, bamako_learner):
    client.force_login(bamako_learner)
    assert client.post(_join(bamako_programme)).status_code == 302
    assert ProgrammeEnrolment.objects.get().user == bamako_learner


def test_an_unpublished_programme_is_not_found(client, programme):
    client.force_login(UserFactory())
    programme.unpublish()
    assert client.post(_join(programme)).status_code == 404
    assert client.get(programme.get_parent().url).status_code == 200


def test_leaving_a_programme_one_never_joined_is_not_found(client, programme):
    client.force_login(UserFactory())
    assert client.post(_leave(programme)).status_code == 404


def test_a_learner_leaves_only_their_own_enrolment(client, programme):
    follower, other = UserFactory(), UserFactory()
    programme_enrol(user=follower, programme=programme)
    client.force_login(other)
    assert client.post(_leave(programme)).status_code == 404
    assert ProgrammeEnrolment.objects.get(user=follower).status == "active"


def test_a_get_on_an_action_leads_back_to_the_programme(client, programme):
    client.force_login(UserFactory())
    response = client.get(_join(programme))
    assert response.status_code == 302 and response["Location"] == programme.url
    assert not ProgrammeEnrolment.objects.exists()


def test_the_programme_achievement_address_leads_to_the_programme_page(client, programme):
    url = reverse("badges:achievement", args=["programme", programme.translation_key])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == programme.url
    programme.unpublish()
    assert client.get(url).status_code == 404


# --- the coordinators' "Enrol in a programme" admin screen ---------------------------------


def _admin_url():
    return reverse("learning:enrol_programme")


def test_a_coordinator_enrols_their_member_from_the_admin(
    client, programme, bamako, bamako_coordinator, bamako_learner
):
    client.force_login(bamako_coordinator)
    page = client.get(_admin_url())
    assert page.status_code == 200 and bamako_learner.email in page.content.decode()

    response = client.post(
        _admin_url(),
        {"organisation": bamako.pk, "members": [bamako_learner.pk], "programme": programme.pk},
    )
    assert response.status_code == 200
    assert "Enrolled" in response.content.decode()
    enrolment = ProgrammeEnrolment.objects.get(user=bamako_learner)
    assert (enrolment.source, enrolment.enrolled_by) == ("coordinator", bamako_coordinator)


def test_a_coordinator_cannot_pick_another_organisations_members(
    client, programme, seoul, bamako_coordinator
):
    from lms.services import membership_create

    elsewhere = UserFactory()
    membership_create(user=elsewhere, organisation=seoul, confirmed=True)
    client.force_login(bamako_coordinator)
    assert elsewhere.email not in client.get(_admin_url()).content.decode()
    # Seoul is not theirs: refused (Wagtail turns the 403 into a redirect with a message).
    response = client.post(
        _admin_url(),
        {"organisation": seoul.pk, "members": [elsewhere.pk], "programme": programme.pk},
    )
    assert response.status_code in (302, 403)
    # Their own organisation, with Seoul's member slipped in: not a choice there.
    response = client.post(_admin_url(), {"members": [elsewhere.pk], "programme": programme.pk})
    assert response.status_code == 400
    assert not ProgrammeEnrolment.objects.exists()


def test_the_secretariat_may_enrol_any_organisations_members(client, programme, seoul, secretariat):
    from lms.services import membership_create

    member = UserFactory()
    membership_create(user=member, organisation=seoul, confirmed=True)
    client.force_login(secretariat)
    response = client.post(
        _admin_url(),
        {"organisation": seoul.pk, "members": [member.pk], "programme": programme.pk},
    )
    assert response.status_code == 200
    assert ProgrammeEnrolment.objects.get(user=member).source == "coordinator"


@pytest.mark.parametrize("who", ["learner", "trainer"])
def test_learners_and_trainers_are_refused_the_screen(
    client, programme, bamako_learner, trainer, who
):
    client.force_login(bamako_learner if who == "learner" else trainer)
    response = client.get(_admin_url())
    # Wagtail sends people without admin access to its login or home page; others get 403.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" in response["Location"]
    assert not ProgrammeEnrolment.objects.exists()


def test_anonymous_visitors_are_sent_to_the_admin_login(client, programme):
    response = client.get(_admin_url())
    assert response.status_code == 302 and "login" in response["Location"]
