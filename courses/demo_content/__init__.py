"""The content of the demo courses: one module (or package, when translated) per course.

Each exposes ``COURSE``, the English original (page fields, enrolment and
completion rules, modules), and a translated course also ``TRANSLATIONS``
(language code → the translated texts, with the modules in the same order as in
English). Bodies are built with ``courses.demo_content.blocks``.
"""

from courses.demo_content import (
    financing_cooperatives,
    intro_sse,
    measuring,
    municipal_strategy,
    partnership_governance,
    public_procurement,
)

COURSES = [
    intro_sse,
    public_procurement,
    municipal_strategy,
    financing_cooperatives,
    measuring,
    partnership_governance,
]
