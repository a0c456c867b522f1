"""The members admin, tried by every kind of person (the access matrix)."""

import pytest
from django.urls import reverse

from lms.models import Membership, Organisation, User
from lms.services import membership_create
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OBJECT_VIEWS = ["edit", "inspect", "delete", "history", "usage"]


def assert_refused(response, *hidden: str) -> None:
    """Refused means 403, 404, or Wagtail's redirect to the dashboard, showing nothing."""
    if response.status_code == 302:
        location = response["Location"]
        assert location == reverse("wagtailadmin_home") or location.startswith(
            reverse("wagtailadmin_login")
        ), location
    else:
        assert response.status_code in (403, 404), response.status_code
    for text in hidden:
        assert text.encode() not in response.content


def _urls_for(obj, viewset):
    return [reverse(f"{viewset}:{view}", args=[obj.pk]) for view in OBJECT_VIEWS]


@pytest.fixture
def people(
    seoul, bamako, seoul_coordinator, bamako_coordinator, bamako_learner, secretariat, trainer
):
    return {
        "seoul_coordinator": seoul_coordinator,
        "bamako_coordinator": bamako_coordinator,
        "bamako_learner": bamako_learner,
        "secretariat": secretariat,
        "trainer": trainer,
    }


def test_anonymous_visitors_are_sent_to_log_in(client, seoul):
    for url in [reverse("organisations:index"), *_urls_for(seoul, "organisations")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["bamako_learner"])
def test_learners_cannot_enter_the_admin(client, people, who, seoul):
    client.force_login(people[who])
    assert_refused(client.get(reverse("organisations:index")), "Seoul")


def test_a_trainer_sees_no_organisation(client, people, seoul):
    client.force_login(people["trainer"])
    assert_refused(client.get(reverse("organisations:index")), seoul.name)
    for url in _urls_for(seoul, "organisations"):
        assert_refused(client.get(url), seoul.name)


def test_a_coordinator_lists_only_their_organisation(client, people, seoul, bamako):
    client.force_login(people["seoul_coordinator"])
    response = client.get(reverse("organisations:index"))
    assert response.status_code == 200
    assert seoul.name.encode() in response.content
    assert bamako.name.encode() not in response.content


@pytest.mark.parametrize("view", ["edit", "inspect", "history", "usage", "delete"])
def test_a_coordinator_cannot_open_another_organisation(client, people, bamako, view):
    client.force_login(people["seoul_coordinator"])
    assert_refused(client.get(reverse(f"organisations:{view}", args=[bamako.pk])), bamako.name)


def test_a_coordinator_can_inspect_but_not_change_their_organisation(client, people, seoul):
    client.force_login(people["seoul_coordinator"])
    assert client.get(reverse("organisations:inspect", args=[seoul.pk])).status_code == 200
    response = client.post(
        reverse("organisations:edit", args=[seoul.pk]), {"name": "Renamed", "short_name": "R"}
    )
    assert_refused(response)
    seoul.refresh_from_db()
    assert seoul.name == "Seoul Metropolitan Government"


def test_a_coordinator_sees_only_their_organisations_memberships(client, people, bamako_learner):
    client.force_login(people["seoul_coordinator"])
    response = client.get(reverse("memberships:index"))
    assert response.status_code == 200
    assert bamako_learner.full_name.encode() not in response.content
    other = Membership.objects.get(user=bamako_learner)
    for url in _urls_for(other, "memberships"):
        assert_refused(client.get(url), bamako_learner.full_name)


