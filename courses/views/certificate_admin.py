"""Certificates in the admin.

- The secretariat's register (a Wagtail ``ModelViewSet``, read-only): every certificate,
  filtered and searched by code or name; each one's page has *Revoke* (with a reason)
  and *Correct and re-issue* (a new name, a new code; the old one verifies as
  superseded), both POST forms calling ``courses.services.certificates``.
- Coordinators' downloads: their organisation's certificates for a course as one zip,
  built by a task; the page shows each archive's progress, and the link is e-mailed
  when it is ready. The secretariat may prepare one for any organisation.
"""

from __future__ import annotations

from uuid import UUID

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses.models import Certificate, CertificateArchive
from courses.permissions import certificate_archive_policy, certificate_policy
from courses.selectors.certificates import (
    archives_for,
    organisation_certificate_courses,
)
from courses.services.certificates import (
    certificate_archive_request,
    certificate_reissue,
    certificate_revoke,
    code_normalise,
)
from courses.services.recovery import certificate_render_retry, render_failed
from lms.admin.scoped import PolicyViewSet, RefusedWith403Mixin
from lms.admin_display import ViewerDateTimeColumn, ViewerInspectMixin
from lms.models import Organisation

register_permission_policy(Certificate, certificate_policy)
register_permission_policy(CertificateArchive, certificate_archive_policy)

REFUSAL = gettext_lazy("Only the secretariat can manage certificates.")


class RegisterMixin(RefusedWith403Mixin):
    """The register's screens: the policy's "manage" (the secretariat), else 403."""

    refusal_message = REFUSAL
    any_permission_required = ["manage"]


STATUS_CHOICES = [
    ("valid", gettext_lazy("Valid")),
    ("revoked", gettext_lazy("Revoked")),
    ("superseded", gettext_lazy("Superseded")),
    ("unrendered", gettext_lazy("PDF not made yet")),
    ("render_failed", gettext_lazy("PDF failed: needs a retry")),
]


class CertificateFilterSet(WagtailFilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Code, name or e-mail"), method="filter_search"
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Certificate.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=STATUS_CHOICES, method="filter_status"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.all()
    )

    class Meta:
        model = Certificate
        fields = ["q", "kind", "status", "organisation"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(learner_name__icontains=value) | Q(user__email__iexact=value)
        code = code_normalise(value)
        if code is not None:
            condition |= Q(code=code)
        return queryset.filter(condition)

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.valid()
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if value == "superseded":
            return queryset.filter(superseded_by__isnull=False)
        if value == "unrendered":
            return queryset.filter(pdf="")
        if value == "render_failed":
            return render_failed(queryset)
        return queryset


class CertificateIndexView(RegisterMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "superseded_by")


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the public verification page)"),
        max_length=300,
        widget=forms.TextInput,
    )


class ReissueForm(forms.Form):
    learner_name = forms.CharField(
        label=gettext_lazy("Name to print"),
        max_length=200,
        help_text=gettext_lazy(
            "The corrected certificate gets a new code and is e-mailed to the learner; "
            "the old code then verifies as superseded."
        ),
    )


