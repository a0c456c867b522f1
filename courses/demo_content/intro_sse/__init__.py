"""Course 1: Introduction to the SSE for local governments, in English, French, Spanish, Korean."""

from courses.demo_content.intro_sse import es, fr, ko
from courses.demo_content.intro_sse.en import COURSE

TRANSLATIONS = {"fr": fr.COURSE, "es": es.COURSE, "ko": ko.COURSE}

__all__ = ["COURSE", "TRANSLATIONS"]