def test_a_coordinators_export_holds_no_other_organisation(client, people):
    client.force_login(people["bamako_coordinator"])
    response = client.get(reverse("memberships:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    assert "Bamako" in text
    assert "Seoul" not in text


def test_secretariat_searches_and_filters_organisations(client, people, seoul, bamako):
    client.force_login(people["secretariat"])
    response = client.get(reverse("organisations:index"), {"region": "africa"})
    assert response.status_code == 200
    assert bamako.name.encode() in response.content
    assert seoul.name.encode() not in response.content
    response = client.get(reverse("organisations:index"), {"q": "Seoul"})
    assert seoul.name.encode() in response.content
    assert bamako.name.encode() not in response.content
    response = client.get(
        reverse("organisations:index"), {"country": "KR", "kind": "local_government"}
    )
    assert seoul.name.encode() in response.content


def test_secretariat_adds_an_organisation(client, people):
    client.force_login(people["secretariat"])
    response = client.post(
        reverse("organisations:add"),
        {
            "name": "Ville de Lyon",
            "short_name": "Lyon",
            "kind": "local_government",
            "country": "FR",
            "city": "Lyon",
            "region": "europe",
            "website": "",
            "joined_on": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Organisation.objects.filter(short_name="Lyon", country="FR").exists()


def test_secretariat_makes_a_member_a_coordinator_in_the_admin(client, people, seoul):
    person = UserFactory()
    client.force_login(people["secretariat"])
    # "Add" is the invitation: nobody becomes a member without being asked.
    response = client.post(
        reverse("memberships:add"),
        {"user": person.pk, "organisation": seoul.pk, "role": "coordinator", "status": "active"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("memberships:invite")
    assert not Membership.objects.filter(user=person).exists()
    membership = membership_create(user=person, organisation=seoul, confirmed=True)
    response = client.post(
        reverse("memberships:edit", args=[membership.pk]),
        {"role": "coordinator", "status": "ended", "user": UserFactory().pk},
    )
    assert response.status_code == 302, response.content[:2000]
    membership.refresh_from_db()
    assert (membership.role, membership.status, membership.user) == (
        "coordinator",
        "active",
        person,
    )
    assert person.groups.filter(name="Coordinators").exists()


def test_secretariat_creates_a_user_with_full_name_and_email_login(client, people):
    client.force_login(people["secretariat"])
    form = client.get(reverse("wagtailusers_users:add"))
    assert form.status_code == 200
    assert b'name="full_name"' in form.content
    assert b'name="first_name"' not in form.content
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "Nouvelle.Personne@Montreal.example",
            "full_name": "Nouvelle Personne",
            "preferred_language": "fr",
            "time_zone": "America/Toronto",
            "password1": "un mot de passe assez long",
            "password2": "un mot de passe assez long",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    user = User.objects.get(email="nouvelle.personne@montreal.example")
    assert (user.full_name, user.preferred_language, user.time_zone) == (
        "Nouvelle Personne",
        "fr",
        "America/Toronto",
    )


def test_the_user_form_refuses_an_address_in_use_in_another_case(client, people):
    UserFactory(email="taken@example.org")
    client.force_login(people["secretariat"])
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "TAKEN@example.org",
            "full_name": "Someone Else",
            "preferred_language": "en",
            "time_zone": "UTC",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_the_user_list_searches_full_names(client, people):
    UserFactory(full_name="Fatoumata Keïta")
    client.force_login(people["secretariat"])
    response = client.get(reverse("wagtailusers_users:index"), {"q": "Fatoumata"})
    assert response.status_code == 200
    assert "Fatoumata Keïta" in response.content.decode()


@pytest.mark.parametrize("viewset", ["memberships", "organisations"])
def test_admin_listings_do_not_grow_in_queries_with_rows(client, people, viewset):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["secretariat"])
    url = reverse(f"{viewset}:index")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get(url)  # warm the per-session caches
    few = queries()
    for _n in range(25):
        organisation = OrganisationFactory()
        membership_create(user=UserFactory(), organisation=organisation, confirmed=True)
    assert queries() == few
    assert few <= 25


def test_the_secretariat_cannot_make_an_administrator(client, people):
    person = UserFactory()
    client.force_login(people["secretariat"])
    form = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert b'name="is_superuser"' not in form.content
    client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "full_name": person.full_name,
            "preferred_language": "en",
            "time_zone": "UTC",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    person.refresh_from_db()
    assert not person.is_superuser


def test_an_administrator_can_make_an_administrator(client, people):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    form = client.get(reverse("wagtailusers_users:edit", args=[people["trainer"].pk]))
    assert b'name="is_superuser"' in form.content


def test_the_secretariat_cannot_edit_an_administrator(client, people):
    admin = UserFactory(is_superuser=True, email="root@gsef.example")
    client.force_login(people["secretariat"])
    url = reverse("wagtailusers_users:edit", args=[admin.pk])
    assert_refused(client.get(url), "root@gsef.example")
    client.post(url, {"email": "taken-over@example.org", "full_name": "x", "password1": "p"})
    admin.refresh_from_db()
    assert admin.email == "root@gsef.example"


def test_an_organisation_with_members_cannot_be_deleted_only_deactivated(client, people, bamako):
    client.force_login(people["secretariat"])
    response = client.post(reverse("organisations:delete", args=[bamako.pk]), follow=True)
    assert "still has 2 members" in response.content.decode()
    assert Organisation.objects.filter(pk=bamako.pk).exists()
    assert Membership.objects.filter(organisation=bamako).exists()


def test_an_organisation_without_members_can_be_deleted(client, people):
    empty = OrganisationFactory()
    client.force_login(people["secretariat"])
    assert client.post(reverse("organisations:delete", args=[empty.pk])).status_code == 302
    assert not Organisation.objects.filter(pk=empty.pk).exists()
