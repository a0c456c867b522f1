"""``manage.py rebuild_course_listing``: every course's listing rows written again."""

from django.core.management.base import BaseCommand

from courses.services.listing import course_listing_rebuild


class Command(BaseCommand):
    help = (
        "Rewrite the course listing (what the catalogue, the home page and the dashboard "
        "list) from the live pages: after adding a language or changing a site's address."
    )

    def handle(self, *args, **options):
        rows = course_listing_rebuild()
        self.stdout.write(f"Course listing rebuilt: {rows} rows.")
