"""A new official's whole journey through the site, as the test client sees it.

Sign up, confirm the address from the e-mail, enrol in a demo course, complete its
modules one by one (failing a quiz once, then passing it), switch from French to
Spanish half-way, and find the course completed on the dashboard: once.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from courses import demo, events
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage, QuizAttempt
from lms import demo as lms_demo
from lms.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

EMAIL = "awa.sangare@bamako.example"
INTRO_SLUG = "introduction-to-the-social-and-solidarity-economy"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _quiz_answers(module: ModulePage, *, right: bool) -> dict[str, list[str]]:
    """The posted form fields: every right answer, or a wrong one for each question."""
    data = {}
    for question in module.quiz.value["questions"].bound_blocks:
        options = question.value["options"].bound_blocks
        correct = [option.id for option in options if option.value["correct"]]
        wrong = [option.id for option in options if not option.value["correct"]]
        # A wrong answer: a wrong option, or only part of the right ones.
        data[f"q-{question.id}"] = correct if right else (wrong[:1] or correct[:1])
    return data


def _form_token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_a_new_official_signs_up_learns_in_two_languages_and_completes_a_course_once(
    client, django_capture_on_commit_callbacks
):
    lms_demo.seed()
    demo.seed()
    bamako = Organisation.objects.get(short_name="Bamako")
    completed = []
    events.course_completed.connect(
        lambda sender, **kwargs: completed.append(kwargs["enrolment_id"]),
        dispatch_uid="journey",
        weak=False,
    )

    # 1. Sign up, in French, for the District of Bamako.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("accounts:signup", language="fr"),
            {
                "email": "Awa.Sangare@bamako.example",
                "full_name": "Awa Sangaré",
                "organisation": str(bamako.pk),
                "preferred_language": "fr",
                "time_zone": "Africa/Bamako",
                "password1": "un jardin partagé 2026",
                "password2": "un jardin partagé 2026",
            },
        )
    assert response.status_code == 302, _text(response)
    awa = User.objects.get(email="awa.sangare@bamako.example")
    assert not awa.is_email_verified
    assert Membership.objects.get(user=awa).status == "requested"

    # Sign-up logs nobody in (that would tell new addresses from used ones): she logs in.
    response = client.post(
        _url("accounts:login", language="fr"),
        {"username": "awa.sangare@bamako.example", "password": "un jardin partagé 2026"},
    )
    assert response.status_code == 302, _text(response)

    # Until the address is confirmed, the enrolment area says what to do.
    english_course = CoursePage.objects.get(slug=INTRO_SLUG, locale__language_code="en")
    french_course = english_course.get_translation(Locale.objects.get(language_code="fr")).specific
    spanish_course = english_course.get_translation(Locale.objects.get(language_code="es")).specific
    assert "awa.sangare@bamako.example" in _text(client.get(french_course.url))

    # 2. Confirm the address from the link in the e-mail.
    [message] = [m for m in mail.outbox if "awa.sangare@bamako.example" in m.to]
    link = re.search(r"https?://[^/\s]+(/\S+/verify/\S+/)", message.body).group(1)
    assert "Confirm" in _text(client.get(link)) or "Confirmer" in _text(client.get(link))
    client.post(link)
    awa.refresh_from_db()
    assert awa.is_email_verified

    # 3. Enrol from the French course page (open to everyone, so a pending membership is fine).
    response = client.post(_url("learn:enrol", french_course.pk, language="fr"), follow=True)
    assert response.status_code == 200
    enrolment = Enrolment.objects.get(user=awa)
    assert enrolment.organisation is None  # the membership is not confirmed yet

    french_modules = list(ModulePage.objects.child_of(french_course).live().order_by("path"))
    half = len(french_modules) // 2

    # 4. Module by module: the first half in French, the rest in Spanish.
    with django_capture_on_commit_callbacks(execute=True):
        _learn_every_module(client, french_course, spanish_course, half)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert Enrolment.objects.filter(user=awa).count() == 1
    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == len(french_modules)
    assert QuizAttempt.objects.filter(enrolment=enrolment, passed=False).count() == 1

    # 5. The dashboard, in Spanish, lists the course as completed.
    dashboard = _text(client.get(_url("learn:dashboard", language="es")))
    completed_section = dashboard[dashboard.index('id="completed-title"') :]
    assert spanish_course.title in completed_section
    in_progress = dashboard[: dashboard.index('id="completed-title"')]
    assert spanish_course.title not in in_progress
    assert completed == [enrolment.pk]
    events.course_completed.disconnect(dispatch_uid="journey")


def _learn_every_module(client, french_course, spanish_course, half) -> None:
    """Complete every module: the first ``half`` in French, the rest in Spanish; the
    first quiz met is failed once before it is passed."""
    french_modules = list(ModulePage.objects.child_of(french_course).live().order_by("path"))
    spanish_modules = list(ModulePage.objects.child_of(spanish_course).live().order_by("path"))
    assert len(french_modules) == len(spanish_modules) >= 3
    failed_once = False
    for number, (fr_module, es_module) in enumerate(
        zip(french_modules, spanish_modules, strict=True)
    ):
        if number == half:
            # The switch: the Spanish course page shows what was done in French.
            spanish_page = client.get(spanish_course.url).content.decode()
            assert spanish_page.count("badge badge--done") == half
        module, course, language = (
            (fr_module, french_course, "fr") if number < half else (es_module, spanish_course, "es")
        )
        page = client.get(module.url)
        assert page.status_code == 200
        if module.quiz is None:
            response = client.post(_url("learn:complete", course.pk, module.pk, language=language))
            assert response.status_code == 302
            continue
        if not failed_once:
            failed = client.post(
                _url("learn:quiz", course.pk, module.pk, language=language),
                {"form_token": _form_token(page), **_quiz_answers(module, right=False)},
                follow=True,
            )
            assert failed.status_code == 200, _text(failed)[-3000:]
            assert 'class="quiz__result quiz__result--failed"' in failed.content.decode()
            assert not ModuleCompletion.objects.filter(
                enrolment__user__email=EMAIL, module_key=module.translation_key
            ).exists()
            failed_once = True
            page = failed
        passed = client.post(
            _url("learn:quiz", course.pk, module.pk, language=language),
            {"form_token": _form_token(page), **_quiz_answers(module, right=True)},
            follow=True,
        )
        assert 'class="quiz__result quiz__result--passed"' in passed.content.decode()

    assert failed_once, "the demo course has a quiz"
