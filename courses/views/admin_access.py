"""What the secretariat's read-only admin registers share (the e-mail outbox, the
certificate register): a permission policy that lets only the secretariat look, and URL
patterns that answer 403 to anyone else."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms import roles


class SecretariatReadOnlyPolicy(ModelPermissionPolicy):
    """The secretariat may look (and act through views of its own); nobody edits rows."""

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and roles.is_secretariat(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


def secretariat_only(view, message: str):
    """403 with ``message`` for anyone but the secretariat (Wagtail would redirect a
    refusal to the dashboard, which hides that the screen exists but is not theirs)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.is_secretariat(request.user):
            return HttpResponseForbidden(str(message))
        return view(request, *args, **kwargs)

    return wrapped


def secretariat_urlpatterns(viewset: ModelViewSet, message: str, extra: dict) -> list:
    """The viewset's listing and inspect views, and ``extra`` {route: (view, name)}, all
    secretariat only."""
    kept = {"index", "index_results", "inspect"}
    patterns = [
        path(str(pattern.pattern), secretariat_only(pattern.callback, message), name=pattern.name)
        for pattern in ModelViewSet.get_urlpatterns(viewset)
        if pattern.name in kept
    ]
    return [
        *patterns,
        *(
            path(route, secretariat_only(view, message), name=name)
            for route, (view, name) in extra.items()
        ),
    ]
