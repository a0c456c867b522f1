"""Baked badges (OB 3.0 §5.3): what we write, read back with tools that are not ours
(Pillow's PNG reader, the standard library's XML parser)."""

from __future__ import annotations

import io
import json
import struct
import zlib
from xml.etree import ElementTree

import pytest
from PIL import Image, PngImagePlugin

from courses.badges.baking import BakingError, bake_png, bake_svg, extract

JWS = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJuYW1lIjoiw4kifQ.c2lnbmF0dXJl"
OB = "https://purl.imsglobal.org/ob/v3p0"


def _png(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#0b5cab").save(out, format="PNG")
    return out.getvalue()


def _chunk_types(data: bytes) -> list[bytes]:
    position, kinds = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        kinds.append(kind)
        position += 12 + length
    return kinds


def test_a_baked_png_carries_the_jws_in_an_uncompressed_itxt_chunk_pillow_reads():
    baked = bake_png(_png(), JWS)

    image = Image.open(io.BytesIO(baked))
    image.load()
    assert image.text == {"openbadgecredential": JWS}
    assert isinstance(image.text["openbadgecredential"], PngImagePlugin.iTXt)
    kinds = _chunk_types(baked)
    assert kinds.count(b"iTXt") == 1
    assert kinds[-1] == b"IEND"
    assert image.size == (8, 8)  # still the same picture


def test_baking_a_png_again_replaces_the_credential_instead_of_adding_one():
    twice = bake_png(bake_png(_png(), JWS), JWS + "x")

    assert _chunk_types(twice).count(b"iTXt") == 1
    assert extract(twice) == JWS + "x"


def test_a_png_baked_by_pillow_is_read_back():
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadgecredential", JWS, zip=False)
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG", pnginfo=info)

    assert extract(out.getvalue()) == JWS


def test_a_compressed_chunk_is_not_read_as_the_spec_forbids_compression():
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadgecredential", JWS, zip=True)
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG", pnginfo=info)

    assert extract(out.getvalue()) is None


def test_a_baked_svg_has_the_namespace_and_the_credential_element_first():
    svg = (
        '<?xml version="1.0"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4"/></svg>'
    )

    baked = bake_svg(svg, JWS)

    root = ElementTree.fromstring(baked.encode())  # noqa: S314 (our own output)
    first = next(iter(root))
    assert first.tag == f"{{{OB}}}credential"
    assert first.get("verify") == JWS
    assert f'xmlns:openbadges="{OB}"' in baked
    assert root.find("{http://www.w3.org/2000/svg}rect") is not None
    assert extract(baked.encode()) == JWS


def test_baking_an_svg_again_keeps_one_credential_element():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'

    twice = bake_svg(bake_svg(svg, JWS), "a.b.c")

    root = ElementTree.fromstring(twice.encode())  # noqa: S314 (our own output)
    assert len(list(root.iter(f"{{{OB}}}credential"))) == 1
    assert extract(twice) == "a.b.c"


def test_the_embedded_proof_form_of_an_svg_gives_back_its_json():
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB}">'
        '<openbadges:credential><![CDATA[{"type": ["VerifiableCredential"]}]]>'
        "</openbadges:credential></svg>"
    )

    assert json.loads(extract(svg)) == {"type": ["VerifiableCredential"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (JWS, JWS),
        (f"  {JWS}\n", JWS),
        (json.dumps({"jws": JWS}), json.dumps({"jws": JWS})),
        (json.dumps({"proof": {"jwt": JWS}}), json.dumps({"proof": {"jwt": JWS}})),
        (json.dumps(JWS), JWS),
        ('{"type": ["VerifiableCredential"]}', '{"type": ["VerifiableCredential"]}'),
    ],
)
def test_text_a_person_pastes_gives_the_credential(text, expected):
    assert extract(text) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        b"%PDF-1.7 not a badge",
        b"\xff\xd8\xff\xe0 a jpeg",
        b"\x89PNG\r\n\x1a\n\x00\x00",  # a broken PNG
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",  # a picture without badge
        b"<html><body>no</body></html>",
        b"[1, 2]",
        b"{not json",
    ],
)
def test_something_that_holds_no_credential_gives_none(data):
    assert extract(data) is None


def test_an_svg_with_an_entity_bomb_is_refused_without_expanding_it():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
    )

    assert extract(bomb) is None


def test_baking_something_that_is_not_a_png_or_svg_says_so():
    with pytest.raises(BakingError):
        bake_png(b"GIF89a", JWS)
    with pytest.raises(BakingError):
        bake_svg("<html/>", JWS)
