"""Requests per second, latency, CPU and queries of the public and learner pages, served the
production way, side by side with a stock Wagtail page and our bare page.

    .venv/bin/python -m tests.benchmarks.bench_http [--sizes small 100x] [--seconds 12]

For each size, on its generated database (``tests.benchmarks.dataset.generate_size``),
three gunicorns with two sync workers each (as the ``Procfile`` starts it), all running
for the whole size and measured one at a time:

- **stock**: the home page of a fresh ``wagtail start`` project (``stock_wagtail``), DEBUG
  off, on PostgreSQL: the yardstick;
- **ours, cached**: production settings (``DEBUG=0``, Redis cache, whitenoise, the page
  cache on as deployed): anonymous pages come from the page cache after the first request;
- **ours, uncached**: the same with ``PAGE_CACHE_SECONDS=0`` and ``KEPT_PAGES_SECONDS=0``,
  for anonymous pages and the dashboard rendered every time; our bare ``StandardPage``
  (one paragraph) is measured here: the second yardstick.

``wrk`` (8 connections, 2 threads, a warm-up then ``--seconds`` per page) asks for gzip as
a browser does and sends ``X-Forwarded-Proto: https``, as from the TLS load balancer.
Before every page the stock page and our bare page are measured again, and after the last
page once more: each page's ratios are to the mean of the yardstick runs just before and
just after it, so whatever else the machine does is shared by the numbers compared.
Ratios are of throughput (requests per second): ``vs stock`` 5 means five of our pages are
served in the time of one stock page. The CPU the server's workers used (``/proc``, user
plus system) per request is shown beside it: PostgreSQL's and Redis's CPU is not in it.

Every response must be a 200 (a Lua hook counts the others; any one fails the run); each
page is fetched first and checked for what makes it that page, and, for the cached ones,
that the second fetch is an ``X-Page-Cache: hit`` (otherwise the page is measured, and
flagged "not served from the cache"). Queries: one request of each page after one that
warms the caches, counted in this process (``PAGE_CACHE_SECONDS`` as on its server), and
in a child process for the stock page.

``make bench`` runs this as part of ``tests.benchmarks.bench_scale``.
"""

from __future__ import annotations

import contextlib
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
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

CONNECTIONS = 8
THREADS = 2
WARM_UP_SECONDS = int(os.environ.get("BENCH_WARM_UP_SECONDS") or 3)
WORKERS = 2
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
ROOT = Path(__file__).resolve().parents[2]
# What a browser sends: GZipMiddleware compresses our pages (the stock project has none).
ACCEPT_ENCODING = "gzip, deflate"
# The verification page's limit counts lookups per client; wrk is one client.
NO_VERIFY_LIMIT = "1000000000"

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

# The servers of one size (see the module's doc).
STOCK, CACHED, UNCACHED = "stock", "cached", "uncached"


class BenchmarkFailed(Exception):
    """A page did not answer as expected: the numbers would mean nothing."""


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    markers: tuple[str, ...]  # what the HTML must contain (already HTML-escaped)
    cookie: str = ""
    server: str = UNCACHED

    @property
    def mode(self) -> str:
        if self.server == STOCK:
            return "stock Wagtail"
        if self.cookie:
            return "logged in"
        return "anonymous, cached" if self.server == CACHED else "anonymous, uncached"


@dataclass
class Measurement:
    target: Target
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    cpu_ms: float  # the server's workers' CPU (user + system) per request
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


def certificate_for(data):
    """A completion certificate of the benchmark's learner (the dataset has none): the
    row as ``certificate_issue`` writes it, without the PDF (the page does not need it)."""
    from django.utils import timezone

    from courses.models import Certificate, Enrolment
    from courses.models.certificates import code_new

    enrolment = (
        Enrolment.objects.filter(user=data.learner, status=Enrolment.Status.COMPLETED)
        .select_related("organisation")
        .first()
    )
    certificate, _created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        supersedes=None,
        defaults={
            "kind": Certificate.Kind.COMPLETION,
            "code": code_new(),
            "user": data.learner,
            "organisation": enrolment.organisation,
            "course_key": enrolment.course_key,
            "language": "en",
            "learner_name": data.learner.full_name,
            "title": "Social economy in practice",
            "hours": 6,
            "completed_on": (enrolment.completed_at or timezone.now()).date(),
            "issuer": "GSEF",
            "issued_at": timezone.now(),
        },
    )
    return certificate


