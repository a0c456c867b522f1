"""Demo: a module of the introduction course links two library cases through its
"related cases" block (every language version of the module). Called by
``courses.demo.seed`` after the courses exist; the library's demo ran before (it is
listed before courses in INSTALLED_APPS). Safe to run again."""

from __future__ import annotations

from cms.library.demo_content import LINKED_CASES
from cms.library.models import LibraryItemPage
from courses.models import ModulePage

MODULE_SLUG = "laws-and-contexts"  # of the introduction course: laws cities passed


def link_demo_cases() -> str:
    """Add the related cases block to the demo module's pages that lack it."""
    cases = list(
        LibraryItemPage.objects.live().filter(slug__in=LINKED_CASES).order_by("pk").distinct()
    )
    originals = {case.slug: case for case in reversed(cases)}  # the oldest page per slug
    if len(originals) < len(LINKED_CASES):
        return "Demo related cases: skipped (the demo library is not there)."
    english = ModulePage.objects.filter(slug=MODULE_SLUG, locale__language_code="en").first()
    if english is None:
        return "Demo related cases: skipped (the demo module is not there)."
    linked = 0
    for module in ModulePage.objects.filter(translation_key=english.translation_key):
        body = list(module.body.raw_data)
        if any(block.get("type") == "related_cases" for block in body):
            continue
        body.append(
            {
                "type": "related_cases",
                "value": {
                    "title": "",
                    "items": [originals[slug].pk for slug in LINKED_CASES],
                },
            }
        )
        module.body = body
        revision = module.save_revision()
        if module.live:
            revision.publish()
        linked += 1
    return f"Demo related cases: {english.title} links {len(LINKED_CASES)} cases ({linked} new)."
