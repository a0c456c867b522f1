"""Pictures on issued certificates: the signature scanned for each signatory in the
course's admin, and the host organisations' logos, reach the PDF; an image deleted since
leaves its place empty rather than failing the render.
"""

from __future__ import annotations

import pymupdf
import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.models import Certificate
from courses.services.certificates import certificate_pdf_bytes
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _image(title: str, colour: str):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(f"{title}.png", size=(300, 100), colour=colour)
    )


@pytest.fixture
def course(seoul, bamako):
    seoul.logo = _image("seoul-logo", "red")
    seoul.save()
    page = factories.course("The social economy in cities", hosts=(seoul, bamako))
    page.signatories.create(
        name="Laurence Kwark", title="Secretary General, GSEF", signature=_image("kwark", "blue")
    )
    page.signatories.create(name="Cécile Dupont", title="Trainer")
    page.save()
    factories.module(page, "Why it matters")
    return page


def _certificate(course, organisation, capture) -> Certificate:
    learner = UserFactory(full_name="José Núñez")
    membership_create(user=learner, organisation=organisation, role="learner", confirmed=True)
    with capture(execute=True):
        enrolment = enrolment_create(user=learner, course=course)
    with capture(execute=True):
        module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    return Certificate.objects.get()


def _images(data: bytes) -> list[tuple[pymupdf.Rect, tuple]]:
    """Each picture on the page: where it is, and its colour in the middle."""
    pdf = pymupdf.open(stream=data, filetype="pdf")
    try:
        page = pdf.load_page(0)
        pixels = page.get_pixmap(dpi=72)
        found = []
        for info in page.get_image_info():
            box = pymupdf.Rect(info["bbox"])
            found.append((box, pixels.pixel(int(box.x0 + box.width / 2), int(box.y0 + 2))))
        return found
    finally:
        pdf.close()


def test_the_signature_uploaded_for_a_signatory_and_the_hosts_logo_are_on_the_pdf(
    course, bamako, django_capture_on_commit_callbacks
):
    certificate = _certificate(course, bamako, django_capture_on_commit_callbacks)

    signature_id = course.signatories.get(name="Laurence Kwark").signature_id
    assert certificate.signatories == [
        {"name": "Laurence Kwark", "title": "Secretary General, GSEF", "signature": signature_id},
        {"name": "Cécile Dupont", "title": "Trainer"},
    ]
    with certificate.pdf.open("rb") as handle:
        pictures = _images(handle.read())
    colours = sorted(colour for _box, colour in pictures)
    assert colours == [(0, 0, 255), (255, 0, 0)]  # the signature, the Seoul logo
    (signature,) = [box for box, colour in pictures if colour == (0, 0, 255)]
    assert signature.y1 > 595 / 2  # at the foot of the page, above the signatory's name


def test_a_signature_deleted_since_issue_leaves_a_line_to_sign_on(
    course, bamako, django_capture_on_commit_callbacks
):
    certificate = _certificate(course, bamako, django_capture_on_commit_callbacks)
    course.signatories.get(name="Laurence Kwark").signature.delete()

    pictures = _images(certificate_pdf_bytes(certificate))

    assert [colour for _box, colour in pictures] == [(255, 0, 0)]  # the logo only


def test_the_course_editor_offers_an_image_chooser_for_each_signatorys_signature(
    client, secretariat, course
):
    client.force_login(secretariat)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))

    html = response.content.decode()
    assert response.status_code == 200
    signature_id = course.signatories.get(name="Laurence Kwark").signature_id
    assert 'name="signatories-0-signature"' in html
    assert f'value="{signature_id}"' in html
    assert 'name="signatories-1-signature"' in html
