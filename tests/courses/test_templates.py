"""The public course pages: catalogue, course, module, quiz, featured courses, language switcher."""

import re

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Site

from courses.blocks import QuizBlock
from courses.models import CourseIndexPage, CourseListing, CoursePage, ModulePage
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_EXPLANATION = "Because reserved contracts are limited to SSE bidders by law."


@pytest.fixture
def catalogue():
    return CourseIndexPage.objects.get(locale__language_code="en")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_course(catalogue, title, *, hosts=(), trainers=(), **fields):
    fields.setdefault("summary", f"What {title} teaches, in two sentences.")
    course = CoursePage(title=title, **fields)
    catalogue.add_child(instance=course)
    # Parental many-to-many links are written when the revision is published.
    course.host_organisations.set(hosts)
    course.trainers.set(trainers)
    return publish(course)


def make_module(course, title, body=(), **fields):
    module = ModulePage(title=title, body=list(body), **fields)
    course.add_child(instance=module)
    return publish(module)


QUIZ_VALUE = {
    "title": "Check your understanding",
    "introduction": "Two short questions.",
    "pass_mark": 70,
    "questions": [
        {
            "type": "item",
            "id": "q-single",
            "value": {
                "prompt": "What is a reserved contract?",
                "kind": "single",
                "options": [
                    {
                        "type": "item",
                        "id": "o-reserved",
                        "value": {
                            "text": "A contract only SSE organisations may bid for",
                            "correct": True,
                            "explanation": SECRET_EXPLANATION,
                        },
                    },
                    {
                        "type": "item",
                        "id": "o-advance",
                        "value": {
                            "text": "A contract signed in advance",
                            "correct": False,
                            "explanation": "Signing early does not reserve anything.",
                        },
                    },
                ],
            },
        },
        {
            "type": "item",
            "id": "q-multiple",
            "value": {
                "prompt": "Which are social clauses?",
                "kind": "multiple",
                "options": [
                    {
                        "type": "item",
                        "id": "o-hiring",
                        "value": {"text": "Hiring people far from work", "correct": True},
                    },
                    {
                        "type": "item",
                        "id": "o-price",
                        "value": {"text": "Lowest price only", "correct": False},
                    },
                ],
            },
        },
    ],
}


def quiz_value():
    return QuizBlock().to_python(QUIZ_VALUE)


# --- quiz -------------------------------------------------------------------


def test_quiz_shows_prompts_and_answers_but_never_which_are_correct():
    html = QuizBlock().render(
        quiz_value(), context={"quiz_enabled": True, "quiz_action_url": "/en/quiz/1/"}
    )
    for text in (
        "What is a reserved contract?",
        "A contract only SSE organisations may bid for",
        "A contract signed in advance",
        "Which are social clauses?",
        "Hiring people far from work",
    ):
        assert text in html
    assert SECRET_EXPLANATION not in html
    assert "Signing early" not in html
    assert "correct" not in html.lower()
    assert "70%" in html


def test_quiz_posts_each_answer_under_its_question_and_answer_ids():
    html = QuizBlock().render(
        quiz_value(), context={"quiz_enabled": True, "quiz_action_url": "/en/quiz/1/"}
    )
    assert '<form class="quiz__form" method="post" action="/en/quiz/1/">' in html
    assert html.count("<fieldset") == 2
    assert '<legend class="quiz__prompt">What is a reserved contract?</legend>' in html
    assert re.search(r'type="radio" name="q-q-single" id="[^"]+" value="o-reserved"', html)
    assert re.search(r'type="checkbox" name="q-q-multiple" id="[^"]+" value="o-hiring"', html)
    assert "disabled" not in html


def test_quiz_is_disabled_for_visitors_who_are_not_enrolled():
    html = QuizBlock().render(quiz_value(), context={})
    assert "Enrol in the course to take this quiz." in html
    assert html.count('<fieldset class="quiz__question" disabled>') == 2
    assert 'action=""' in html


# --- catalogue ----------------------------------------------------------------


class CatalogueFilters(forms.Form):
    """The shape of the catalogue form the selector provides."""

    q = forms.CharField(label="Search", required=False)
    topic = forms.ChoiceField(
        label="Topic", required=False, choices=[("", "Any"), ("cooperatives", "Cooperatives")]
    )
    open_now = forms.BooleanField(label="Open for enrolment now", required=False)


