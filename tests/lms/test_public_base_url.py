"""PUBLIC_BASE_URL: the one setting every absolute link comes from; Wagtail's own
WAGTAILADMIN_BASE_URL is derived from it, and a value that is not an address stops start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.lms.test_settings import load  # noqa: F401 (the fixture)


@pytest.fixture
def base_url_unset(monkeypatch):
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)


def test_wagtails_base_url_is_derived_from_the_public_one(load, base_url_unset):  # noqa: F811
    settings = load(DEBUG="1", PUBLIC_BASE_URL="https://academy.example.org:8443/")

    assert settings["PUBLIC_BASE_URL"] == "https://academy.example.org:8443"
    assert settings["WAGTAILADMIN_BASE_URL"] == "https://academy.example.org:8443"


def test_a_deployment_that_set_only_wagtails_base_url_keeps_its_links(load, base_url_unset):  # noqa: F811
    settings = load(DEBUG="1", WAGTAILADMIN_BASE_URL="https://academy.gsef.example")

    assert settings["PUBLIC_BASE_URL"] == "https://academy.gsef.example"


def test_development_defaults_to_localhost_8000(load, base_url_unset):  # noqa: F811
    assert load(DEBUG="1")["PUBLIC_BASE_URL"] == "http://localhost:8000"


@pytest.mark.parametrize(
    "value", ["academy.example.org", "ftp://academy.example.org", "https://example.org/academy"]
)
def test_a_base_url_that_is_not_scheme_and_host_stops_start_up(load, base_url_unset, value):  # noqa: F811
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_BASE_URL"):
        load(DEBUG="1", PUBLIC_BASE_URL=value)


def test_make_run_sets_it_from_the_port():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)" in makefile
