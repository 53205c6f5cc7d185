"""Where the license index comes from: the user cache, the installation's index, or a build; bad files rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ospo.engine.licenses import index
from ospo.engine.licenses.identify import identify_text


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    user = tmp_path / "cache"
    installed = tmp_path / "pkg" / "_installed" / f"license-index-v{index.FORMAT}.marshal"
    monkeypatch.setenv("OSPO_CACHE_DIR", str(user))
    monkeypatch.delenv("OSPO_LICENSE_INDEX", raising=False)
    monkeypatch.setattr(index, "installed_path", lambda: installed)
    index.get_index.cache_clear()
    yield user / "ospo" / f"license-index-v{index.FORMAT}.marshal", installed
    index.get_index.cache_clear()


def test_installed_index_serves_a_user_without_cache(places: tuple[Path, Path], monkeypatch) -> None:
    user_file, installed = places
    assert index.main(["--install"]) == 0 and installed.is_file()
    assert installed.stat().st_mode & 0o044 == 0o044  # readable by every user of the installation
    built = {}
    monkeypatch.setattr(index, "_build", lambda: built.setdefault("called", True))  # must not be needed
    idx = index.get_index()
    assert "MIT" in idx.ids and not built and not user_file.exists()
    assert identify_text(index.data.load_texts()[0].text).expression is not None


def test_build_mode_ignores_the_installation_and_fills_the_user_cache(places: tuple[Path, Path], monkeypatch) -> None:
    user_file, _installed = places
    assert index.main(["--install"]) == 0
    monkeypatch.setenv("OSPO_LICENSE_INDEX", "build")
    calls = []
    real = index._build
    monkeypatch.setattr(index, "_build", lambda: calls.append(1) or real())
    index.get_index()
    assert calls == [1] and user_file.is_file()


@pytest.mark.parametrize("junk", [b"", b"\x00garbage", __import__("marshal").dumps({"format": 7, "vocab": "str"})])
def test_unreadable_or_mis_shaped_cache_means_a_rebuild(places: tuple[Path, Path], junk: bytes) -> None:
    user_file, _installed = places
    user_file.parent.mkdir(parents=True)
    user_file.write_bytes(junk)
    idx = index.get_index()
    assert "Apache-2.0" in idx.ids and idx.similarity().vocab