def targets(data) -> tuple[Target, Target, list[Target]]:
    """The two yardsticks (stock, bare) and the pages, with what proves each is the page
    expected: the anonymous ones cached and uncached, then the learner's."""
    from django.urls import reverse
    from wagtail.models import Page

    from courses.models import WebinarIndexPage
    from courses.models.certificates import code_display
    from tests.benchmarks.stock_wagtail import StockProject

    cookie = session_cookie(data.learner)
    course = data.course
    module = data.learner_module
    module_page = Page.objects.get(pk=module.page_id)
    preview = course.modules[0]
    preview_page = Page.objects.get(pk=preview.page_id)
    webinars = WebinarIndexPage.objects.live().filter(locale__language_code="en").first()
    certificate = certificate_for(data)
    verify = reverse("certificate_verify", args=[code_display(certificate.code)])
    word = data.catalogue.courses[1].page.title.split()[0].lower()
    catalogue = ('class="catalogue-page"', "course-card")
    anonymous = [
        ("home", "Home", "/en/", ('class="home-page"',)),
        ("catalogue", "Catalogue", "/en/courses/", catalogue),
        ("catalogue_filter", "Catalogue, a filter", "/en/courses/?language=fr", catalogue),
        ("catalogue_page2", "Catalogue, page 2", "/en/courses/?page=2", catalogue),
        ("catalogue_search", f"Catalogue, ?q={word}", f"/en/courses/?q={word}", catalogue),
        (
            "course",
            f"Course page, {len(course.modules)} modules",
            course.page.url,
            ('class="course-page"', html.escape(course.modules[-1].title)),
        ),
        (
            "preview",
            "Module preview",
            preview_page.url,
            ('class="module__body"', html.escape(preview.title)),
        ),
        ("webinars", "Webinar list", webinars.url, (html.escape(webinars.title),)),
        ("verify", "Certificate verification", verify, (html.escape(certificate.learner_name),)),
        ("bare", "Bare StandardPage", data.catalogue.bare_page.url, ("standard-page",)),
    ]
    if data.catalogue.programme_index is not None:
        anonymous.insert(
            -1,
            (
                "programmes",
                "Programme list",
                data.catalogue.programme_index.url,
                ("programme-index-page", "programme-card"),
            ),
        )
    pages = [
        Target(f"{name}_{server}", label, path, markers, server=server)
        for server in (CACHED, UNCACHED)
        for name, label, path, markers in anonymous
        if (name, server) != ("bare", UNCACHED)  # the yardstick, measured between pages
    ]
    pages += [
        Target(
            "module_learner",
            "Module page",
            module_page.url,
            ('class="module__body"', html.escape(module.title), 'name="form_token"'),
            cookie,
            CACHED,
        ),
        Target(
            "dashboard_learner",
            "Dashboard",
            "/en/dashboard/",
            ('class="dashboard-page"', html.escape(course.page.title), "enrolment--overdue"),
            cookie,
            CACHED,
        ),
        Target("catalogue_learner", "Catalogue", "/en/courses/", catalogue, cookie, CACHED),
        # For the record: the same dashboard rendered on every visit (KEPT_PAGES_SECONDS=0),
        # what the first visit after any change to what it shows costs.
        Target(
            "dashboard_rendered",
            "Dashboard, rendered every visit",
            "/en/dashboard/",
            ('class="dashboard-page"', html.escape(course.page.title), "enrolment--overdue"),
            cookie,
            UNCACHED,
        ),
    ]
    bare = Target(
        "bare", "Bare StandardPage (yardstick)", data.catalogue.bare_page.url, ("standard-page",)
    )
    stock = Target(
        "stock",
        "Stock Wagtail home page (yardstick)",
        StockProject.path,
        (StockProject.marker,),
        server=STOCK,
    )
    return stock, bare, pages


# --- gunicorn -------------------------------------------------------------------------------


