"""The development receiver (manage.py webhooks_listen) agrees with the Standard Webhooks
library on what a valid signature is."""

from __future__ import annotations

import datetime as dt

import time_machine
from standardwebhooks.webhooks import Webhook

from courses.webhooks.management.commands.webhooks_listen import check
from courses.webhooks.models import secret_new

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_the_development_receiver_accepts_what_the_library_signs_and_nothing_else():
    secret = secret_new()
    body = '{"type":"course.completed","data":{}}'
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(NOW.timestamp())),
        "webhook-signature": Webhook(secret).sign("msg_1", NOW, body),
    }
    with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
        assert check(secret, headers, body.encode()) == "valid"
        assert check(secret, headers, body.encode() + b" ") == "INVALID signature"
        assert check(secret_new(), headers, body.encode()) == "INVALID signature"
        assert check(secret, {**headers, "webhook-id": "msg_2"}, body.encode()) != "valid"
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        assert check(secret, headers, body.encode()) == "timestamp too far from now"
