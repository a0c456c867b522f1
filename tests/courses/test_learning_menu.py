"""The "Learning" submenu shows each screen to the people its permission policy allows:
the viewsets' own menu items (outbox, certificate register, certificate downloads) and the
attendance screen."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUTBOX = "notification_deliveries:index"
REGISTER = "certificates:index"
DOWNLOADS = "certificate_archives:index"
ATTENDANCE = "courses_webinar_attendance_index"


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("secretariat", {OUTBOX, REGISTER, DOWNLOADS, ATTENDANCE}),
        ("bamako_coordinator", {DOWNLOADS, ATTENDANCE}),
        ("trainer", {ATTENDANCE}),
    ],
)
def test_the_learning_menu_shows_what_each_policy_allows(client, request, who, shown):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in (OUTBOX, REGISTER, DOWNLOADS, ATTENDANCE):
        assert (reverse(name) in page) is (name in shown), name
