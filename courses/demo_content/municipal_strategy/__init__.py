"""Course 3: Designing a municipal SSE strategy, in English, French, Spanish and Korean."""

from courses.demo_content.municipal_strategy import es, fr, ko
from courses.demo_content.municipal_strategy.en import COURSE

TRANSLATIONS = {"fr": fr.COURSE, "es": es.COURSE, "ko": ko.COURSE}

__all__ = ["COURSE", "TRANSLATIONS"]
