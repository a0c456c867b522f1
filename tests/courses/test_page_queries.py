"""Queries per page stay few and constant in data size: the site shell is remembered, lists
come from the course listing (budgets measured with the test settings, page cache off)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from cms.models import HomePage, SiteSettings, StandardPage
from courses.services.learning import enrolment_create, module_complete
from tests.courses import factories
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

# Page → (anonymous budget, logged-in budget); None where the page is for learners only.
# "was": before the site and the page route were remembered (cms.routing), then before
# the site shell and the course listing.
BUDGETS = {
    "standard": (1, 3),  # was 3 / 7, 7 / 11, 12 / 16
    "catalogue": (1, 3),  # rendered body kept per query; was 5 / 9, 9 / 13, 20 / 24
    "catalogue_search": (1, 3),  # was 7 / 11, 11 / 15, 22 / 26
    "catalogue_filters": (1, 3),  # was 5 / 9, 9 / 13, 20 / 24
    "course": (8, 14),  # was 12 / 20, 17 / 23, 23 / 29
    "module": (None, 4),  # was 15, 22, 27 (a module with a quiz)
    "dashboard": (None, 3),  # kept (test_dashboard_kept: 14 to render); was 12, 14, 13, 17
}


def _grow(count: int, *, host, learner) -> None:
    """``count`` more courses, each translated, with modules, a quiz and an enrolment."""
    for n in range(count):
        course = factories.course(f"Cooperatives {n}", topic_slugs=("cooperatives",), hosts=(host,))
        factories.translate(course, "fr", title=f"Coopératives {n}")
        modules = [factories.module(course) for _ in range(2)]
        factories.module(course, body=factories.quiz_body())
        enrolment = enrolment_create(user=learner, course=course)
        module_complete(enrolment=enrolment, module=modules[0])


def _count(client, url: str) -> int:
    client.get(url)  # what each process remembers (site shell, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _counts(client, urls: dict[str, str], *, logged_in: bool) -> dict[str, int]:
    column = 1 if logged_in else 0
    return {
        name: _count(client, url) for name, url in urls.items() if BUDGETS[name][column] is not None
    }


def test_pages_cost_the_same_few_queries_for_1_or_6_courses(client):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made once, on a first visit
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    host = OrganisationFactory(name="Bamako")
    learner = UserFactory()
    MembershipFactory(user=learner, organisation=host)
    _grow(1, host=host, learner=learner)
    course = factories.course("Social finance", topic_slugs=("cooperatives",), hosts=(host,))
    module = factories.module(course, body=factories.quiz_body())
    enrolment_create(user=learner, course=course)
    catalogue = factories.catalogue("en").url
    with translation.override("en"):
        dashboard = reverse("learn:dashboard")
    urls = {
        "standard": about.url,
        "catalogue": catalogue,
        "catalogue_search": f"{catalogue}?q=cooperatives",
        "catalogue_filters": f"{catalogue}?topic=cooperatives&open_now=on&host={host.pk}",
        "course": course.url,
        "module": module.url,
        "dashboard": dashboard,
    }

    anonymous_few = _counts(client, urls, logged_in=False)
    client.force_login(learner)
    learner_few = _counts(client, urls, logged_in=True)
    client.logout()

    _grow(5, host=host, learner=learner)
    anonymous_many = _counts(client, urls, logged_in=False)
    client.force_login(learner)
    learner_many = _counts(client, urls, logged_in=True)

    assert anonymous_many == anonymous_few
    assert learner_many == learner_few
    for name, count in anonymous_many.items():
        assert count <= BUDGETS[name][0], f"{name}: {count} queries for a visitor"
    for name, count in learner_many.items():
        assert count <= BUDGETS[name][1], f"{name}: {count} queries for a learner"
