"""Demo evaluation: the two default questionnaires (end of course, follow-up impact) in
English, French, Spanish and Korean, answered end-of-course questionnaires from the demo
learners who completed a course, and follow-up answers from every other one of them.

Safe to run again: a questionnaire is found by its title in English and a translation by
its translation key and locale; a learner who answered is not asked again (the response
is unique per enrolment and purpose); nothing that exists is changed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.evaluation.models import Purpose, Questionnaire, QuestionnaireChoice, Response
from courses.evaluation.selectors import questionnaire_for
from courses.evaluation.services import response_submit
from courses.models import Enrolment
from lms.demo import DEMO_EMAIL_DOMAIN


def _rating(question, low, high):
    return (
        "rating",
        {"question": question, "low_label": low, "high_label": high, "required": True},
    )


def _text(question, hint=""):
    return ("text", {"question": question, "help_text": hint, "required": False})


def _choice(question, options, multiple=True):
    return (
        "choice",
        {"question": question, "options": options, "multiple": multiple, "required": False},
    )


END_OF_COURSE = {
    "en": {
        "title": "How did the course go?",
        "introduction": "Five questions, two minutes.",
        "questions": [
            _rating("How useful was the course for your work?", "Not at all", "Very useful"),
            _rating("How clear were the modules?", "Not clear", "Very clear"),
            _rating("Would you recommend it to a colleague?", "No", "Certainly"),
            _choice(
                "What will you use first?",
                ["Policy examples", "Tools and templates", "Contacts in other cities"],
            ),
            _text("What would you change in the course?"),
        ],
    },
    "fr": {
        "title": "Comment s'est passé le cours ?",
        "introduction": ("Cinq questions, deux minutes."),
        "questions": [
            ("Le cours vous a-t-il été utile dans votre travail ?", "Pas du tout", "Très utile"),
            ("Les modules étaient-ils clairs ?", "Pas clairs", "Très clairs"),
            ("Le recommanderiez-vous à un collègue ?", "Non", "Certainement"),
            (
                "Qu'utiliserez-vous d'abord ?",
                ["Exemples de politiques", "Outils et modèles", "Contacts dans d'autres villes"],
            ),
            ("Que changeriez-vous dans le cours ?",),
        ],
    },
    "es": {
        "title": "¿Qué tal el curso?",
        "introduction": "Cinco preguntas, dos minutos.",
        "questions": [
            ("¿Qué tan útil fue el curso para su trabajo?", "Nada", "Muy útil"),
            ("¿Qué tan claros fueron los módulos?", "Nada claros", "Muy claros"),
            ("¿Lo recomendaría a un colega?", "No", "Sin duda"),
            (
                "¿Qué usará primero?",
                [
                    "Ejemplos de políticas",
                    "Herramientas y plantillas",
                    "Contactos en otras ciudades",
                ],
            ),
            ("¿Qué cambiaría del curso?",),
        ],
    },
    "ko": {
        "title": "강좌는 어떠셨나요?",
        "introduction": "다섯 개의 질문, 2분이면 됩니다.",
        "questions": [
            ("이 강좌가 업무에 얼마나 유용했나요?", "전혀 아님", "매우 유용함"),
            ("모듈 내용은 얼마나 명확했나요?", "명확하지 않음", "매우 명확함"),
            ("동료에게 추천하시겠습니까?", "아니요", "꼭 추천함"),
            ("무엇을 먼저 활용하시겠습니까?", ["정책 사례", "도구와 양식", "다른 도시의 연락처"]),
            ("강좌에서 바꾸고 싶은 점은 무엇인가요?",),
        ],
    },
}

IMPACT = {
    "en": {
        "title": "Three months later: have you applied what you learned?",
        "introduction": (
            "A follow-up for GSEF and its funders: what the training changed in your work."
        ),
        "questions": [
            _rating("How much have you applied what you learned?", "Not yet", "A great deal"),
            _choice(
                "Where did it change something?",
                ["A policy or plan", "A procurement or budget decision", "A new partnership"],
            ),
            _text("How? Tell us about one change.", "A project, a decision, a meeting…"),
        ],
    },
    "fr": {
        "title": "Trois mois plus tard : avez-vous appliqué ce que vous avez appris ?",
        "introduction": (
            "Un suivi pour le GSEF et ses bailleurs : ce que la "
            "formation a changé dans votre travail."
        ),
        "questions": [
            (
                "Dans quelle mesure avez-vous appliqué ce que vous avez appris ?",
                "Pas encore",
                "Beaucoup",
            ),
            (
                "Où cela a-t-il changé quelque chose ?",
                [
                    "Une politique ou un plan",
                    "Un achat public ou un budget",
                    "Un nouveau partenariat",
                ],
            ),
            ("Comment ? Racontez-nous un changement.", "Un projet, une décision, une réunion…"),
        ],
    },
    "es": {
        "title": "Tres meses después: ¿ha aplicado lo que aprendió?",
        "introduction": (
            "Un seguimiento para el GSEF y sus financiadores: qué cambió "
            "la formación en su trabajo."
        ),
        "questions": [
            ("¿En qué medida ha aplicado lo aprendido?", "Aún no", "Mucho"),
            (
                "¿Dónde cambió algo?",
                [
                    "Una política o un plan",
                    "Una compra pública o un presupuesto",
                    "Una nueva alianza",
                ],
            ),
            ("¿Cómo? Cuéntenos un cambio.", "Un proyecto, una decisión, una reunión…"),
        ],
    },
    "ko": {
        "title": "3개월 후: 배운 내용을 적용해 보셨나요?",
        "introduction": (
            "GSEF와 후원 기관을 위한 후속 조사입니다. 교육이 업무에 가져온 변화를 알려 주세요."
        ),
        "questions": [
            ("배운 내용을 얼마나 적용하셨나요?", "아직 없음", "매우 많이"),
            (
                "어디에서 변화가 있었나요?",
                ["정책 또는 계획", "공공조달 또는 예산 결정", "새로운 협력"],
            ),
            ("어떻게 적용하셨나요? 한 가지 변화를 알려 주세요.", "사업, 결정, 회의…"),
        ],
    },
}

# Demo answers, by learner position: ratings and a sentence, so the charts show a spread.
ANSWERS = (
    (5, 4, 5, [0, 1], "More examples from African cities, please."),
    (4, 4, 4, [1], "The module on procurement could be shorter."),
    (3, 5, 4, [2], ""),
    (5, 5, 5, [0, 2], "Very practical: we used the templates the next week."),
)


def _translated(english: list, texts: list) -> list:
    """The English blocks with the translated words, same block types and order."""
    blocks = []
    for (kind, value), text in zip(english, texts, strict=True):
        value = dict(value)
        value["question"] = text[0]
        if kind == "rating":
            value["low_label"], value["high_label"] = text[1], text[2]
        elif kind == "choice":
            value["options"] = text[1]
        elif len(text) > 1:
            value["help_text"] = text[1]
        blocks.append((kind, value))
    return blocks


def _questionnaire(content: dict, purpose: str) -> int:
    """The questionnaire in English and its translations; returns how many rows were made."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return 0
    made = 0
    original = Questionnaire.objects.filter(locale=english, title=content["en"]["title"]).first()
    if original is None:
        original = Questionnaire.objects.create(
            locale=english,
            title=content["en"]["title"],
            introduction=content["en"]["introduction"],
            purpose=purpose,
            questions=content["en"]["questions"],
        )
        original.refresh_from_db()
        made += 1
    for language, text in content.items():
        locale = Locale.objects.filter(language_code=language).first()
        if language == "en" or locale is None or original.has_translation(locale):
            continue
        copy = original.copy_for_translation(locale)
        copy.title = text["title"]
        copy.introduction = text["introduction"]
        raw = copy.questions.raw_data
        translated = _translated(content["en"]["questions"], text["questions"])
        for block, (_kind, value) in zip(raw, translated, strict=True):
            block["value"] = value  # the ids stay: answers in any language count together
        copy.questions = raw
        copy.save()
        made += 1
    if not QuestionnaireChoice.objects.filter(purpose=purpose, course_key=None).exists():
        QuestionnaireChoice.objects.create(
            purpose=purpose, questionnaire_key=original.translation_key
        )
    return made


