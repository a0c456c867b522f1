"""Report exports: small ones in the request, large ones by a task with progress, a private
file and an e-mailed link; cells that never run as formulas; one query for the rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import NotificationDelivery, ReportExport
from courses.services.exports import report_export_build
from courses.services.learning import enrolment_create
from lms.services import membership_create
from lms.spreadsheets import csv_safe
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def course():
    page = pages.course("Municipal SSE strategy")
    pages.module(page, "Why a strategy")
    return page


def _learner(organisation, name, email=None):
    user = UserFactory(full_name=name, **({"email": email} if email else {}))
    membership_create(user=user, organisation=organisation, confirmed=True)
    return user


@pytest.fixture
def learners(bamako, course):
    people = [
        _learner(bamako, EVIL, "evil@bamako.example"),
        _learner(bamako, "Aminata Keïta"),
        _learner(bamako, "김민지"),
        _learner(bamako, "+33 leading plus"),
        _learner(bamako, "@mention"),
        _learner(bamako, "-minus"),
        _learner(bamako, "\tTabbed"),
    ]
    for person in people:
        enrolment_create(user=person, course=course)
    return people


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content)


# --- cells that never run ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, "'" + EVIL),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Keïta", "Keïta"),
        (-5, "-5"),
        (None, ""),
        ("a=b", "a=b"),
    ],
)
def test_csv_safe_quotes_text_that_starts_like_a_formula_and_leaves_numbers(value, written):
    assert csv_safe(value) == written


def test_a_formula_looking_name_is_inert_text_in_the_csv_export(
    client, bamako_coordinator, learners, settings
):
    settings.EXPORT_SYNC_MAX_ROWS = 2000
    client.force_login(bamako_coordinator)
    response = client.get(reverse("learning:progress") + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(_streamed(response))
    names = {row[0] for row in rows[1:]}
    assert "'" + EVIL in names
    assert EVIL not in names
    assert {"'+33 leading plus", "'@mention", "'-minus", "'\tTabbed"} <= names
    # Excel reads UTF-8 only with the BOM: accents and Hangul come back as typed.
    assert {"Aminata Keïta", "김민지"} <= names


def test_a_formula_looking_name_is_a_string_cell_in_the_xlsx_export(
    client, bamako_coordinator, learners
):
    client.force_login(bamako_coordinator)
    response = client.get(reverse("learning:progress") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    assert cells[EVIL].data_type == "s"
    assert cells["김민지"].data_type == "s"


def test_wagtails_own_csv_exports_are_guarded_too(client, secretariat, bamako, learners):
    bamako.name = "=cmd|' /C calc'!A0"
    bamako.save()
    client.force_login(secretariat)
    response = client.get(reverse("learning:overview") + "?export=csv")
    assert response.status_code == 200
    content = _streamed(response)
    rows = _csv_rows(content)
    assert any(row[0] == "'=cmd|' /C calc'!A0" for row in rows[1:])


# --- one query for the rows, course titles from a join ----------------------------------------


def test_a_small_export_reads_the_rows_in_one_query_with_titles_from_a_join(
    client, bamako_coordinator, learners, django_assert_max_num_queries
):
    client.force_login(bamako_coordinator)
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(14):
        response = client.get(reverse("learning:progress") + "?export=csv")
        rows = _csv_rows(_streamed(response))
    assert len(rows) == 1 + len(learners)
    assert {row[3] for row in rows[1:]} == {"Municipal SSE strategy"}
    # Session and user, scope, the bare count, the rows (one statement), JIT off and on.
    report_queries = [
        q["sql"] for q in captured.captured_queries if "courses_quizattempt" in q["sql"]
    ]
    assert len(report_queries) == 1, "the report's query runs once"
    assert "courses_coursetitle" in report_queries[0]
    assert report_queries[0].count("CASE WHEN") == 1  # "overdue"; no branch per course


# --- large exports: a task, a page, a private file, an e-mail -----------------------------


def test_a_large_export_is_built_by_a_task_and_its_link_e_mailed_in_the_requesters_language(
    client, bamako_coordinator, learners, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 3
    bamako_coordinator.preferred_language = "fr"
    bamako_coordinator.save()
    client.force_login(bamako_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("learning:progress") + "?export=xlsx")
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:exports")
    export = ReportExport.objects.get()
    assert export.status == ReportExport.Status.READY
    assert (export.requested_by, export.format, export.total, export.done) == (
        bamako_coordinator,
        "xlsx",
        len(learners),
        len(learners),
    )
    assert export.file.name.startswith("exports/")
    sheet = load_workbook(export.file.open("rb")).worksheets[0]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(names) == sorted(person.full_name for person in learners)

    delivery = NotificationDelivery.objects.get(kind=NotificationDelivery.Kind.REPORT_EXPORT)
    assert delivery.status == NotificationDelivery.Status.SENT
    assert delivery.language == "fr"
    (message,) = mail.outbox
    assert message.to == [bamako_coordinator.email]
    assert reverse("learning:export_download", args=[export.pk]) in message.body

    page = client.get(reverse("learning:exports"))
    assert page.status_code == 200
    assert reverse("learning:export_download", args=[export.pk]) in page.content.decode()
    download = client.get(reverse("learning:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]


def test_a_large_csv_export_filters_as_the_page_did(
    client, bamako_coordinator, learners, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    client.force_login(bamako_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("learning:progress") + "?status=active&export=csv")
    export = ReportExport.objects.get()
    assert export.filters["status"] == "active"
    with export.file.open("rb") as handle:
        rows = _csv_rows(handle.read())
    assert "'" + EVIL in {row[0] for row in rows[1:]}
    assert len(rows) == 1 + len(learners)


def test_a_waiting_export_shows_its_progress_and_no_link(client, bamako_coordinator, learners):
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator,
        format="csv",
        total=40_000,
        done=10_000,
        status=ReportExport.Status.RUNNING,
        created_at="2026-12-04T08:00:00Z",
    )
    client.force_login(bamako_coordinator)
    body = client.get(reverse("learning:exports")).content.decode()
    assert 'value="25"' in body
    assert reverse("learning:export_download", args=[export.pk]) not in body
    response = client.get(reverse("learning:export_download", args=[export.pk]))
    assert response.status_code == 302


def test_building_an_export_twice_writes_it_once(bamako_coordinator, learners, now_fixed):
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator, format="csv", created_at=now_fixed
    )
    assert report_export_build(export_id=export.pk, now=now_fixed) == "ready"
    assert report_export_build(export_id=export.pk, now=now_fixed) == "already ready"
    assert NotificationDelivery.objects.filter(subject_key=f"export:{export.pk}").count() == 1


def test_an_export_for_someone_who_lost_their_role_fails_with_a_reason(
    bamako_coordinator, learners, now_fixed
):
    export = ReportExport.objects.create(
        requested_by=UserFactory(), format="csv", created_at=now_fixed
    )
    assert report_export_build(export_id=export.pk, now=now_fixed) == "not allowed"
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED
    assert export.error
    assert not export.file


@pytest.fixture
def now_fixed():
    import datetime as dt

    return dt.datetime(2026, 12, 4, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def ready_export(bamako_coordinator, learners, now_fixed):
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator, format="csv", created_at=now_fixed
    )
    report_export_build(export_id=export.pk, now=now_fixed)
    return export


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("requester", True), ("secretariat", True), ("other_coordinator", False), ("learner", False)],
)
def test_only_the_requester_and_the_secretariat_download_an_export(
    client, ready_export, who, allowed, secretariat, seoul_coordinator, bamako
):
    people = {
        "requester": ready_export.requested_by,
        "secretariat": secretariat,
        "other_coordinator": seoul_coordinator,
        "learner": _learner(bamako, "Just A Learner"),
    }
    client.force_login(people[who])
    response = client.get(reverse("learning:export_download", args=[ready_export.pk]))
    if allowed:
        assert response.status_code == 200
        assert _csv_rows(b"".join(response.streaming_content))
    else:
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:  # no admin access at all: Wagtail's login page
            assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_another_coordinator_does_not_see_someone_elses_export_listed(
    client, ready_export, seoul_coordinator
):
    client.force_login(seoul_coordinator)
    body = client.get(reverse("learning:exports")).content.decode()
    assert reverse("learning:export_download", args=[ready_export.pk]) not in body


def test_a_task_built_export_writes_instants_in_the_requesters_zone_with_the_offset(
    bamako_coordinator, learners, now_fixed
):
    import datetime as dt

    from courses.models import Enrolment

    bamako_coordinator.time_zone = "Asia/Seoul"
    bamako_coordinator.save()
    Enrolment.objects.update(last_activity_at=dt.datetime(2026, 12, 4, 8, 0, tzinfo=dt.UTC))
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator, format="csv", created_at=now_fixed
    )
    report_export_build(export_id=export.pk, now=now_fixed)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        rows = _csv_rows(handle.read())
    column = rows[0].index("Last activity")
    assert {row[column] for row in rows[1:]} == {"2026-12-04T17:00:00+09:00"}


def test_the_report_page_says_when_an_export_will_be_prepared_in_the_background(
    client, bamako_coordinator, learners, settings
):
    client.force_login(bamako_coordinator)
    settings.EXPORT_SYNC_MAX_ROWS = 2000
    body = client.get(reverse("learning:progress")).content.decode()
    assert "prepared in the background" not in body
    assert '?export=csv" download>' in body
    settings.EXPORT_SYNC_MAX_ROWS = 3
    body = client.get(reverse("learning:progress")).content.decode()
    assert "prepared in the background" in body
    # No download attribute: the link leads to "Your exports", not to a file.
    assert '?export=csv" download>' not in body
    assert reverse("learning:exports") in body
