"""Requests per second, latency and page weight of the key pages, served the production way.

    .venv/bin/python -m tests.benchmarks.bench_http [--sizes small 10x 100x] [--seconds 12]

For each size, on its generated database (``tests.benchmarks.dataset.generate_size``):
gunicorn with two sync workers and production settings (``DEBUG=0``, Redis cache,
whitenoise serving the output of ``collectstatic``), and ``wrk`` (8 connections, 2
threads, a 3-second warm-up then ``--seconds`` per page) on

- a bare Wagtail page of the same site, a ``StandardPage`` with one paragraph: the
  yardstick, measured first and again after every page;
- the catalogue, ``/en/courses/``;
- the course with 20 modules;
- one of its modules, as an enrolled learner (a quiz they have not passed yet);
- the learner's dashboard.

The ratio of each page to the yardstick measured just before and after it (its cost
per request: bare requests per second over the page's) is the number to compare over
time: it moves much less than the raw numbers with the machine and with whatever else
runs on it. Requests carry ``X-Forwarded-Proto: https``, as from the TLS load balancer
production sits behind. Every response must be a 200 (a Lua hook counts the others;
any one fails the run), and each page is fetched once first and checked for what makes
it that page (its title, the learner's course, the lesson and its quiz form). The
queries of one request of each page are counted in this process.

Page weight: the bytes a first visit transfers, HTML plus the CSS, JavaScript and
fonts it references (static files only, no uploaded media), asking for gzip as a
browser does. whitenoise serves static files compressed; the HTML comes from Django
uncompressed (no GZipMiddleware), so its gzipped size is shown beside it.

``make bench`` runs this as part of ``tests.benchmarks.bench_scale``.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

CONNECTIONS = 8
THREADS = 2
WARM_UP_SECONDS = 3
WORKERS = 2
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
ROOT = Path(__file__).resolve().parents[2]

# Counts the responses that are not 200 in every thread, and prints the numbers as JSON.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "not_200": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, not_ok,
    e.connect, e.read, e.write, e.timeout,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(90)),
    math.floor(latency:percentile(99)), math.floor(latency.max)))
end
"""


class BenchmarkFailed(Exception):
    """A page did not answer as expected: the numbers would mean nothing."""


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    markers: tuple[str, ...]  # what the HTML must contain (already HTML-escaped)
    cookie: str = ""


@dataclass
class Measurement:
    target: Target
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    problems: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


# --- the pages ------------------------------------------------------------------------------


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as the login view would make it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def targets(data) -> list[Target]:
    """The yardstick and the four pages, with what proves each is the page expected."""
    from wagtail.models import Page

    cookie = session_cookie(data.learner)
    course = data.course
    module = data.learner_module
    module_page = Page.objects.get(pk=module.page_id)
    return [
        Target(
            "bare",
            "Bare Wagtail page (yardstick)",
            data.catalogue.bare_page.url,
            ("standard-page", "GSEF Academy trains local government officials"),
        ),
        Target("catalogue", "Catalogue", "/en/courses/", ('class="catalogue-page"', "course-card")),
        Target(
            "course",
            f"Course page, {len(course.modules)} modules",
            course.page.url,
            (
                'class="course-page"',
                html.escape(course.page.title),
                html.escape(course.modules[-1].title),
            ),
        ),
        Target(
            "module",
            "Module page, enrolled learner",
            module_page.url,
            ('class="module__body"', html.escape(module.title), 'name="form_token"'),
            cookie,
        ),
        Target(
            "dashboard",
            "Dashboard, logged in",
            "/en/dashboard/",
            ('class="dashboard-page"', html.escape(course.page.title), "enrolment--overdue"),
            cookie,
        ),
    ]


# --- gunicorn -------------------------------------------------------------------------------


def server_environment(*, database_url: str, static_root: str, var_dir: str) -> dict[str, str]:
    """Production settings (lms.settings with DEBUG off) on the benchmark's services."""
    from django.conf import settings

    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("EMAIL_", "CELERY_", "DJANGO_", "DATABASE_", "REDIS_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DEBUG="0",
        # The benchmark's process made the session: it signed it with the same key.
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=BENCH_REDIS_URL,
        CELERY_BROKER_URL=BENCH_REDIS_URL,
        STATIC_ROOT=static_root,
        VAR_DIR=var_dir,
        MEDIA_ROOT=str(Path(var_dir) / "media"),
        LOG_LEVEL="WARNING",
    )
    return environment


