"""The Celery application: broker-independent behaviour, queues and the beat schedule.

One of the four wiring modules (tests/test_layering.py), yet it names no app above lms:
apps register their task queues and periodic work into ``lms.background``.

Every service a task calls is safe to repeat, which is what allows late
acknowledgement: a message whose worker dies is delivered again rather than lost.
"""

import os

from celery import Celery
from kombu import Exchange, Queue

from lms import background

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

# Work queued after commit is published through lms.queueing, which never lets a broker
# outage turn a saved action into an error (the rows are the outbox; sweeps catch up).
app = Celery("lms", task_cls="lms.queueing:OutboxTask")
# Broker URL, transport options and time limits come from lms/settings.py (CELERY_*).
app.config_from_object("django.conf:settings", namespace="CELERY")

QUEUES = ("default", "notifications", "certificates", "exports", "webhooks")

app.conf.update(
    accept_content=["json"],
    task_serializer="json",
    result_serializer="json",
    # Tasks record their outcome in the database; nobody waits on a result.
    task_ignore_result=True,
    # Acknowledge after the task ran, and re-queue when the worker process dies,
    # so a crash means "run again", never "lost". Safe because services are idempotent.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    worker_cancel_long_running_tasks_on_connection_loss=True,
    broker_connection_retry_on_startup=True,
    task_default_queue="default",
    task_queues=[Queue(name, Exchange(name), routing_key=name) for name in QUEUES],
    # Each app registers the queue of its tasks into lms.background from its
    # AppConfig.ready(), so this module names no task; unmatched ones go to "default".
    task_routes=(background.route,),
    worker_send_task_events=False,
    timezone="UTC",
    enable_utc=True,
)

# The beat schedule: every app registers its entries, each with the reason it runs, into
# lms.background from its AppConfig.ready(); beat reads this dict when it starts, after
# Django (and so every app) is ready. Exactly one beat process runs (Procfile: beat).
app.conf.beat_schedule = background.SCHEDULE

app.autodiscover_tasks()
