"""Demo discussion (``manage.py seed_demo``, after the courses' demo): two learners from
different cities discuss a module of the introductory course, in Korean and in French;
its trainer answers and marks the Bamako learner's reply as the answer. The reply e-mails
are recorded by the services (each recipient's in their language). Safe to run again:
a thread already there is left as it is."""

from __future__ import annotations

from django.utils import timezone

from courses.discussion import services
from courses.discussion.models import Thread
from courses.models import CoursePage, ModulePage, NotificationDelivery
from lms.demo import DEMO_EMAIL_DOMAIN
from lms.models import User

COURSE_SLUG = "introduction-to-the-social-and-solidarity-economy"
MODULE_TITLE = "Why cities? The roles of local government"
TITLE = "시청이 사회적경제 기업에서 구매할 수 있나요?"
QUESTION = (
    "서울에서는 공공구매 목표제를 운영하고 있습니다. 다른 도시에서는 "
    "사회적경제 기업의 공공조달 참여를 어떻게 지원하나요?"
)
REPLY_BAMAKO = (
    "À Bamako, le district réserve une part des petits marchés aux coopératives et "
    "publie les appels d'offres en bambara et en français. Le guide est ici : "
    "https://www.gsef-net.org/en/resources"
)
REPLY_TRAINER = (
    "Merci à vous deux ! Le module 4 revient sur ces clauses sociales. "
    "La réponse de Bamako résume bien l'essentiel : je la marque comme réponse."
)


def _person(local_part: str) -> User | None:
    return User.objects.filter(email=f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()


def seed() -> list[str]:
    seoul, bamako = _person("learner.seoul"), _person("learner.bamako2")
    trainer = _person("trainer.claire")
    course = CoursePage.objects.filter(slug=COURSE_SLUG, locale__language_code="en").first()
    if not (seoul and bamako and trainer and course):
        return ["Demo discussion: skipped (the courses' demo is not loaded)."]
    existing = Thread.objects.filter(course_key=course.translation_key, title=TITLE).first()
    if existing is None:
        module = ModulePage.objects.child_of(course).filter(title=MODULE_TITLE).first()
        now = timezone.now()
        thread = services.thread_start(
            user=seoul,
            course=course,
            module=module,
            title=TITLE,
            body=QUESTION,
            language="ko",
            now=now,
        )
        reply = services.post_reply(
            user=bamako, thread=thread, body=REPLY_BAMAKO, language="fr", now=now
        )
        services.post_reply(user=trainer, thread=thread, body=REPLY_TRAINER, language="fr", now=now)
        services.answer_mark(user=trainer, post=reply, now=now)
        existing = thread
    replies = NotificationDelivery.objects.filter(
        kind=NotificationDelivery.Kind.DISCUSSION_REPLY,
        subject_key__in=[f"post:{pk}" for pk in existing.posts.values_list("pk", flat=True)],
    ).count()
    return [
        f"Demo discussion: 1 thread with {existing.posts.count()} posts in the introductory "
        f"course ({replies} reply e-mails recorded)."
    ]
