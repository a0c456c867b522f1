"""Learner accounts: sign-up, e-mail verification, log in and out, passwords, profile, own data.

Every page works without JavaScript. The views validate with lms.accounts.forms,
write through lms.services, and send mail through lms.accounts.mail (queued for a
worker after the transaction commits).
"""

from __future__ import annotations

import json

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views import account as wagtail_account

from lms import personal_data, services
from lms.accounts import forms, mail, throttle
from lms.accounts.tokens import (
    ExpiredTokenError,
    InvalidTokenError,
    user_for_email_verification_token,
)
from lms.models import User

# Logging someone in without authenticate() (after sign-up) must name the backend
# that will load them on later requests: the throttling backend loads nobody.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNUP_SESSION_KEY = "lms.accounts.signup"
# The account this browser opened: confirming its address from here logs it in.
SIGNUP_USER_SESSION_KEY = "lms.accounts.signup_user"


def _url_in(language: str, viewname: str, **kwargs) -> str:
    """The URL of ``viewname`` under ``language``'s prefix (/fr/…), whatever the current one."""
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


def _destination_url(language: str) -> str:
    """Where a logged-in person goes, in ``language``: ``settings.LOGIN_REDIRECT_URL``.

    lms does not know the apps above it; the project settings name the destination
    (a URL name or a path), so the learning area is configured, not imported.
    """
    with translation.override(language):
        return resolve_url(settings.LOGIN_REDIRECT_URL)


def _home_url() -> str:
    return f"/{translation.get_language()}/"


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set the language cookie as Django's set_language view does, so / leads there."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` the form posted when it stays on this site, else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# --- sign-up --------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Open an account. An address already in use gets the same answer as a new one.

    Saying "this address has an account" would let anyone test which officials are
    on the platform. Instead, whoever submits sees "check your inbox", and the owner
    of the address gets an e-mail saying someone tried, with links to log in or reset
    the password. Nobody is logged in here, not even a new account: logging in only
    the new ones would give the existing ones away. The link in the e-mail logs the
    new account in when it is opened in this browser (see ``verify``).

    Past the account e-mail limits (lms.accounts.throttle) nothing is made or sent,
    and the answer is the same again.
    """
    if request.user.is_authenticated:
        return redirect(_destination_url(translation.get_language()))
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        allowed = throttle.account_email_allowed(request, email=data["email"])
        existing = User.objects.with_email(data["email"]).first() if allowed else None
        user = None
        if allowed and existing is None:
            try:
                user = services.user_sign_up(
                    email=data["email"],
                    full_name=data["full_name"],
                    password=data["password1"],
                    preferred_language=data["preferred_language"],
                    time_zone=data["time_zone"],
                    organisation=data["organisation"],
                )
            except ValidationError as error:
                if "email" not in getattr(error, "error_dict", {}):
                    form.add_error(None, error)
                    return render(request, "lms/accounts/signup.html", {"form": form})
                # Someone else signed up with the address a moment ago: same answer.
                existing = User.objects.with_email(data["email"]).first()
        request.session.pop(SIGNUP_USER_SESSION_KEY, None)
        if user is not None:
            request.session[SIGNUP_USER_SESSION_KEY] = user.pk
            mail.verification_email_queue(request=request, user=user)
        else:
            # Hash anyway: a sign-up that skipped the slow hashing would answer
            # measurably faster and give the address away.
            make_password(data["password1"])
            if existing is not None and existing.is_active:
                mail.existing_account_email_queue(request=request, user=existing)
        organisation = data["organisation"]
        request.session[SIGNUP_SESSION_KEY] = {
            "email": data["email"],
            "organisation": organisation.name if organisation else None,
        }
        # On in the language the person chose, whichever path was taken above.
        language = data["preferred_language"]
        return _remember_language(
            HttpResponseRedirect(_url_in(language, "accounts:signup_done")), language
        )
    return render(request, "lms/accounts/signup.html", {"form": form})


@never_cache
def signup_done(request: HttpRequest) -> HttpResponse:
    """The "check your inbox" page: the same for a new account and an address in use."""
    submitted = request.session.get(SIGNUP_SESSION_KEY)
    if not submitted:
        return redirect("accounts:signup")
    return render(
        request,
        "lms/accounts/signup_done.html",
        {"email": submitted["email"], "organisation_name": submitted["organisation"]},
    )


# --- e-mail verification ------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm an address from the link we sent.

    GET only shows a button: mail scanners and link previews open links, and must not
    confirm an address on the person's behalf. The POST confirms it, and logs the
    account in when this browser is the one that opened it (it knows the password
    and now reads the mail too); anyone else who holds the link is asked to log in.
    """
    try:
        user = user_for_email_verification_token(token)
    except InvalidTokenError as error:
        return render(
            request,
            "lms/accounts/verify_invalid.html",
            {"expired": isinstance(error, ExpiredTokenError)},
            status=400,
        )
    if request.method == "POST":
        services.user_verify_email(user=user)
        if request.session.get(SIGNUP_USER_SESSION_KEY) == user.pk:
            del request.session[SIGNUP_USER_SESSION_KEY]
            if not request.user.is_authenticated:
                login(request, user, backend=MODEL_BACKEND)
        if request.user.is_authenticated:
            messages.success(request, _("Thank you: your e-mail address is confirmed."))
            return redirect(_destination_url(request.user.preferred_language))
        messages.success(
            request, _("Thank you: your e-mail address is confirmed. Log in to start learning.")
        )
        return redirect(_url_in(user.preferred_language, "accounts:login"))
    return render(
        request,
        "lms/accounts/verify.html",
        {
            "verified_user": user,
            "token": token,
            "destination_url": _destination_url(translation.get_language()),
        },
    )


