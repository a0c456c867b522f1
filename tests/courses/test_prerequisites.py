"""Prerequisites between courses: enrolment refuses with the reason, the course page says
it in plain words, and the admin refuses a loop naming its courses."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePrerequisite, Enrolment
from courses.selectors.prerequisites import prerequisite_cycle
from courses.services.learning import enrolment_create, refusal_code
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def require(course, *firsts):
    """``course`` requires ``firsts``, as an editor publishes it."""
    for first in firsts:
        CoursePrerequisite.objects.create(page=course, required_course=first)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def completed(user, course):
    now = timezone.now()
    return Enrolment.objects.create(
        user=user,
        course_key=course.translation_key,
        status=Enrolment.Status.COMPLETED,
        enrolled_at=now,
        completed_at=now,
    )


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Aminata Traoré")


@pytest.fixture
def intro(db):
    return factories.course("Introduction to the SSE")


@pytest.fixture
def strategy(intro):
    return require(factories.course("Municipal SSE strategy"), intro)


def test_enrolment_is_refused_until_the_prerequisite_is_completed(learner, intro, strategy):
    with pytest.raises(ValidationError) as refused:
        enrolment_create(user=learner, course=strategy)

    assert refusal_code(refused.value) == "prerequisite"
    assert "Complete “Introduction to the SSE” first." in refused.value.messages[0]
    assert not Enrolment.objects.filter(course_key=strategy.translation_key).exists()

    completed(learner, intro)
    assert enrolment_create(user=learner, course=strategy).status == "active"


def test_a_coordinator_enrolment_is_refused_with_the_same_reason(
    intro, strategy, bamako_coordinator, bamako_learner
):
    with pytest.raises(ValidationError) as refused:
        enrolment_create(
            user=bamako_learner,
            course=strategy,
            source=Enrolment.Source.COORDINATOR,
            enrolled_by=bamako_coordinator,
        )
    assert refusal_code(refused.value) == "prerequisite"


def test_the_prerequisite_done_in_french_counts_for_the_spanish_course(learner, intro, strategy):
    intro_fr = factories.translate(intro, "fr", title="Introduction à l'ESS")
    strategy_es = factories.translate(strategy, "es", title="Estrategia municipal")
    completed(learner, intro_fr)

    assert enrolment_create(user=learner, course=strategy_es).course_key == (
        strategy.translation_key
    )


def test_an_in_progress_prerequisite_is_not_enough(learner, intro, strategy):
    enrolment_create(user=learner, course=intro)
    with pytest.raises(ValidationError):
        enrolment_create(user=learner, course=strategy)


def test_several_missing_prerequisites_are_all_named(learner, intro):
    finance = factories.course("Financing SSE")
    procurement = require(factories.course("Public procurement"), intro, finance)

    with pytest.raises(ValidationError) as refused:
        enrolment_create(user=learner, course=procurement)
    assert refused.value.messages[0] == (
        "Complete these courses first: “Introduction to the SSE”, “Financing SSE”."
    )


def test_the_course_page_says_what_to_complete_first_with_a_link_and_the_status(
    client, learner, intro, strategy
):
    client.force_login(learner)
    enrolment_create(user=learner, course=intro)

    page = client.get(strategy.url).content.decode()

    assert "Complete first" in page
    assert f'href="{intro.url}"' in page
    assert "You are taking it." in page
    assert "Complete “Introduction to the SSE” first." in page
    assert 'action="{}"'.format(reverse("learn:enrol", args=[strategy.pk])) not in page


def test_the_course_page_tells_anonymous_visitors_too(client, intro, strategy):
    page = client.get(strategy.url).content.decode()
    assert "Complete first" in page and "Introduction to the SSE" in page
    assert "You are taking it." not in page


def test_the_enrol_view_refuses_and_shows_the_reason(client, learner, intro, strategy):
    client.force_login(learner)
    response = client.post(reverse("learn:enrol", args=[strategy.pk]), follow=True)
    assert "Complete “Introduction to the SSE” first." in response.content.decode()
    assert not Enrolment.objects.filter(user=learner, course_key=strategy.translation_key)


def test_a_cycle_is_found_with_its_courses_in_order(intro, strategy):
    finance = require(factories.course("Financing SSE"), strategy)

    cycle = prerequisite_cycle(
        course_key=intro.translation_key, required_keys=[finance.pk and finance.translation_key]
    )

    assert cycle == [
        intro.translation_key,
        finance.translation_key,
        strategy.translation_key,
        intro.translation_key,
    ]
    assert (
        prerequisite_cycle(
            course_key=finance.translation_key, required_keys=[intro.translation_key]
        )
        is None
    )


def _edit_data(client, page, prerequisites):
    """The admin's edit form of ``page`` as the browser would post it, with these
    prerequisites in the inline."""
    from wagtail.admin.panels import get_edit_handler
    from wagtail.admin.rich_text import DraftailRichTextArea
    from wagtail.test.utils.form_data import rich_text

    form_class = get_edit_handler(type(page)).get_form_class()
    form = form_class(instance=page, for_user=None)
    data = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if isinstance(bound.widget, DraftailRichTextArea):
            data[name] = rich_text(value or "")
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value) if not hasattr(value, "pk") else str(value.pk)
    for name in form.formsets:
        rows = prerequisites if name == "prerequisites" else []
        data[f"{name}-TOTAL_FORMS"] = str(len(rows))
        data[f"{name}-INITIAL_FORMS"] = "0"
        data[f"{name}-MIN_NUM_FORMS"] = "0"
        data[f"{name}-MAX_NUM_FORMS"] = "1000"
        for index, course in enumerate(rows):
            data[f"{name}-{index}-required_course"] = str(course.pk)
            data[f"{name}-{index}-ORDER"] = str(index + 1)
    data["action-publish"] = "publish"
    return data


def test_the_admin_refuses_a_loop_and_names_its_courses(client, secretariat, intro, strategy):
    client.force_login(secretariat)
    url = reverse("wagtailadmin_pages:edit", args=[intro.pk])

    response = client.post(url, _edit_data(client, intro, [strategy]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "would go round in a circle" in text
    assert (
        "“Introduction to the SSE” → “Municipal SSE strategy” → “Introduction to the SSE”" in text
    )
    assert not CoursePrerequisite.objects.filter(page=intro).exists()


def test_the_admin_refuses_a_course_that_requires_itself(client, secretariat, intro):
    client.force_login(secretariat)
    url = reverse("wagtailadmin_pages:edit", args=[intro.pk])
    response = client.post(url, _edit_data(client, intro, [intro]))
    assert "cannot be its own prerequisite" in response.content.decode()


def test_the_admin_accepts_a_prerequisite_that_closes_no_loop(client, secretariat, intro):
    finance = factories.course("Financing SSE")
    client.force_login(secretariat)
    url = reverse("wagtailadmin_pages:edit", args=[finance.pk])

    response = client.post(url, _edit_data(client, finance, [intro]))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(
        CoursePrerequisite.objects.filter(page=finance).values_list("required_course", flat=True)
    ) == [intro.pk]


def test_a_spreadsheet_row_names_its_line_and_the_missing_prerequisite(
    intro, strategy, bamako, bamako_coordinator, bamako_learner
):
    from courses.services.imports import EnrolmentRow, Outcome, enrolment_import

    report = enrolment_import(
        organisation=bamako,
        rows=[EnrolmentRow(2, bamako_learner.email, "", strategy.title)],
        enrolled_by=bamako_coordinator,
    )

    (row,) = report.results
    assert (row.line, row.outcome) == (2, Outcome.REFUSED)
    assert "Complete “Introduction to the SSE” first." in row.message


def test_the_api_refuses_with_the_reason(
    bamako, bamako_coordinator, bamako_learner, intro, strategy
):
    from django.core.cache import cache

    from tests.api.conftest import ApiClient, make_token

    cache.clear()
    api = ApiClient(make_token(bamako, bamako_coordinator, scope="enrol"))
    response = api.post(
        "/api/v1/enrolments",
        {"learner_email": bamako_learner.email, "course_key": str(strategy.translation_key)},
    )

    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["detail"] == "Complete “Introduction to the SSE” first."
    assert not Enrolment.objects.filter(user=bamako_learner).exists()
