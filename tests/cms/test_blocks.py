"""Every block of the site's BaseStreamBlock renders accessible HTML from a realistic value."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.blocks import BaseStreamBlock

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=gsef-bilbao-2018"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def render(block_type: str, raw_value) -> str:
    """Renders one child of BaseStreamBlock the way a page body does."""
    block = BaseStreamBlock().child_blocks[block_type]
    return block.render(block.to_python(raw_value))


def test_heading_renders_at_the_level_the_editor_chose():
    html = render("heading", {"text": "Reserved contracts", "level": "h3"})
    assert '<h3 class="block-heading">Reserved contracts</h3>' in html
    assert "<h2" not in render("heading", {"text": "Why it matters", "level": "h2"}).replace(
        '<h2 class="block-heading">Why it matters</h2>', ""
    )


def test_paragraph_keeps_its_links_and_formatting():
    html = render(
        "paragraph",
        '<p>Seoul spends <b>5%</b> of its budget with <a href="https://sehub.net">SE Hub</a>.</p>',
    )
    assert 'class="block-paragraph rich-text"' in html
    assert "<b>5%</b>" in html
    assert 'href="https://sehub.net"' in html


def test_image_has_its_alternative_text_caption_and_credit():
    image = Image.objects.create(title="Market", file=get_test_image_file(size=(1200, 600)))
    html = render(
        "image",
        {
            "image": image.pk,
            "alt_text": "Stalls of the Gwangju cooperative market",
            "caption": "A cooperative market in Gwangju",
            "attribution": "GSEF",
        },
    )
    assert html.count("<figure") == 1
    assert 'alt="Stalls of the Gwangju cooperative market"' in html
    assert "<figcaption>A cooperative market in Gwangju" in html
    assert "Credit: GSEF" in html
    assert 'loading="lazy"' in html


def test_video_has_its_transcript_and_a_plain_link():
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe title="GSEF 2018 in Bilbao" src="https://www.youtube.com/embed/x"></iframe>',
    )
    html = render(
        "video",
        {
            "video": VIDEO_URL,
            "title": "GSEF 2018 in Bilbao",
            "transcript": "Welcome to Bilbao.\n\nThe forum opens with the mayors.",
        },
    )
    assert '<iframe title="GSEF 2018 in Bilbao"' in html
    assert "<details" in html and "<summary>Transcript" in html
    assert "<p>Welcome to Bilbao.</p>" in html
    assert f'href="{VIDEO_URL}"' in html


def test_video_without_a_working_embed_still_offers_the_transcript(monkeypatch):
    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", _no_provider)
    html = render(
        "video", {"video": VIDEO_URL, "title": "Forum", "transcript": "Every word of it."}
    )
    assert "<iframe" not in html
    assert "Every word of it." in html
    assert f'href="{VIDEO_URL}"' in html


def _no_provider(*args, **kwargs):
    from wagtail.embeds.exceptions import EmbedNotFoundException

    raise EmbedNotFoundException


def test_document_link_names_its_type_and_size():
    document = Document.objects.create(
        title="Social procurement guide",
        file=ContentFile(b"%PDF" + b"x" * 2044, name="social-procurement.pdf"),
    )
    document._set_document_file_metadata()
    document.save()
    html = render("document", {"document": document.pk, "title": "Download the guide"})
    assert f'href="{document.url}"' in html
    assert "Download the guide" in html
    assert "(PDF, 2.0\xa0KB)" in html


def test_callout_is_a_note_whose_kind_is_written_out():
    html = render(
        "callout",
        {"kind": "important", "title": "Deadline", "body": "<p>Submit by 30 June.</p>"},
    )
    assert 'role="note"' in html
    assert "callout--important" in html
    assert "Important" in html and "Deadline" in html
    assert "<p>Submit by 30 June.</p>" in html


def test_case_study_quotes_the_city_in_its_own_words():
    html = render(
        "case_study",
        {
            "title": "Social value procurement",
            "place": "Seoul",
            "quote": "We buy social value, not only goods.",
            "quote_by": "Procurement officer, Seoul",
            "body": "<p>Since 2014 Seoul reserves contracts for social enterprises.</p>",
        },
    )
    assert "<figure" in html
    assert "<blockquote><p>We buy social value, not only goods.</p></blockquote>" in html
    assert "<figcaption>— Procurement officer, Seoul</figcaption>" in html
    assert "Seoul reserves contracts" in html


def test_resources_list_every_link_under_a_default_title():
    html = render(
        "resources",
        {
            "title": "",
            "links": [
                {
                    "title": "Buying Social guide",
                    "url": "https://example.org/buying-social",
                    "description": "The European Commission's guide for public buyers.",
                },
                {"title": "Ley 5/2011", "url": "https://example.org/ley-5-2011", "description": ""},
            ],
        },
    )
    assert "Further reading" in html
    assert '<a href="https://example.org/buying-social">Buying Social guide</a>' in html
    assert '<a href="https://example.org/ley-5-2011">Ley 5/2011</a>' in html
    assert "guide for public buyers" in html
