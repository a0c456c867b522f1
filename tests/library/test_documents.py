"""Library documents: public ones for anyone; members-only ones for logged-in active
members of an active member organisation (and the secretariat), at our download address
and at Wagtail's own document address alike."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from cms.library.models import LibraryItemDocument
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.library import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the Seoul framework act\n%%EOF\n"


def _document(title: str):
    return get_document_model().objects.create(
        title=title, file=ContentFile(PDF, name=f"{title.lower().replace(' ', '-')}.pdf")
    )


@pytest.fixture
def item():
    page = factories.item("Seoul social economy")
    page.documents.add(LibraryItemDocument(document=_document("Public brief"), sort_order=0))
    page.documents.add(
        LibraryItemDocument(document=_document("Members report"), members_only=True, sort_order=1)
    )
    page.save()
    return factories.publish(page).specific


def _rows(item):
    public, members = LibraryItemDocument.objects.filter(page=item).order_by("sort_order")
    return public, members


def _url(row) -> str:
    return reverse("library:document", args=[row.pk])


def _wagtail_url(row) -> str:
    return row.document.url  # /documents/<id>/<filename>, Wagtail's serve view


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_item_page_links_both_documents_through_the_checking_view(client, item):
    public, members = _rows(item)
    html = client.get(item.url).content.decode()
    assert f'href="{_url(public)}"' in html and f'href="{_url(members)}"' in html
    assert "Members only" in html
    assert _wagtail_url(members) not in html


def test_anyone_downloads_a_public_document(client, item):
    public, _members = _rows(item)
    response = client.get(_url(public))
    assert response.status_code == 200
    assert _body(response) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_an_anonymous_visitor_is_asked_to_log_in_for_a_members_only_document(client, item):
    _public, members = _rows(item)
    for url in (_url(members), _wagtail_url(members)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize(
    "who",
    ["no_membership", "requested_membership", "ended_membership", "inactive_organisation"],
)
def test_a_logged_in_non_member_is_refused_a_members_only_document(client, item, who):
    _public, members = _rows(item)
    user = UserFactory()
    if who == "requested_membership":
        MembershipFactory(user=user, status="requested")
    elif who == "ended_membership":
        MembershipFactory(user=user, status="ended")
    elif who == "inactive_organisation":
        MembershipFactory(user=user, organisation=OrganisationFactory(is_active=False))
    client.force_login(user)
    refused = client.get(_url(members))
    assert refused.status_code == 403
    assert "for members of GSEF member organisations only" in refused.content.decode()
    assert client.get(_wagtail_url(members)).status_code == 403


def test_an_active_member_and_the_secretariat_download_a_members_only_document(
    client, item, bamako_learner, secretariat
):
    _public, members = _rows(item)
    for person in (bamako_learner, secretariat):
        client.force_login(person)
        response = client.get(_url(members))
        assert response.status_code == 200
        assert _body(response) == PDF
        assert "private" in response["Cache-Control"]
        assert client.get(_wagtail_url(members)).status_code == 200


def test_a_document_of_an_unpublished_item_is_not_found(client, item, bamako_learner):
    public, members = _rows(item)
    item.unpublish()
    client.force_login(bamako_learner)
    assert client.get(_url(public)).status_code == 404
    assert client.get(_url(members)).status_code == 404
