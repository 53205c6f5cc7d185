from __future__ import annotations

from django.apps import AppConfig


class ScansConfig(AppConfig):
    verbose_name = "Scans"
    name = "ospo.platform.scans"
    label = "scans"
    default_auto_field = "django.db.models.BigAutoField"
