# ruff: noqa: F811  (pytest fixtures imported from findings_helpers are used as arguments)
"""A repository registered by git URL gets hygiene and secrets findings, read through the scan's own partial clone
(served here through file://, never the internet), and an unchanged rescan costs no engine run."""

from __future__ import annotations

import subprocess

import pytest
from findings_helpers import _git, commit_repo, copy_app, scan_repo, vulndb  # noqa: F401 (fixtures)

from ospo.platform.findings.models import FindingsRun, FindingStatus, HygieneFinding
from ospo.platform.scans.models import Scan

BODY = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


@pytest.fixture
def remote_repo(estate, tmp_path):  # type: ignore[no-untyped-def]
    from ospo.platform.estate.discovery import sync_source
    from ospo.platform.estate.models import Source, SourceKind

    work = copy_app(tmp_path / "work")
    (work / "deploy.sh").write_text(f"export GITHUB_TOKEN=ghp_{BODY}\n")
    _git(work, "init", "-q", "-b", "main")
    commit_repo(work, "init")
    bare = tmp_path / "served" / "app.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True)
    _git(bare, "config", "uploadpack.allowFilter", "true")
    source = Source.objects.create(agency=estate, kind=SourceKind.GIT, location=f"file://{bare}")
    (repo,) = sync_source(source)
    return repo


@pytest.mark.django_db
def test_git_url_repository_gets_hygiene_and_secret_findings(remote_repo, vulndb):
    scan = scan_repo(remote_repo)
    run = FindingsRun.objects.get(scan=scan)
    assert set(run.engines) == {"licenses", "vulns", "hygiene", "secrets"}, run.counts
    assert run.failures == {} and not run.counts.get("skipped")
    readme = HygieneFinding.objects.get(repository=remote_repo, check_id="readme")
    assert readme.status == FindingStatus.OPEN and readme.commit == scan.revision
    # the history was read from the clone (one commit): judged, so no "not evaluated" row stands in for it
    assert HygieneFinding.objects.filter(repository=remote_repo, check_id="bus-factor").exists(), list(
        HygieneFinding.objects.values_list("check_id", flat=True)
    )
    secret = HygieneFinding.objects.get(repository=remote_repo, check_id__startswith="secret:")
    assert (secret.path, secret.line, secret.severity) == ("deploy.sh", 1, "high")
    assert secret.details["kind"] and secret.details["secret_fingerprint"]
    stored = repr(list(HygieneFinding.objects.values())) + repr(list(Scan.objects.values()))
    assert BODY not in stored  # kind and fingerprint only, never the value


@pytest.mark.django_db
def test_unchanged_remote_rescan_runs_no_engine(remote_repo, vulndb):
    scan_repo(remote_repo)
    again = scan_repo(remote_repo)
    assert again.unchanged and not FindingsRun.objects.filter(scan=again).exists()
