"""Read side of a learner's record: who may enrol, a course's structure, and what the
course page, the module page and the dashboard show to the person looking.

Each context costs a fixed number of queries however many modules, enrolments or
translations there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.models import Site

from cms import shell_cache
from courses.dates import content_language, long_date, user_time_zone, viewer_time_zone
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage, QuizAttempt
from courses.selectors.catalogue import (
    MODULE_LINK_FIELDS,
    EnrolmentStatus,
    catalogue_courses,
    course_languages,
    course_modules,
    deadline_text,
    enrolment_message,
    enrolment_status,
    publicly_visible,
)
from courses.selectors.prerequisites import (
    course_prerequisites,
    missing_prerequisites,
    prerequisite_message,
)
from courses.tokens import quiz_form_token
from lms.models import Membership, Organisation, User
from lms.queries import raw_once

RULE_FIELDS = (
    "id",
    "path",
    "depth",
    "translation_key",
    "completion_requires_all_modules",
    "completion_min_quiz_score",
    "completion_min_webinars",
)
RECOMMENDATIONS = 4


# --- time -----------------------------------------------------------------------------------


def viewer_today(*, user: User | None, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the person is (a deadline ends at midnight, their time)."""
    return timezone.localtime(now or timezone.now(), user_time_zone(user)).date()


# --- who may enrol --------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def _active_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, organisation__is_active=True
    )


def learner_organisation_for(*, user: User, course: CoursePage) -> Organisation | None:
    """The member organisation a learner takes ``course`` for: one the course is reserved
    to when it is, else their longest-standing active membership."""
    memberships = _active_memberships(user).select_related("organisation")
    if course.audience == CoursePage.Audience.NAMED:
        memberships = memberships.filter(organisation__reserved_courses=course.pk)
    first = memberships.order_by("confirmed_at", "pk").first()
    return first.organisation if first else None


def _pending_note(user: User) -> str:
    pending = (
        Membership.objects.filter(user=user, status=Membership.Status.REQUESTED)
        .select_related("organisation")
        .first()
    )
    if pending is None:
        return gettext(
            "If you work for a member organisation, ask its coordinator to add you to it."
        )
    return gettext(
        "Your membership of %(organisation)s is waiting for its coordinator to confirm it."
    ) % {"organisation": pending.organisation.name}


def enrolment_refusal(
    *,
    user: User,
    course: CoursePage,
    now: dt.datetime | None = None,
    self_service: bool = True,
    prerequisites: list | None = None,
) -> Refusal | None:
    """Why ``user`` cannot join ``course`` now, in a sentence they can act on; None if they can.

    The rules, in the order a person meets them: the course is published; its
    enrolment window is open; its audience includes them (everyone, members of any
    GSEF organisation, or named organisations; only a confirmed membership
    counts); they have completed the course's prerequisites (in any language); and
    someone enrolling themselves has confirmed their e-mail address.
    ``prerequisites``: the course's, already read for this person (the course page).
    """
    now = now or timezone.now()
    if not user.is_active:
        return Refusal("inactive", gettext("This account is deactivated."))
    published = publicly_visible(CoursePage.objects.live()).filter(pk=course.pk).exists()
    if not published:
        return Refusal(
            "not_published", gettext("This course is not published, so nobody can join it.")
        )
    status = enrolment_status(course=course, now=now)
    if status != EnrolmentStatus.OPEN:
        return Refusal(
            status.value,
            enrolment_message(course=course, status=status, time_zone=user_time_zone(user)),
        )
    if course.audience == CoursePage.Audience.MEMBERS:
        if not _active_memberships(user).exists():
            return Refusal(
                "members_only",
                gettext("This course is open to members of GSEF organisations only.")
                + " "
                + _pending_note(user),
            )
    elif course.audience == CoursePage.Audience.NAMED:
        # Read from the database: the page object may hold an unsaved cluster of them.
        named = list(
            Organisation.objects.filter(reserved_courses=course.pk)
            .order_by("name")
            .values_list("pk", "name")
        )
        if not _active_memberships(user).filter(organisation__in=[pk for pk, _ in named]).exists():
            return Refusal(
                "reserved",
                gettext("This course is reserved to members of %(organisations)s.")
                % {"organisations": ", ".join(name for _, name in named)}
                + " "
                + _pending_note(user),
            )
    if prerequisites is not None:
        missing = [row for row in prerequisites if not row.is_done]
    else:
        missing = missing_prerequisites(
            course_key=course.translation_key, user=user, language=content_language()
        )
    if missing:
        return Refusal("prerequisite", prerequisite_message(missing))
    if self_service and not user.is_email_verified:
        return Refusal(
            "unverified",
            gettext("Confirm your e-mail address first: open the link we sent to %(email)s.")
            % {"email": user.email},
        )
    return None


