"""The discussion's pages: a course's threads (with the form to start one), a thread
(with the reply form), and the POST actions: answer, moderate, hide, report.

Reading and posting need a standing in the course's discussion (``permissions``): a
course's discussion page refuses others with 403 and says why; a thread or post of a
discussion one may not read answers 404, as if it did not exist. Actions are POST only,
CSRF-checked, one service each; a refused post comes back in its form with the reason.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.kept_html import CSRF_PLACEHOLDER, render_with_placeholder, with_token
from cms.kept_html import kept as kept_html
from cms.kept_html import key as kept_key
from courses.cohorts.models import Cohort
from courses.dates import content_language
from courses.discussion import kept, services
from courses.discussion.formatting import render_post
from courses.discussion.forms import ReplyForm, ReportForm, ThreadForm
from courses.discussion.models import Post, Thread
from courses.discussion.permissions import Standing, discussion_policy
from courses.discussion.rendering import posts_html, threads_html
from courses.discussion.selectors import (
    POSTS_PER_PAGE,
    THREADS_PER_PAGE,
    cohort_facilitators,
    course_threads,
    course_trainers,
    course_version,
    mention_candidates,
    my_cohorts,
    post_page_number,
    thread_posts,
)
from courses.models import CoursePage, ModulePage
from courses.services.learning import refusal_code

#: A refusal's code → the status of the page that shows it.
STATUS = {"rate_limited": 429, "locked": 409, "not_a_participant": 403, "not_a_moderator": 403}


def _status(error: ValidationError) -> int:
    return STATUS.get(refusal_code(error), 400)


def _refused(request: HttpRequest, error: ValidationError, *, back_url: str, back_label: str):
    return render(
        request,
        "courses/action_refused.html",
        {"reasons": error.messages, "back_url": back_url, "back_label": back_label},
        status=_status(error),
    )


def _readable_thread(request: HttpRequest, thread_id: int) -> tuple[Thread, Standing]:
    thread = kept.read_thread(thread_id, user=request.user)
    if thread is None:
        raise Http404
    taught = kept.remembered_taught_course_keys(request.user)
    standing = discussion_policy.thread_standing(request.user, thread, taught=taught)
    if not standing.may_read:
        raise Http404
    return thread, standing


def _thread_url(thread: Thread) -> str:
    return reverse("discussion:thread", args=[thread.pk])


def _post_url(post: Post) -> str:
    """The thread's page that holds ``post``, scrolled to it."""
    return f"{_thread_url(post.thread)}?post={post.pk}#post-{post.pk}"


def _course_modules(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.live().child_of(course).only("pk", "title", "translation_key"))


def _course_page(request: HttpRequest, course: CoursePage, *, cohort=None, form=None, status=200):
    user = request.user
    state = kept.course_state(
        course_key=course.translation_key, cohort_id=cohort.pk if cohort else None, user=user
    )
    if cohort is None:
        standing = discussion_policy.standing(
            user,
            course.translation_key,
            enrolled=state.enrolled if state else None,
            taught=kept.remembered_taught_course_keys(user),
        )
    else:
        standing = discussion_policy.cohort_standing(user, cohort)
    if not standing.may_read:
        error = ValidationError(
            _(
                "This discussion is for the course's enrolled learners, its trainers and the "
                "Secretariat. Enrol on the course page to take part."
            )
            if cohort is None
            else _(
                "This discussion is for the cohort's members, its facilitators and the Secretariat."
            ),
            code="not_a_participant",
        )
        return _refused(
            request, error, back_url=course.get_url(request), back_label=_("Back to the course")
        )
    # A refused new thread keeps the module the person was writing about.
    module_id = request.GET.get("module", "") or (
        request.POST.get("module", "") if request.method == "POST" else ""
    )
    page_number = request.GET.get("page", "")
    key = None
    if state and form is None and len(module_id) < 12 and len(page_number) < 8:
        key = kept_key(
            "discussion:course",
            course.pk,
            cohort.pk if cohort else "",
            module_id if module_id.isdigit() else "",
            page_number if page_number.isdigit() else "",
            get_language(),
            int(standing.may_moderate),
            state.md5,
        )

    def render_body():
        context = _course_context(request, course, cohort, module_id, standing, form)
        html = render_with_placeholder("courses/discussion/course_body.html", context, request)
        return None, html

    body = with_token(kept_html(key, render_body, now=timezone.now()), request)
    return render(
        request, "courses/discussion/course.html", {"course": course, "body": body}, status=status
    )


def _with_query(address: str, query: dict) -> str:
    return f"{address}?{urlencode(query)}" if query else address


