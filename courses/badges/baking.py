"""Baked badges: the signed credential carried inside its picture (Open Badges 3.0 §5.3).

A baked image is a badge picture that is also the credential: a wallet, a job platform or
our own verification page reads the credential back out of it. The credentials are signed
as VC-JWT, so what goes into the picture is the compact JWS (``header.payload.signature``):

- PNG: one uncompressed ``iTXt`` chunk with the keyword ``openbadgecredential`` (written
  with the standard library: chunk length, type, data, CRC-32 of type and data), before
  ``IEND``; an existing one is replaced, never doubled.
- SVG: ``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`` on the ``<svg>`` tag and,
  directly after it, ``<openbadges:credential verify="JWS"/>``.

``extract`` reads a credential back from whatever a visitor hands the verification page:
a baked PNG or SVG, a JSON document, or the bare JWS. It only finds the text; whether the
text is a genuine credential is ``courses.badges.verification``'s question.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
OB_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# A compact JWS: three base64url parts (the payload is never empty for a credential).
JWS_RE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


class BakingError(ValueError):
    """The picture cannot carry a credential (it is not a PNG or an SVG we can read)."""


# PNG ----------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_chunks(data: bytes):
    """(type, data, start, end) of each chunk; raises BakingError on a broken file."""
    if not data.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG file")
    position = len(PNG_SIGNATURE)
    while position < len(data):
        if position + 8 > len(data):
            raise BakingError("truncated PNG chunk header")
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise BakingError("truncated PNG chunk")
        yield kind, data[position + 8 : position + 8 + length], position, end
        position = end
        if kind == b"IEND":
            return
    raise BakingError("PNG without IEND")


def _itxt(text: str) -> bytes:
    # keyword, NUL, compression flag 0 and method 0 (the spec forbids compression),
    # an empty language tag and translated keyword (each NUL-terminated), then the text.
    return PNG_KEYWORD + b"\x00\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8")


def _is_badge_itxt(kind: bytes, body: bytes) -> bool:
    return kind == b"iTXt" and body.split(b"\x00", 1)[0] == PNG_KEYWORD


def bake_png(image: bytes, jws: str) -> bytes:
    """``image`` (a PNG) with ``jws`` in its ``openbadgecredential`` chunk."""
    out = [PNG_SIGNATURE]
    for kind, body, start, end in _png_chunks(image):
        if _is_badge_itxt(kind, body):
            continue  # one credential per picture: baking again replaces it
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", _itxt(jws)))
        out.append(image[start:end])
    return b"".join(out)


def _png_text(data: bytes) -> str | None:
    for kind, body, _start, _end in _png_chunks(data):
        if not _is_badge_itxt(kind, body):
            continue
        rest = body[len(PNG_KEYWORD) + 1 :]
        if len(rest) < 2 or rest[0] != 0:
            return None  # compressed: the spec forbids it, so it is not ours to read
        # after the flags: language tag NUL translated keyword NUL text
        parts = rest[2:].split(b"\x00", 2)
        if len(parts) != 3:
            return None
        try:
            return parts[2].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


# SVG ----------------------------------------------------------------------------------

_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
_BAKED = re.compile(
    r"\s*<openbadges:credential\b[^>]*?(?:/>|>.*?</openbadges:credential>)", re.DOTALL
)


def _attribute(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def bake_svg(svg: str, jws: str) -> str:
    """``svg`` with ``<openbadges:credential verify="jws">`` right after its ``<svg>`` tag."""
    svg = _BAKED.sub("", svg, count=1)
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise BakingError("no <svg> element")
    tag = match.group(0)
    if "xmlns:openbadges" not in tag:
        closing = "/>" if tag.endswith("/>") else ">"
        tag = f'{tag[: -len(closing)].rstrip()} xmlns:openbadges="{OB_NAMESPACE}"{closing}'
    element = f'\n  <openbadges:credential verify="{_attribute(jws)}"></openbadges:credential>'
    return svg[: match.start()] + tag + element + svg[match.end() :]


def _svg_text(data: bytes) -> str | None:
    try:
        root: Element = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        return None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg" and root.tag != "svg":
        return None
    element = root.find(f"{{{OB_NAMESPACE}}}credential")
    if element is None:
        element = next(root.iter(f"{{{OB_NAMESPACE}}}credential"), None)
    if element is None:
        return None
    verify = element.get("verify")
    if verify:
        return verify.strip()
    return (element.text or "").strip() or None  # the embedded-proof form: JSON in CDATA


# Reading back -------------------------------------------------------------------------


def _json_text(text: str) -> str | None:
    """A JSON document: handed over whole when it is an object (the credential with its
    ``proof``, or a wrapper holding the JWS), so the verifier can also check that what the
    document shows is what was signed; a JSON string holding a JWS gives the JWS."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if isinstance(document, str):
        return document.strip() if JWS_RE.match(document.strip()) else None
    return text.strip() if isinstance(document, dict) else None


def extract(data: bytes | str) -> str | None:
    """The credential in ``data`` (baked PNG, baked SVG, JSON or a bare JWS), or None."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.startswith(PNG_SIGNATURE):
        try:
            return _png_text(data)
        except BakingError:
            return None
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return None
    if not text:
        return None
    if JWS_RE.match(text):
        return text
    if text.startswith(("{", '"')):
        return _json_text(text)
    if text.startswith("<"):
        return _svg_text(text.encode("utf-8"))
    return None
