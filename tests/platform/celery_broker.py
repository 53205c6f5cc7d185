"""Point this process's Celery app at a test's own Redis broker.

Why more than ``app.conf.broker_url = url``: the app keeps its broker connection pool and producer pool from the
first dispatch, so a second test with a new Redis (a new port) would still publish to the first test's broker,
long stopped ("Connection refused"). Both pools are dropped so the next dispatch connects to ``url``."""

from __future__ import annotations

import pytest


def point_app_at(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from ospo.platform.celery_app import app

    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads the variable before its settings
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
