"""The members' screens ask their permission policy in a fixed number of queries: the
coordinator's membership list costs the same for 3 members as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.services import membership_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Measured: 14 (memberships), 13 (invite), 12 (organisations) for 3 or 30 members.
MAX_QUERIES = 16


def _members(organisation, count):
    for _ in range(count):
        membership_create(user=UserFactory(), organisation=organisation, confirmed=True)


def _queries(client, url, django_assert_max_num_queries) -> int:
    with (
        CaptureQueriesContext(connection) as captured,
        django_assert_max_num_queries(MAX_QUERIES),
    ):
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name", ["memberships:index", "memberships:invite", "organisations:index"]
)
def test_a_coordinators_member_screens_take_a_fixed_number_of_queries(
    client, bamako, seoul, bamako_coordinator, url_name, django_assert_max_num_queries
):
    _members(seoul, 5)  # another organisation's members cost nothing either
    client.force_login(bamako_coordinator)
    url = reverse(url_name)
    _members(bamako, 3)
    few = _queries(client, url, django_assert_max_num_queries)
    _members(bamako, 27)
    many = _queries(client, url, django_assert_max_num_queries)
    assert few == many
