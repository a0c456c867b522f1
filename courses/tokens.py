"""Signed values the learning pages hand out and the services check later.

Pure helpers (no database access): selectors put them in forms, services read them
back, so neither layer imports the other for them.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from courses.models import Enrolment, ModulePage

QUIZ_FORM_SALT = "courses.quiz-form"


def quiz_form_token(*, enrolment: Enrolment, module: ModulePage) -> str:
    """A signed one-time value for a quiz form: it proves the answers come from a form
    this learner was shown for this module, and lets a replay be recognised
    (``courses.services.learning.quiz_submit`` checks it)."""
    return signing.dumps(
        {"e": enrolment.pk, "m": str(module.translation_key), "n": secrets.token_urlsafe(12)},
        salt=QUIZ_FORM_SALT,
    )
