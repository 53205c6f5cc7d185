"""Shared helpers of the findings tests (a uniquely named module: never import from conftest)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

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


def _git(repo, *args):  # type: ignore[no-untyped-def]
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def commit_repo(repo, message="change"):  # type: ignore[no-untyped-def]
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def vulndb(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.OSPO_VULNDB = str(make_vulndb(tmp_path / "vulndb.sqlite"))
    settings.OSPO_VULNDB_MAX_AGE_DAYS = 100_000.0  # the fixture advisories are from 2024: fresh for these tests
    settings.OSPO_FINDINGS_ENGINES = ["licenses", "vulns", "hygiene", "secrets"]
    settings.OSPO_POLICY = ""
    return settings.OSPO_VULNDB


@pytest.fixture
def app_repo(estate, tmp_path):  # type: ignore[no-untyped-def]
    from ospo.platform.estate.discovery import sync_source
    from ospo.platform.estate.models import Source, SourceKind

    root = tmp_path / "repos"
    root.mkdir()
    repo_dir = copy_app(root / "app")
    _git(repo_dir, "init", "-q", "-b", "main")
    commit_repo(repo_dir, "init")
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location=str(root))
    (repo,) = sync_source(source)
    return repo, repo_dir


def scan_repo(repo):  # type: ignore[no-untyped-def]
    from ospo.platform.scans import queue, tasks
    from ospo.platform.scans.models import ScanStatus

    (scan,) = queue.enqueue([repo])
    assert tasks.scan_repository(scan.pk, worker="t").status == "succeeded"
    scan.refresh_from_db()
    assert scan.status == ScanStatus.SUCCEEDED
    return scan


