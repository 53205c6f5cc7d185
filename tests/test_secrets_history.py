"""Whole-history scan: every blob once, mapped to the commit and path that introduced it; deleted secrets found."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ospo.cli import main
from ospo.engine.secrets import scan_path
from ospo.engine.secrets.detectors import github_checksum

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def _commit(repo: Path, files: dict[str, str | bytes | None], msg: str) -> str:
    for name, content in files.items():
        p = repo / name
        if content is None:
            p.unlink()
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", msg)
    return _git(repo, "rev-parse", "HEAD")


def test_deleted_secret_is_found_in_history_with_its_commit(tmp_path):
    body = "Pq8Lx2Vb7Nm3Kd9Rt4Wy6Hp1Jc5Fg0"
    tok = "ghp_" + body + github_checksum(body)
    repo = tmp_path / "r"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    c1 = _commit(repo, {"README.md": "hello\n"}, "one")
    c2 = _commit(repo, {"conf/app.env": f"X=1\nGITHUB_TOKEN={tok}\n", "copy.env": f"X=1\nGITHUB_TOKEN={tok}\n"}, "two")
    _commit(repo, {"logo.bin": b"\x89PNG\0\0" + tok.encode()}, "three")
    _git(repo, "checkout", "-qb", "side")
    c4 = _commit(repo, {"side.txt": "slack: https://hooks.slack.com/services/T0ABCDEFG/B0HIJKLMN/"
                        "aZ3kP9qL2mX7vB4nR8tY1wC6\n"}, "four")
    _git(repo, "checkout", "-q", "main")
    _commit(repo, {"conf/app.env": None, "copy.env": None}, "remove")

    assert scan_path(repo).findings == []  # the working tree is clean now
    r = scan_path(repo, history=True)
    assert r.commits == 5
    assert r.skipped_binary == 1
    gh = [f for f in r.findings if f.kind == "github-token"]
    assert len(gh) == 1  # the same blob at two paths is read and reported once ...
    assert gh[0].commit == c2 and gh[0].line == 2
    assert sorted(i.path for i in gh[0].introduced) == ["conf/app.env", "copy.env"]  # ... with both paths
    slack = [f for f in r.findings if f.kind == "slack-webhook"]
    assert [(f.commit, f.path) for f in slack] == [(c4, "side.txt")]  # other refs are scanned too
    assert c1 not in {f.commit for f in r.findings}
    assert main(["secrets", "--history", str(repo), "--format", "json"]) == 1


def test_history_on_a_plain_directory_is_an_issue(tmp_path, capsys):
    assert main(["secrets", "--history", str(tmp_path), "--format", "json"]) == 0
    assert "git" in capsys.readouterr().out
