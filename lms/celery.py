"""The Celery application: broker-independent behaviour and the one beat schedule.

Every service a task calls is safe to repeat, which is what allows late
acknowledgement: a message whose worker dies is delivered again rather than lost.
"""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
# Broker URL, transport options and time limits come from lms/settings.py (CELERY_*).
app.config_from_object("django.conf:settings", namespace="CELERY")

QUEUES = ("default", "notifications", "certificates", "exports")

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
    task_routes={
        "courses.tasks.*notif*": {"queue": "notifications"},
        "courses.tasks.*certificate*": {"queue": "certificates"},
        # A 33,000-row spreadsheet takes seconds of a worker: never ahead of a reminder.
        "courses.tasks.*export*": {"queue": "exports"},
        "lms.tasks.email_*": {"queue": "notifications"},
    },
    worker_send_task_events=False,
    timezone="UTC",
    enable_utc=True,
)

# The beat schedule, in one place. Exactly one beat process runs (Procfile: beat).
app.conf.beat_schedule = {
    # Proves beat and a worker are alive end to end; /health/ reports how long ago
    # this ran, so a stopped beat or worker is visible from outside.
    "heartbeat": {
        "task": "lms.tasks.heartbeat_task",
        "schedule": crontab(minute="*"),
        "kwargs": {"source": "beat"},
    },
    # Reminders and notifications are found from the state of the database, not from
    # ETA tasks: every five minutes the sweep records what is due (once, whatever runs
    # twice) and queues the sends, and catches up any send whose message was lost.
    "notifications-sweep": {
        "task": "courses.tasks.notifications_sweep_task",
        "schedule": crontab(minute="*/5"),
    },
    # Certificates whose issue or render message was lost are caught up the same way.
    "certificates-sweep": {
        "task": "courses.tasks.certificates_sweep_task",
        "schedule": crontab(minute="2-59/5"),
    },
}

app.autodiscover_tasks()
