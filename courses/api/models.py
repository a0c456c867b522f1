"""API tokens and the responses remembered for ``Idempotency-Key``.

A token belongs to one organisation and acts with that organisation's coordinator reach
(``courses.permissions.Reach``). Its secret is shown once when it is created and never
stored: only a lookup prefix and the secret's SHA-256 are kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A named credential an organisation's own system sends as
    ``Authorization: Bearer gsef_<prefix>_<secret>``."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        ENROL = "enrol", _("Read and enrol")

    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. “HR system”.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=10,
        choices=Scope.choices,
        default=Scope.READ,
        help_text=_("Read: lists and downloads. Read and enrol: also enrols, withdraws, invites."),
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("secret's SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and self.expires_at > now

    @property
    def may_enrol(self) -> bool:
        return self.scope == self.Scope.ENROL


class IdempotentResponse(models.Model):
    """The response a write gave for one (token, ``Idempotency-Key``): the same key with the
    same body gets it again; with another body, a 422 problem."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_once"),
            models.CheckConstraint(condition=~Q(key=""), name="api_idempotency_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.token_id} · {self.key}"
