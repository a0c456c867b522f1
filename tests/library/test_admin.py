"""Editors get the library's page forms (one item type, the case-study panel in it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.library import factories

pytestmark = pytest.mark.django_db


def test_an_editor_opens_the_add_and_edit_forms_of_a_library_item(client):
    client.force_login(UserFactory(is_superuser=True))
    index = factories.index()
    item = factories.item("Seoul social economy")
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["library", "libraryitempage", index.pk])
    )
    assert add.status_code == 200
    html = add.content.decode()
    assert ("Case study" in html and "Members only" in html) or "members only" in html.lower()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200


def test_a_case_study_without_a_city_is_refused_with_the_reason():
    from django.core.exceptions import ValidationError

    item = factories.item("Somewhere", live=False)
    item.city = ""
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "A case study says where it happened." in str(refused.value)