class CertificateInspectView(RegisterMixin, ViewerInspectMixin, InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        superseded = Certificate.objects.filter(supersedes=certificate).first()
        context.update(
            superseded_by=superseded,
            reissue_form=ReissueForm(
                initial={
                    "learner_name": certificate.user.full_name
                    if certificate.user
                    else certificate.learner_name
                }
            ),
            render_failed=render_failed().filter(pk=certificate.pk).exists(),
            can_revoke=certificate.revoked_at is None,
            can_reissue=certificate.revoked_at is None
            and superseded is None
            and certificate.user_id is not None,
        )
        return context


def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoking asks first: GET (or a POST not sent from the question) shows what revoking
    does and asks for the reason; only the confirmed POST revokes."""
    certificate = get_object_or_404(Certificate.objects.select_related("organisation"), pk=pk)
    if certificate.revoked_at is not None:
        messages.info(request, _("This certificate is already revoked."))
        return redirect("certificates:inspect", pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        try:  # the service checks the reason and says what is wrong
            certificate_revoke(
                certificate=certificate, by=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as error:
            form.errors.clear()
            form.add_error("reason", error.messages)
        else:
            messages.success(
                request, _("The certificate is revoked: its verification page now says so.")
            )
            return redirect("certificates:inspect", pk)
    elif request.method == "POST":
        form = RevokeForm(initial={"reason": request.POST.get("reason", "")})
    return render(
        request,
        "certificates/admin/revoke_confirm.html",
        {
            "page_title": _("Revoke certificate %(code)s") % {"code": certificate.display_code},
            "certificate": certificate,
            "form": form,
            "inspect_url": reverse("certificates:inspect", args=[pk]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    try:  # the service checks the name and says what is wrong
        corrected = certificate_reissue(
            certificate=certificate,
            by=request.user,
            learner_name=request.POST.get("learner_name", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:inspect", pk)
    messages.success(
        request,
        _("A corrected certificate was issued; it is being prepared and will be e-mailed."),
    )
    return redirect("certificates:inspect", corrected.pk)


class RenderRetryView(RegisterMixin, PermissionCheckedMixin, View):
    """The secretariat's *Retry* for a certificate whose PDF could not be made."""

    model = Certificate
    http_method_names = ["post"]

    def post(self, request, pk: int):
        certificate = get_object_or_404(Certificate, pk=pk)
        if certificate_render_retry(certificate_id=certificate.pk):
            messages.success(
                request, _("The PDF is being made again; the learner is e-mailed when it is ready.")
            )
        else:
            messages.info(request, _("This certificate has nothing to retry."))
        return redirect("certificates:inspect", pk)


class RevokeView(RegisterMixin, PermissionCheckedMixin, View):
    model = Certificate
    http_method_names = ["get", "post"]

    def get(self, request, pk: int):
        return revoke(request, pk)

    post = get


class ReissueView(RegisterMixin, PermissionCheckedMixin, View):
    model = Certificate
    http_method_names = ["post"]

    def post(self, request, pk: int):
        return reissue(request, pk)


class CertificateViewSet(ModelViewSet):
    """The register of every certificate issued, for the secretariat."""

    model = Certificate
    icon = "doc-full"
    url_prefix = "certificates/register"
    name = "certificates"
    # In the "Learning" submenu, shown to whom the policy allows the register's "manage".
    menu_hook = "register_learning_menu_item"
    menu_order = 700
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    list_display = [
        "display_code",
        "learner_name",
        "title",
        "kind",
        "organisation",
        ViewerDateTimeColumn("issued_at", label=gettext_lazy("Issued at"), sort_key="issued_at"),
    ]
    list_per_page = 50
    ordering = ["-issued_at", "-pk"]
    inspect_view_fields = [
        "kind",
        "learner_name",
        "user",
        "organisation",
        "title",
        "hours",
        "minutes",
        "completed_on",
        "language",
        "issuer",
        "issued_at",
        "rendered_at",
        "render_attempts",
        "render_error",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
        "supersedes",
        "learner_erased_at",
    ]
    form_fields: list[str] = []

    def get_urlpatterns(self):
        # The listing and each certificate's page; revoking and re-issuing are its actions.
        kept = {"index", "index_results", "inspect"}
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name in kept),
            path("revoke/<int:pk>/", RevokeView.as_view(), name="revoke"),
            path("reissue/<int:pk>/", ReissueView.as_view(), name="reissue"),
            path("render-retry/<int:pk>/", RenderRetryView.as_view(), name="render_retry"),
        ]


certificate_viewset = CertificateViewSet()


# --- coordinators' zip downloads --------------------------------------------------------------


def _organisations(request: HttpRequest):
    """The organisations whose zips the person may prepare."""
    return certificate_archive_policy.organisations_user_has_permission_for(
        request.user, "add"
    ).order_by("name")


def archives_index(request: HttpRequest) -> HttpResponse:
    """Pick an organisation; its courses with certificates; "Prepare a zip"; the archives."""
    organisations = list(_organisations(request))
    if not organisations:
        return HttpResponseForbidden(
            _("Only coordinators and the secretariat can download certificates.")
        )
    chosen = organisations[0]
    wanted = request.GET.get("organisation") or request.POST.get("organisation")
    if wanted:
        chosen = next((org for org in organisations if str(org.pk) == wanted), None)
        if chosen is None:
            raise Http404
    errors: list[str] = []
    if request.method == "POST":
        try:
            course_key = UUID(request.POST.get("course", ""))
        except ValueError:
            errors.append(_("Choose a course."))
        else:
            try:
                certificate_archive_request(
                    by=request.user, organisation=chosen, course_key=course_key
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "The zip file is being prepared. Its progress is shown below, and "
                        "the link will be e-mailed to you when it is ready."
                    ),
                )
                return redirect(
                    reverse("certificate_archives:index") + f"?organisation={chosen.pk}"
                )
    language = translation.get_language() or settings.LANGUAGE_CODE
    return render(
        request,
        "certificates/admin/archives.html",
        {
            "page_title": _("Certificate downloads"),
            "organisations": organisations,
            "organisation": chosen,
            "courses": organisation_certificate_courses(chosen, language),
            "archives": archives_for(request.user),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    archive = get_object_or_404(
        certificate_archive_policy.instances_user_has_permission_for(request.user, "view"),
        pk=pk,
    )
    if archive.status != CertificateArchive.Status.READY or not archive.file:
        messages.warning(request, _("This zip file is not ready yet."))
        return redirect("certificate_archives:index")
    response = FileResponse(
        archive.file.open("rb"),
        content_type="application/zip",
        as_attachment=True,
        filename=f"certificates-{archive.organisation.short_name or archive.organisation.pk}-"
        f"{archive.pk}.zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


class CertificateDownloadsViewSet(PolicyViewSet):
    """Coordinators' zips: prepare one for an organisation's course, download one's own.
    In the "Learning" submenu for whom ``certificate_archive_policy`` allows "add"."""

    name = "certificate_archives"
    url_prefix = "certificates/downloads"
    icon = "download"
    menu_label = gettext_lazy("Certificate downloads")
    menu_hook = "register_learning_menu_item"
    menu_order = 710
    permission_policy = certificate_archive_policy
    permission_action = "add"

    def get_urlpatterns(self):
        return [
            path("", archives_index, name="index"),
            path("<int:pk>/download/", archive_download, name="download"),
        ]


certificate_downloads_viewset = CertificateDownloadsViewSet()
