"""Trigram indexes for the catalogue's search inside words (Korean compounds: 경제 in
사회적경제), on PostgreSQL only: ILIKE '%…%' on the course's title and summary
uses them instead of reading every row. SQLite needs none (no extension)."""

from django.db import migrations

INDEXES = (
    ("courses_coursepage_summary_trgm", "courses_coursepage", "summary"),
    # The title is Wagtail's column; the index is ours, named and dropped by us.
    ("courses_page_title_trgm", "wagtailcore_page", "title"),
)


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0013_signatory_signature_image"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
