"""Shared set-up for the ``ospo vulns`` tests: the hand-written advisory set imported into a temporary database."""

from __future__ import annotations

from pathlib import Path

from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import import_paths

VULNS = Path(__file__).resolve().parent / "fixtures" / "vulns"
ADVISORIES = VULNS / "advisories"
REPO = VULNS / "repo"
FRESH = 1_000_000.0  # a max age under which the 2024 fixture advisories count as fresh


def fixture_db(path: Path) -> Path:
    with VulnDB(path) as db:
        report = import_paths(db, [str(ADVISORIES)])
        assert not report.errors, report.errors
    return path