def _listing_query(module, page_obj) -> dict:
    query = {"module": module.pk} if module else {}
    if page_obj.number > 1:
        query["page"] = page_obj.number
    return query


def _course_context(request, course, cohort, module_id: str, standing, form) -> dict:
    modules = _course_modules(course)
    module = None
    if module_id.isdigit():
        module = next((m for m in modules if m.pk == int(module_id)), None)
    threads = course_threads(
        course_key=course.translation_key,
        module_key=module.translation_key if module else None,
        cohort=cohort,
    )
    page_obj = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    if form is None:
        form = ThreadForm(modules=modules, initial={"module": module.pk if module else None})
    if cohort:
        here = reverse("discussion:cohort", args=[cohort.pk])
    else:
        here = reverse("discussion:course", args=[course.pk])
    return {
        "course": course,
        "cohort": cohort,
        "cohorts": [] if cohort else list(my_cohorts(request.user, course.translation_key)),
        "module": module,
        "page_obj": page_obj,
        "threads": page_obj.object_list,
        "threads_html": threads_html(page_obj.object_list, module=module),
        "query_string": f"module={module.pk}" if module else "",
        "here": _with_query(here, _listing_query(module, page_obj)),
        "form": form,
        "standing": standing,
        "trainers": (
            cohort_facilitators(cohort) if cohort else course_trainers(course.translation_key)
        ),
        "post_url": here,
    }


