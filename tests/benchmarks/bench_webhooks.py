"""What webhooks cost: recording an event (in the request that caused it) with 0, 1 and 10
endpoints, sending deliveries to a local receiver, and the sweep over many pending rows.

Run against a throwaway PostgreSQL database (it is created, migrated and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_academy \\
        .venv/bin/python -m tests.benchmarks.bench_webhooks [--events 500] [--pending 20000]

Tasks are counted, not run, while recording; the sends are made in this process, one
after another, to an http.server on 127.0.0.1 (what a worker process does per message).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
import uuid
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--pending", type=int, default=20_000)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner

    assert connection.vendor == "postgresql", "set DATABASE_URL=postgres://…"
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        run(arguments)
    finally:
        runner.teardown_databases(old_config)


def run(arguments) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from courses.models import Enrolment
    from courses.webhooks import delivery as delivery_module
    from courses.webhooks.models import WebhookDelivery, WebhookEndpoint
    from courses.webhooks.payloads import enrolment_event
    from courses.webhooks.services import webhook_endpoint_create, webhook_event_record
    from courses.webhooks.tasks import webhook_deliver_task
    from lms.models import Organisation, User
    from tests.webhooks.conftest import ALL_EVENTS, Receiver, serve

    now = timezone.now()
    organisation = Organisation.objects.create(name="District of Bamako", short_name="Bamako")
    users = User.objects.bulk_create(
        [
            User(email=f"learner{i}@bench.example", full_name=f"Learner {i}")
            for i in range(arguments.events)
        ]
    )
    course_key = uuid.uuid4()
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(user=user, course_key=course_key, organisation=organisation, enrolled_at=now)
            for user in users
        ]
    )
    receiver = Receiver()
    server = serve(receiver)
    queued = []
    with mock.patch.object(
        webhook_deliver_task, "delay_on_commit", side_effect=lambda **kw: queued.append(kw)
    ):
        for endpoints in (0, 1, 10):
            WebhookDelivery.objects.all().delete()
            WebhookEndpoint.objects.all().delete()
            for _ in range(endpoints):
                webhook_endpoint_create(
                    organisation=organisation, url=receiver.url, events=ALL_EVENTS, by=None
                )
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                for enrolment in enrolments:
                    event = enrolment_event("enrolment.created", enrolment_id=enrolment.pk)
                    webhook_event_record(event=event, now=now)
            elapsed = time.perf_counter() - started
            if endpoints == 1 and os.environ.get("BENCH_SHOW_QUERIES"):
                for query in queries.captured_queries[:8]:
                    print("   ", query["sql"][:160])
            print(
                f"record {len(enrolments)} events, {endpoints:>2} endpoints: "
                f"{elapsed * 1000 / len(enrolments):.2f} ms and "
                f"{len(queries.captured_queries) / len(enrolments):.1f} queries per event, "
                f"{WebhookDelivery.objects.count()} rows"
            )

        ids = list(WebhookDelivery.objects.values_list("pk", flat=True)[: arguments.events])
        started = time.perf_counter()
        for delivery_id in ids:
            delivery_module.webhook_deliver(delivery_id=delivery_id, now=now)
        elapsed = time.perf_counter() - started
        print(
            f"send {len(ids)} deliveries to a local receiver, one after another: "
            f"{elapsed * 1000 / len(ids):.1f} ms each ({len(ids) / elapsed:.0f} per second "
            f"per worker process); receiver got {len(receiver.requests)}"
        )

        endpoint = WebhookEndpoint.objects.first()
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    endpoint=endpoint,
                    event_id=f"msg_bench_{i}",
                    event_type="enrolment.created",
                    payload={"type": "enrolment.created", "data": {}},
                    created_at=now,
                    next_attempt_at=now - dt.timedelta(seconds=1),
                )
                for i in range(arguments.pending)
            ],
            batch_size=5000,
        )
        queued.clear()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = delivery_module.webhooks_sweep(now=now)
            elapsed = time.perf_counter() - started
        print(
            f"sweep over {arguments.pending} pending rows: {elapsed * 1000:.0f} ms, "
            f"{len(queries.captured_queries)} queries, {result.queued} queued (one batch)"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
