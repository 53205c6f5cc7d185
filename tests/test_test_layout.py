"""Rules the test suite itself must keep, because breaking them fails collection in surprising ways."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_imports_from_conftest():
    # Several conftest.py files exist; "conftest" then names whichever was imported last.
    offenders = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py")
                 if "fixtures" not in p.parts and re.search(r"^\s*from conftest import", p.read_text(), re.M)]
    assert offenders == []


def test_test_module_basenames_are_unique():
    # Test directories are not packages: two test_x.py files in different folders collide at import.
    names = Counter(p.name for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts)
    assert [n for n, c in names.items() if c > 1] == []
