"""A trigram index for the library's search inside words (Korean compounds: 경제 in
사회적경제), on PostgreSQL only. Django writes ``icontains`` as
``UPPER(search_text::text) LIKE UPPER('%…%')``, so the index is on that expression
(an index on the bare column would not serve it). SQLite needs none (no extension)."""

from django.db import migrations

INDEX = "library_item_search_text_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON library_libraryitempage "
        "USING gin ((UPPER(search_text::text)) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_library_pages")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
