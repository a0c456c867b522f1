"""Report exports built by a task, and the course-title view the report queries join.

A small export (up to ``settings.EXPORT_SYNC_MAX_ROWS`` rows) is written in the request;
a larger one becomes a ``ReportExport`` row that ``courses.services.exports`` fills on
the ``exports`` queue, with its progress, its file in private storage and an e-mail with
the link to the person who asked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models.certificates import private_storage


class CourseTitle(models.Model):
    """One row per course (translation key): the title of its oldest page, the original.

    A database view (migration 0010), read-only: reports join it instead of carrying one
    CASE branch per course or running a subquery per row.
    """

    translation_key = models.UUIDField(primary_key=True)
    title = models.CharField(max_length=255)

    class Meta:
        managed = False
        db_table = "courses_coursetitle"
        verbose_name = _("course title")
        verbose_name_plural = _("course titles")

    def __str__(self) -> str:
        return self.title


class ReportExport(models.Model):
    """A spreadsheet of a report, too large for a request, built by a task.

    Only the person who asked (and the secretariat) may download it; the rows are chosen
    again when it is built, with what that person may see then (``filters`` as JSON).
    """

    class Report(models.TextChoices):
        PROGRESS = "progress", _("Progress report")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", pgettext_lazy("export file status", "Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="report_exports",
    )
    report = models.CharField(
        _("report"), max_length=20, choices=Report.choices, default=Report.PROGRESS
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The language and time zone of the request: the file's headings and dates use them.
    language = models.CharField(_("language"), max_length=8, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), storage=private_storage, max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        title = self.title or self.get_report_display()
        return f"{title} · {self.format} · {self.created_at:%Y-%m-%d}"

    @property
    def progress_percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
