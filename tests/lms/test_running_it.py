"""`make run` and the developer commands: what a newcomer sees and what gets installed.

The full boot (web, worker and beat, then Ctrl-C) is CI's smoke test (.ci/smoke); these check
the pieces that can be checked in a second.
"""

import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lms import demo

ROOT = Path(__file__).resolve().parents[2]

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_dry_run(*args: str) -> str:
    """What `make` would run (-n), with an up-to-date virtualenv assumed (-o stamps)."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@needs_make
def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE).group(1).split()
    output = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = set(re.findall(r"^  make (\S+)", output, re.MULTILINE))
    assert set(phony) <= listed, f"missing from make help: {sorted(set(phony) - listed)}"


@needs_make
def test_make_run_installs_only_what_running_needs():
    commands = make_dry_run("-B", "install")
    assert "pip install --quiet -e '.[run]'" in commands
    assert "[dev]" not in commands
    run = make_dry_run("-o", ".venv/.installed", "run")
    assert "[dev]" not in run
    # The test and lint targets do install the development tools.
    assert "-e '.[dev]'" in make_dry_run("-B", "install-dev")


@needs_make
def test_make_run_quiets_migrate_and_seed_and_stops_the_worker_cleanly():
    run = make_dry_run("-o", ".venv/.installed", "run")
    assert "migrate --noinput --verbosity 0" in run
    assert "seed_demo --verbosity 0" in run
    assert "demo_accounts --wait &" in run
    assert "KILL_WAIT" in run


@needs_make
def test_make_check_deploy_runs_the_deploy_check_with_debug_off():
    commands = make_dry_run("-o", ".venv/.installed", "check-deploy")
    assert "manage.py check --deploy --fail-level WARNING" in commands
    assert "check-deploy" in (ROOT / ".ci" / "run").read_text()


def test_the_licence_pyproject_declares_is_in_the_repository():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'license = "AGPL-3.0-or-later"' in pyproject
    licence = (ROOT / "LICENSE").read_text()
    assert licence.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in licence
    assert "13. Remote Network Interaction; Use with the GNU General Public License." in licence
    assert (ROOT / "CONTRIBUTING.md").is_file()


def test_procfile_keeps_production_defaults_that_make_run_overrides():
    procfile = (ROOT / "Procfile").read_text()
    assert '--pool "${CELERY_POOL:-prefork}"' in procfile
    assert '--loglevel "${CELERY_LOG_LEVEL:-INFO}"' in procfile
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export CELERY_POOL ?= solo" in makefile
    assert "run: export CELERY_LOG_LEVEL ?= WARNING" in makefile


def test_demo_accounts_prints_the_address_and_every_account_last(settings, capsys):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    call_command("demo_accounts")
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in output
    assert "http://127.0.0.1:8123/admin/" in output
    assert demo.DEMO_PASSWORD in output
    for _role, local_part in demo.ROLE_ACCOUNTS:
        assert f"{local_part}@{demo.DEMO_EMAIL_DOMAIN}" in output
    assert output.rstrip().endswith("=" * 78)


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health/" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_demo_accounts_waits_for_the_site_to_answer(settings, capsys):
    server = HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.PUBLIC_BASE_URL = f"http://127.0.0.1:{server.server_port}"
        call_command("demo_accounts", "--wait", "--timeout", "10")
    finally:
        server.shutdown()
        server.server_close()
    assert demo.DEMO_PASSWORD in capsys.readouterr().out


def test_demo_accounts_gives_up_when_the_site_never_answers(settings, capsys):
    server = HTTPServer(("127.0.0.1", 0), _Health)
    port = server.server_port
    server.server_close()  # nothing listens there any more
    settings.PUBLIC_BASE_URL = f"http://127.0.0.1:{port}"
    with pytest.raises(CommandError, match="did not answer"):
        call_command("demo_accounts", "--wait", "--timeout", "0.5")
    assert demo.DEMO_PASSWORD not in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_is_silent_at_verbosity_zero(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert capsys.readouterr().out == ""
