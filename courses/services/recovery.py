"""Catching up stranded work outside the e-mail outbox: certificates whose PDF keeps
failing, coordinators' zips and report exports whose message was lost or whose build failed.

The same rules as the notification outbox (docs/reliability.md):

- *a recorded failure*: every build writes its error on its row (``render_error``,
  ``error``), which the admin and the requester's page show;
- *a retry window*: a failed build is tried again by this sweep, about once an hour,
  for ``RETRY_WINDOW`` after it was asked for; a certificate that failed
  ``MAX_RENDER_ATTEMPTS`` quick renders also gets hourly tries in that window, then
  waits in the register (status "PDF failed") for the secretariat's *Retry*;
- *the sweep catches up lost messages*: a zip or export still waiting
  ``REQUEUE_AFTER`` after it was asked for has lost its message (a broker outage when it
  was asked for, a Redis restart) and is queued again.

``REQUEUE_AFTER`` is longer than the broker's visibility timeout (4 minutes), so a
message a crashed worker held comes back from the broker first; the builds are safe to
repeat (a ready zip or export is left alone), so a second message is a no-op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.models import Certificate, CertificateArchive, ReportExport
from courses.services.certificates import MAX_RENDER_ATTEMPTS, certificates_queue_render

REQUEUE_AFTER = dt.timedelta(minutes=5)
RETRY_WINDOW = dt.timedelta(hours=24)
RETRY_EVERY = dt.timedelta(hours=1)
SWEEP_LIMIT = 100


@dataclass
class RecoverySweep:
    archives_queued: int = 0
    exports_queued: int = 0
    renders_queued: int = 0


def _stranded(model, *, now: dt.datetime):
    """Rows of ``model`` (a zip or an export) to queue again, oldest first."""
    Status = model.Status
    return (
        model.objects.filter(created_at__gte=now - RETRY_WINDOW)
        .filter(
            # Never picked up: the message was lost.
            Q(status=Status.PENDING, created_at__lt=now - REQUEUE_AFTER)
            # Picked up by a worker that died, and not redelivered (the broker lost it too):
            # no build runs longer than the task's time limit, far below this.
            | Q(status=Status.RUNNING, created_at__lt=now - 2 * REQUEUE_AFTER)
            # Failed: tried again about once an hour within the window.
            | Q(status=Status.FAILED, finished_at__lt=now - RETRY_EVERY)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )


def stranded_work_sweep(*, now: dt.datetime) -> RecoverySweep:
    """Queue again the zips, exports and certificate renders that are stranded or due a
    retry (beat, every five minutes)."""
    from courses.tasks import certificate_archive_task, report_export_task

    result = RecoverySweep()
    for pk in _stranded(CertificateArchive, now=now):
        certificate_archive_task.delay_on_commit(archive_id=pk)
        result.archives_queued += 1
    for pk in _stranded(ReportExport, now=now):
        report_export_task.delay_on_commit(export_id=pk)
        result.exports_queued += 1
    # Past the quick retries, within the window: one more try an hour.
    given_up = Certificate.objects.filter(
        pdf="",
        learner_erased_at__isnull=True,
        render_attempts__gte=MAX_RENDER_ATTEMPTS,
        issued_at__gte=now - RETRY_WINDOW,
    ).filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - RETRY_EVERY))
    ids = list(given_up.order_by("issued_at").values_list("pk", flat=True)[:SWEEP_LIMIT])
    with transaction.atomic():
        certificates_queue_render(ids)
    result.renders_queued = len(ids)
    return result


def render_failed(queryset=None):
    """Certificates whose PDF could not be made after every quick retry: the register's
    "PDF failed" filter, the secretariat's alert."""
    queryset = Certificate.objects.all() if queryset is None else queryset
    return queryset.filter(
        pdf="", learner_erased_at__isnull=True, render_attempts__gte=MAX_RENDER_ATTEMPTS
    )


@transaction.atomic
def certificate_render_retry(*, certificate_id: int, now: dt.datetime | None = None) -> bool:
    """The secretariat's *Retry*: a certificate without its PDF gets a fresh set of quick
    retries and is queued now. False when there is nothing to retry (made, or erased)."""
    now = now or timezone.now()
    certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
    if certificate is None or certificate.pdf or certificate.learner_erased_at is not None:
        return False
    certificate.render_attempts = 0
    certificate.save(update_fields=["render_attempts"])
    certificates_queue_render([certificate.pk])
    return True
