"""Page weight: the bytes a first visit transfers, HTML plus the CSS, JavaScript and fonts
it references (static files only, no uploaded media), asking for gzip as a browser does.
whitenoise serves static files compressed; the HTML's gzipped size is shown beside it as
served (GZipMiddleware compresses it when the client asks)."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from tests.benchmarks.bench_http import BenchmarkFailed, Server, Target, _fetch


class _Assets(HTMLParser):
    """The stylesheets, scripts, fonts and images a page references."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower().split()
            if {"stylesheet", "preload", "modulepreload", "icon"} & set(rel):
                self.urls.append(attributes["href"])
        elif tag in {"script", "img"} and attributes.get("src"):
            self.urls.append(attributes["src"])


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Weight:
    target: Target
    html_bytes: int  # as served
    html_gzip_bytes: int  # if something in front compressed it
    asset_bytes: int  # as served (gzip)
    assets: list[str]

    @property
    def total(self) -> int:
        return self.html_bytes + self.asset_bytes

    @property
    def total_html_gzipped(self) -> int:
        return self.html_gzip_bytes + self.asset_bytes


def page_weight(server: Server, target: Target) -> Weight:
    url = server.base + target.path
    status, headers, body = _fetch(url, cookie=target.cookie, accept_gzip=True)
    if status != 200:
        raise BenchmarkFailed(f"{target.label} answered {status} when weighed")
    served = len(body)
    page = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = _Assets()
    parser.feed(page.decode("utf-8", errors="replace"))
    queue = [urljoin(url, found) for found in parser.urls]
    seen: list[str] = []
    asset_bytes = 0
    while queue:
        asset = queue.pop(0)
        parts = urlsplit(asset)
        # Same site, static files only: uploads (media, documents) are content, not weight.
        if asset in seen or parts.netloc != urlsplit(url).netloc:
            continue
        if not parts.path.startswith("/static/"):
            continue
        seen.append(asset)
        status, headers, body = _fetch(asset, accept_gzip=True)
        if status != 200:
            raise BenchmarkFailed(f"{asset} (referenced by {target.label}) answered {status}")
        asset_bytes += len(body)
        if parts.path.endswith(".css"):
            text = (
                gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
            ).decode("utf-8", errors="replace")
            for match in CSS_URL.finditer(text):
                reference = match.group(1) or match.group(2)
                if not reference.startswith("data:"):
                    queue.append(urljoin(asset, reference))
    return Weight(
        target=target,
        html_bytes=served,
        html_gzip_bytes=len(gzip.compress(page, compresslevel=6)),
        asset_bytes=asset_bytes,
        assets=[urlsplit(asset).path for asset in seen],
    )


def _kb(count: int) -> str:
    return f"{count / 1024:.1f} KB"


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count} files"


def weight_table(size: str, weights: list[Weight]) -> str:
    lines = [
        f"Page weight ({size}), first visit, gzip asked for:",
        "",
        "| page | HTML as served | HTML gzipped | CSS, JS, fonts (gzip) | total as served "
        "| total, HTML gzipped |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for weight in weights:
        lines.append(
            f"| {weight.target.label} | {_kb(weight.html_bytes)} | {_kb(weight.html_gzip_bytes)} "
            f"| {_kb(weight.asset_bytes)} ({_files(len(weight.assets))}) | {_kb(weight.total)} "
            f"| {_kb(weight.total_html_gzipped)} |"
        )
    assets = sorted({asset for weight in weights for asset in weight.assets})
    lines += ["", "Static files referenced: " + (", ".join(f"`{a}`" for a in assets) or "none")]
    return "\n".join(lines)