def test_catalogue_lists_courses_with_their_facts_filters_and_pages(
    client, catalogue, monkeypatch, django_assert_max_num_queries
):
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    courses = [
        make_course(catalogue, f"Course {n}", effort_hours=6.5, hosts=[seoul]) for n in range(1, 4)
    ]
    listed = list(CourseListing.objects.filter(language="en", page__in=courses).order_by("title"))
    for course in listed:
        course.available_languages = ["en", "fr"]

    def catalogue_context(*, request, index):
        return {
            "courses": Paginator(listed, 2).page(2),
            "filter_form": CatalogueFilters(request.GET),
            "result_count": 3,
            "query_string_without_page": "topic=cooperatives",
        }

    monkeypatch.setattr("courses.selectors.catalogue_context", catalogue_context)
    # A first visit: the process renders the catalogue and reads when the next
    # enrolment window opens or closes (how long to keep it); a second one reads none.
    with django_assert_max_num_queries(21):
        response = client.get(catalogue.url + "?topic=cooperatives&page=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Courses</h1>" in html
    assert '<form class="filters" method="get"' in html
    assert '<label for="id_topic">Topic</label>' in html
    assert '<label for="id_open_now">Open for enrolment now</label>' in html
    assert '<button type="submit" class="button">Show courses</button>' in html
    assert "3 courses" in html
    assert f'<a href="{listed[2].url}">Course 3</a>' in html
    assert "Course 1</a>" not in html  # on page 1
    assert "6.5 hours" in html
    assert "Seoul Metropolitan Government" in html
    assert '<span lang="fr">Français</span>' in html
    assert 'href="?topic=cooperatives&amp;page=1"' in html
    assert 'href="?topic=cooperatives&amp;page=2" aria-current="page"' in html
    assert "<script" not in html


def test_catalogue_with_no_matching_course_says_so(client, catalogue, monkeypatch):
    monkeypatch.setattr(
        "courses.selectors.catalogue_context",
        lambda *, request, index: {
            "courses": Paginator([], 12).page(1),
            "filter_form": CatalogueFilters(request.GET),
            "result_count": 0,
            "query_string_without_page": "q=nothing",
        },
    )
    html = client.get(catalogue.url + "?q=nothing").content.decode()
    assert "0 courses" in html
    assert "No course matches these filters." in html


def test_catalogue_renders_with_the_real_selector(client, catalogue):
    make_course(catalogue, "Cooperatives 101")
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert "<h1>Courses</h1>" in response.content.decode()


# --- course -------------------------------------------------------------------


def test_course_page_shows_facts_and_the_ordered_syllabus(
    client, catalogue, django_assert_max_num_queries
):
    trainer = UserFactory(full_name="Amara Diallo")
    host = OrganisationFactory(name="District of Bamako")
    course = make_course(
        catalogue,
        "Public procurement for the social economy",
        description="<p>How cities buy from cooperatives.</p>",
        level=CoursePage.Level.INTERMEDIATE,
        effort_hours=6,
        trainers=[trainer],
        hosts=[host],
    )
    preview = make_module(course, "Why procurement matters", is_open_preview=True)
    closed = make_module(course, "Reserved contracts", estimated_minutes=45)
    make_module(course, "Going further", is_required=False)

    # The first request of a process also fills its route and site-shell memory
    # (cms.routing, cms.shell_cache); the budget is the page's own, once warm.
    client.get(course.url)
    with django_assert_max_num_queries(20):
        response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Public procurement for the social economy</h1>" in html
    assert "How cities buy from cooperatives." in html
    assert "Intermediate" in html and "6 hours" in html
    assert "Amara Diallo" in html and "District of Bamako" in html
    syllabus = html[html.index('<ol class="syllabus">') :]
    assert (
        syllabus.index("Why procurement matters")
        < syllabus.index("Reserved contracts")
        < syllabus.index("Going further")
    )
    assert "45 minutes" in syllabus and "optional" in syllabus
    assert f'href="{preview.url}">Preview' in html
    assert f'href="{closed.url}"' not in html


def test_course_page_shows_the_cover_image_with_its_alternative_text(
    client, catalogue, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Market", file=get_test_image_file(size=(1400, 700)))
    course = make_course(
        catalogue, "Cooperatives 101", cover_image=image, cover_alt="A cooperative market"
    )
    html = client.get(course.url).content.decode()
    assert 'alt="A cooperative market"' in html


def test_course_page_speaks_the_selectors_enrolment_and_deadline_sentences(catalogue):
    course = make_course(catalogue, "Cooperatives 101")
    request = RequestFactory().get(course.url)
    request.user = AnonymousUser()
    html = render_to_string(
        "courses/course_page.html",
        {
            "page": course,
            "modules": [],
            "trainers": [],
            "host_organisations": [],
            "available_languages": [
                ("en", "English", course.url),
                ("fr", "Français", "/fr/courses/cooperatives-101/"),
            ],
            "enrolment_status": "not_yet_open",
            "enrolment_message": "Enrolment opens with learner accounts.",
            "deadline_text": "You have 90 days after you enrol.",
        },
        request=request,
    )
    assert 'class="course-action course-action--not_yet_open"' in html
    assert "Enrolment opens with learner accounts." in html
    assert "You have 90 days after you enrol." in html
    assert '<a href="/fr/courses/cooperatives-101/" lang="fr" hreflang="fr">Français</a>' in html


# --- module -------------------------------------------------------------------

LESSON = "Public buyers spend about 13% of GDP."


def lesson_body():
    return [
        ("paragraph", f"<p>{LESSON}</p>"),
        ("quiz", QuizBlock().to_python(QUIZ_VALUE)),
    ]


def test_a_module_for_enrolled_learners_hides_its_lessons_from_visitors(client, catalogue):
    course = make_course(catalogue, "Cooperatives 101")
    module = make_module(course, "Reserved contracts", body=lesson_body())
    response = client.get(module.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Reserved contracts</h1>" in html
    assert LESSON not in html
    assert "What is a reserved contract?" not in html
    assert "This module is for enrolled learners" in html
    assert f'href="{course.url}"' in html


def test_an_open_preview_module_shows_its_lessons_to_anyone(
    client, catalogue, django_assert_max_num_queries
):
    course = make_course(catalogue, "Cooperatives 101")
    module = make_module(course, "Why it matters", body=lesson_body(), is_open_preview=True)
    # Includes creating the site settings row on the first page view (three queries).
    with django_assert_max_num_queries(25):
        response = client.get(module.url)
    html = response.content.decode()
    assert LESSON in html
    assert "What is a reserved contract?" in html
    assert SECRET_EXPLANATION not in html
    assert "Enrol in the course to take this quiz." in html
    assert '<nav class="breadcrumb"' in html and f'href="{course.url}"' in html


def test_a_module_shows_its_lessons_when_the_view_allows_and_links_its_neighbours(catalogue):
    course = make_course(catalogue, "Cooperatives 101")
    first = make_module(course, "First")
    module = make_module(course, "Second", body=lesson_body())
    last = make_module(course, "Third")
    request = RequestFactory().get(module.url)
    request.user = AnonymousUser()
    html = render_to_string(
        "courses/module_page.html",
        {
            "page": module,
            "can_read_module": True,
            "previous_module": first,
            "next_module": last,
            "quiz_enabled": True,
            "quiz_action_url": "/answers/",
        },
        request=request,
    )
    assert LESSON in html
    assert 'action="/answers/"' in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{last.url}" rel="next"' in html


# --- home page ----------------------------------------------------------------


def test_home_page_features_the_three_newest_courses(client, catalogue):
    for n in range(1, 5):
        make_course(catalogue, f"Course {n}")
    html = client.get("/en/").content.decode()
    assert "Featured courses" in html
    featured = html[html.index("Featured courses") :]
    assert featured.index("Course 4") < featured.index("Course 3") < featured.index("Course 2")
    assert "Course 1<" not in featured
    assert f'href="{catalogue.url}"' in html


def test_home_page_features_courses_of_other_languages_until_its_own_exist(client, catalogue):
    make_course(catalogue, "Cooperatives 101")
    html = client.get("/ko/").content.decode()
    assert "Cooperatives 101" in html


# --- language switcher ----------------------------------------------------------


@pytest.fixture
def translated_course(catalogue):
    course = make_course(catalogue, "Cooperatives 101", slug="cooperatives-101")
    french = course.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    for page in french.get_ancestors().filter(depth__gt=1).specific():
        if not page.live:
            publish(page)
    french.title = "Les coopératives"
    french.slug = "les-cooperatives"
    french.save()
    return course, publish(french)


def test_language_switcher_links_to_the_pages_translation(client, translated_course):
    course, french = translated_course
    html = client.get(course.url).content.decode()
    switcher = html[html.index('<nav class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert french.url == "/fr/courses/les-cooperatives/"
    assert f'<a href="{french.url}" lang="fr" hreflang="fr">' in switcher
    # No Spanish page of the course nor of its catalogue: the Spanish home page, with a note.
    assert '<a href="/es/" lang="es" hreflang="es" title="' in switcher
    assert f'<a href="{course.url}" lang="en" hreflang="en" aria-current="true">' in switcher


def test_language_switcher_reads_translations_and_fallbacks_in_three_queries(translated_course):
    course, _french = translated_course
    request = RequestFactory().get(course.url)
    # Both are cached before any template runs: the site's root paths for the whole
    # site, the request's site by Wagtail when it serves the page.
    Site.get_site_root_paths()
    Site.find_for_request(request)
    template = Template("{% load site_tags %}{% language_switcher %}")
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"page": course, "request": request}))
    # The translations, then for the languages without one: the ancestors, and theirs.
    assert len(queries) == 3, [query["sql"] for query in queries]
    assert 'href="/fr/courses/les-cooperatives/"' in html
