"""Deployment checks: `manage.py check --deploy` warns about embedded defaults in production."""

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.database, deploy=True)
def embedded_defaults_in_production(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    found = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        found.append(
            checks.Warning(
                "The database is the embedded SQLite file.",
                hint="Set DATABASE_URL=postgres://… for production.",
                id="lms.W001",
            )
        )
    if settings.CELERY_BROKER_URL.startswith(("filesystem://", "memory://")):
        found.append(
            checks.Warning(
                "Celery uses the embedded filesystem broker, which one machine only can read.",
                hint="Set CELERY_BROKER_URL=redis://… for production.",
                id="lms.W002",
            )
        )
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        found.append(
            checks.Warning(
                "The cache is local to each process, so rate limits and cached pages are "
                "not shared between web processes.",
                hint="Set REDIS_URL=redis://… for production.",
                id="lms.W003",
            )
        )
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        found.append(
            checks.Warning(
                "E-mail is written to files instead of being sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD).",
                id="lms.W004",
            )
        )
    if not (os.environ.get("PUBLIC_BASE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL")):
        found.append(
            checks.Warning(
                "PUBLIC_BASE_URL is not set, so links in e-mails, calendars and "
                "certificates point to localhost.",
                hint="Set PUBLIC_BASE_URL=https://your-academy-host.",
                id="lms.W005",
            )
        )
    return found


@checks.register()
def private_storage_backend(app_configs, **kwargs):
    """A bucket for private files or public media needs django-storages (the ``s3`` extra)."""
    named = [
        name
        for name in ("PRIVATE_STORAGE_BUCKET", "MEDIA_STORAGE_BUCKET")
        if getattr(settings, name, "")
    ]
    if not named:
        return []
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError:
        return [
            checks.Error(
                f"{' and '.join(named)} {'is' if len(named) == 1 else 'are'} set but "
                "django-storages is not installed.",
                hint="Install the project with its s3 extra: pip install '.[s3]'.",
                id="lms.E001",
            )
        ]
    return []


@checks.register()
def task_time_limits_below_visibility_timeout(app_configs, **kwargs):
    """Every task's own hard time limit stays below the broker's visibility timeout, as
    the default does (lms/settings.py refuses to start otherwise): a task still running
    past the timeout would be handed to a second worker while the first still runs."""
    from lms.celery import app

    timeout = settings.CELERY_BROKER_VISIBILITY_TIMEOUT
    if settings.CELERY_BROKER_URL.startswith(("filesystem://", "memory://")):
        return []  # no visibility timeout: nothing is redelivered while held
    found = []
    for name, task in sorted(app.tasks.items()):
        limit = getattr(task, "time_limit", None)
        if limit is not None and limit >= timeout:
            found.append(
                checks.Error(
                    f"The task {name} may run {limit} s, not below the broker's "
                    f"visibility timeout ({timeout} s).",
                    hint="Lower the task's time_limit or raise CELERY_BROKER_VISIBILITY_TIMEOUT.",
                    id="lms.E002",
                )
            )
    return found
