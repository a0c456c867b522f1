"""`manage.py demo_accounts`: print where the platform runs and how to sign in to the demo.

`make run` starts it in the background with ``--wait``: it waits until the web process
answers /health/ and then prints the banner, so the accounts come last, after the
processes' start-up output, instead of scrolling away before it.
"""

import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms import demo

RULE = "=" * 78


def banner(base_url: str) -> list[str]:
    """The lines that tell a newcomer where to go and which account to use."""
    base_url = base_url.rstrip("/")
    lines = [
        RULE,
        f"  GSEF Academy is running on {base_url}/",
        f"  The admin: {base_url}/admin/",
        "",
        f"  Demo accounts (password for all: {demo.DEMO_PASSWORD}):",
    ]
    lines += [
        f"    {role:<12} {local_part}@{demo.DEMO_EMAIL_DOMAIN}"
        for role, local_part in demo.ROLE_ACCOUNTS
    ]
    lines += [
        "",
        "  E-mail is written to var/mail/. Stop everything with Ctrl-C.",
        RULE,
    ]
    return lines


def wait_until_up(url: str, timeout: float, interval: float = 0.5) -> bool:
    """Whether `url` answered 200 within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own http URL)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


class Command(BaseCommand):
    help = (
        "Print the address of the platform and the demo accounts (after it answers, with --wait)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Wait until PUBLIC_BASE_URL/health/ answers before printing.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=180,
            help="Seconds to wait with --wait (default 180).",
        )

    def handle(self, *args, wait: bool = False, timeout: float = 180, **options):
        base_url = settings.PUBLIC_BASE_URL
        if wait:
            try:
                up = wait_until_up(f"{base_url.rstrip('/')}/health/", timeout)
            except KeyboardInterrupt:  # Ctrl-C on `make run` before the site answered
                return
            if not up:
                raise CommandError(f"{base_url}/health/ did not answer within {timeout:g} s.")
        self.stdout.write("\n" + "\n".join(banner(base_url)) + "\n")
