"""A ref handed to the history fetch of a remote's partial clone is a ref, never a git option.

``deepen_history`` passes the scan's ref (a repository's default branch, which forge discovery copies from the
forge's answer) to ``git fetch``; git parses options after the remote name, so a ref such as
``--upload-pack=…`` would run a command on this machine over a file:// remote. Served through file://; never
the internet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ospo.engine.sources import remote
from ospo.engine.sources.gitcmd import GitError

from util import git


@pytest.fixture()
def shallow(tmp_path: Path) -> tuple[Path, str, str]:
    src = tmp_path / "src"
    src.mkdir()
    git(src, "init", "-q")
    for message in ("one", "two", "three"):
        git(src, "commit", "-q", "--allow-empty", "-m", message)
    url = src.as_uri()
    dest = tmp_path / "clone.git"
    remote.clone_partial(url, dest, None)
    return dest, url, git(dest, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize("want", ["--upload-pack=touch {marker};git-upload-pack", "-h"])
def test_a_ref_that_looks_like_an_option_is_refused(shallow: tuple[Path, str, str], tmp_path: Path, want: str) -> None:
    git_dir, url, commit = shallow
    marker = tmp_path / "ran"
    with pytest.raises(GitError, match="invalid ref"):
        remote.deepen_history(git_dir, url, want.format(marker=marker), commit, since=0, changesets=30)
    assert not marker.exists()


def test_a_branch_ref_still_deepens(shallow: tuple[Path, str, str]) -> None:
    git_dir, url, commit = shallow
    assert remote.is_shallow(git_dir)
    assert (
        remote.deepen_history(git_dir, url, "HEAD", commit, since=int(time.time()) - 400 * 86_400, changesets=30)
        is False
    )
    assert len(git(git_dir, "rev-list", commit).split()) == 3
