"""Entry point of an embedded worker PROCESS. Kept free of Django imports at module level: a spawned child
unpickles this function before Django is set up."""

from __future__ import annotations

import os
from typing import Any


def process_main(name: str, stop: Any, poll_s: float, db_name: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ospo.platform.settings")
    from django.conf import settings

    if db_name:  # tests run on a test database whose name the child cannot guess
        settings.DATABASES["default"]["NAME"] = db_name
    from ospo.platform import setup

    setup()
    from ospo.platform.scans.pool import worker_loop

    worker_loop(name, stop, poll_s)
