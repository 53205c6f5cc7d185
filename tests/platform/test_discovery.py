"""Source discovery: local paths, and GitHub/GitLab/Gitea org listing against a LOCAL stub server."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from platform_git import make_git_repo

from ospo.platform.estate.discovery import DiscoveryError, discover_local, parse_page, sync_source
from ospo.platform.estate.models import Source, SourceKind

from fuzzing import FUZZ_SETTINGS, json_values


class Forge:
    """A stub forge: repositories per page, the headers each request carried."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.body_override: bytes | None = None
        self.status = 200
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):  # type: ignore[no-untyped-def]
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # type: ignore[no-untyped-def]
                pass

            def do_GET(self) -> None:
                forge.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                parts = urlsplit(self.path)
                q = parse_qs(parts.query)
                page = int(q.get("page", ["1"])[0])
                headers: dict[str, str] = {}
                if parts.path == "/gh/orgs/gov/repos":
                    items = [{"name": f"gh{page}-{i}", "clone_url": f"https://forge/gh{page}-{i}.git",
                              "default_branch": "main", "html_url": "https://forge/x", "private": i == 1,
                              "archived": False} for i in range(2)]
                    if page < 3:
                        headers["Link"] = f'<{forge.url}/gh/orgs/gov/repos?per_page=100&page={page + 1}>; rel="next"'
                elif parts.path == "/gl/groups/gov%2Fhealth/projects":
                    items = [{"path_with_namespace": f"gov/health/p{page}", "http_url_to_repo": f"https://gl/p{page}.git",
                              "default_branch": "trunk", "visibility": "public" if page == 1 else "internal"}]
                    headers["X-Next-Page"] = "2" if page == 1 else ""
                elif parts.path == "/gt/orgs/gov/repos":
                    items = [] if page > 2 else [{"name": f"t{page}", "clone_url": f"https://gt/t{page}.git",
                                                  "default_branch": "dev", "private": False}]
                else:
                    items = []
                    self.send_response(404)
                    self.end_headers()
                    return
                body = forge.body_override if forge.body_override is not None else json.dumps(items).encode()
                self.send_response(forge.status)
                self.send_header("Content-Type", "application/json")
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def forge():  # type: ignore[no-untyped-def]
    f = Forge()
    yield f
    f.server.shutdown()


@pytest.mark.django_db
def test_github_pages_follow_link_headers_with_token(estate, forge, monkeypatch):
    monkeypatch.setenv("OSPO_TEST_GH", "s3cret-token")
    source = Source.objects.create(agency=estate, kind=SourceKind.GITHUB, location="gov", api_url=forge.url + "/gh",
                                   token_ref="env:OSPO_TEST_GH")
    repos = sync_source(source)
    assert len(repos) == 6 and len(forge.requests) == 3
    assert all(h["authorization"] == "Bearer s3cret-token" for _, h in forge.requests)
    assert {r.name: r.published for r in repos}["gh1-1"] is False
    assert {r.name: r.published for r in repos}["gh1-0"] is True
    assert all(r.default_branch == "main" and r.agency == estate for r in repos)
    assert "s3cret" not in json.dumps(list(Source.objects.values()), default=str)


@pytest.mark.django_db
def test_gitlab_subgroups_next_page_and_private_token(estate, forge, monkeypatch):
    monkeypatch.setenv("OSPO_TEST_GL", "gl-token")
    source = Source.objects.create(agency=estate, kind=SourceKind.GITLAB, location="gov/health",
                                   api_url=forge.url + "/gl", token_ref="env:OSPO_TEST_GL")
    repos = sync_source(source)
    assert [r.name for r in repos] == ["gov/health/p1", "gov/health/p2"]
    assert [r.published for r in repos] == [True, False]
    assert forge.requests[0][1]["private-token"] == "gl-token"
    assert "include_subgroups=true" in forge.requests[0][0]


