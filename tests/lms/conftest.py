"""Helpers for the account tests: URLs in a given language, page text, a clean registry."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lms import personal_data

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password


def url(name: str, language: str = "en", **kwargs) -> str:
    """``reverse`` under ``language``'s prefix: a response may leave another one active."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def text(response) -> str:
    """The page's text with its whitespace collapsed."""
    return re.sub(r"\s+", " ", response.content.decode())


def main_text(response) -> str:
    """The text of <main> only: what a page says, without the header that shows who is in."""
    match = re.search(r"<main\b.*?</main>", response.content.decode(), re.S)
    assert match, "no <main> in the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def registry():
    """lms.personal_data, put back as it was after the test (other apps' entries included)."""
    with personal_data.registry_snapshot():
        yield personal_data
