"""Member organisations in the admin: the secretariat manages them, a coordinator sees their
own (``lms.permissions.organisation_policy``)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms.admin import scoped
from lms.admin_display import ViewerExportMixin
from lms.models import Organisation
from lms.permissions import organisation_policy


class OrganisationDeleteView(scoped.DeleteView):
    """Refuses, with the reason, to delete an organisation that has members."""

    def form_valid(self, form):
        members = self.object.memberships.count()
        if members:
            messages.error(
                self.request,
                ngettext(
                    "%(organisation)s still has %(count)d member. Mark it as no longer an "
                    "active member instead: its history stays.",
                    "%(organisation)s still has %(count)d members. Mark it as no longer an "
                    "active member instead: its history stays.",
                    members,
                )
                % {"organisation": self.object.name, "count": members},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class OrganisationIndexView(ViewerExportMixin, scoped.IndexView):
    """The member list; its export writes dates as ISO 8601."""


class OrganisationViewSet(scoped.ScopedModelViewSet):
    model = Organisation
    permission_policy = organisation_policy
    index_view_class = OrganisationIndexView
    delete_view_class = OrganisationDeleteView
    icon = "group"
    menu_label = _("Organisations")
    name = "organisations"
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["name", "short_name", "city"]
    list_display = ["name", "short_name", "kind", "country", "city", "region", "is_active"]
    list_filter = ["region", "country", "kind", "is_active"]
    list_export = [
        "name",
        "short_name",
        "kind",
        "country",
        "city",
        "region",
        "website",
        "joined_on",
        "is_active",
    ]
    export_filename = "gsef-member-organisations"
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("kind")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("country"), FieldPanel("city")]), FieldPanel("region")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("joined_on"),
                FieldPanel("is_active"),
            ],
            heading=_("Membership of GSEF"),
        ),
    ]