def base_environment() -> dict[str, str]:
    """This process's environment without the settings each server is given."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            (
                "EMAIL_",
                "CELERY_",
                "DJANGO_",
                "DATABASE_",
                "REDIS_",
                "PAGE_CACHE_",
                "KEPT_",
                "CERTIFICATE_",
            )
        )
    }


def server_environment(*, database_url: str, static_root: str, var_dir: str) -> dict[str, str]:
    """Production settings (lms.settings with DEBUG off) on the benchmark's services."""
    from django.conf import settings

    environment = base_environment()
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
        CERTIFICATE_VERIFY_RATE=NO_VERIFY_LIMIT,
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
        headers["Accept-Encoding"] = ACCEPT_ENCODING

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

    def __init__(
        self, environment: dict[str, str], *, wsgi: str = "lms.wsgi", directory: Path = ROOT
    ):
        self.environment = environment
        self.wsgi = wsgi
        self.directory = directory
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                self.wsgi,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--log-level",
                "warning",
            ],
            cwd=self.directory,
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

    def cpu_seconds(self) -> float:
        """User plus system CPU of the workers (the master's children) so far."""
        assert self.process is not None
        ticks = os.sysconf("SC_CLK_TCK")
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0
        for child in children:
            with contextlib.suppress(FileNotFoundError):
                # Fields after the command's closing parenthesis: utime and stime are 14, 15.
                fields = Path(f"/proc/{child}/stat").read_text().rpartition(")")[2].split()
                total += int(fields[11]) + int(fields[12])
        return total / ticks

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
        "--header",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
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
    cpu_before = server.cpu_seconds()
    raw = run_wrk(url, cookie=target.cookie, seconds=seconds, script=script)
    cpu = server.cpu_seconds() - cpu_before
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
        cpu_ms=cpu * 1000 / max(raw["requests"], 1),
    )


def query_counts(pages: list[Target], learner) -> dict[str, int]:
    """Queries per request of each of our pages: one request in this process (Django's
    test client, same database), after one that warms the caches, with the page cache on
    or off as on the page's server. They do not grow with the size of the dataset; the
    tests assert most of them. A page served from the cache costs none."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    anonymous, logged_in = Client(), Client()
    logged_in.force_login(learner)
    counts = {}
    for target in pages:
        client = logged_in if target.cookie else anonymous
        seconds = 600 if target.server == CACHED else 0
        kept = 3600 if target.server == CACHED else 0
        with override_settings(PAGE_CACHE_SECONDS=seconds, KEPT_PAGES_SECONDS=kept):
            client.get(target.path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(target.path)
        if response.status_code != 200:
            raise BenchmarkFailed(f"{target.label}: {response.status_code} in this process")
        counts[target.name] = len(captured)
    for alias in caches:
        caches[alias].clear()
    return counts


def check_page(server: Server, target: Target) -> str:
    """Fetch the page twice: it must be the page expected. Returns its X-Page-Cache on
    the second fetch ("hit" when served from the page cache)."""
    for _ in range(2):
        status, headers, body = _fetch(server.base + target.path, cookie=target.cookie)
        text = body.decode("utf-8", errors="replace")
        missing = [marker for marker in target.markers if marker not in text]
        if status != 200 or missing:
            raise BenchmarkFailed(
                f"{target.label} ({target.path}) answered {status}, missing {missing}:\n"
                f"{text[:2000]}\n{server.output()}"
            )
    return headers.get("X-Page-Cache", "")


# --- one size -------------------------------------------------------------------------------------


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


@dataclass
class PageResult:
    """A page, and the two yardsticks measured just before and just after it."""

    measurement: Measurement
    stock: list[Measurement]  # before, after
    bare: list[Measurement]
    queries: int
    cache: str  # X-Page-Cache of a repeated request ("hit", "miss", "pass" or "")

    @property
    def stock_rps(self) -> float:
        return _mean(m.rps for m in self.stock)

    @property
    def bare_rps(self) -> float:
        return _mean(m.rps for m in self.bare)

    @property
    def x_stock(self) -> float:
        """Throughput over the stock page's: above 1, ours serves more per second."""
        return self.measurement.rps / self.stock_rps

    @property
    def x_bare(self) -> float:
        return self.measurement.rps / self.bare_rps

    @property
    def cpu_x_stock(self) -> float:
        """Workers' CPU per request over the stock page's: below 1, ours costs less."""
        return self.measurement.cpu_ms / _mean(m.cpu_ms for m in self.stock)

    @property
    def not_cached(self) -> bool:
        target = self.measurement.target
        return target.server == CACHED and not target.cookie and self.cache != "hit"

    def as_dict(self) -> dict:
        m = self.measurement
        return {
            "page": m.target.name,
            "label": m.target.label,
            "mode": m.target.mode,
            "path": m.target.path,
            "rps": m.rps,
            "p50_ms": m.p50_ms,
            "p90_ms": m.p90_ms,
            "p99_ms": m.p99_ms,
            "cpu_ms": m.cpu_ms,
            "requests": m.requests,
            "queries": self.queries,
            "x_page_cache": self.cache,
            "stock_rps": self.stock_rps,
            "bare_rps": self.bare_rps,
            "x_stock": self.x_stock,
            "x_bare": self.x_bare,
            "cpu_x_stock": self.cpu_x_stock,
        }


