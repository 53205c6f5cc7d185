"""Catalog after scans (issue 7): publiccode.yml crawled and SLOC measured from the tree the scan read — remote
repositories through their blobless partial clone (a local bare repository served over file://, never the
internet) — and a failure on one repository recorded on its scan, never fatal."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache

from ospo.platform.catalog.models import Entry, EntryKind
from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
from ospo.platform.scans import queue, tasks
from ospo.platform.scans.models import Scan, ScanStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalog_crawl"
ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
PY = b"# comment\nimport os\n\nprint(os.name)\nx = 1\n"  # 3 source lines
JS = b"// comment\nfunction f() {\n  return 1;\n}\n"  # 3 source lines
MANIFEST = b'{"name": "permits", "version": "1.0.0", "dependencies": {"left-pad": "1.3.0"}}\n'


def git(path: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True, env={**os.environ, **ENV})


@pytest.fixture
def agency(db):  # type: ignore[no-untyped-def]
    cache.clear()
    return Agency.objects.create(government=Government.objects.create(name="Republic"), name="Agency A", slug="a")


@pytest.fixture
def remote(tmp_path, agency, settings):  # type: ignore[no-untyped-def]
    """(work tree, bare origin, Repository registered by its file:// URL): what a forge serves."""
    settings.OSPO_FINDINGS_ENGINES = []
    work = tmp_path / "work"
    (work / "src").mkdir(parents=True)
    (work / "publiccode.yml").write_bytes((FIXTURES / "publiccode.yml").read_bytes())
    (work / "src" / "app.py").write_bytes(PY)
    (work / "src" / "util.js").write_bytes(JS)
    (work / "package.json").write_bytes(MANIFEST)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "init")
    origin = tmp_path / "origin.git"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(work), str(origin)],
        check=True,
        capture_output=True,
        env={**os.environ, **ENV},
    )
    git(origin, "config", "uploadpack.allowFilter", "true")
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")
    url = f"file://{origin}"
    src = Source.objects.create(agency=agency, kind=SourceKind.GIT, location=url)
    repo = Repository.objects.create(source=src, agency=agency, name="permits", location=url, default_branch="main")
    return work, origin, repo


def push(work: Path, origin: Path) -> None:
    git(work, "add", "-A")
    git(work, "commit", "-qm", "change")
    git(work, "push", "-q", str(origin), "main")


def scan(repo: Repository) -> Scan:
    (s,) = queue.enqueue([repo])
    assert tasks.scan_repository(s.pk, worker="t").status == "succeeded"
    s.refresh_from_db()
    return s


def catalog_errors(s: Scan) -> list[dict]:
    return [e for e in s.errors if e["path"].startswith("catalog:")]


def test_remote_repository_is_crawled_and_measured_from_its_partial_clone(remote, client):
    work, origin, repo = remote
    s = scan(repo)
    assert s.component_count >= 1 and not catalog_errors(s)
    e = Entry.objects.get(repository=repo)
    assert (e.name, e.kind, e.publisher_id, e.license) == ("Permits Desk", EntryKind.AGENCY, repo.agency_id, "EUPL-1.2")
    assert e.sloc == 6 and e.sloc_by_language == {"Python": 3, "JavaScript": 3}
    measured = e.sloc_measured_at
    assert e.sloc_revision == s.revision
    page = client.get(f"/catalog/entries/{e.pk}/").content.decode()
    assert f'id="sloc">6 (<code>{s.revision[:12]}</code>' in page  # the figure says which commit it measured

    scan(repo)  # unchanged tree: the figure is kept, not measured again
    e.refresh_from_db()
    assert e.sloc_measured_at == measured and e.sloc == 6

    (work / "src" / "more.py").write_bytes(PY * 2)
    (work / "publiccode.yml").write_bytes(
        (FIXTURES / "publiccode.yml").read_bytes().replace(b"Permits Desk", b"Permits Desk 2")
    )
    push(work, origin)
    scan(repo)
    e.refresh_from_db()
    assert e.name == "Permits Desk 2" and e.sloc == 12 and e.sloc_by_language == {"Python": 9, "JavaScript": 3}
    assert e.sloc_measured_at > measured
    assert Entry.objects.count() == 1


def test_a_remote_fetch_that_fails_is_shown_on_the_scan_and_is_not_fatal(remote, monkeypatch):
    _, origin, repo = remote
    Entry.objects.create(name="Permits (hand-entered)", repository=repo, publisher=repo.agency)
    real_ingest = tasks.ingest

    def ingest_then_lose_the_server(scan_row, result):  # the forge goes away after the scan's clone
        shutil.rmtree(origin)
        return real_ingest(scan_row, result)

    monkeypatch.setattr(tasks, "ingest", ingest_then_lose_the_server)
    s = scan(repo)
    assert s.status == ScanStatus.SUCCEEDED and s.component_count >= 1
    problems = {e["path"]: e for e in catalog_errors(s)}
    assert set(problems) == {"catalog:publiccode.yml", "catalog:sloc"}
    assert problems["catalog:sloc"]["severity"] == "warning"
    assert problems["catalog:sloc"]["message"].startswith("source lines not measured: ")
    assert problems["catalog:publiccode.yml"]["severity"] == "error"
    e = Entry.objects.get(repository=repo)
    assert e.name == "Permits (hand-entered)" and e.sloc is None  # nothing half-written


def test_local_repository_gets_sloc_after_its_scan_too(agency, tmp_path, settings):
    settings.OSPO_FINDINGS_ENGINES = []
    work = tmp_path / "local"
    (work / "lib").mkdir(parents=True)
    (work / "publiccode.yml").write_bytes((FIXTURES / "publiccode.yml").read_bytes())
    (work / "lib" / "a.py").write_bytes(PY)
    (work / "lib" / "uncommitted.py").write_bytes(PY)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "publiccode.yml", "lib/a.py")
    git(work, "commit", "-qm", "init")
    src = Source.objects.create(agency=agency, kind=SourceKind.LOCAL, location=str(work))
    repo = Repository.objects.create(source=src, agency=agency, name="local", location=str(work), default_branch="main")
    scan(repo)
    e = Entry.objects.get(repository=repo)
    assert e.sloc == 3 and e.sloc_by_language == {"Python": 3}  # the committed tree, not the working copy


def test_sloc_after_scans_can_be_turned_off(remote, settings):
    settings.OSPO_CATALOG_SLOC = False
    _, _, repo = remote
    scan(repo)
    assert Entry.objects.get(repository=repo).sloc is None
