"""The spreadsheet import's cohort column: rows put people in a cohort (and its course);
an unknown, closed or full cohort, or one of another course, is named with its line and
reason, and the other rows go through."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.cohorts.models import CohortMember
from courses.models import Enrolment
from courses.services.imports import enrolment_import, parse_enrolment_spreadsheet
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _parse(text: str):
    return parse_enrolment_spreadsheet(SimpleUploadedFile("people.csv", text.encode()))


def test_rows_with_a_cohort_join_it_and_bad_cohorts_are_named(bamako, bamako_coordinator):
    course = factories.course("Municipal strategy")
    other = factories.course("Financing")
    make_cohort(course, name="Spring 2027", capacity=2)
    make_cohort(
        course, name="Winter 2026", starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2027, 2, 1)
    )
    make_cohort(other, name="Financing spring")
    parsed = _parse(
        "email,full name,course,cohort\n"
        "awa@bamako.example,Awa,,Spring 2027\n"
        "moussa@bamako.example,Moussa,Municipal strategy,spring 2027\n"
        "fanta@bamako.example,Fanta,,Spring 2027\n"
        "ali@bamako.example,Ali,,Autumn 2030\n"
        "ibrahim@bamako.example,Ibrahim,,Winter 2026\n"
        "sara@bamako.example,Sara,Municipal strategy,Financing spring\n"
        "self@bamako.example,Self Paced,Municipal strategy,\n"
    )
    assert parsed.errors == []
    report = enrolment_import(
        organisation=bamako, rows=parsed.rows, enrolled_by=bamako_coordinator, now=NOW
    )
    outcomes = {result.line: (result.outcome, result.message) for result in report.results}
    assert outcomes[2][0] == "invited" and outcomes[3][0] == "invited"
    assert outcomes[4] == ("refused", "Cohort “Spring 2027”: This cohort is full (2 places).")
    assert outcomes[5] == (
        "refused",
        "There is no cohort “Autumn 2030”. Give the cohort's name or its number.",
    )
    assert outcomes[6] == ("refused", "Cohort “Winter 2026”: This cohort ended on 1 February 2027.")
    assert outcomes[7][0] == "refused" and "not a cohort of" in outcomes[7][1]
    assert outcomes[8][0] == "invited"  # self-paced rows keep working
    members = CohortMember.objects.filter(cohort__name="Spring 2027")
    assert sorted(members.values_list("user__email", flat=True)) == [
        "awa@bamako.example",
        "moussa@bamako.example",
    ]
    assert set(members.values_list("source", flat=True)) == {"import"}
    assert Enrolment.objects.get(user__email="awa@bamako.example").due_on == dt.date(2027, 3, 12)
    assert Enrolment.objects.get(user__email="self@bamako.example").due_on is None


def test_importing_the_same_file_again_changes_nothing(bamako, bamako_coordinator):
    course = factories.course("Municipal strategy")
    make_cohort(course, name="Spring 2027")
    text = "email,full name,cohort\nawa@bamako.example,Awa,Spring 2027\n"
    enrolment_import(
        organisation=bamako, rows=_parse(text).rows, enrolled_by=bamako_coordinator, now=NOW
    )
    report = enrolment_import(
        organisation=bamako, rows=_parse(text).rows, enrolled_by=bamako_coordinator, now=NOW
    )
    assert [result.outcome for result in report.results] == ["already_enrolled"]
    assert CohortMember.objects.count() == 1