@dataclass
class HttpResult:
    stock: list[Measurement]  # before the first page, between pages, after the last
    bare: list[Measurement]
    pages: list[PageResult]
    weights: list  # page_weight.Weight
    queries: dict[str, int]  # per request, by target name (the yardsticks too)

    @property
    def bare_over_stock(self) -> float:
        """Our bare page's time per request over the stock page's (the goal: at most 1.3)."""
        return _mean(m.rps for m in self.stock) / _mean(m.rps for m in self.bare)

    def as_dict(self) -> dict:
        def runs(measurements):
            return [
                {"rps": m.rps, "p50_ms": m.p50_ms, "p99_ms": m.p99_ms, "cpu_ms": m.cpu_ms}
                for m in measurements
            ]

        return {
            "stock": {"queries": self.queries["stock"], "runs": runs(self.stock)},
            "bare": {"queries": self.queries["bare"], "runs": runs(self.bare)},
            "bare_over_stock_time_per_request": self.bare_over_stock,
            "pages": [page.as_dict() for page in self.pages],
            "weights": [
                {
                    "page": w.target.name,
                    "html": w.html_bytes,
                    "html_gzip": w.html_gzip_bytes,
                    "assets": w.asset_bytes,
                }
                for w in self.weights
            ],
        }


def flush_cache() -> None:
    """Empty the benchmark's Redis database, so no size reads another's cache."""
    import redis

    redis.Redis.from_url(BENCH_REDIS_URL).flushdb()


def run(data, *, environment: dict[str, str], stock, seconds: int, log=print) -> HttpResult:
    """Measure every target of ``data`` on gunicorns started with ``environment`` (the
    page cache on, then off) and the stock project ``stock`` (``stock_wagtail``)."""
    from tests.benchmarks import page_weight

    stock_target, bare_target, pages = targets(data)
    queries = query_counts([bare_target, *pages], data.learner)
    queries["stock"] = stock.query_count()
    flush_cache()
    with ExitStack() as stack:
        script = stack.enter_context(tempfile.NamedTemporaryFile("w", suffix=".lua"))
        script.write(WRK_SCRIPT)
        script.flush()
        servers = {
            STOCK: stack.enter_context(
                Server(stock.environment, wsgi=stock.wsgi, directory=stock.directory)
            ),
            CACHED: stack.enter_context(Server(environment)),
            UNCACHED: stack.enter_context(
                Server({**environment, "PAGE_CACHE_SECONDS": "0", "KEPT_PAGES_SECONDS": "0"})
            ),
        }
        cache_status = {
            target.name: check_page(servers[target.server], target)
            for target in [stock_target, bare_target, *pages]
        }

        def timed(target: Target) -> Measurement:
            measurement = measure(
                servers[target.server], target, seconds=seconds, script=script.name
            )
            log(
                f"  {target.label} ({target.mode}): {measurement.rps:.1f} requests/s, "
                f"p50 {measurement.p50_ms:.1f} ms, p99 {measurement.p99_ms:.1f} ms, "
                f"CPU {measurement.cpu_ms:.1f} ms/request"
            )
            return measurement

        # The yardsticks between every two pages: whatever else the machine does during
        # the run, each page is compared with the yardsticks measured next to it.
        stock_runs, bare_runs = [timed(stock_target)], [timed(bare_target)]
        results = []
        for target in pages:
            measurement = timed(target)
            stock_runs.append(timed(stock_target))
            bare_runs.append(timed(bare_target))
            results.append(
                PageResult(
                    measurement,
                    stock=stock_runs[-2:],
                    bare=bare_runs[-2:],
                    queries=queries[target.name],
                    cache=cache_status[target.name],
                )
            )
        weighed, weights = set(), []
        for target in [stock_target, bare_target, *pages]:
            if target.server != CACHED or target.path in weighed:
                weighed.add(target.path)
                continue
            weighed.add(target.path)
            weights.append(page_weight.page_weight(servers[target.server], target))
    return HttpResult(
        stock=stock_runs, bare=bare_runs, pages=results, weights=weights, queries=queries
    )


