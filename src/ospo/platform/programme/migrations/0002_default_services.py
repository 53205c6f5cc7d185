# ruff: noqa: RUF012
"""The six services of the method's catalog, so a fresh install has a public catalog to edit."""

from __future__ import annotations

from django.db import migrations

DEFAULTS = (("license-review", 10), ("procurement", 15), ("publication", 20), ("adoption-vetting", 10),
            ("security-review", 15), ("training", 30))


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    service = apps.get_model("programme", "Service")
    for kind, days in DEFAULTS:
        service.objects.get_or_create(kind=kind, defaults={"sla_days": days})


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
