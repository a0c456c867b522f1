"""Stranded work comes back from the broker, with real processes: a Redis broker, Celery
workers (subprocesses), PostgreSQL and an SMTP server.

A worker killed whole (``kill -9`` of its process group) while it holds a message leaves
that message unacknowledged in Redis; the next worker restores it once the visibility
timeout has passed. The test runs the workers with a 6-second visibility timeout (time
limits 4/5 s, a restore look every second) instead of production's 240 s, and asserts
the certificate is made and mailed exactly once, without any sweep, within that bound.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from courses.models import Certificate, NotificationDelivery
from courses.tasks import certificate_issue_task
from tests.integration.conftest import wait_for
from tests.integration.test_certificates_worker import (  # noqa: F401 (fixtures)
    QUEUES,
    _certificate_mails,
    broker,
    completed,
    smtp,
    worker_env,
)
from tests.integration.test_notifications_delivery import _kill_group

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISIBILITY = 6
SHORT_DELAYS = {
    "CELERY_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY),
    "CELERY_TASK_TIME_LIMIT": "5",
    "CELERY_TASK_SOFT_TIME_LIMIT": "4",
    "CELERY_BROKER_RESTORE_INTERVAL": "1",
}


def test_a_message_held_by_a_worker_killed_whole_is_redelivered_within_the_visibility_timeout(
    broker,  # noqa: F811
    smtp,  # noqa: F811
    worker_env,  # noqa: F811
    start_worker,
    completed,  # noqa: F811
    tmp_path,
):
    env = {**worker_env, **SHORT_DELAYS}
    started, release = tmp_path / "render-started", tmp_path / "render-release"
    held = start_worker(
        {
            **env,
            "DJANGO_SETTINGS_MODULE": "tests.integration.slow_render_settings",
            "RENDER_STARTED_FILE": str(started),
            "RENDER_RELEASE_FILE": str(release),
        },
        QUEUES,
    )
    certificate_issue_task.apply_async(kwargs={"enrolment_id": completed.pk})
    assert wait_for(started.exists, 60), held.output()[-3000:]

    _kill_group(held)  # the whole worker, parent and child: nobody rejects the message
    crashed_at = time.monotonic()
    release.touch()
    assert not Certificate.objects.get().pdf

    restarted = start_worker(env, QUEUES)  # no sweep runs in this test
    assert wait_for(lambda: len(_certificate_mails(smtp)) >= 1, 60), restarted.output()[-3000:]
    recovered_after = time.monotonic() - crashed_at

    time.sleep(2)
    certificate = Certificate.objects.get()
    assert certificate.pdf and Path(certificate.pdf.path).exists()
    assert len(_certificate_mails(smtp)) == 1
    assert NotificationDelivery.objects.filter(kind="certificate", status="sent").count() == 1
    # The visibility timeout, plus a worker's start and one restore look, plus the render.
    assert VISIBILITY <= recovered_after < VISIBILITY + 25, recovered_after
    print(f"recovered {recovered_after:.1f} s after the crash (visibility timeout {VISIBILITY} s)")
