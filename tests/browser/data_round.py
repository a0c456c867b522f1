"""What the programme and knowledge journeys need beyond the browser suite's site
(tests/browser/data.py): the demo library with the introduction course's related cases,
the demo questionnaires and the demo cohort (the demo programme comes with the courses'
demo), and people of their own (unique e-mail addresses, so the journeys stay apart).

Every demo here is safe to run twice, so each journey module asks for it (``seed_round``)
and the second ask costs little. It must be written outside a test's transaction, from a
module-scoped fixture (``committed``), so that the live server and the worker see it: the
``site`` fixture takes it away with the rest at the end of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms.library import demo as library_demo
from courses.cohorts import demo as cohorts_demo
from courses.cohorts.models import Cohort
from courses.evaluation import demo as evaluation_demo
from courses.library_demo import link_demo_cases
from courses.models import CoursePage, ModulePage, ProgrammePage
from courses.programme_demo import INTRO, PROGRAMME, STRATEGY
from lms.demo import DEMO_EMAIL_DOMAIN
from lms.models import Organisation, User
from tests.factories import MembershipFactory, UserFactory

PASSWORD = "a passphrase of our own 2026"
RELATED_MODULE_SLUG = "laws-and-contexts"  # the introduction's module linking two cases
TRAINER_EMAIL = f"trainer.claire@{DEMO_EMAIL_DOMAIN}"  # the introduction's demo trainer


@dataclass(frozen=True)
class Round:
    programme: ProgrammePage  # English
    intro: CoursePage  # English
    strategy: CoursePage  # English; requires the introduction
    cohort: Cohort  # of the introduction, taking members
    related_module: ModulePage  # English; links two library cases


def seed_round() -> Round:
    library_demo.seed()
    link_demo_cases()  # the courses' demo ran before the library existed
    evaluation_demo.seed()
    cohorts_demo.seed()
    intro = CoursePage.objects.get(slug=INTRO, locale__language_code="en")
    return Round(
        programme=ProgrammePage.objects.get(
            slug=PROGRAMME["en"]["slug"], locale__language_code="en"
        ),
        intro=intro,
        strategy=CoursePage.objects.get(slug=STRATEGY, locale__language_code="en"),
        cohort=Cohort.objects.get(name=cohorts_demo.COHORT_NAME),
        related_module=ModulePage.objects.child_of(intro).get(slug=RELATED_MODULE_SLUG),
    )


def committed(django_db_blocker, make):
    """``make()`` run and committed before the module's tests open their transactions."""
    with django_db_blocker.unblock():
        return make()


def member(email: str, *, name: str, organisation: str, language: str, time_zone: str) -> User:
    """An official of a demo member organisation, address confirmed, password PASSWORD."""
    person = UserFactory(
        email=email,
        full_name=name,
        preferred_language=language,
        time_zone=time_zone,
    )
    person.set_password(PASSWORD)
    person.save()
    MembershipFactory(user=person, organisation=Organisation.objects.get(short_name=organisation))
    return person
