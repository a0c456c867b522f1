"""Report exports in the admin: written in the request when small, by a task when large.

- ``export_progress_report``: the progress report's "Download CSV/XLSX". Up to
  ``settings.EXPORT_SYNC_MAX_ROWS`` rows the file comes back at once; above, a
  ``ReportExport`` is queued and the person is sent to "Your exports".
- "Your exports" (``exports_index``): each export's progress, error or download link
  (a plain page: "Refresh" reloads it, no JavaScript needed).
- ``export_download``: the file, to the person who asked (and the secretariat) only;
  anyone else gets 404, as if it did not exist.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import ReportExport
from courses.permissions import report_export_policy
from courses.selectors.reports import progress_enrolments
from courses.services.exports import (
    CONTENT_TYPES,
    PROGRESS_COLUMNS,
    chunked,
    csv_lines,
    report_export_can_download,
    report_export_request,
    report_exports_for,
    write_xlsx,
)

MAX_LISTED = 50


def spreadsheet_response(
    rows: Iterable, columns: dict, export_format: str, filename: str, *, viewer=None
) -> HttpResponse:
    """A small export, written in the request: CSV streamed, XLSX spooled to disk."""
    if export_format == "csv":
        response = StreamingHttpResponse(
            csv_lines(rows, columns, viewer=viewer), content_type=CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    # Small exports stay in memory, larger ones go to a temporary file.
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_xlsx(rows, columns, output, viewer=viewer)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, content_type=CONTENT_TYPES["xlsx"], filename=f"{filename}.xlsx"
    )


def export_progress_report(view, export_format: str) -> HttpResponse:
    """The progress report ``view`` (already scoped and filtered) as a spreadsheet."""
    if export_format not in CONTENT_TYPES:
        raise Http404
    request = view.request
    scope = view.report_scope()
    filters = view.filter_form.filters()
    # Counting the bare enrolments is an index scan; the report's query runs once, below.
    total = progress_enrolments(scope=scope, filters=filters).count()
    if total > settings.EXPORT_SYNC_MAX_ROWS:
        try:
            report_export_request(
                by=request.user,
                scope=scope,
                filters=filters,
                export_format=export_format,
                total=total,
                title=str(view.get_page_title()),
                for_course=view.export_course_key(),
            )
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error
        messages.success(
            request,
            _(
                "This export has %(count)s rows: it is being prepared. Its progress is shown "
                "below, and the link will be e-mailed to you when it is ready."
            )
            % {"count": f"{total:,}"},
        )
        return redirect("learning:exports")
    return spreadsheet_response(
        chunked(view.get_queryset()),
        PROGRESS_COLUMNS,
        export_format,
        view.get_filename(),
        viewer=request.user,
    )


def exports_index(request: HttpRequest) -> HttpResponse:
    """The exports a person asked for, with their progress and download links."""
    if not report_export_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    exports = list(report_exports_for(request.user)[:MAX_LISTED])
    return render(
        request,
        "courses/reports/exports.html",
        {
            "page_title": _("Your exports"),
            "exports": exports,
            "running": any(not export.is_finished for export in exports),
            "progress_url": reverse("learning:progress"),
        },
    )


def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(ReportExport, pk=pk)
    if not report_export_can_download(user=request.user, export=export):
        raise Http404
    if export.status != ReportExport.Status.READY or not export.file:
        messages.warning(request, _("This export is not ready yet."))
        return redirect("learning:exports")
    local = timezone.localtime(export.created_at)
    response = FileResponse(
        export.file.open("rb"),
        content_type=CONTENT_TYPES[export.format],
        as_attachment=True,
        filename=f"gsef-progress-{local:%Y-%m-%d}-{export.pk}.{export.format}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
