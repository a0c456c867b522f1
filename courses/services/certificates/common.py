"""What issuing, rendering and correcting share: the verification address, the learner's
language, a course's language versions, the hosts printed on a certificate."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from courses.models import CoursePage
from courses.models.certificates import code_display
from courses.selectors.learning import user_time_zone
from lms.models import User
from lms.urls_absolute import absolute_url

# Pending work older than this is taken to have lost its message (the sweep re-queues it).
# Longer than the broker's visibility timeout (4 minutes): a message a crashed worker
# held comes back from the broker first (docs/reliability.md).
RENDER_REQUEUE_AFTER = dt.timedelta(minutes=5)


def verification_url(code: str) -> str:
    """The public address of a certificate's verification page (what its QR code holds)."""
    path = reverse("certificate_verify", args=[code_display(code)])
    return absolute_url(path)


# --- what a certificate says ----------------------------------------------------------------------


def learner_language(user: User, fallback: str) -> str:
    """The learner's language if the platform speaks it, else ``fallback``."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = user.preferred_language
    if language in codes:
        return language
    return fallback if fallback in codes else settings.LANGUAGE_CODE


def course_versions(course_key) -> list[CoursePage]:
    return list(
        CoursePage.objects.live()
        .filter(translation_key=course_key)
        .select_related("locale")
        .prefetch_related("host_organisations", "signatories")
        .order_by("pk")
    )


def version_in(pages: list, language: str):
    """The page in ``language``, else the original (the oldest page of the set)."""
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0] if pages else None


def certificate_hosts(organisations) -> list[dict]:
    return [{"id": org.pk, "name": org.name} for org in organisations]


def local_date(moment: dt.datetime, user: User) -> dt.date:
    return moment.astimezone(user_time_zone(user)).date()
