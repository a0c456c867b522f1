"""The "Learning" submenu shows each screen to the people its permission policy allows:
the report and enrolment screens of the "learning" viewset by the person's reach,
the viewsets' own menu items (outbox, certificate register, certificate downloads,
webhooks) and the attendance screen."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUTBOX = "notification_deliveries:index"
REGISTER = "certificates:index"
DOWNLOADS = "certificate_archives:index"
ATTENDANCE = "webinar_attendance:index"
WEBHOOKS = "webhook_endpoints:index"


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("secretariat", {OUTBOX, REGISTER, DOWNLOADS, ATTENDANCE, WEBHOOKS}),
        ("bamako_coordinator", {DOWNLOADS, ATTENDANCE, WEBHOOKS}),
        ("trainer", {ATTENDANCE}),
    ],
)
def test_the_learning_menu_shows_what_each_policy_allows(client, request, who, shown):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in (OUTBOX, REGISTER, DOWNLOADS, ATTENDANCE, WEBHOOKS):
        assert (reverse(name) in page) is (name in shown), name


REPORT_SCREENS = {
    "progress": "learning:progress",
    "enrol": "learning:enrol",
    "overview": "learning:overview",
    "my courses": "learning:trainer_courses",
}


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("secretariat", {"progress", "enrol", "overview", "my courses"}),
        ("bamako_coordinator", {"progress", "enrol"}),
        ("trainer", {"my courses"}),  # before they teach a course
    ],
)
def test_the_learning_viewset_shows_each_report_screen_to_whom_it_serves(
    client, request, who, shown, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(40):
        page = client.get(reverse("wagtailadmin_home")).content.decode()
    for screen, name in REPORT_SCREENS.items():
        assert (f'"{reverse(name)}"' in page) is (screen in shown), screen
        if screen not in shown:
            assert client.get(reverse(name)).status_code != 200, screen
