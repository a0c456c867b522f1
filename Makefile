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
	@echo "make bench  - report and reminder-sweep benchmarks on PostgreSQL (docs/benchmarks.md)"
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

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: export CELERY_BROKER_URL ?= $(TEST_REDIS_URL)
test: export REDIS_URL ?= $(TEST_REDIS_URL)
test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Each benchmark creates its own throw-away database next to BENCH_DATABASE_URL's and drops it.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gsef_bench
bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: install
	$(PY) -m tests.benchmarks.bench_reports
	$(PY) -m tests.benchmarks.bench_sweep

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
