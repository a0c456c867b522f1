"""The background work of courses, registered into lms.background: the queue of each
task (by name) and the sweeps beat runs."""

from celery.schedules import crontab

from lms.background import register_beat_entry, register_task_queue


def register() -> None:
    """Route the tasks of courses/tasks.py to their queues and register the sweeps."""
    # A burst of PDFs or a large spreadsheet never delays a reminder: each has a queue.
    register_task_queue("courses.tasks.*notif*", "notifications")
    register_task_queue("courses.tasks.*certificate*", "certificates")
    # A 33,000-row spreadsheet takes seconds of a worker: never ahead of a reminder.
    register_task_queue("courses.tasks.*export*", "exports")
    # Beside the PDFs it re-queues, never ahead of a reminder.
    register_task_queue("courses.tasks.stranded_work_sweep_task", "certificates")
    register_beat_entry(
        "notifications-sweep",
        task="courses.tasks.notifications_sweep_task",
        schedule=crontab(minute="*/5"),
        why=(
            "Reminders and notifications are found from the state of the database, not "
            "from ETA tasks: every five minutes the sweep records what is due (once, "
            "whatever runs twice) and queues the sends, and catches up any send whose "
            "message was lost."
        ),
    )
    register_beat_entry(
        "certificates-sweep",
        task="courses.tasks.certificates_sweep_task",
        # Offset from the notifications sweep, so the two do not start together.
        schedule=crontab(minute="2-59/5"),
        why="Certificates whose issue or render message was lost are caught up the same way.",
    )
    register_beat_entry(
        "stranded-work-sweep",
        task="courses.tasks.stranded_work_sweep_task",
        schedule=crontab(minute="4-59/5"),
        why=(
            "Zips and exports whose message was lost (a broker outage when they were asked "
            "for, a Redis restart) are queued again, and failed ones, and certificates "
            "past their quick render retries, are tried again hourly for 24 hours."
        ),
    )
