"""Wagtail hooks of the library: members-only files stay closed at Wagtail's own address."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cms.library.models import LibraryItemDocument
from cms.library.permissions import is_active_member, library_document_policy

register_permission_policy(LibraryItemDocument, library_document_policy)


@hooks.register("before_serve_document")
def refuse_members_only_document(document, request):
    """/documents/<id>/<name> serves any Wagtail document: one attached to a library item
    as members-only is refused there to anyone who is not an active member."""
    if not LibraryItemDocument.objects.filter(document=document, members_only=True).exists():
        return None
    if is_active_member(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden(
        _("This document is for members of GSEF member organisations only.")
    )
