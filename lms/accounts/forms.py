"""Account forms. They validate; the views call the services that write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms import personal_data, timezones
from lms.emails import email_queue
from lms.models import Organisation, User
from lms.urls_absolute import public_base_url

NOT_A_MEMBER = "none"


def time_zone_choices() -> list:
    """Members' zones first, then one group per region, with readable names (lms.timezones)."""
    return timezones.time_zone_choices()


def default_time_zone() -> str:
    return settings.TIME_ZONE or "UTC"


class DescribedBoundField(BoundField):
    """Ties a field's help text and its errors to the input with aria-describedby.

    The ids match templates/lms/accounts/_field.html: ``<id>_helptext`` and ``<id>_error``.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class AccountFormMixin:
    """Accessible field markup for the account forms (see templates/lms/accounts/_field.html)."""

    bound_field_class = DescribedBoundField

    @property
    def has_field_errors(self) -> bool:
        return any(name != NON_FIELD_ERRORS for name in self.errors)


class PersonFields(forms.Form):
    """The fields a person gives at sign-up and changes in their profile."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on certificates, in any script."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The site and our e-mails use this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Webinar times are shown in this time zone."),
        widget=forms.Select(attrs={"autocomplete": "off"}),
    )


# --- sign-up ---------------------------------------------------------------------


class SignUpForm(AccountFormMixin, auth_forms.SetPasswordMixin, PersonFields):
    """A person opens their own account. Says nothing about addresses already in use."""

    field_order = [
        "email",
        "full_name",
        "organisation",
        "preferred_language",
        "time_zone",
        "password1",
        "password2",
    ]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("You log in with it. We send a link to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        help_text=_(
            "If you work for a GSEF member, a coordinator of that organisation confirms "
            "your membership."
        ),
        error_messages={
            "required": _("Choose your organisation, or “Not a member of a GSEF organisation”."),
        },
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Choose…")),
            (NOT_A_MEMBER, _("Not a member of a GSEF organisation")),
            (
                _("GSEF member organisations"),
                [
                    (str(pk), name)
                    for pk, name in Organisation.objects.active()
                    .order_by("name")
                    .values_list("pk", "name")
                ],
            ),
        ]
        if not self.is_bound:
            self.initial.setdefault("preferred_language", translation.get_language())
            self.initial.setdefault("time_zone", default_time_zone())
            # lms/static/lms/js/time-zone.js selects the browser's zone where it can.
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = ""

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"])

    def clean_full_name(self) -> str:
        return self.cleaned_data["full_name"].strip()

    def clean_organisation(self) -> Organisation | None:
        value = self.cleaned_data["organisation"]
        if value == NOT_A_MEMBER:
            return None
        organisation = Organisation.objects.active().filter(pk=value).first()
        if organisation is None:
            raise forms.ValidationError(
                _("This organisation is no longer a GSEF member. Choose another one.")
            )
        return organisation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.validate_passwords()
        # The similarity validator compares the password with the name and address.
        self.validate_password_for_user(
            User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
        )
        return cleaned


# --- log in, passwords ----------------------------------------------------------------


class LoginForm(AccountFormMixin, auth_forms.AuthenticationForm):
    """Django's login form, asking for the e-mail address the account logs in with."""

    # The field keeps Django's name, "username": django-axes reads that one.
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match an account. Check them, or "
            "reset your password."
        ),
    }


class PasswordResetForm(AccountFormMixin, auth_forms.PasswordResetForm):
    """Django's reset form; the e-mail goes out through a worker, in the person's language."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        context = {**context, "site_root": public_base_url()}
        with translation.override(user.preferred_language):
            subject = render_to_string(subject_template_name, context)
            text = render_to_string(email_template_name, context)
            html = (
                render_to_string(html_email_template_name, context)
                if html_email_template_name
                else None
            )
        email_queue(
            to=to_email, subject=subject, text=text, html=html, language=user.preferred_language
        )


class SetPasswordForm(AccountFormMixin, auth_forms.SetPasswordForm):
    """Choosing a new password from a reset link."""


class PasswordChangeForm(AccountFormMixin, auth_forms.PasswordChangeForm):
    """Changing one's password, knowing the current one."""


# --- profile, deletion ---------------------------------------------------------------------


class ProfileForm(AccountFormMixin, PersonFields):
    """What a person may change about themselves, plus one checkbox per notification kind."""

    NOTIFICATION_PREFIX = "notify_"

    def __init__(self, *args, user: User, **kwargs):
        refused = {
            key for key, wanted in (user.notification_preferences or {}).items() if not wanted
        }
        kinds = personal_data.notification_kinds()
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "preferred_language": user.preferred_language,
                "time_zone": user.time_zone,
                **{self.NOTIFICATION_PREFIX + kind.key: kind.key not in refused for kind in kinds},
            },
        )
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[self.NOTIFICATION_PREFIX + kind.key] = forms.BooleanField(
                label=kind.label, help_text=kind.help_text, required=False
            )

    def notification_fields(self) -> list[BoundField]:
        return [field for field in self if field.name.startswith(self.NOTIFICATION_PREFIX)]

    def notifications(self) -> dict[str, bool]:
        """Kind → wanted, from the checkboxes (an unticked box is an opt-out)."""
        prefix = self.NOTIFICATION_PREFIX
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }


class AccountDeleteForm(AccountFormMixin, forms.Form):
    """Deleting an account needs its password: a borrowed session is not enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your current password. Your account was not deleted.")
            )
        return password
