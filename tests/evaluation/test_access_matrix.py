"""Every URL of the evaluation app, tried by the Secretariat, a coordinator of the
learner's organisation and of another, the course's trainer and another course's, a
learner who completed the course and one who did not, and an anonymous visitor.
``test_every_evaluation_url_is_in_the_matrix`` keeps a new URL from escaping it."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from courses.evaluation.models import Purpose, QuestionnaireChoice
from courses.evaluation.notifications import survey_token
from courses.models import Enrolment, ProgrammeEnrolment
from lms.services import membership_create
from tests.courses import factories, programme_factories
from tests.evaluation.helpers import NOW, completed, questionnaire
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db

PEOPLE = (
    "secretariat",
    "bamako_coordinator",
    "seoul_coordinator",
    "trainer",
    "other_trainer",
    "done",
    "not_done",
    "anonymous",
)
ADMIN_REFUSED = 302  # Wagtail sends those without admin access to its log-in page
REFUSED = {403, 404, ADMIN_REFUSED}


@pytest.fixture
def world(bamako, bamako_coordinator, seoul_coordinator, trainer, secretariat):
    course = factories.course("Taught", trainers=(trainer,))
    form = questionnaire()
    done = UserFactory()
    membership_create(user=done, organisation=bamako, role="learner", confirmed=True)
    enrolment = completed(course, done, organisation=bamako)
    not_done = UserFactory()
    Enrolment.objects.create(
        user=not_done, course_key=course.translation_key, course_page=course, enrolled_at=NOW
    )
    choice = QuestionnaireChoice.objects.get()
    programme = programme_factories.programme("A path", required=(course,))
    ProgrammeEnrolment.objects.create(
        user=done,
        programme_key=programme.translation_key,
        programme_page=programme,
        organisation=bamako,
        status=ProgrammeEnrolment.Status.COMPLETED,
        enrolled_at=NOW,
        completed_at=NOW,
    )
    with translation.override("en"):
        token = survey_token(enrolment_id=enrolment.pk, purpose=Purpose.END_OF_COURSE)
        urls = {
            "evaluation:course": (reverse("evaluation:course", args=[course.pk]), {"done"}),
            "evaluation:programme": (
                reverse("evaluation:programme", args=[programme.pk]),
                {"done"},  # completed the programme
            ),
            "evaluation:survey_link": (
                reverse("evaluation:survey_link", args=[token]),
                {"done", "anonymous"},  # the token is the credential; another person: 403
            ),
        }
    admin = {"secretariat", "bamako_coordinator", "trainer"}
    results = reverse(
        "evaluation_results:course", args=[course.translation_key, Purpose.END_OF_COURSE]
    )
    urls.update(
        {
            "evaluation_results:index": (
                reverse("evaluation_results:index"),
                admin | {"seoul_coordinator", "other_trainer"},  # each sees their own reach
            ),
            "evaluation_results:course": (results, admin),
            "evaluation_results:course (a programme)": (
                reverse(
                    "evaluation_results:course",
                    args=[programme.translation_key, Purpose.END_OF_COURSE],
                ),
                admin,  # the learner's coordinator, the trainer of its course, the secretariat
            ),
            "questionnaire_choices:index": (
                reverse("questionnaire_choices:index"),
                {"secretariat"},
            ),
            "questionnaire_choices:add": (reverse("questionnaire_choices:add"), {"secretariat"}),
            "questionnaire_choices:edit": (
                reverse("questionnaire_choices:edit", args=[choice.pk]),
                {"secretariat"},
            ),
            "questionnaire_choices:delete": (
                reverse("questionnaire_choices:delete", args=[choice.pk]),
                {"secretariat"},
            ),
            "questionnaire_choices:index_results": (
                reverse("questionnaire_choices:index_results"),
                {"secretariat"},
            ),
            "questionnaire_choices:history": (
                reverse("questionnaire_choices:history", args=[choice.pk]),
                {"secretariat"},
            ),
            "questionnaire_choices:history_results": (
                reverse("questionnaire_choices:history_results", args=[choice.pk]),
                {"secretariat"},
            ),
            "questionnaire_choices:usage": (
                reverse("questionnaire_choices:usage", args=[choice.pk]),
                {"secretariat"},
            ),
        }
    )
    other_trainer = trainer_user()
    factories.course("Someone else's", trainers=(other_trainer,))
    people = {
        "secretariat": secretariat,
        "bamako_coordinator": bamako_coordinator,
        "seoul_coordinator": seoul_coordinator,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "done": done,
        "not_done": not_done,
        "anonymous": None,
    }
    return {"urls": urls, "people": people, "form": form}


@pytest.mark.parametrize("who", PEOPLE)
def test_access_matrix(client, world, who):
    user = world["people"][who]
    if user is not None:
        client.force_login(user)
    for name, (url, allowed) in world["urls"].items():
        status = client.get(url).status_code
        if who in allowed:
            assert status == 200, (who, name, status)
        else:
            assert status in REFUSED, (who, name, status)


def test_every_evaluation_url_is_in_the_matrix(world):
    resolver = get_resolver()
    registered = set()
    for namespace in ("evaluation", "evaluation_results", "questionnaire_choices"):
        patterns = resolver.namespace_dict[namespace][1].url_patterns
        registered |= {f"{namespace}:{pattern.name}" for pattern in patterns if pattern.name}
    for language_resolver in resolver.url_patterns:
        namespace_dict = getattr(language_resolver, "namespace_dict", {})
        if "evaluation" in namespace_dict:
            registered |= {
                f"evaluation:{pattern.name}"
                for pattern in namespace_dict["evaluation"][1].url_patterns
            }
    assert registered - set(world["urls"]) == set(), "add these URLs to the matrix"
