"""API tokens in the admin (Settings → API tokens): a coordinator lists, creates and
revokes their organisation's tokens, the secretariat every organisation's
(``permissions.api_token_policy``). A new token's value is shown once, on the page that
answers the creation, and never again."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateTimeInput

from courses.api.models import ApiToken
from courses.api.permissions import api_token_policy
from courses.api.services import api_token_create, api_token_revoke
from lms.admin import scoped


class ApiTokenCreateForm(WagtailAdminModelForm):
    class Meta:
        model = ApiToken
        fields = ["organisation", "name", "scope", "expires_at"]
        widgets = {"expires_at": AdminDateTimeInput}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields[
            "organisation"
        ].queryset = api_token_policy.organisations_user_has_permission_for(
            for_user, "add"
        ).order_by("name")
        self.fields["expires_at"].required = False
        self.fields["expires_at"].help_text = _("Leave empty for one year from today.")


class ApiTokenRevokeForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this token now"),
        required=False,
        help_text=_("Calls with it are refused at once. This cannot be undone."),
    )

    class Meta:
        model = ApiToken
        fields = ["name"]


class ApiTokenCreateView(generic.CreateView):
    def form_valid(self, form):
        try:
            created = api_token_create(
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.cleaned_data.get("expires_at"),
                created_by=self.request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = TemplateResponse(
            self.request,
            "courses/api/token_created.html",
            {
                "token": created.token,
                "value": created.value,
                "index_url": self.get_success_url(),
                "page_title": _("Token created"),
            },
        )
        add_never_cache_headers(response)
        return response


class ApiTokenEditView(scoped.EditView):
    def save_instance(self):
        token = self.form.save()
        if self.form.cleaned_data.get("revoke"):
            token = api_token_revoke(token=token, by=self.request.user, now=timezone.now())
        return token


class ApiTokenViewSet(scoped.ScopedModelViewSet):
    model = ApiToken
    permission_policy = api_token_policy
    add_view_class = ApiTokenCreateView
    edit_view_class = ApiTokenEditView
    icon = "key"
    menu_label = _("API tokens")
    name = "api_tokens"
    add_to_settings_menu = True
    search_backend_name = None
    search_fields = ["name"]
    list_display = [
        "name",
        "organisation",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["organisation", "scope"]
    ordering = ["-created_at"]
    select_related = ("organisation",)

    def get_form_class(self, for_update=False):
        return ApiTokenRevokeForm if for_update else ApiTokenCreateForm
