"""What a badge needs stored: a course's badge settings, the issuer profile, and each
certificate's signed credential with its place in the revocation status list.

No key is ever stored here (courses.badges.keys reads them from the environment)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class CourseBadge(models.Model):
    """A course's badge: its picture and how long a credential stays valid. Keyed on the
    course's translation key, so one badge serves every language version of the course."""

    course_key = models.UUIDField(_("course"), unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("badge picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square, at least 512 pixels. Without one, GSEF's default picture is drawn."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a badge that does not expire."),
    )

    class Meta:
        verbose_name = _("course badge")
        verbose_name_plural = _("course badges")

    def __str__(self) -> str:
        return str(self.course_key)


@register_setting(icon="success")
class BadgeIssuerSettings(BaseGenericSetting):
    """The issuer profile every credential names (OB 3.0 Profile)."""

    name = models.CharField(_("name"), max_length=200, blank=True, default="GSEF Academy")
    url = models.URLField(
        _("web site"), blank=True, help_text=_("Empty: the platform's own address.")
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("badge issuer profile")


class IssuedCredential(models.Model):
    """A certificate's Open Badges 3.0 credential as signed: the compact JWS (VC-JWT) and
    the credential it carries. ``status_index`` is its bit in the revocation status list."""

    certificate = models.OneToOneField(
        "courses.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="credential",
    )
    status_index = models.PositiveIntegerField(_("status list index"), unique=True)
    key_id = models.CharField(_("signing key"), max_length=64, db_index=True)
    jws = models.TextField(_("signed credential (JWS)"))
    payload = models.JSONField(_("credential"))
    issued_at = models.DateTimeField(_("issued at"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued badge")
        verbose_name_plural = _("issued badges")

    def __str__(self) -> str:
        return f"{self.certificate_id} #{self.status_index}"
