# GSEF Academy. `make run` starts the platform with demo data; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Defaults for the test run: the local PostgreSQL and Redis (see README, "Tests").
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gsef_academy
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: help install install-dev run migrate seed test bench lint format check-deploy messages clean

# `make help` lists every target that has a "## what it does" comment (tests/test_makefile.py
# checks that each .PHONY target has one).
help: ## this list
	@echo "GSEF Academy: make TARGET (PORT=$(PORT), VENV=$(VENV))"
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/\1\t\2/' | \
		awk -F '\t' '{ printf "  make %-13s %s\n", $$1, $$2 }'

# Two stamps: the platform and what `make run` needs (.installed), then the test and lint
# tools on top (.installed-dev, about three times the size, only for test/lint/bench).
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)." % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[run]'
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## the virtualenv with what running needs (no test tools)

install-dev: $(VENV)/.installed-dev ## the virtualenv with the test, lint and benchmark tools too

# The embedded-default stack: SQLite, Celery's filesystem broker and e-mail files under var/.
run: export DEBUG ?= 1
run: export WEB_BIND ?= 127.0.0.1:$(PORT)
# Every link in e-mails, calendars and certificates points where the server listens.
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
# Ctrl-C: honcho sends SIGTERM to each process's whole process group, then SIGKILL 5 s later.
# That SIGTERM killed the prefork pool's children mid-task and left the worker hanging until
# the SIGKILL, so here the worker runs tasks in its main process (solo pool: it finishes the
# task in hand, then stops), and honcho waits up to HONCHO_KILL_WAIT seconds, not 5, because
# Celery's warm shutdown over the filesystem broker takes 4 to 6 s (it polls every 2 s).
# Production keeps the prefork pool (CELERY_POOL unset).
# Celery logs warnings and errors only (not a line per task), so that the address and the
# demo accounts stay on screen: CELERY_LOG_LEVEL=INFO make run shows every task.
HONCHO_KILL_WAIT ?= 20
run: export CELERY_POOL ?= solo
run: export CELERY_LOG_LEVEL ?= WARNING
run: install ## install, migrate, load demo data, start web + worker + beat on PORT (default 8000)
	@echo "Preparing the database (var/gsef-academy.sqlite3) and the demo data..."
	@LOG_LEVEL=WARNING $(PY) manage.py migrate --noinput --verbosity 0
	@LOG_LEVEL=WARNING $(PY) manage.py seed_demo --verbosity 0
	@echo "Starting web, worker and beat; the address and the demo accounts follow once the site answers."
	@# In the background: waits for /health/, then prints the address and the accounts, last.
	@LOG_LEVEL=WARNING $(PY) manage.py demo_accounts --wait &
	@# The Procfile says `gunicorn` and `celery`: honcho must find them in the virtualenv.
	@exec env PATH="$(abspath $(VENV))/bin:$$PATH" $(PY) -c 'import sys, honcho.command, honcho.manager; \
		honcho.manager.KILL_WAIT = int(sys.argv.pop(1)); sys.argv[0] = "honcho"; honcho.command.main()' \
		$(HONCHO_KILL_WAIT) --procfile Procfile start web worker beat

migrate: install ## apply the database migrations
	$(PY) manage.py migrate --noinput

seed: install ## load the demo data and print the demo accounts
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
test: install-dev $(AXE) ## run the whole test suite (PostgreSQL + Redis)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Each benchmark creates its own throw-away databases next to BENCH_DATABASE_URL's and drops
# them. bench_scale generates each of BENCH_SIZES (small = GSEF today, 100x; 10x on demand)
# and measures pages over HTTP (gunicorn + wrk, Redis DB 9 as cache), cached and uncached,
# side by side with a fresh `wagtail start` home page and our bare page, then page weight,
# reports and the sweep; its table is printed and its JSON written to var/bench/.
# bench_reports and bench_sweep keep their own fixed datasets (targets of issues 8 and 6);
# bench_api syncs the largest 100x organisation (33,000 enrolments) through the API;
# bench_cohorts, bench_library and bench_discussion measure a cohort of 500, a library of
# 5,000 items and a thread of 500 replies next to the stock Wagtail page.
# docs/benchmarks.md keeps the numbers.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gsef_bench
BENCH_SIZES ?= small 100x
bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: install-dev ## benchmarks at GSEF size and 100x, pages next to stock Wagtail (docs/benchmarks.md)
	@command -v wrk >/dev/null || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk (Debian; .ci/run installs it)." >&2; exit 1; }
	$(PY) -m tests.benchmarks.bench_scale --sizes $(BENCH_SIZES)
	$(PY) -m tests.benchmarks.bench_reports
	$(PY) -m tests.benchmarks.bench_sweep
	$(PY) -m tests.benchmarks.bench_certificates
	$(PY) -m tests.benchmarks.bench_badges
	$(PY) -m tests.benchmarks.bench_webhooks
	$(PY) -m tests.benchmarks.bench_api
	$(PY) -m tests.benchmarks.bench_evaluation
	$(PY) -m tests.benchmarks.bench_cohorts
	$(PY) -m tests.benchmarks.bench_library
	$(PY) -m tests.benchmarks.bench_discussion

lint: install-dev ## ruff check, ruff format --check and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install-dev ## reformat the code with ruff and apply its safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Django's deployment checks with production settings (DEBUG off), failing on any warning:
# what .ci/run's step f runs. Each variable comes from the environment when it is set, so
# `make check-deploy` also checks a real production environment; otherwise it is the
# complete example environment of README.md's "Configuration" table.
check-deploy: export DEBUG = 0
check-deploy: export SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))')
check-deploy: export ALLOWED_HOSTS ?= academy.example.org
check-deploy: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
check-deploy: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
check-deploy: export REDIS_URL ?= redis://127.0.0.1:6379/1
check-deploy: export EMAIL_HOST ?= smtp.example.org
check-deploy: export PUBLIC_BASE_URL ?= https://academy.example.org
check-deploy: export BADGE_SIGNING_KEY_FILE ?= var/check-deploy-badge-key.pem
check-deploy: install ## Django's deployment checks with production settings (as CI step f)
	@mkdir -p var; test -f "$$BADGE_SIGNING_KEY_FILE" || DEBUG=1 $(PY) manage.py badge_keys generate "$$BADGE_SIGNING_KEY_FILE"
	$(PY) manage.py check --deploy --fail-level WARNING

messages: install ## extract and compile the translation catalogues
	DEBUG=1 $(PY) manage.py makemessages --all --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

clean: ## remove var/ (the SQLite database, e-mail files, uploads)
	rm -rf var/
