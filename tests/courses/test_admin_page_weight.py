"""Admin screens stay light and fit a phone.

The progress report's "1.94 MB first load" was measured here with the test client
(``test_progress_report_first_load_stays_under_budget`` prints the parts): about 0.1 MB
of HTML for 50 rows, and 1.82 MB of Wagtail's own admin JavaScript and CSS served
uncompressed by the development server (``DEBUG=1``: plain ``StaticFilesStorage``).
Production serves the same files gzip-compressed through whitenoise's
``CompressedManifestStaticFilesStorage``: 0.48 MB, cached after the first screen.
So the budget is on what we write - the HTML, paginated, nothing inlined beyond the
first page - and on the compressed size of what the page loads.

At 390 px every table sits in a labelled region that scrolls sideways (``role=region``,
``tabindex=0`` so a keyboard can scroll it) and the SVG charts scale to the width.
"""

from __future__ import annotations

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from courses.models import CoursePage
from tests.benchmarks import dataset

pytestmark = pytest.mark.django_db

#: The HTML of the progress report's first page (50 rows, three charts, filters) for a
#: coordinator of an organisation with 2,000 learners in 10 courses. Measured: 97 kB.
HTML_BUDGET = 150_000
#: What the page loads from /static/, gzip-compressed as production serves it (measured:
#: 482 kB, all of it Wagtail's admin bundle).
ASSETS_GZIP_BUDGET = 560_000


@pytest.fixture
def big_organisation(bamako, bamako_coordinator):
    dataset.generate(learners=2000, courses=10, organisation_list=[bamako])
    return bamako


def _parts(html: str) -> dict[str, int]:
    """Bytes of the page's parts, to say where the weight is when the budget breaks."""
    sizes = {
        name: sum(len(m) for m in re.findall(pattern, html, flags=re.S))
        for name, pattern in {
            "svg": r"<svg.*?</svg>",
            "select": r"<select.*?</select>",
            "table": r"<table.*?</table>",
            "script": r"<script.*?</script>",
        }.items()
    }
    sizes["html"] = len(html.encode())
    return sizes


def _static_files(html: str) -> dict[str, tuple[int, int]]:
    """Every static file the page loads: (bytes, gzip-compressed bytes)."""
    found = {}
    for url in set(re.findall(r'(?:src|href)="(/static/[^"?#]+)', html)):
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        if path:
            with open(path, "rb") as file:
                data = file.read()
            found[url] = (len(data), len(gzip.compress(data)))
    return found


def test_progress_report_first_load_stays_under_budget(
    client, big_organisation, bamako_coordinator, django_assert_max_num_queries
):
    client.force_login(bamako_coordinator)
    with django_assert_max_num_queries(40):
        response = client.get("/admin/learning/")
    assert response.status_code == 200
    html = response.content.decode()
    parts = _parts(html)
    files = _static_files(html)
    raw = sum(size for size, _packed in files.values())
    packed = sum(packed for _size, packed in files.values())
    print(parts, f"static: {raw} bytes, {packed} gzip-compressed")
    assert parts["html"] < HTML_BUDGET, parts
    assert packed < ASSETS_GZIP_BUDGET, files
    assert html.count('class="gsef-table-scroll"') >= 1


def test_production_serves_the_admin_bundle_compressed():
    from lms import settings as production

    storage = production.STORAGES["staticfiles"]["BACKEND"]
    if production.DEBUG:
        pytest.skip("the development server serves files as they are")
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def _scrolls(html: str) -> list[str]:
    """The listing tables of ``html`` not inside a labelled region that scrolls sideways."""
    loose = []
    for match in re.finditer(r"<table class=\"listing", html):  # ours (not Wagtail's dialogs)
        before = html[: match.start()]
        opened = before.rfind('class="gsef-table-scroll"')
        closed = before.rfind("</div>", opened if opened >= 0 else 0)
        region = before[before.rfind("<div", 0, opened) :] if opened >= 0 else ""
        inside = opened >= 0 and closed < opened and 'role="region"' in region
        if not inside:
            loose.append(html[match.start() : match.start() + 80])
    return loose


def test_report_tables_scroll_in_a_labelled_region_and_charts_scale(
    client, bamako, bamako_coordinator, trainer, secretariat
):
    from courses.services.learning import enrolment_create
    from lms.services import membership_create
    from tests.courses import factories as pages
    from tests.factories import UserFactory

    course = pages.course("Taught course", trainers=(trainer,))
    pages.module(course, "A module")
    learner = UserFactory(full_name="Aminata")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    enrolment = enrolment_create(user=learner, course=course)
    screens = {
        bamako_coordinator: ["/admin/learning/", f"/admin/learning/learners/{enrolment.pk}/"],
        trainer: ["/admin/learning/my-courses/", f"/admin/learning/my-courses/{course.pk}/"],
        secretariat: ["/admin/learning/overview/"],
    }
    for user, urls in screens.items():
        client.force_login(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert "<table" in html, url
            assert _scrolls(html) == [], url
            for svg in re.findall(r"<svg role=\"img\"[^>]*>", html):
                assert " width=" not in svg and "width:100%" in svg, svg


def test_my_courses_links_to_each_courses_editor_and_modules(client, trainer):
    from tests.courses import factories as pages

    course = pages.course("Taught course", trainers=(trainer,))
    client.force_login(trainer)
    html = client.get("/admin/learning/my-courses/").content.decode()
    assert f'href="/admin/pages/{course.pk}/edit/"' in html
    assert f'href="/admin/pages/{course.pk}/"' in html
    assert CoursePage.objects.get(pk=course.pk).get_admin_default_ordering() == "ord"