# --- a course's structure, across its languages ---------------------------------------------


@dataclass(frozen=True)
class CourseStructure:
    """What the completion rule needs: the rules, and the course's modules as keys."""

    rules: CoursePage | None
    required_keys: frozenset[UUID] = field(default_factory=frozenset)
    quiz_keys: frozenset[UUID] = field(default_factory=frozenset)


def course_structure(*, course_key: UUID) -> CourseStructure:
    """The course's rules (from its original live version) and the modules it is made of.

    A module is part of the course when it is live under any live version of the
    course; modules are identified by translation key, so the French and Spanish
    versions of a module are one module. A module is required when it is required
    in any version (translations copy the flag from their source).
    """
    versions = list(
        CoursePage.objects.live()
        .filter(translation_key=course_key)
        .order_by("pk")
        .only(*RULE_FIELDS)
    )
    if not versions:
        return CourseStructure(rules=None)
    under_a_version = Q()
    for version in versions:
        under_a_version |= Q(path__startswith=version.path, depth=version.depth + 1)
    modules = (
        ModulePage.objects.live()
        .filter(under_a_version)
        .only("id", "translation_key", "is_required", "has_quiz")
    )
    required, quizzes = set(), set()
    for module in modules:
        if module.is_required:
            required.add(module.translation_key)
        if module.has_quiz:
            quizzes.add(module.translation_key)
    return CourseStructure(
        rules=versions[0], required_keys=frozenset(required), quiz_keys=frozenset(quizzes)
    )


# --- the learner's enrolment ----------------------------------------------------------------


def learner_enrolment(*, user: User | None, course_key: UUID) -> Enrolment | None:
    if user is None or not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course_key=course_key).first()


def _deadline_facts(enrolment: Enrolment, *, user: User) -> dict:
    """Days left, overdue, and the deadline as a sentence, for one enrolment."""
    if enrolment.due_on is None or enrolment.status != Enrolment.Status.ACTIVE:
        return {"days_left": None, "is_overdue": False, "deadline_sentence": ""}
    days = (enrolment.due_on - viewer_today(user=user)).days
    date = long_date(enrolment.due_on, user_time_zone(user))
    if days < 0:
        sentence = ngettext(
            "Overdue: the deadline was %(date)s, %(days)s day ago.",
            "Overdue: the deadline was %(date)s, %(days)s days ago.",
            -days,
        ) % {"date": date, "days": -days}
    elif days == 0:
        sentence = gettext("Due today, %(date)s.") % {"date": date}
    else:
        sentence = ngettext(
            "Due %(date)s: %(days)s day left.",
            "Due %(date)s: %(days)s days left.",
            days,
        ) % {"date": date, "days": days}
    return {"days_left": days, "is_overdue": days < 0, "deadline_sentence": sentence}


def continue_module_key(enrolment: Enrolment | None, module_keys: list[UUID], done: set[UUID]):
    """The module to continue with: the first not done after the last one worked on,
    else the first not done, else the last one worked on."""
    if enrolment is None or not module_keys:
        return None
    start = 0
    if enrolment.last_module_key in module_keys:
        start = module_keys.index(enrolment.last_module_key)
    for key in module_keys[start:] + module_keys[:start]:
        if key not in done:
            return key
    return enrolment.last_module_key or module_keys[0]


def course_detail_context(*, request: HttpRequest, course: CoursePage) -> dict:
    """What a course page shows: the syllabus, the facts, and the enrolment area for the
    person looking (join, the reason they cannot, or their progress and a way on)."""
    modules = list(course_modules(course=course))
    status = enrolment_status(course=course)
    user = request.user if request.user.is_authenticated else None
    enrolment = learner_enrolment(user=user, course_key=course.translation_key)
    done: set[UUID] = set()
    if enrolment is not None:
        done = set(enrolment.module_completions.values_list("module_key", flat=True))
    for module in modules:
        module.is_done = module.translation_key in done
    continue_key = continue_module_key(
        enrolment if enrolment and enrolment.is_current else None,
        [module.translation_key for module in modules],
        done,
    )
    prerequisites = course_prerequisites(
        course_key=course.translation_key, user=user, language=content_language(), remembered=True
    )
    refusal = None
    if user is not None and (enrolment is None or not enrolment.is_current):
        refusal = enrolment_refusal(user=user, course=course, prerequisites=prerequisites)
    return {
        "prerequisites": prerequisites,
        "modules": modules,
        "total_minutes": sum(module.estimated_minutes for module in modules),
        "trainers": [trainer.full_name for trainer in course.trainers.all()],
        "host_organisations": list(course.host_organisations.all()),
        "available_languages": course_languages(course=course, request=request),
        "enrolment_status": status,
        "enrolment_message": enrolment_message(
            course=course, status=status, time_zone=viewer_time_zone(request)
        ),
        "deadline_text": deadline_text(course=course),
        "enrolment": enrolment,
        "enrolment_refusal": refusal,
        "continue_module": next(
            (module for module in modules if module.translation_key == continue_key), None
        ),
        "deadline": _deadline_facts(enrolment, user=user) if enrolment else None,
        "enrol_url": reverse("learn:enrol", args=[course.pk]),
        "withdraw_url": reverse("learn:withdraw", args=[course.pk]),
    }


