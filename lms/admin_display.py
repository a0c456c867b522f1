"""How the admin's generic screens show values: dates and times in the viewer's zone,
labelled, in the active language (``lms.datetimes``), and an empty value as a dash,
never Python's "None".

- ``ViewerDateTimeColumn``: a listing column for an instant (``list_display``).
- ``ViewerInspectMixin``: for a Wagtail ``InspectView``; the viewer is the request's user.
- ``ViewerExportMixin``: for a listing whose CSV/XLSX export writes ISO 8601 with the offset.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column

from lms.datetimes import NO_VALUE, display_date, display_datetime, export_datetime


def display_value(value, viewer=None):
    """``value`` as a screen shows it to ``viewer``."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, dt.datetime):
        return display_datetime(value, viewer)
    if isinstance(value, dt.date):
        return display_date(value, viewer)
    return value


class ViewerDateTimeColumn(Column):
    """A listing column of instants (or dates) in the viewer's zone; a dash when empty."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["value"] = display_value(context["value"], getattr(request, "user", None))
        return context


class ViewerInspectMixin:
    """An ``InspectView`` whose dates and times are in the viewer's zone and whose empty
    fields show a dash."""

    def get_field_display_value(self, field_name, field):
        # Before Wagtail's display components: an empty image or document renders "None".
        if field is not None and getattr(self.object, field_name, True) in (None, ""):
            return NO_VALUE
        value = super().get_field_display_value(field_name, field)
        return display_value(value, self.request.user)


class ViewerExportMixin:
    """A listing whose spreadsheet export (Wagtail's ``SpreadsheetExportMixin``) writes
    dates and times as ISO 8601, instants with the offset of the viewer's zone."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, dt.date):
            value = export_datetime(value, self.request.user)
        return super().preprocess_field_value(field, value, export_format)
