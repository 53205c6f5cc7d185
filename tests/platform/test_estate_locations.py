"""A repository location a forge returned is never read from this server's disk.

A maintainer may register a GitHub/GitLab/Gitea source with an API URL of their choosing; its answer's clone URLs
become repository locations. Without this rule a location such as ``/srv/other-agency`` or ``file:///etc`` would
let the workers read any path they can — which only administrators may register (``access.sources``)."""

from __future__ import annotations

import json

import pytest
from platform_git import make_git_repo

from ospo.platform.estate.discovery import parse_page
from ospo.platform.estate.locations import location_trusted
from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.inventory.models import Usage
from ospo.platform.scans import queue
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.scans.pool import EmbeddedPool


@pytest.mark.parametrize(
    ("kind", "source_location", "location", "trusted"),
    [
        (SourceKind.LOCAL, "/srv/repos", "/srv/repos/webapp", True),
        (SourceKind.GIT, "file:///srv/mirror.git", "file:///srv/mirror.git", True),  # what the admin registered
        (SourceKind.GIT, "https://git.example/a.git", "/srv/other", False),
        (SourceKind.GITHUB, "agency-org", "https://github.com/agency-org/app.git", True),
        (SourceKind.GITHUB, "agency-org", "git@github.com:agency-org/app.git", True),
        (SourceKind.GITHUB, "agency-org", "/srv/other-agency/app", False),
        (SourceKind.GITLAB, "group", "file:///etc", False),
        (SourceKind.GITEA, "org", "./relative", False),
        (SourceKind.GITEA, "org", "", False),
    ],
)
def test_which_locations_the_workers_may_read(estate, kind, source_location, location, trusted):
    source = Source.objects.create(agency=estate, kind=kind, location=source_location)
    repo = Repository(source=source, name="r", location=location)
    assert location_trusted(repo) is trusted


@pytest.mark.parametrize("kind", [SourceKind.GITHUB, SourceKind.GITEA])
def test_a_forge_answer_with_a_local_clone_url_lists_nothing_for_it(kind):
    page = [
        {"name": "ok", "clone_url": "https://forge.example/org/ok.git", "default_branch": "main"},
        {"name": "path", "clone_url": "/srv/other-agency/app", "default_branch": "main"},
        {"name": "file", "clone_url": "file:///etc", "default_branch": "main"},
    ]
    assert [f.name for f in parse_page(kind, json.dumps(page).encode())] == ["ok"]


def test_a_gitlab_answer_with_a_local_clone_url_lists_nothing_for_it():
    page = [
        {"path_with_namespace": "g/ok", "http_url_to_repo": "https://gitlab.example/g/ok.git"},
        {"path_with_namespace": "g/bad", "http_url_to_repo": "file:///srv/secret.git"},
    ]
    assert [f.name for f in parse_page(SourceKind.GITLAB, json.dumps(page).encode())] == ["g/ok"]


@pytest.mark.django_db(transaction=True)
def test_a_forge_repository_pointing_at_a_server_path_is_refused_not_scanned(estate, tmp_path, fast_retries):
    target = tmp_path / "other-agency"
    target.mkdir()
    make_git_repo(target / "app", "webapp")  # a real, readable repository: only the rule stops the scan
    source = Source.objects.create(agency=estate, kind=SourceKind.GITHUB, location="agency-org")
    repo = Repository.objects.create(source=source, name="app", location=str(target / "app"))
    queue.enqueue([repo])
    with EmbeddedPool(workers=1, poll_s=0.05, schedule=False) as pool:
        assert pool.wait_idle(timeout=60)
    scan = Scan.objects.get(repository=repo)
    assert scan.status == ScanStatus.FAILED and "path on this server" in scan.failure
    assert not Usage.objects.filter(repository=repo).exists()
