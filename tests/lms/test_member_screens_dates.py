"""The member screens show dates in the viewer's zone and language, never "None", and
their exports write ISO 8601 with the offset."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from lms.models import Membership

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 4, 6, 54, tzinfo=dt.UTC)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


@pytest.fixture
def seoul_secretariat(secretariat):
    secretariat.time_zone = "Asia/Seoul"
    secretariat.save(update_fields=["time_zone"])
    return secretariat


def test_memberships_are_listed_inspected_and_exported_in_the_viewers_zone(
    client, seoul_secretariat, bamako_learner, django_assert_max_num_queries
):
    Membership.objects.update(status_changed_at=NOW, created_at=NOW, confirmed_at=None)
    membership = Membership.objects.get(user=bamako_learner)
    client.force_login(seoul_secretariat)
    with django_assert_max_num_queries(40):
        listing = client.get(reverse("memberships:index"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "4 décembre 2026 15:54 KST" in _text(listing)
    inspect = _text(
        client.get(reverse("memberships:inspect", args=[membership.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    )
    assert "4 décembre 2026 15:54 KST" in inspect
    assert "None" not in inspect  # never confirmed: a dash
    export = _body(client.get(reverse("memberships:index") + "?export=csv"))
    assert "2026-12-04T15:54:00+09:00" in export
    assert "+00:00" not in export


def test_an_organisation_with_empty_fields_is_inspected_without_none(
    client, seoul_secretariat, bamako
):
    client.force_login(seoul_secretariat)
    text = _text(client.get(reverse("organisations:inspect", args=[bamako.pk])))
    assert "None" not in text
    bamako.joined_on = dt.date(2013, 11, 5)
    bamako.save(update_fields=["joined_on"])
    export = _body(client.get(reverse("organisations:index") + "?export=csv"))
    assert "2013-11-05" in export
