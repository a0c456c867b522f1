"""GSEF Academy project wiring and platform core (users, member organisations)."""

from lms.celery import app as celery_app

__all__ = ["celery_app"]
