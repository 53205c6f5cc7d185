"""The browser tests' fixtures (defined in e2e_harness.py, exposed here for the test modules of this directory)
and the ``e2e`` marker (``-m e2e`` selects them, ``-m 'not e2e'`` leaves them out)."""

from __future__ import annotations

import pytest
from e2e_harness import axe_source, browser, e2e_vulndb, git_daemon, page, scan_pool

__all__ = ["axe_source", "browser", "e2e_vulndb", "git_daemon", "page", "scan_pool"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end tests in a real headless Chromium (skip without it)")
