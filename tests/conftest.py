"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent (a user's clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from util import CORPUS_REPOS, FIXTURES, ROOT, SHARED  # noqa: F401 - re-exported for old imports


@pytest.fixture
def corpus_repos() -> Path:
    if not CORPUS_REPOS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS_REPOS


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
