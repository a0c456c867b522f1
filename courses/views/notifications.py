"""One-click unsubscribe from a kind of e-mail, from a link in the e-mail itself.

The signed token in the address is the only credential, as with a calendar feed: it
names the person and the kind, and cannot be forged or altered. GET shows a button
(mail scanners follow links, and must not opt anyone out); POST opts out. Mail
clients that support RFC 8058 POST ``List-Unsubscribe=One-Click`` to the same address
without a session or a CSRF token, so the POST is exempt from CSRF, and acts only on
a valid token.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from courses.services.notifications import (
    category_label,
    notification_opt_out,
    unsubscribe_token_read,
)

TEMPLATE = "courses/notifications/unsubscribe.html"


@never_cache
@csrf_exempt  # RFC 8058: the one-click POST comes from a mail client; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = unsubscribe_token_read(token)
    if found is None:
        return render(request, TEMPLATE, {"invalid": True}, status=400)
    user, category = found
    context = {"category_label": category_label(category), "token": token}
    if request.method == "POST":
        notification_opt_out(user=user, category=category)
        context["done"] = True
    return render(request, TEMPLATE, context)
