"""Library document downloads: a thin view that asks ``library_document_policy``."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from cms.library.models import LibraryItemDocument
from cms.library.permissions import library_document_policy
from cms.library.selectors import visible_items


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file of a live, public library item: anyone for a public document; for a
    members-only one, log in first (anonymous) or be refused with a reason (403)."""
    row = get_object_or_404(
        LibraryItemDocument.objects.select_related("document"),
        pk=pk,
        page__in=visible_items().values("pk"),
    )
    if not library_document_policy.user_has_permission_for_instance(request.user, "view", row):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(
            request,
            "library/document_refused.html",
            {"reason": _("This document is for members of GSEF member organisations only.")},
            status=403,
        )
    document = row.document
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("The file of this document is missing.")) from error
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    if row.members_only:
        patch_cache_control(response, private=True, no_store=True)
    return response
