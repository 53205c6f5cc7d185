# ruff: noqa: RUF012
"""``search_text`` is now folded (lower case, no diacritics) so that unaccented queries find accented entries and
the reverse: recompute it for the entries written before (the search folds the query the same way)."""

from django.db import migrations

from ospo.catalog.searchtext import entry_text


def forwards(apps, schema_editor):
    Entry = apps.get_model("catalog", "Entry")
    rows = Entry.objects.only("pk", "name", "description", "license", "category", "search_text").iterator(
        chunk_size=1000
    )
    changed = []
    for e in rows:
        text = entry_text(e.name, e.description, e.license, e.category)
        if text != e.search_text:
            e.search_text = text
            changed.append(e)
        if len(changed) >= 1000:
            Entry.objects.bulk_update(changed, ["search_text"])
            changed = []
    if changed:
        Entry.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_trigram_search")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
