"""`manage.py seed_demo`: load the GSEF demo data. Safe to run again."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule

from lms import demo


class Command(BaseCommand):
    help = "Load GSEF demo data (organisations, one account per role). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even though DEBUG is off (never on a real installation).",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with DEBUG off: they share a published password. "
                "Pass --allow-production if this really is a demonstration server."
            )
        totals = demo.seed()
        # Apps further down the dependency chain (cms, courses) add their own demo
        # data through a `demo` module with a `seed()` function, in INSTALLED_APPS order.
        for app_config in apps.get_app_configs():
            if app_config.name == "lms" or not module_has_submodule(app_config.module, "demo"):
                continue
            for line in import_module(f"{app_config.name}.demo").seed():
                if options["verbosity"] >= 1:
                    self.stdout.write(line)
        if options["verbosity"] < 1:  # `make run` prints the accounts itself, last.
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready: {organisations} organisations, {users} people, "
                "{memberships} memberships ({coordinators} coordinators).".format(**totals)
            )
        )
        self.stdout.write(
            f"DEMO accounts (password for all: {demo.DEMO_PASSWORD}); "
            f"every address is @{demo.DEMO_EMAIL_DOMAIN}:"
        )
        for role, local_part in demo.ROLE_ACCOUNTS:
            self.stdout.write(f"  {role:<12} {local_part}@{demo.DEMO_EMAIL_DOMAIN}")
