"""``ospo secrets URL`` and ``--history URL``: cloned to a temporary directory, scanned, credentials never shown."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ospo.cli import main
from ospo.engine.secrets import scan_path
from ospo.engine.secrets.detectors import github_checksum
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.remote import is_url, scan_url, url_name

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
BODY = "Zr4Tq8Wn2Lp6Xs1Vb9Kc3Hd7Mf5Gj0"
TOKEN = "ghp_" + BODY + github_checksum(BODY)


def _git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], check=True,
                          capture_output=True, text=True, env=env).stdout.strip()


def _commit(repo: Path, files: dict[str, str | None], msg: str) -> str:
    for name, content in files.items():
        p = repo / name
        if content is None:
            p.unlink()
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(content)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", msg)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def origin(tmp_path: Path) -> tuple[str, str]:
    """A repository served by file:// whose token was committed and then deleted; (url, commit that added it)."""
    repo = tmp_path / "agency-portal"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"README.md": "portal\n"}, "one")
    added = _commit(repo, {"deploy.env": f"GITHUB_TOKEN={TOKEN}\n"}, "two")
    _commit(repo, {"deploy.env": None}, "remove the token")
    return repo.as_uri(), added


def test_history_of_a_url_finds_the_deleted_token_with_its_commit(origin: tuple[str, str]) -> None:
    url, added = origin
    report = scan_path(url, history=True)
    assert report.issues == [] and report.commits == 3
    assert [(f.kind, f.commit, f.path) for f in report.findings] == [("github-token", added, "deploy.env")]
    assert report.name == "agency-portal" and report.source == url
    # Tree mode reads the remote HEAD only: the token is gone there.
    tree = scan_path(url)
    assert tree.issues == [] and tree.findings == [] and tree.files_scanned == 1


def test_tree_of_a_url_finds_a_present_token_and_honours_the_committed_allow_file(tmp_path: Path) -> None:
    repo = tmp_path / "svc"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"app.env": f"GITHUB_TOKEN={TOKEN}\n", "tests/fake.env": f"GITHUB_TOKEN={TOKEN}\n"}, "c")
    report = scan_path(repo.as_uri())
    assert sorted(f.path for f in report.active) == ["app.env", "tests/fake.env"]
    _commit(repo, {".ospo-secrets.yml": "allow:\n  - path: 'tests/**'\n    reason: fake token for tests\n"}, "allow")
    report = scan_path(repo.as_uri())
    assert [f.path for f in report.active] == ["app.env"]
    assert [(f.path, f.suppressed_by) for f in report.findings if f.suppressed] == [("tests/fake.env", "allow-file")]


def test_cli_history_url_exit_code_and_json(origin: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    url, added = origin
    assert main(["secrets", "--history", url, "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert added in out and BODY not in out


def test_credentials_in_the_url_never_appear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    password = "Sup3rS3cretPassw0rd"
    url = f"https://deployer:{password}@127.0.0.1:9/agency/portal.git"  # port 9 (discard): nothing listens
    code = main(["secrets", url, "--history", "--format", "json"])
    out = capsys.readouterr()
    assert code == 0  # an unreadable input is an issue, not a finding
    doc = json.loads(out.out)
    text = json.dumps(doc)
    assert password not in text and password not in out.err and "deployer" not in text
    assert "could not be cloned" in text and "https://127.0.0.1:9/agency/portal.git" in text


@pytest.mark.parametrize("url", ["ext::sh -c touch% /tmp/ospo-pwned", "-uhttps://x/y", "gopher://host/repo"])
def test_refused_urls_run_nothing(url: str, tmp_path: Path) -> None:
    report = scan_url(url, history=True)
    assert report.findings == [] and len(report.issues) == 1
    assert "refused URL" in report.issues[0].message
    assert not Path("/tmp/ospo-pwned").exists()


def test_url_forms() -> None:
    assert is_url("https://git.gob.es/a/b.git") and is_url("git@gitlab.gob.mx:area/app.git")
    assert not is_url("./repo") and not is_url("C:/src/app")
    assert url_name("https://u:p@git.gob.es/a/portal.git") == "portal"
    assert url_name("git@gitlab.gob.mx:area/app.git") == "app"


def test_clone_message_in_every_language() -> None:
    assert CATALOG.missing() == []
    for lang in ("en", "es", "pt-BR", "fr"):
        assert "{reason}" not in CATALOG.get("clone_failed", lang, reason="x")
