"""Instructions per request of the logged-in pages, next to the stock Wagtail page.

    .venv/bin/python -m tests.benchmarks.instructions prepare
    .venv/bin/python -m tests.benchmarks.instructions measure [NAME ...] [--count 3]

Wall time on a shared 2-core machine moves with whatever else runs; the number of
instructions a request executes does not (``valgrind --tool=callgrind`` counts them the
same whatever the load). ``prepare`` makes the data once and keeps it: databases
``<name>_small`` (GSEF's size, ``dataset.generate_size``), ``<name>_library`` (5,000
library items) and ``<name>_discussion`` (a thread of 500 replies), ``<name>`` being
``gsef_prof`` unless ``PROF_DATABASE_NAME`` says otherwise; a stock ``wagtail start``
project in ``var/prof/stock``; the pages and sessions in ``var/prof/targets.json``.
``measure`` serves each page in one process under callgrind (``serve_once.py``: three
warm-up requests, then ``--count`` counted ones, less a run without them; production
settings, ``DEBUG=0``, Redis
database 9 as the cache) and prints millions of instructions per request and the ratio
``stock / page``: 1.0 means the page costs what the stock page costs, the goal of issues 17
and 22 for logged-in pages (``bench_http`` then measures the same pages' throughput).
PostgreSQL's own work is not counted (it runs in its server), nor is Redis's. ``--quick``
measures CPU milliseconds per request in-process instead (seconds rather than minutes a
page, for trying changes; it moves with the machine's load).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "prof"
TARGETS = WORK / "targets.json"
SERVE = Path(__file__).with_name("serve_once.py")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")


def _setup(secret: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    name = os.environ.get("PROF_DATABASE_NAME", "gsef_prof")
    os.environ["BENCH_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ["SECRET_KEY"] = secret
    import django

    django.setup()


def prepare() -> int:
    secret = secrets.token_urlsafe(50)
    _setup(secret)
    from tests.benchmarks import (
        bench_discussion,
        bench_http,
        bench_library,
        databases,
        dataset,
        stock_wagtail,
    )

    WORK.mkdir(parents=True, exist_ok=True)
    targets = []
    with ExitStack() as stack:
        databases.create(databases.base_name())
        template = stack.enter_context(databases.migrated_template())

        with databases.sized_database(template, "small", keep=True) as name:
            data = dataset.generate_size(dataset.SIZES["small"])
            cookie = bench_http.session_cookie(data.learner)
            _stock, bare, pages = bench_http.targets(data)
            targets.append(_target("bare", bare.path, name, ""))
            targets.append(_target("bare_learner", bare.path, name, cookie))
            for page in pages:
                if page.cookie:
                    targets.append(_target(page.name, page.path, name, cookie))
        with databases.sized_database(template, "library", keep=True) as name:
            path, member = bench_library.generate(5000)
            cookie = bench_http.session_cookie(member)
            targets.append(_target("library_member", path, name, cookie))
            targets.append(_target("library_search", path + "?q=%EA%B2%BD%EC%A0%9C", name, cookie))
        with databases.sized_database(template, "discussion", keep=True) as name:
            paths, learner = bench_discussion.generate(500)
            cookie = bench_http.session_cookie(learner)
            targets.append(_target("thread_first", paths["first"], name, cookie))
            targets.append(_target("thread_last", paths["last"], name, cookie))
            targets.append(_target("discussion_list", paths["list"], name, cookie))

        stock_name = f"{databases.base_name()}_stock"
        stock_root = WORK / "stock"
        if stock_root.exists():
            subprocess.run(["rm", "-rf", str(stock_root)], check=True)
        project = stock_wagtail.generate(stock_root, database=stock_name)
        databases.create(stock_name)
        project.manage("migrate", "--noinput", "--verbosity", "0")
        project.manage("collectstatic", "--noinput", "--verbosity", "0")
        environment = bench_http.server_environment(
            database_url=databases.url_for(template),
            static_root=str(WORK / "static"),
            var_dir=str(WORK),
        )
        bench_http.collect_static(environment)
    TARGETS.write_text(
        json.dumps(
            {
                "secret": secret,
                "stock": {"directory": str(project.directory), "path": project.path},
                "pages": targets,
            },
            indent=2,
        )
    )
    print(f"wrote {TARGETS}")
    return 0


def _target(name: str, path: str, database: str, cookie: str) -> dict:
    return {"name": name, "path": path, "database": database, "cookie": cookie}


def _instructions(arguments: list[str], *, cwd: Path, env: dict, count: int) -> tuple[float, str]:
    """Millions of instructions per request: a run serving ``count`` requests after the
    warm-up, less a run serving none (same start-up, same warm-up)."""
    base, _served = _total(arguments, cwd=cwd, env=env, count=0)
    total, served = _total(arguments, cwd=cwd, env=env, count=count)
    return (total - base) / count / 1e6, served


def _total(arguments: list[str], *, cwd: Path, env: dict, count: int) -> tuple[int, str]:
    env = {**env, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        finished = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                str(SERVE),
                *arguments,
                "--count",
                str(count),
            ],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        served = next(
            (line for line in finished.stdout.splitlines() if line.startswith("SERVED")), ""
        )
        if finished.returncode != 0 or not out.exists():
            raise SystemExit(f"{arguments[0]}: {served or finished.stderr[-2000:]}")
        text = out.read_text(errors="replace")
        found = re.search(r"^(?:summary|totals): (\d+)", text, re.MULTILINE)
        return int(found.group(1)), served


def _cpu(arguments: list[str], *, cwd: Path, env: dict, count: int) -> tuple[float, str]:
    """Milliseconds of this process's CPU per request (no valgrind: quick, but it moves
    with the machine's load; compare with the stock page measured just before)."""
    finished = subprocess.run(
        [sys.executable, str(SERVE), *arguments, "--count", str(count)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = finished.stdout.splitlines()
    served = next((line for line in lines if line.startswith("SERVED")), "")
    cpu = next((line for line in lines if line.startswith("CPU ")), "")
    if finished.returncode != 0 or not cpu:
        raise SystemExit(f"{arguments[0]}: {served or finished.stderr[-2000:]}")
    return float(cpu.split()[1]), served


def measure(names: list[str], count: int, *, quick: bool = False) -> int:
    spec = json.loads(TARGETS.read_text())
    _count = _cpu if quick else _instructions
    from tests.benchmarks.bench_http import base_environment

    environment = base_environment()
    stock_env = {
        **environment,
        "DJANGO_SETTINGS_MODULE": "stockwagtail.settings.production",
    }
    stock, served = _count(
        [spec["stock"]["path"]],
        cwd=Path(spec["stock"]["directory"]),
        env=stock_env,
        count=count,
    )
    unit = "ms" if quick else "M"
    print(f"{'stock wagtail start home':<22} {stock:8.1f} {unit}  1.00  ({served})", flush=True)
    results = {"stock": stock}
    for page in spec["pages"]:
        if names and page["name"] not in names:
            continue
        env = {
            **environment,
            "DJANGO_SETTINGS_MODULE": "lms.settings",
            "DEBUG": "0",
            "SECRET_KEY": spec["secret"],
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{page['database']}",
            "REDIS_URL": REDIS,
            "CELERY_BROKER_URL": REDIS,
            "STATIC_ROOT": str(WORK / "static"),
            "VAR_DIR": str(WORK),
            "MEDIA_ROOT": str(WORK / "media"),
            "LOG_LEVEL": "WARNING",
            "PAGE_CACHE_SECONDS": "0" if page["cookie"] == "" else "600",
        }
        arguments = [page["path"], "--cookie", page["cookie"]]
        started = time.monotonic()
        millions, served = _count(arguments, cwd=ROOT, env=env, count=count)
        results[page["name"]] = millions
        print(
            f"{page['name']:<22} {millions:8.1f} {unit}  {stock / millions:4.2f}  ({served}, "
            f"{time.monotonic() - started:.0f} s)",
            flush=True,
        )
    out = ROOT / "var" / "bench" / f"instructions-{time.strftime('%Y-%m-%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "measure"])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--count", type=int, default=0, help="requests counted (5, or 50 --quick)")
    parser.add_argument(
        "--quick", action="store_true", help="CPU milliseconds in-process instead of valgrind"
    )
    arguments = parser.parse_intermixed_args(argv)
    if arguments.command == "prepare":
        return prepare()
    count = arguments.count or (50 if arguments.quick else 5)
    return measure(arguments.names, count, quick=arguments.quick)


if __name__ == "__main__":
    sys.exit(main())