@pytest.mark.django_db
def test_gitea_pages_until_empty_and_resync_archives_vanished(estate, forge):
    source = Source.objects.create(agency=estate, kind=SourceKind.GITEA, location="gov", api_url=forge.url + "/gt")
    repos = sync_source(source)
    assert [(r.name, r.default_branch) for r in repos] == [("t1", "dev"), ("t2", "dev")]
    assert "authorization" not in forge.requests[0][1]
    gone = source.repositories.create(name="old", location="https://gt/old.git")
    sync_source(source)
    gone.refresh_from_db()
    assert gone.archived and source.repositories.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "body"), [(200, b'{"message": "Not Found"}'), (200, b"[{"), (500, b"oops")])
def test_bad_forge_answers_are_errors_on_the_source(estate, forge, status, body):
    source = Source.objects.create(agency=estate, kind=SourceKind.GITEA, location="gov", api_url=forge.url + "/gt")
    kept = source.repositories.create(name="kept", location="https://gt/kept.git")
    forge.body_override, forge.status = body, status
    with pytest.raises(DiscoveryError):
        sync_source(source)
    source.refresh_from_db()
    assert source.discovery_error
    kept.refresh_from_db()
    assert not kept.archived


@pytest.mark.django_db
def test_missing_token_is_reported_not_raised_raw(estate, forge, monkeypatch):
    monkeypatch.delenv("OSPO_NOT_SET", raising=False)
    source = Source.objects.create(agency=estate, kind=SourceKind.GITHUB, location="gov", api_url=forge.url + "/gh",
                                   token_ref="env:OSPO_NOT_SET")
    with pytest.raises(DiscoveryError, match="OSPO_NOT_SET"):
        sync_source(source)


def test_local_discovery_finds_nested_git_repositories_without_following_symlinks(tmp_path):
    (tmp_path / "agency" / "team").mkdir(parents=True)
    make_git_repo(tmp_path / "agency" / "team" / "webapp", "webapp")
    make_git_repo(tmp_path / "agency" / "api", "api")
    (tmp_path / "node_modules").mkdir()
    make_git_repo(tmp_path / "node_modules" / "dep", "api")  # skipped directory
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    make_git_repo(outside, "api")
    os.symlink(outside, tmp_path / "link")
    found = discover_local(tmp_path)
    assert sorted(f.name for f in found) == ["api", "webapp"]
    assert all(f.default_branch == "main" for f in found)


def test_local_directory_without_git_is_one_repository(tmp_path):
    (tmp_path / "requirements.txt").write_text("django==5.2\n")
    (found,) = discover_local(tmp_path)
    assert found.location == str(tmp_path)
    with pytest.raises(DiscoveryError):
        discover_local(tmp_path / "missing")


@FUZZ_SETTINGS
@given(kind=st.sampled_from(["github", "gitlab", "gitea"]),
       body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode()),
                      st.lists(st.dictionaries(st.sampled_from(["name", "clone_url", "http_url_to_repo", "private",
                                                                "archived", "default_branch", "visibility"]),
                                               json_values, max_size=7), max_size=4)
                      .map(lambda v: json.dumps(v).encode())))
def test_fuzz_forge_pages(kind, body):
    """A forge page parses to Found rows of strings, or DiscoveryError — nothing else."""
    try:
        rows = parse_page(kind, body)
    except DiscoveryError:
        return
    for f in rows:
        assert isinstance(f.name, str) and isinstance(f.location, str) and f.location
        assert isinstance(f.default_branch, str) and isinstance(f.public, bool)


def test_local_subdirectories_mode_lists_each_directory(tmp_path):
    for name in ("b", "a", "vendor"):
        (tmp_path / name).mkdir()
    (tmp_path / "file.txt").write_text("x")
    make_git_repo(tmp_path / "c", "api")
    assert [(f.name, f.default_branch) for f in discover_local(tmp_path, subdirectories=True)] == [
        ("a", ""), ("b", ""), ("c", "main")]
