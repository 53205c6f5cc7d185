"""Git helpers for the platform tests. A module with its own name: ``from conftest import …`` is ambiguous when
several conftest.py files exist (tests/, tests/platform/, tests/platform/e2e/)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PLATFORM_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "platform"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def make_git_repo(dest: Path, fixture: str) -> Path:
    """A git repository whose single commit holds tests/fixtures/platform/<fixture>."""
    shutil.copytree(PLATFORM_FIXTURES / fixture, dest)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "init")
    return dest


def commit_all(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
