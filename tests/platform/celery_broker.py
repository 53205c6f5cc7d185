"""A real Redis broker for a Celery test, and this process's Celery app pointed at it.

Why more than ``app.conf.broker_url = url``: the app keeps its broker connection pool and producer pool from the
first dispatch, so a second test with a new Redis (a new port) would still publish to the first test's broker,
long stopped ("Connection refused"). Both pools are dropped so the next dispatch connects to ``url``."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_redis(workdir: Path) -> Iterator[str]:
    """Start a private redis-server (no persistence) and yield its URL; skip the test without redis-server."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def database_url() -> str:
    """The test database as a DATABASE_URL, for worker processes started by a test."""
    d = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{d['NAME']}"
    return f"postgres://{d['USER']}:{d['PASSWORD']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def point_app_at(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from ospo.platform.celery_app import app

    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads the variable before its settings
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
