"""The secretariat's screens for people: Wagtail's user views with our e-mail login and one
full name, and the permission policy ``lms.permissions.user_policy``."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from lms.models import User
from lms.permissions import user_policy

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]

# --- users -----------------------------------------------------------------------

_USER_FIELDS = ["email", "full_name", "preferred_language", "time_zone", "is_superuser", "groups"]


class _GsefUserFormMixin(forms.ModelForm):
    # Wagtail's forms assume first and last names; GSEF's members write names in
    # many scripts and orders, so we keep one full name.
    first_name = None
    last_name = None
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="UTC")

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only an administrator may make another administrator: the secretariat
        # manages people and roles, not the platform's keys.
        if request_user is None or not request_user.is_superuser:
            self.fields.pop("is_superuser", None)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        others = User.objects.with_email(email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email


class GsefUserCreationForm(_GsefUserFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = _USER_FIELDS

    def save(self, commit: bool = True):
        # Made by the secretariat on the person's behalf: nobody will click a
        # confirmation link, so the address counts as confirmed.
        self.instance.email_verified_at = self.instance.email_verified_at or timezone.now()
        return super().save(commit=commit)


class GsefUserEditForm(_GsefUserFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*_USER_FIELDS, "is_active"]


class UserIndexView(wagtail_users.IndexView):
    @property
    def search_fields(self):
        return ["email", "full_name"]

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(("-" if self.ordering.startswith("-") else "") + "full_name")
        return super().order_queryset(queryset)


class RequestUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class UserCreateView(RequestUserFormMixin, wagtail_users.CreateView):
    pass


class UserEditView(RequestUserFormMixin, wagtail_users.EditView):
    def get_object(self, *args, **kwargs):
        user = super().get_object(*args, **kwargs)
        # Editing an administrator (their password, their e-mail) is taking their keys.
        if user.is_superuser and not self.request.user.is_superuser:
            raise PermissionDenied
        return user


class UserViewSet(wagtail_users.UserViewSet):
    permission_policy = user_policy
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    create_template_name = "lms/admin/user_create.html"
    edit_template_name = "lms/admin/user_edit.html"

    def get_form_class(self, for_update: bool = False):
        return GsefUserEditForm if for_update else GsefUserCreationForm
