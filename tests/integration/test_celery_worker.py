"""A real Celery worker process runs a task that writes to the database."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

from lms.models import Heartbeat
from lms.tasks import heartbeat_task
from tests.integration.conftest import ROOT, child_database_url, process_env, wait_for

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_on_redis_and_postgresql_runs_a_task_that_writes(start_worker, tmp_path):
    assert connection.vendor == "postgresql", "run the suite with `make test` (PostgreSQL + Redis)"
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "run the suite with `make test`"
    queue = f"test-{uuid.uuid4().hex}"
    worker = start_worker(
        process_env(
            tmp_path / "var",
            DATABASE_URL=child_database_url(),
            CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        ),
        queue,
    )
    source = f"redis-{uuid.uuid4().hex}"
    heartbeat_task.apply_async(kwargs={"source": source}, queue=queue)

    ran = wait_for(lambda: Heartbeat.objects.filter(source=source).exists(), timeout=60)
    assert ran, worker.output()[-3000:]
    assert "succeeded" in worker.output()


@pytest.fixture(scope="module")
def embedded_var(tmp_path_factory):
    """A var/ folder with a migrated SQLite database, as `make run` leaves it."""
    var = tmp_path_factory.mktemp("embedded") / "var"
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=process_env(var),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    assert (var / "gsef-academy.sqlite3").exists()
    return var


def test_a_worker_on_the_filesystem_broker_and_sqlite_runs_a_task_that_writes(
    start_worker, embedded_var
):
    var = embedded_var
    env = process_env(var)  # the embedded defaults: no service URL at all
    worker = start_worker(env, "default")
    ping = subprocess.run(
        [sys.executable, "manage.py", "ping_worker", "--timeout", "60"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ping.returncode == 0, ping.stderr + worker.output()[-3000:]
    assert "A worker ran the task" in ping.stdout
    # The message went through the broker's folder and was consumed from it.
    assert not any((var / "celery" / "queue").iterdir())


def test_ping_worker_says_so_when_no_worker_runs(embedded_var):
    env = process_env(embedded_var)
    ping = subprocess.run(
        [sys.executable, "manage.py", "ping_worker", "--timeout", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ping.returncode != 0
    assert "No worker ran the task" in ping.stderr