def _start(request: HttpRequest, course: CoursePage, cohort=None) -> HttpResponse:
    if request.method != "POST":
        return _course_page(request, course, cohort=cohort)
    modules = _course_modules(course)
    form = ThreadForm(request.POST, modules=modules)
    if not form.is_valid():
        return _course_page(request, course, cohort=cohort, form=form, status=400)
    module = next((m for m in modules if m.pk == form.cleaned_data["module"]), None)
    try:
        thread = services.thread_start(
            user=request.user,
            course=course,
            cohort=cohort,
            module=module,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            language=content_language(),
            now=timezone.now(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _course_page(request, course, cohort=cohort, form=form, status=_status(error))
    return redirect(_thread_url(thread))


@never_cache
@login_required
def course_discussion(request: HttpRequest, page_id: int) -> HttpResponse:
    """A course's threads (any language version's page id), and the form to start one."""
    return _start(request, get_object_or_404(CoursePage.objects.live(), pk=page_id))


@never_cache
@login_required
def cohort_discussion(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """A cohort's own threads (its members, facilitators and the Secretariat)."""
    cohort = get_object_or_404(Cohort.objects.filter(course_key__isnull=False), pk=cohort_id)
    course = course_version(cohort.course_key, content_language(), cohort.course_page)
    if course is None:
        raise Http404
    return _start(request, course, cohort)


def _thread_page(request, thread: Thread, standing: Standing, *, form=None, status=200):
    page_number = request.GET.get("page")
    if (wanted := request.GET.get("post", "")).isdigit():
        page_number = post_page_number(thread, int(wanted), POSTS_PER_PAGE)
    elif page_number == "last":
        page_number = -1
    paginator = Paginator(thread_posts(thread), POSTS_PER_PAGE)
    paginator.__dict__["count"] = thread.post_count  # read with the thread (kept.read_thread)
    if page_number == -1:
        page_number = paginator.num_pages
    page_obj = paginator.get_page(page_number)
    may_mark_answer = standing.may_moderate or thread.author_id == request.user.pk
    key = None
    if form is None:
        start = (page_obj.number - 1) * POSTS_PER_PAGE
        state = kept.thread_page_state(
            thread, offset=start, limit=POSTS_PER_PAGE, user=request.user
        )
        if state is not None:
            key = kept_key(
                "discussion:thread",
                thread.pk,
                page_obj.number,
                thread.post_count,
                get_language(),
                int(standing.may_moderate),
                int(may_mark_answer),
                state,
            )

    def render_body():
        context = _thread_context(request, thread, standing, page_obj, form, may_mark_answer)
        html = render_with_placeholder("courses/discussion/thread_body.html", context, request)
        return None, html

    body = with_token(kept_html(key, render_body, now=timezone.now()), request)
    context = {"thread": thread, "body": body}
    return render(request, "courses/discussion/thread.html", context, status=status)


def _thread_context(request, thread, standing, page_obj, form, may_mark_answer) -> dict:
    language = content_language()
    course = course_version(thread.course_key, language, thread.course_page)
    if course is None:
        raise Http404
    trainers = mention_candidates(thread)
    names = [trainer.full_name for trainer in trainers]
    trainer_ids = {trainer.pk for trainer in trainers}
    # Each post's addresses and time, made here once for the page: cheaper than three
    # {% url %} and two |date per post in the template (a page holds 50).
    urls = {name: reverse(f"discussion:{name}", args=[0]) for name in ("answer", "hide", "report")}
    shown = []
    datetime_format = formats.get_format("DATETIME_FORMAT")
    for index, post in enumerate(page_obj.object_list):
        posted = timezone.localtime(post.created_at)
        shown.append(
            {
                "post": post,
                "html": render_post(post.body, mention_names=names),
                "by_trainer": post.author_id in trainer_ids,
                "is_question": page_obj.number == 1 and index == 0,
                "is_answer": post.pk == thread.answer_id,
                "when_iso": posted.isoformat(),
                "when_text": dateformat.format(posted, datetime_format),
                **{f"{name}_url": url.replace("/0/", f"/{post.pk}/") for name, url in urls.items()},
            }
        )
    module = None
    if thread.module_key:
        module = (
            ModulePage.objects.live()
            .filter(translation_key=thread.module_key, locale=course.locale_id)
            .first()
        ) or thread.module_page
    return {
        "thread": thread,
        "course": course,
        "module": module,
        "posts_html": posts_html(
            shown,
            may_moderate=standing.may_moderate,
            may_mark_answer=may_mark_answer,
            user_id=request.user.pk,
            csrf_token=CSRF_PLACEHOLDER,
            language=get_language(),
        ),
        "page_obj": page_obj,
        "query_string": "",
        "standing": standing,
        "may_mark_answer": may_mark_answer,
        "form": form if form is not None else ReplyForm(),
        "trainers": trainers,
    }


@never_cache
@login_required
def thread_view(request: HttpRequest, thread_id: int) -> HttpResponse:
    """A thread and its replies; POST adds a reply."""
    thread, standing = _readable_thread(request, thread_id)
    if request.method != "POST":
        return _thread_page(request, thread, standing)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, standing, form=form, status=400)
    try:
        post = services.post_reply(
            user=request.user,
            thread=thread,
            body=form.cleaned_data["body"],
            language=content_language(),
            now=timezone.now(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        thread.refresh_from_db()
        return _thread_page(request, thread, standing, form=form, status=_status(error))
    return redirect(_post_url(post))


def _readable_post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    if not discussion_policy.thread_standing(request.user, post.thread).may_read:
        raise Http404
    return post


def _act(request: HttpRequest, thread: Thread, action) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        return _refused(
            request, error, back_url=_thread_url(thread), back_label=_("Back to the thread")
        )
    return None


@require_POST
@login_required
def answer(request: HttpRequest, post_id: int) -> HttpResponse:
    """Mark (or, with ``unmark``, unmark) a reply as the thread's answer."""
    post = _readable_post(request, post_id)
    refused = _act(
        request,
        post.thread,
        lambda: services.answer_mark(
            user=request.user, post=post, now=timezone.now(), unmark="unmark" in request.POST
        ),
    )
    return refused or redirect(_post_url(post))


@require_POST
@login_required
def moderate(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Lock, unlock, pin or unpin a thread (the ``action`` field)."""
    thread, _standing = _readable_thread(request, thread_id)
    refused = _act(
        request,
        thread,
        lambda: services.thread_moderate(
            user=request.user,
            thread=thread,
            action=request.POST.get("action", ""),
            now=timezone.now(),
        ),
    )
    return refused or redirect(_thread_url(thread))


@require_POST
@login_required
def hide(request: HttpRequest, post_id: int) -> HttpResponse:
    """Hide a post from everyone but the moderators, or (``unhide``) show it again."""
    post = _readable_post(request, post_id)
    refused = _act(
        request,
        post.thread,
        lambda: services.post_hide(
            user=request.user, post=post, now=timezone.now(), unhide="unhide" in request.POST
        ),
    )
    return refused or redirect(_post_url(post))


@never_cache
@login_required
def report(request: HttpRequest, post_id: int) -> HttpResponse:
    """Report a post to the discussion's moderators (a form, then a thank-you)."""
    post = _readable_post(request, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_report(
            user=request.user, post=post, reason=form.cleaned_data["reason"], now=timezone.now()
        )
        messages.success(
            request, _("Thank you. The course's trainers and the Secretariat will look at it.")
        )
        return redirect(_post_url(post))
    return render(
        request,
        "courses/discussion/report.html",
        {"post": post, "thread": post.thread, "form": form},
        status=400 if request.method == "POST" else 200,
    )