def _answers() -> int:
    """End-of-course answers from the demo learners who completed a course."""
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.COMPLETED,
        user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}",
    ).exclude(
        # Not NULL: a programme's responses have none (NOT IN with a NULL matches nothing).
        pk__in=Response.objects.filter(purpose=Purpose.END_OF_COURSE)
        .exclude(enrolment=None)
        .values("enrolment_id")
    )
    made = 0
    for position, enrolment in enumerate(enrolments.select_related("user").order_by("pk")):
        applicable = questionnaire_for(
            course_key=enrolment.course_key,
            purpose=Purpose.END_OF_COURSE,
            language=enrolment.user.preferred_language or "en",
        )
        if applicable is None:
            continue
        useful, clear, recommend, options, text = ANSWERS[position % len(ANSWERS)]
        ids = [block.id for block in applicable.shown.questions]
        answers = {ids[0]: useful, ids[1]: clear, ids[2]: recommend, ids[3]: options}
        if text:
            answers[ids[4]] = text
        response_submit(
            enrolment=enrolment,
            purpose=Purpose.END_OF_COURSE,
            applicable=applicable,
            answers=answers,
            now=enrolment.completed_at or timezone.now(),
        )
        made += 1
    return made


IMPACT_ANSWERS = (
    (4, [0, 2], "We wrote social clauses into the city's catering tender."),
    (3, [2], "A partnership with two cooperatives for waste collection."),
)


def _impact_answers() -> int:
    """Follow-up answers from every other demo learner who completed a course, so that
    level 3 has results to show (the survey itself goes out months later)."""
    answered = set(
        Response.objects.filter(purpose=Purpose.IMPACT).values_list("enrolment_id", flat=True)
    )
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.COMPLETED, user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
    )
    made = 0
    for position, enrolment in enumerate(enrolments.select_related("user").order_by("pk")):
        if position % 2 or enrolment.pk in answered:
            continue
        applicable = questionnaire_for(
            course_key=enrolment.course_key,
            purpose=Purpose.IMPACT,
            language=enrolment.user.preferred_language or "en",
        )
        if applicable is None:
            continue
        applied, options, text = IMPACT_ANSWERS[(position // 2) % len(IMPACT_ANSWERS)]
        ids = [block.id for block in applicable.shown.questions]
        response_submit(
            enrolment=enrolment,
            purpose=Purpose.IMPACT,
            applicable=applicable,
            answers={ids[0]: applied, ids[1]: options, ids[2]: text},
            now=timezone.now(),
        )
        made += 1
    return made


@transaction.atomic
def seed() -> list[str]:
    made = _questionnaire(END_OF_COURSE, Purpose.END_OF_COURSE) + _questionnaire(
        IMPACT, Purpose.IMPACT
    )
    answered = _answers() + _impact_answers()
    total = Response.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").count()
    return [
        f"Demo evaluation: {made} questionnaire versions made; {total} answered "
        f"questionnaires ({answered} now)."
    ]
