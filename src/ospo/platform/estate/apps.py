from __future__ import annotations

from django.apps import AppConfig


class EstateConfig(AppConfig):
    name = "ospo.platform.estate"
    label = "estate"
    default_auto_field = "django.db.models.BigAutoField"
