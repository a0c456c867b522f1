"""The topics courses are filed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet


@register_snippet
class Topic(TranslatableMixin, models.Model):
    """A social and solidarity economy topic (cooperatives, public procurement …).

    Translatable: each locale has its own row sharing a translation key, and the
    slug is the same in every language so that catalogue filters survive a
    language switch.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=80, allow_unicode=False, help_text=_("The same in every language.")
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="courses_topic_slug_locale"),
        ]

    def __str__(self) -> str:
        return self.name
