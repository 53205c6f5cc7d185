from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "ospo.platform.access"
    label = "access"
    verbose_name = _("Access and audit")

    def ready(self) -> None:
        from ospo.platform.access import audit

        audit.connect_signals()
