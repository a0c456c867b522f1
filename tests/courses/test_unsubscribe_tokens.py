"""A tampered unsubscribe link opts nobody out: not its holder, not the person it was
altered to name, not anyone else."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.services.notifications import unsubscribe_token, unsubscribe_token_read
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _tampered(token: str, other: str) -> dict[str, str]:
    payload, signature = token.rsplit(":", 1)
    other_payload, _other_signature = other.rsplit(":", 1)
    flipped = "A" if signature[-1] != "A" else "B"
    return {
        "another person's payload under this signature": f"{other_payload}:{signature}",
        "the signature's last character changed": f"{payload}:{signature[:-1]}{flipped}",
        "the signature cut off": payload,
        "a payload naming another person, signed with another key": signing.dumps(
            {"u": 0, "k": "deadline"}, key="not the site's key", salt="x"
        ),
    }


def test_a_tampered_unsubscribe_token_changes_nobodys_preferences():
    holder = UserFactory(notification_preferences={"webinar": False})
    target = UserFactory()
    bystander = UserFactory(notification_preferences={"digest": True})
    token = unsubscribe_token(user=holder, category="deadline")
    other = unsubscribe_token(user=target, category="digest")

    for description, tampered in _tampered(token, other).items():
        assert unsubscribe_token_read(tampered) is None, description
        with translation.override("en"):
            url = reverse("learn:unsubscribe", args=[tampered])
        assert Client().post(url).status_code == 400, description
        assert Client(enforce_csrf_checks=True).post(url).status_code == 400, description

    for person, before in (
        (holder, {"webinar": False}),
        (target, {}),
        (bystander, {"digest": True}),
    ):
        person.refresh_from_db()
        assert person.notification_preferences == before

    # The untouched token still works, for its holder only.
    assert unsubscribe_token_read(token) == (holder, "deadline")