# --- a module -------------------------------------------------------------------------------


def _quiz_feedback(quiz, attempt: QuizAttempt) -> dict:
    """Per question: whether it was right, the options chosen, and their explanations."""
    feedback = {}
    for question in quiz.value["questions"].bound_blocks:
        chosen = attempt.answers.get(question.id, [])
        feedback[question.id] = {
            "correct": attempt.results.get(question.id, False),
            "chosen": chosen,
            "explanations": [
                option.value["explanation"]
                for option in question.value["options"].bound_blocks
                if option.id in chosen and option.value["explanation"]
            ],
        }
    return feedback


def _module_outline(request: HttpRequest, module: ModulePage) -> dict:
    """The module's course and its previous and next live modules: the same for everyone,
    remembered per process for the module and site until a page changes (``shell_cache``;
    a preview reads them afresh)."""

    def compute() -> dict:
        siblings = (
            ModulePage.objects.sibling_of(module, inclusive=False).live().only(*MODULE_LINK_FIELDS)
        )
        return {
            "course": CoursePage.objects.parent_of(module).first(),
            "previous_module": siblings.filter(path__lt=module.path).order_by("-path").first(),
            "next_module": siblings.filter(path__gt=module.path).order_by("path").first(),
        }

    if getattr(request, "is_preview", False):
        return compute()
    site = Site.find_for_request(request)
    key = ("module-outline", module.pk, site.pk if site else None)
    return shell_cache.remember(key, compute)


def _module_record(*, user: User, course_key: UUID, module: ModulePage) -> Enrolment | None:
    """The person's enrolment in the course with their record in this module, in one
    query: ``module_done``, ``quiz_best``, ``quiz_count`` and ``module_in_cohort`` (this
    module has dates in one of their cohorts). The statement is compiled once per process
    (``lms.queries.raw_once``): it is the module page's one query of its own."""
    from courses.cohorts.models import CohortMember, CohortModule

    def build(values: dict):
        attempts = (
            QuizAttempt.objects.filter(enrolment=OuterRef("pk"), module_key=values["module"])
            .order_by()
            .values("enrolment")
        )
        mine = CohortMember.objects.filter(user_id=values["person"]).values("cohort_id")
        return (
            Enrolment.objects.filter(user_id=values["user"], course_key=values["course"])
            .annotate(
                module_done=Exists(
                    ModuleCompletion.objects.filter(
                        enrolment=OuterRef("pk"), module_key=values["completed"]
                    )
                ),
                quiz_best=Subquery(attempts.annotate(best=Max("score")).values("best")),
                quiz_count=Subquery(attempts.annotate(count=Count("pk")).values("count")),
                module_in_cohort=Exists(
                    CohortModule.objects.filter(module_key=values["dated"], cohort_id__in=mine)
                ),
            )
            .order_by("pk")[:1]
        )

    key = module.translation_key
    values = {
        "user": user.pk,
        "course": course_key,
        "module": key,
        "completed": key,
        "person": user.pk,
        "dated": key,
    }
    rows = raw_once("courses.module-record", build, values)
    return rows[0] if rows else None


