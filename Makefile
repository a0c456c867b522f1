# GSEF Academy. `make run` starts the platform with demo data; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Defaults for the test run: the local PostgreSQL and Redis (see README, "Tests").
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gsef_academy
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: help install run migrate seed test bench lint format check-deploy messages clean

help:
	@echo "make run    - install, migrate, load demo data, start web + worker + beat on :$(PORT)"
	@echo "make test   - run the whole test suite (PostgreSQL + Redis)"
	@echo "make bench  - benchmarks at GSEF size, 10x and 100x: pages over HTTP, reports, sweep (docs/benchmarks.md)"
	@echo "make lint   - ruff and migrations check"
	@echo "make messages - extract and compile translations"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)." % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# The embedded-default stack: SQLite, Celery's filesystem broker and e-mail files under var/.
run: export DEBUG ?= 1
run: export WEB_BIND ?= 127.0.0.1:$(PORT)
# Every link in e-mails, calendars and certificates points where the server listens.
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "GSEF Academy is starting on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "E-mail is written to var/mail/. Stop everything with Ctrl-C."
	@echo ""
	@# The Procfile says `gunicorn` and `celery`: honcho must find them in the virtualenv.
	exec env PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/honcho --procfile Procfile start web worker beat

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

# axe-core for the browser tests (tests/browser), the version pinned by its
# package-lock.json: installed here, never fetched while the tests run.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install axe-core for the browser tests (apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund
	@touch $@

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: export CELERY_BROKER_URL ?= $(TEST_REDIS_URL)
test: export REDIS_URL ?= $(TEST_REDIS_URL)
test: install $(AXE)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Each benchmark creates its own throw-away databases next to BENCH_DATABASE_URL's and drops
# them. bench_scale generates each of BENCH_SIZES (small = GSEF today, 10x, 100x) and measures
# pages over HTTP (gunicorn + wrk, Redis DB 9 as cache), page weight, reports and the sweep;
# bench_reports and bench_sweep keep their own fixed datasets (targets of issues 8 and 6).
# docs/benchmarks.md keeps the numbers.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gsef_bench
BENCH_SIZES ?= small 10x 100x
bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk (Debian; .ci/run installs it)." >&2; exit 1; }
	$(PY) -m tests.benchmarks.bench_scale --sizes $(BENCH_SIZES)
	$(PY) -m tests.benchmarks.bench_reports
	$(PY) -m tests.benchmarks.bench_sweep
	$(PY) -m tests.benchmarks.bench_certificates

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	DEBUG=1 $(PY) manage.py makemessages --all --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf var/