def collect_static(environment: dict[str, str]) -> None:
    """``collectstatic`` as the build step runs it: hashed names, gzip (and brotli) copies."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, *, cookie: str = "", accept_gzip: bool = False):
    """(status, headers, body as sent) without following redirects."""
    headers = {"X-Forwarded-Proto": "https", "User-Agent": "gsef-bench"}
    if cookie:
        headers["Cookie"] = cookie
    if accept_gzip:
        headers["Accept-Encoding"] = "gzip"

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Server:
    """gunicorn as the Procfile starts it (two sync workers), on a free local port."""

    def __init__(self, environment: dict[str, str]):
        self.environment = environment
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "lms.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkFailed(f"gunicorn stopped at start-up:\n{self.output()}")
            try:
                _fetch(f"{self.base}/health/")
                return self
            except OSError:
                time.sleep(0.3)
        raise BenchmarkFailed(f"gunicorn did not answer within 60 s:\n{self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- wrk ----------------------------------------------------------------------------------------


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise BenchmarkFailed(
            "The HTTP benchmark needs wrk, the HTTP load generator: `apt-get install wrk` "
            "(Debian; .ci/run installs it)."
        )
    return path


def run_wrk(url: str, *, cookie: str, seconds: int, script: str) -> dict:
    command = [
        wrk_path(),
        "--threads",
        str(THREADS),
        "--connections",
        str(CONNECTIONS),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "--script",
        script,
        "--header",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    finished = subprocess.run(
        [*command, url], capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    found = re.search(r"^WRK-JSON (.*)$", finished.stdout, re.MULTILINE)
    if finished.returncode != 0 or found is None:
        raise BenchmarkFailed(f"wrk failed on {url}:\n{finished.stdout}\n{finished.stderr}")
    return json.loads(found.group(1))


def measure(server: Server, target: Target, *, seconds: int, script: str) -> Measurement:
    url = server.base + target.path
    run_wrk(url, cookie=target.cookie, seconds=WARM_UP_SECONDS, script=script)
    raw = run_wrk(url, cookie=target.cookie, seconds=seconds, script=script)
    problems = {
        name: raw[name]
        for name in ("not_200", "connect_errors", "read_errors", "write_errors", "timeouts")
        if raw[name]
    }
    if problems:
        raise BenchmarkFailed(f"{target.label} ({url}): {problems}\n{server.output()}")
    return Measurement(
        target=target,
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
    )


def query_counts(targets: list[Target], learner) -> dict[str, int]:
    """Queries per request of each page: one request in this process (Django's test
    client, same database), after one that warms the caches. They do not grow with the
    size of the dataset; the tests assert most of them."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(learner)
    counts = {}
    for target in targets:
        client = logged_in if target.cookie else anonymous
        client.get(target.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path)
        if response.status_code != 200:
            raise BenchmarkFailed(f"{target.label}: {response.status_code} in this process")
        counts[target.name] = len(captured)
    return counts


def check_page(server: Server, target: Target) -> None:
    status, _headers, body = _fetch(server.base + target.path, cookie=target.cookie)
    text = body.decode("utf-8", errors="replace")
    missing = [marker for marker in target.markers if marker not in text]
    if status != 200 or missing:
        raise BenchmarkFailed(
            f"{target.label} ({target.path}) answered {status}, missing {missing}:\n"
            f"{text[:2000]}\n{server.output()}"
        )


# --- page weight --------------------------------------------------------------------------------


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


# --- one size -------------------------------------------------------------------------------------


@dataclass
class PageResult:
    """A page, and the yardstick measured just before and just after it."""

    measurement: Measurement
    bare_before: Measurement
    bare_after: Measurement

    @property
    def bare_rps(self) -> float:
        return (self.bare_before.rps + self.bare_after.rps) / 2

    @property
    def bare_p50(self) -> float:
        return (self.bare_before.p50_ms + self.bare_after.p50_ms) / 2

    @property
    def ratio(self) -> float:
        """How many bare pages one of these costs: time per request, ours over bare."""
        return self.bare_rps / self.measurement.rps

    @property
    def p50_ratio(self) -> float:
        return self.measurement.p50_ms / self.bare_p50


