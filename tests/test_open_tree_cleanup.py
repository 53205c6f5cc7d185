"""``open_tree`` of a URL removes its temporary clone whatever goes wrong while opening it, not only on a git
error: the scan task keeps the opened tree for the after-scan passes, so a clone leaked here would stay on the
worker's disk after every failed attempt (a remote repository's clone can be large). Served through file://."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import ospo.engine.scanner
from ospo.engine.api import open_tree

from util import git


@pytest.fixture()
def served(tmp_path: Path) -> str:
    src = tmp_path / "src"
    src.mkdir()
    (src / "requirements.txt").write_text("requests==2.31.0\n")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "one"]):
        git(src, *args)
    return src.as_uri()


@pytest.fixture()
def clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "tmp"
    where.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(where))
    return where


def test_an_unexpected_error_while_opening_removes_the_clone(
    served: str, clones: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(tree: object) -> list[tuple[str, object]]:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(ospo.engine.scanner, "wanted_files", broken)
    with pytest.raises(RuntimeError, match="extractor bug"):
        open_tree(served)
    assert list(clones.glob("ospo-clone-*")) == []


def test_an_opened_clone_is_removed_when_closed(served: str, clones: Path) -> None:
    opened = open_tree(served)
    assert opened.tree is not None and list(clones.glob("ospo-clone-*"))
    opened.close()
    assert list(clones.glob("ospo-clone-*")) == []
