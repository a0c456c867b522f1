"""The page where a person answers the organisations that invited them (login required).

The invitation e-mail links here; the profile page lists the same invitations. An
invitation only changes through ``lms.services.membership_accept`` /
``membership_decline``, which check that the person answering is the one invited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms import services
from lms.models import Membership


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    """GET lists the person's open invitations; POST accepts or declines one of them."""
    mine = (
        Membership.objects.filter(user=request.user, status=Membership.Status.INVITED)
        .select_related("organisation", "invited_by")
        .order_by("organisation__name")
    )
    if request.method == "POST":
        try:
            membership = Membership.objects.select_related("organisation").get(
                pk=int(request.POST.get("membership", "")), user=request.user
            )
        except (ValueError, Membership.DoesNotExist):
            raise Http404 from None
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                services.membership_accept(membership=membership, by=request.user)
                messages.success(
                    request,
                    _("You are now a member of %(organisation)s.")
                    % {"organisation": membership.organisation.name},
                )
            elif answer == "decline":
                services.membership_decline(membership=membership, by=request.user)
                messages.success(
                    request,
                    _("You declined the invitation of %(organisation)s. Nothing else changed.")
                    % {"organisation": membership.organisation.name},
                )
            else:
                messages.error(request, _("Choose “Accept” or “Decline”."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("accounts:invitations")
    return render(request, "lms/accounts/invitations.html", {"invitations": mine})
