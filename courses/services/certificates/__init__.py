"""Issuing, rendering, revoking and re-issuing certificates; coordinators' zip archives.

Issuing is two steps, each safe to repeat, so that Celery may deliver a message twice
or lose a worker half-way:

1. ``certificate_issue`` inserts the certificate (the frozen copy of what it says, and
   a new code) under a unique constraint: one per enrolment (or webinar registration),
   ever. A second run, or a duplicate message, finds the row and goes on to step 2.
2. ``certificate_render`` locks the row, renders the PDF only if there is none yet,
   stores it privately and asks the reminders engine for the certificate e-mail, in
   the same transaction. A worker killed while rendering rolls back: the row stays
   without a PDF, and the message delivered again (or the sweep) renders it once.

``certificates_sweep`` (beat) catches up what a lost message left behind: completed
enrolments of certificate courses without a certificate, and certificates without a
PDF. Rendering errors are recorded on the row (``render_error``), shown to the
secretariat, and retried by the sweep.

One concern per module: ``common`` (what the others share), ``issue``, ``programmes``
(the programme certificate's first step), ``render``,
``sweep``, ``corrections`` (revoke, re-issue, erase) and ``archives`` (coordinators' zips).
This package re-exports their names, and the certificate codes' helpers
(``courses.models.certificates``), so callers import from ``courses.services.certificates``.
"""

from courses.models.certificates import (
    CODE_ALPHABET,
    CODE_LENGTH,
    code_display,
    code_new,
    code_normalise,
)
from courses.services.certificates.archives import (
    PROGRESS_EVERY,
    archive_certificates,
    certificate_archive_build,
    certificate_archive_request,
)
from courses.services.certificates.common import RENDER_REQUEUE_AFTER, verification_url
from courses.services.certificates.corrections import (
    certificate_current,
    certificate_pdf_lost,
    certificate_reissue,
    certificate_revoke,
    learner_certificates_erase,
)
from courses.services.certificates.issue import (
    IssueResult,
    certificate_issue,
    participation_issue,
    webinar_gives_certificate,
)
from courses.services.certificates.programmes import (
    programme_certificate_issue,
    programme_enrolments_without_certificate,
)
from courses.services.certificates.render import (
    certificate_document,
    certificate_pdf_bytes,
    certificate_render,
)
from courses.services.certificates.sweep import (
    MAX_RENDER_ATTEMPTS,
    SWEEP_LIMIT,
    CertificateSweep,
    certificates_queue_render,
    certificates_sweep,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_RENDER_ATTEMPTS",
    "PROGRESS_EVERY",
    "RENDER_REQUEUE_AFTER",
    "SWEEP_LIMIT",
    "CertificateSweep",
    "IssueResult",
    "archive_certificates",
    "certificate_archive_build",
    "certificate_archive_request",
    "certificate_current",
    "certificate_document",
    "certificate_issue",
    "certificate_pdf_bytes",
    "certificate_pdf_lost",
    "certificate_reissue",
    "certificate_render",
    "certificate_revoke",
    "certificates_queue_render",
    "certificates_sweep",
    "code_display",
    "code_new",
    "code_normalise",
    "learner_certificates_erase",
    "participation_issue",
    "programme_certificate_issue",
    "programme_enrolments_without_certificate",
    "verification_url",
    "webinar_gives_certificate",
]
