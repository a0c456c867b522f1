"""Pictures on the certificate: the hosts' logos and the signatories' signatures, decoded,
scaled and compressed once per process and embedded once per PDF, and the verification
URL's QR code as one vector path.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno
from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

from courses.services.certificate_pdf.text import INK

if TYPE_CHECKING:
    from courses.services.certificate_pdf import HostLogo

# The renderer's logger, as before the split: operators filter on this name.
logger = logging.getLogger("courses.services.certificate_pdf")

# Bigger logos are scaled down once. A logo is drawn at most 140 x 38 pt, so this is
# still over 300 dpi either way.
LOGO_MAX_PIXELS = (600, 200)
LOGO_CACHE_SIZE = 64


@dataclass(frozen=True)
class Logo:
    """A logo ready to embed: its image XObject (and soft mask) built once per process."""

    name: str
    width: int
    height: int
    xobject: PDFImageXObject
    smask: PDFImageXObject | None


@functools.lru_cache(maxsize=LOGO_CACHE_SIZE)
def _prepared_logo(digest: str, data: bytes) -> Logo | None:
    """The logo decoded, scaled down and compressed once per process, keyed by its content.

    Building the image XObject (RGB pixels, alpha channel, Flate) is most of what
    ``Canvas.drawImage`` costs; done for every certificate it took a third of the time.
    """
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        logger.warning("Certificate image %s unreadable: left out", digest[:12])
        return None
    if image.mode not in ("RGB", "RGBA", "L"):
        has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    if image.width > LOGO_MAX_PIXELS[0] or image.height > LOGO_MAX_PIXELS[1]:
        image.thumbnail(LOGO_MAX_PIXELS, Image.Resampling.LANCZOS)
    name = f"logo-{digest[:24]}"
    xobject = PDFImageXObject(name, ImageReader(image), mask="auto")
    smask = getattr(xobject, "_smask", None)
    if smask is not None:
        smask.name = f"{name}-alpha"
        del xobject._smask
    return Logo(name, image.width, image.height, xobject, smask)


def image_of(data: bytes | None) -> Logo | None:
    """A PNG or JPEG ready to draw, or None if there is none or it cannot be read."""
    if not data:
        return None
    return _prepared_logo(hashlib.sha256(data).hexdigest(), data)


def logo_of(host: HostLogo) -> Logo | None:
    return image_of(host.logo)


def draw_logo(canvas: Canvas, logo: Logo, x: float, y: float, width: float, height: float):
    """What ``Canvas.drawImage`` does once it has the image XObject.

    It uses the canvas's private document and page resources, as drawImage does (read in
    reportlab 4.2 to 5.1); test_certificate_pdf.py checks the logo is embedded once.
    """
    document = canvas._doc
    registered = document.getXObjectName(logo.name)
    if registered not in document.idToObject:
        xobject = copy.copy(logo.xobject)
        if logo.smask is not None:
            xobject.smask = document.Reference(
                copy.copy(logo.smask), document.getXObjectName(logo.smask.name)
            )
        document.Reference(xobject, registered)
    canvas._currentPageHasImages = 1
    canvas._formsinuse.append(logo.name)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas.addLiteral(f"/{registered} Do")
    canvas.restoreState()


def _qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of ``url``: its size in modules and its dark modules as
    (row, first column, length) runs.
    """
    matrix = segno.make_qr(url, error="m", boost_error=False).matrix
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for column, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row_index, start, column - start))
                start = None
    return len(matrix), runs


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """A vector QR code of ``url`` filling the square at (``x``, ``y``) of side ``size``,
    its four-module quiet zone included.

    One path in module units (whole numbers: short to write, and no seams between
    modules when a reader fills it).
    """
    modules, runs = _qr_runs(url)
    module = size / (modules + 8)
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.translate(x + 4 * module, y + size - 4 * module)
    canvas.scale(module, -module)
    canvas.addLiteral(
        "\n".join(f"{start} {row} {length} 1 re" for row, start, length in runs) + "\nf"
    )
    canvas.restoreState()
