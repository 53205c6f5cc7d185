"""The web platform: a Django project that stores and presents what the engine returns.

Only platform commands (``ospo serve``, ``ospo worker``, ``ospo manage``, ``ospo demo``) import this package;
engine commands never import Django. :func:`setup` is the one way to start Django outside ``manage``.
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "ospo.platform.settings"


def setup() -> None:
    """Configure Django once (idempotent), honouring an explicit DJANGO_SETTINGS_MODULE."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
