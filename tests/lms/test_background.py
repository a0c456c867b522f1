"""lms.background: every app registers its task queues and beat entries, each entry with
the reason it runs; lms/celery.py hands them to Celery and names no task itself."""

from pathlib import Path

import pytest
from celery.schedules import crontab

import courses.tasks  # noqa: F401 (registers the tasks, as a worker's autodiscovery does)
import lms.tasks  # noqa: F401
from lms import background
from lms.celery import app

ROOT = Path(__file__).resolve().parents[2]


def _queue(name: str) -> str:
    task = app.tasks[name]
    return app.amqp.router.route(task._get_exec_options(), name, (), {}, task)["queue"].name


def test_beat_runs_the_heartbeat_and_the_sweeps_each_with_a_reason():
    assert app.conf.beat_schedule is background.SCHEDULE
    assert {name: entry["task"] for name, entry in app.conf.beat_schedule.items()} == {
        "heartbeat": "lms.tasks.heartbeat_task",
        "account-email-sweep": "lms.tasks.email_sweep_task",
        "notifications-sweep": "courses.tasks.notifications_sweep_task",
        "certificates-sweep": "courses.tasks.certificates_sweep_task",
        "stranded-work-sweep": "courses.tasks.stranded_work_sweep_task",
        "webhooks-sweep": "courses.webhooks.tasks.webhooks_sweep_task",
    }
    assert set(background.REASONS) == set(background.SCHEDULE)
    assert all(reason.strip() for reason in background.REASONS.values())
    assert app.conf.beat_schedule["heartbeat"]["kwargs"] == {"source": "beat"}
    # Every entry names a task a worker knows.
    assert all(entry["task"] in app.tasks for entry in app.conf.beat_schedule.values())


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("courses.tasks.notifications_sweep_task", "notifications"),
        ("courses.tasks.notification_send_task", "notifications"),
        ("lms.tasks.email_send_task", "notifications"),
        ("courses.tasks.certificate_issue_task", "certificates"),
        ("courses.tasks.participation_certificate_task", "certificates"),
        ("courses.tasks.certificate_render_task", "certificates"),
        ("courses.tasks.certificates_sweep_task", "certificates"),
        ("courses.tasks.certificate_archive_task", "certificates"),
        ("courses.tasks.report_export_task", "exports"),
        ("courses.webhooks.tasks.webhook_deliver_task", "webhooks"),
        ("courses.webhooks.tasks.webhooks_sweep_task", "webhooks"),
        ("lms.tasks.heartbeat_task", "default"),
    ],
)
def test_each_task_is_sent_to_its_queue(task, queue):
    assert _queue(task) == queue


def test_an_entry_without_a_reason_is_refused():
    with background.registry_snapshot(), pytest.raises(ValueError, match="Say why"):
        background.register_beat_entry(
            "nameless", task="lms.tasks.heartbeat_task", schedule=crontab(), why="  "
        )


def test_a_registered_entry_is_in_the_schedule_beat_reads_and_goes_with_the_snapshot():
    with background.registry_snapshot():
        background.register_beat_entry(
            "extra", task="lms.tasks.heartbeat_task", schedule=60, why="A test needs it."
        )
        background.register_task_queue("lms.tasks.heartbeat_*", "exports")
        assert app.conf.beat_schedule["extra"]["schedule"] == 60
        assert _queue("lms.tasks.heartbeat_task") == "exports"
    assert "extra" not in app.conf.beat_schedule
    assert _queue("lms.tasks.heartbeat_task") == "default"


def test_the_celery_wiring_names_no_task_of_an_upper_app():
    source = (ROOT / "lms" / "celery.py").read_text()
    assert "courses" not in source