@dataclass
class HttpResult:
    bare: list[Measurement]  # before the first page, between pages, after the last
    pages: list[PageResult]
    weights: list[Weight]
    queries: dict[str, int]  # per request, by target name


def flush_cache() -> None:
    """Empty the benchmark's Redis database, so no size reads another's cache."""
    import redis

    redis.Redis.from_url(BENCH_REDIS_URL).flushdb()


def run(data, *, environment: dict[str, str], seconds: int, log=print) -> HttpResult:
    """Measure every target of ``data`` on a gunicorn started with ``environment``."""
    chosen = targets(data)
    flush_cache()
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script, Server(environment) as server:
        script.write(WRK_SCRIPT)
        script.flush()
        for target in chosen:
            check_page(server, target)

        def timed(target: Target) -> Measurement:
            measurement = measure(server, target, seconds=seconds, script=script.name)
            log(
                f"  {target.label}: {measurement.rps:.1f} requests/s, "
                f"p50 {measurement.p50_ms:.1f} ms, p99 {measurement.p99_ms:.1f} ms"
            )
            return measurement

        # The yardstick between every two pages: whatever else the machine does during
        # the run, each page is compared with the bare page measured next to it.
        bare, pages = [timed(chosen[0])], []
        for target in chosen[1:]:
            measurement = timed(target)
            bare.append(timed(chosen[0]))
            pages.append(PageResult(measurement, bare_before=bare[-2], bare_after=bare[-1]))
        weights = [page_weight(server, target) for target in chosen]
    return HttpResult(
        bare=bare, pages=pages, weights=weights, queries=query_counts(chosen, data.learner)
    )


# --- Markdown -------------------------------------------------------------------------------------


def _kb(count: int) -> str:
    return f"{count / 1024:.1f} KB"


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count} files"


def table(results: list[tuple[str, HttpResult]]) -> str:
    """Requests per second and latency per page and size, with the ratio to the yardstick."""
    lines = [
        "| size | page | queries | requests/s | p50 | p99 | ours / bare (time per request) "
        "| ours / bare (p50) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, result in results:
        rps = sorted(m.rps for m in result.bare)
        p50 = sorted(m.p50_ms for m in result.bare)
        p99 = sorted(m.p99_ms for m in result.bare)
        lines.append(
            f"| {size} | {result.bare[0].target.label}, median of {len(rps)} "
            f"| {result.queries[result.bare[0].target.name]} "
            f"| {statistics.median(rps):.1f} ({rps[0]:.0f} to {rps[-1]:.0f}) "
            f"| {statistics.median(p50):.1f} ms | {statistics.median(p99):.1f} ms | 1 | 1 |"
        )
        for page in result.pages:
            m = page.measurement
            lines.append(
                f"| {size} | {m.target.label} | {result.queries[m.target.name]} "
                f"| {m.rps:.1f} | {m.p50_ms:.1f} ms "
                f"| {m.p99_ms:.1f} ms | **{page.ratio:.2f}** | {page.p50_ratio:.2f} |"
            )
    return "\n".join(lines)


def weight_table(size: str, result: HttpResult) -> str:
    lines = [
        f"Page weight ({size}), first visit, gzip asked for:",
        "",
        "| page | HTML as served | HTML gzipped | CSS, JS, fonts (gzip) | total as served "
        "| total, HTML gzipped |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for weight in result.weights:
        lines.append(
            f"| {weight.target.label} | {_kb(weight.html_bytes)} | {_kb(weight.html_gzip_bytes)} "
            f"| {_kb(weight.asset_bytes)} ({_files(len(weight.assets))}) | {_kb(weight.total)} "
            f"| {_kb(weight.total_html_gzipped)} |"
        )
    assets = sorted({asset for weight in result.weights for asset in weight.assets})
    lines += ["", "Static files referenced: " + (", ".join(f"`{a}`" for a in assets) or "none")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from tests.benchmarks import bench_scale

    return bench_scale.main(argv, only=("http",))


if __name__ == "__main__":
    sys.exit(main())
