"""A batched blob fetch into a partial clone stops at its byte cap and leaves no temporary pack behind.

Why it matters: blobs asked for by id are sent whatever their size, so a repository full of large media could
fill a worker's disk when the secrets or hygiene pass fetches its files. Served through file://; never the
internet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ospo.engine.sources import remote
from ospo.engine.sources.gitcmd import GitError

from util import GIT_TEST_ENV, git


@pytest.fixture()
def clone(tmp_path: Path) -> tuple[Path, str, list[str]]:
    """A partial clone of a repository with a 6 MiB incompressible blob and a small text file."""
    src = tmp_path / "src"
    src.mkdir()
    git(src, "init", "-q")
    git(src, "config", "uploadpack.allowFilter", "true")
    git(src, "config", "uploadpack.allowAnySHA1InWant", "true")
    (src / "video.bin").write_bytes(os.urandom(6 * 1024 * 1024))
    (src / "README.md").write_text("# service\n", encoding="utf-8")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "media")
    oids = [git(src, "rev-parse", f"HEAD:{name}").strip() for name in ("video.bin", "README.md")]
    dest = tmp_path / "clone.git"
    remote.clone_partial(src.as_uri(), dest, None)
    return dest, src.as_uri(), oids


# An upload-pack that relays git's answer at about 3 MiB/s, as a network would: the watchdog must see the
# download grow, which a local file:// transfer of a few MiB would finish before the first look.
SLOW_UPLOAD_PACK = """
import subprocess, sys, threading, time
p = subprocess.Popen(["git", "upload-pack", *sys.argv[1:]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def up():
    while chunk := sys.stdin.buffer.read1(65536):
        p.stdin.write(chunk)
        p.stdin.flush()
    p.stdin.close()
threading.Thread(target=up, daemon=True).start()
while chunk := p.stdout.read1(65536):
    sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
    time.sleep(0.02)
"""


def _missing(git_dir: Path, oid: str) -> bool:
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "-e", oid],
        env={**GIT_TEST_ENV, "GIT_NO_LAZY_FETCH": "1"},
        capture_output=True,
        check=False,
    )
    return done.returncode != 0


def test_a_fetch_past_the_cap_stops_with_a_reason_and_no_temporary_pack(clone: tuple[Path, str, list[str]]) -> None:
    git_dir, url, oids = clone
    script = git_dir.parent / "slow-upload-pack.py"
    script.write_text(SLOW_UPLOAD_PACK, encoding="utf-8")
    git(git_dir, "config", "remote.origin.uploadpack", f"{sys.executable} {script}")
    with pytest.raises(GitError, match="more than 1 MiB"):
        remote.prefetch_blobs(git_dir, oids, url, max_bytes=1024 * 1024)
    assert _missing(git_dir, oids[0])
    assert not [p for p in (git_dir / "objects" / "pack").iterdir() if p.name.startswith("tmp_")]


def test_a_fetch_within_the_cap_brings_every_blob(clone: tuple[Path, str, list[str]]) -> None:
    git_dir, url, oids = clone
    assert all(_missing(git_dir, oid) for oid in oids)
    remote.prefetch_blobs(git_dir, oids, url)
    assert not any(_missing(git_dir, oid) for oid in oids)


def test_a_failing_fetch_says_why(clone: tuple[Path, str, list[str]]) -> None:
    git_dir, url, _oids = clone
    with pytest.raises(GitError, match="failed"):
        remote.prefetch_blobs(git_dir, ["0" * 40], url)