def module_detail_context(*, request: HttpRequest, module: ModulePage) -> dict:
    """The module's course and neighbours, whether the visitor may read it, and their
    record in it: done or not, the quiz form, and the result of an attempt they open.

    The course and neighbours are remembered (``_module_outline``); the person's record
    is one query (``_module_record``), a second only to open an attempt."""
    outline = _module_outline(request, module)
    course = outline["course"]
    user = request.user if request.user.is_authenticated else None
    enrolment = (
        _module_record(user=user, course_key=course.translation_key, module=module)
        if user is not None and course is not None
        else None
    )
    learning = enrolment is not None and enrolment.is_current
    quiz = module.quiz
    context = {
        **outline,
        "can_read_module": module.is_open_preview or learning,
        "enrolment": enrolment,
        "module_done": False,
        # Only a learner with this module in a cohort has cohort dates to read (unknown,
        # None, without an enrolment row: the cohort tag then asks itself).
        "module_in_cohort": enrolment.module_in_cohort if enrolment is not None else None,
        "quiz_enabled": False,
        "quiz_attempt": None,
        "quiz_feedback": None,
        "quiz_best_score": None,
    }
    if not learning:
        return context
    context["module_done"] = enrolment.module_done
    context["complete_url"] = reverse("learn:complete", args=[course.pk, module.pk])
    if quiz is not None:
        attempt = None
        attempt_id = request.GET.get("attempt", "")
        if attempt_id.isdigit():
            attempt = QuizAttempt.objects.filter(
                enrolment=enrolment, module_key=module.translation_key, pk=int(attempt_id)
            ).first()
        context.update(
            quiz_enabled=True,
            quiz_action_url=reverse("learn:quiz", args=[course.pk, module.pk]),
            quiz_form_token=quiz_form_token(enrolment=enrolment, module=module),
            quiz_best_score=enrolment.quiz_best,
            quiz_attempt_count=enrolment.quiz_count or 0,
            quiz_attempt=attempt,
            quiz_feedback=_quiz_feedback(quiz, attempt) if attempt else None,
        )
    return context


# --- the dashboard --------------------------------------------------------------------------


def _pages_in_language(pages: list[CoursePage], language: str) -> dict[UUID, CoursePage]:
    """One page per course: the one in ``language`` if there is one, else the oldest."""
    chosen: dict[UUID, CoursePage] = {}
    for page in sorted(pages, key=lambda page: page.pk):
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[page.translation_key] = page
    return chosen


def recommended_courses(*, user: User, language: str, exclude_keys: set[UUID]) -> list:
    """Courses open now that ``user`` may join, in their language where possible, those
    hosted by their own organisations first: rows of the course listing, one query."""
    organisations = list(_active_memberships(user).values_list("organisation_id", flat=True))
    audience = Q(audience=CoursePage.Audience.EVERYONE)
    if organisations:
        named_for_them = Q()
        hosted_by_them = Q()
        for organisation in organisations:
            named_for_them |= Q(audience_organisation_ids__contains=f"|{organisation}|")
            hosted_by_them |= Q(host_ids__contains=f"|{organisation}|")
        audience |= Q(audience=CoursePage.Audience.MEMBERS)
        audience |= Q(audience=CoursePage.Audience.NAMED) & named_for_them
    candidates = (
        catalogue_courses(language=language, filters={"open_now": True})
        .filter(audience)
        .exclude(translation_key__in=exclude_keys)
    )
    if organisations:
        ours = Case(When(hosted_by_them, then=Value(0)), default=Value(1))
        candidates = candidates.alias(ours=ours).order_by(
            "ours", F("first_published_at").desc(nulls_last=True), "-page_id"
        )
    return list(candidates[:RECOMMENDATIONS])


def dashboard_context(*, request: HttpRequest, now: dt.datetime | None = None) -> dict:
    """The learner's courses (in progress, completed, withdrawn), with the course page in
    the visitor's language, progress and deadlines, recommended courses, and their
    webinars and calendar feed (``courses.selectors.webinars.dashboard_webinars``)."""
    from courses.selectors.certificates import learner_certificates
    from courses.selectors.programmes import learner_programmes
    from courses.selectors.webinars import dashboard_webinars

    user = request.user
    language = content_language()
    enrolments = list(
        Enrolment.objects.filter(user=user).order_by("status", "due_on", "-last_activity_at", "-pk")
    )
    keys = {enrolment.course_key for enrolment in enrolments}
    pages = _pages_in_language(
        list(
            publicly_visible(CoursePage.objects.live())
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only(
                "id",
                "title",
                "url_path",
                "path",
                "depth",
                "translation_key",
                "locale__language_code",
                "summary",
            )
        ),
        language,
    )
    rows = []
    for enrolment in enrolments:
        rows.append(
            {
                "enrolment": enrolment,
                "course": pages.get(enrolment.course_key),
                **_deadline_facts(enrolment, user=user),
            }
        )
    in_progress = [row for row in rows if row["enrolment"].status == Enrolment.Status.ACTIVE]
    in_progress.sort(key=lambda row: (not row["is_overdue"], row["days_left"] is None))
    return {
        "in_progress": in_progress,
        "completed": [row for row in rows if row["enrolment"].status == "completed"],
        "withdrawn": [row for row in rows if row["enrolment"].status == "withdrawn"],
        "overdue_count": sum(1 for row in in_progress if row["is_overdue"]),
        "recommended": recommended_courses(user=user, language=language, exclude_keys=keys),
        "certificates": learner_certificates(user),
        "programmes": learner_programmes(user=user, language=language),
        **dashboard_webinars(request=request, now=now),
    }
