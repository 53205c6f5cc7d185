"""Shared helpers of the findings tests (a uniquely named module: never import from conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ospo.engine.vulns.db import VulnDB
from ospo.engine.vulns.importer import import_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ADVISORIES = FIXTURES / "vulns" / "advisories"
APP = FIXTURES / "findings" / "app"


def make_vulndb(path: Path) -> Path:
    """A vulnerability DB holding the hand-written test advisories (tests/fixtures/vulns/advisories)."""
    with VulnDB(path) as db:
        report = import_paths(db, [ADVISORIES])
        assert not report.errors, report.errors
    return path


def copy_app(dest: Path) -> Path:
    shutil.copytree(APP, dest)
    return dest