@require_POST
@login_required
def verify_resend(request: HttpRequest) -> HttpResponse:
    """Send the logged-in person a new confirmation link, within the account e-mail limits.

    The person asks about their own address, so saying that a limit was reached gives
    nothing away, and tells them not to wait for a link that will not come.
    """
    user = request.user
    if user.is_email_verified:
        messages.info(request, _("Your e-mail address is already confirmed."))
    elif not throttle.account_email_allowed(request, email=user.email):
        messages.warning(
            request,
            _(
                "We already sent you several links. Use the latest one, or ask again in "
                "%(minutes)s minutes."
            )
            % {"minutes": max(1, settings.ACCOUNT_EMAIL_LIMIT_WINDOW // 60)},
        )
    else:
        mail.verification_email_queue(request=request, user=user)
        messages.success(
            request,
            _("We sent a new link to %(email)s. It works for 3 days.") % {"email": user.email},
        )
    return redirect(_safe_next(request, reverse("accounts:profile")))


# --- log in, log out ---------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Log in with e-mail and password; land on one's dashboard, in one's language.

    A safe ``next`` (on this site) wins; django.contrib.auth.login() gives the
    session a new key, so a session id planted before login is worthless after it.
    Failed attempts are counted by django-axes (settings: AXES_*).
    """

    form_class = forms.LoginForm
    template_name = "lms/accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if user.is_authenticated:
            return _destination_url(user.preferred_language)
        return super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        return _remember_language(response, form.get_user().preferred_language)


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, from the button in the site header) and go home."""

    def get_default_redirect_url(self) -> str:
        return _home_url()

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out."))
        return response


# --- passwords -----------------------------------------------------------------------------


class AccountEmailLimitMixin:
    """A password-reset view that sends nothing past the account e-mail limits.

    Past them it answers as it does for an address without an account: the same page,
    and no e-mail (lms.accounts.throttle).
    """

    def form_valid(self, form):
        if not throttle.account_email_allowed(self.request, email=form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetView(AccountEmailLimitMixin, auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not the address has an account."""

    form_class = forms.PasswordResetForm
    template_name = "lms/accounts/password_reset_form.html"
    subject_template_name = "emails/accounts/password_reset_subject.txt"
    email_template_name = "emails/accounts/password_reset_body.txt"
    html_email_template_name = "emails/accounts/password_reset_body.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class AdminPasswordResetView(AccountEmailLimitMixin, wagtail_account.PasswordResetView):
    """The Wagtail admin's "Forgotten password?", within the same limits as the site's."""


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "lms/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link.

    Following the link proves the person reads mail at the address, so it also
    confirms the address; and it lifts a login lockout, as the lockout page promises.
    """

    form_class = forms.SetPasswordForm
    template_name = "lms/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_verify_email(user=form.user)
        axes_reset(username=form.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "lms/accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password; the session stays logged in (update_session_auth_hash)."""

    form_class = forms.PasswordChangeForm
    template_name = "lms/accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


# --- profile, personal data -------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Name, language, time zone and notifications; the account's status and memberships."""
    user = request.user
    form = forms.ProfileForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        previous_language = user.preferred_language
        try:
            services.user_update_profile(
                user=user,
                full_name=data["full_name"],
                preferred_language=data["preferred_language"],
                time_zone=data["time_zone"],
                notifications=form.notifications(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            language = user.preferred_language
            with translation.override(language):
                messages.success(request, _("Your profile is saved."))
            if language != previous_language:
                return _remember_language(
                    HttpResponseRedirect(_url_in(language, "accounts:profile")), language
                )
            return redirect("accounts:profile")
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    return render(
        request,
        "lms/accounts/profile.html",
        {"form": form, "memberships": memberships},
    )


@never_cache
@require_POST
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Download everything the platform holds about oneself, as a JSON file."""
    data = personal_data.user_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"gsef-academy-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Explain what deleting the account does; delete it when the password is given."""
    user = request.user
    if user.is_superuser:
        if request.method == "POST":
            messages.error(
                request,
                _(
                    "Administrator accounts cannot be deleted here. Ask another administrator "
                    "to remove the account in the admin."
                ),
            )
            return redirect("accounts:profile")
        return render(request, "lms/accounts/delete.html", {"form": None, "refused": True})
    form = forms.AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_erase(user=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for learning with us."))
            return redirect(_home_url())
    return render(request, "lms/accounts/delete.html", {"form": form, "refused": False})