# --- Markdown -------------------------------------------------------------------------------------


def _runs(measurements: list[Measurement]) -> str:
    rps = sorted(m.rps for m in measurements)
    return f"{statistics.median(rps):.1f} ({rps[0]:.0f} to {rps[-1]:.0f})"


def table(results: list[tuple[str, HttpResult]]) -> str:
    """Per page and size: throughput, latency, CPU and queries, and the ratios to both
    yardsticks (throughput: above 1 is faster than the yardstick)."""
    lines = [
        "| size | page | served | queries | requests/s | p50 | p99 | CPU/request "
        "| vs stock | vs bare | CPU vs stock |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, result in results:
        for runs, name in ((result.stock, "stock"), (result.bare, "bare")):
            first = runs[0].target
            lines.append(
                f"| {size} | {first.label}, median of {len(runs)} | {first.mode} "
                f"| {result.queries[name]} | {_runs(runs)} "
                f"| {statistics.median(m.p50_ms for m in runs):.1f} ms "
                f"| {statistics.median(m.p99_ms for m in runs):.1f} ms "
                f"| {statistics.median(m.cpu_ms for m in runs):.1f} ms "
                + (
                    "| 1 | | 1 |"
                    if name == "stock"
                    else f"| {1 / result.bare_over_stock:.2f} | 1 | |"
                )
            )
        for page in result.pages:
            m = page.measurement
            flag = " (not served from the cache)" if page.not_cached else ""
            lines.append(
                f"| {size} | {m.target.label}{flag} | {m.target.mode} | {page.queries} "
                f"| {m.rps:.1f} | {m.p50_ms:.1f} ms | {m.p99_ms:.1f} ms | {m.cpu_ms:.1f} ms "
                f"| **{page.x_stock:.2f}** | {page.x_bare:.2f} | {page.cpu_x_stock:.2f} |"
            )
    return "\n".join(lines)


ANONYMOUS_CACHED = (
    "home",
    "catalogue",
    "catalogue_filter",
    "catalogue_page2",
    "catalogue_search",
    "course",
    "preview",
    "webinars",
    "verify",
)
LEARNER = ("module_learner", "dashboard_learner", "catalogue_learner")


def goals_table(results: list[tuple[str, HttpResult]]) -> str:
    """Issue 17's goals, each met or missed, per size (throughput ratios, as in ``table``)."""
    lines = ["| size | goal | measured | |", "| --- | --- | --- | --- |"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for size, result in results:
        pages = {page.measurement.target.name: page for page in result.pages}
        cached = [pages[f"{name}_cached"] for name in ANONYMOUS_CACHED]
        worst = min(cached, key=lambda page: page.x_stock)
        not_hits = [p.measurement.target.label for p in cached if p.not_cached]
        lines.append(
            f"| {size} | anonymous pages from the cache at >= 5x the stock page's throughput "
            f"| {min(p.x_stock for p in cached):.1f}x to {max(p.x_stock for p in cached):.1f}x "
            f"(lowest: {worst.measurement.target.label})"
            + (f"; not from the cache: {', '.join(not_hits)}" if not_hits else "")
            + f" | {verdict(worst.x_stock >= 5 and not not_hits)} |"
        )
        for name in LEARNER:
            page = pages[name]
            lines.append(
                f"| {size} | {page.measurement.target.label}, logged in, >= 1.0x the stock "
                f"page | {page.x_stock:.2f}x | {verdict(page.x_stock >= 1.0)} |"
            )
        lines.append(
            f"| {size} | bare StandardPage <= 1.3x the stock page's time per request "
            f"| {result.bare_over_stock:.2f}x | {verdict(result.bare_over_stock <= 1.3)} |"
        )
        plain, search = pages["catalogue_uncached"], pages["catalogue_search_uncached"]
        cost = plain.x_stock / search.x_stock
        lines.append(
            f"| {size} | catalogue search < 2x the unsearched catalogue's time per request "
            f"(uncached) | {cost:.2f}x ({search.queries} queries against {plain.queries}) "
            f"| {verdict(cost < 2)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from tests.benchmarks import bench_scale

    return bench_scale.main(argv, only=("http",))


if __name__ == "__main__":
    sys.exit(main())
