"""Real processes for the integration tests: Celery workers started as subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_HOST")


def process_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """An environment for a child process of the project: its own var/, no inherited URLs."""
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DEBUG="1",
        VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


class Worker:
    """A `celery worker` process consuming ``queues``; stopped (warm shutdown) on exit."""

    def __init__(self, env: dict[str, str], queues: str, log: Path):
        self.log = log
        self._file = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "lms",
                "worker",
                "--queues",
                queues,
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--hostname",
                f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._file.close()


def child_database_url() -> str:
    """The URL of the test database pytest-django created, for child processes."""
    from django.db import connection

    database = connection.settings_dict
    return "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
        USER=database["USER"] or "postgres",
        HOST=database["HOST"] or "127.0.0.1",
        PORT=database["PORT"] or 5432,
        NAME=database["NAME"],
    )


@pytest.fixture
def start_worker(tmp_path):
    workers: list[Worker] = []

    def _start(env: dict[str, str], queues: str) -> Worker:
        worker = Worker(env, queues, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield _start
    for worker in workers:
        worker.stop()


def wait_for(predicate, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture(autouse=True)
def _publish_to_the_real_broker():
    """Unit tests run tasks eagerly (tests.settings); here they go to a real worker."""
    from lms.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager
