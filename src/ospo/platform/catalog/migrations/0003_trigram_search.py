# ruff: noqa: RUF012
"""PostgreSQL only: a pg_trgm GIN index on ``search_text`` so that ``LIKE '%word%'`` (the catalog search) can use
an index instead of reading every row. Other databases: nothing. If the extension cannot be created (a role
without the right, a server without contrib), the index is skipped and the search works as before."""

from django.db import migrations, transaction

INDEX = "catalog_entry_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create it: the search still works, without the index
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalog_entry USING gin (search_text gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [("catalog", "0002_search_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
