"""Following "See LICENSE file" pointers to the named sibling file (licenses/references.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.data import load_texts
from ospo.engine.licenses.identify import identify_file, identify_main
from ospo.engine.licenses.references import disk_sibling_reader, referenced_files

from fuzzing import FUZZ_SETTINGS


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OSPO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def text_of(lid: str) -> str:
    return next(t.text for t in load_texts() if t.id == lid)


@pytest.mark.parametrize("text,expected", [
    ("Part of Foo. See LICENSE file for full copyright and licensing details.", [("LICENSE", 1)]),
    ("Copyright 2024 X.\n\nSee LICENSE.txt for license terms.", [("LICENSE.txt", 3)]),
    ("Licensed under the terms in `LICENSE-MIT` and refer to COPYING.", [("LICENSE-MIT", 1), ("COPYING", 1)]),
    ("The license is described in the accompanying LICENCE.md file.", [("LICENCE.md", 1)]),
    ("Nothing here points anywhere; licensed happily.", []),
])
def test_referenced_files(text: str, expected: list[tuple[str, int]]) -> None:
    assert referenced_files(text) == expected


def test_pointer_gets_the_license_of_the_named_file(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(text_of("LGPL-3.0-only"))
    header = tmp_path / "license_header.txt"
    header.write_text("Part of Foo. See LICENSE file for full copyright and licensing details.\n")
    data = header.read_bytes()
    assert identify_file(str(header), data).expression is None  # the text alone names nothing
    ident = identify_file(str(header), data, disk_sibling_reader(str(header)))
    assert ident.expression == "LGPL-3.0-only"
    assert ident.matches[0].kind == "reference" and ident.matches[0].start_line == 1
    assert 0 < ident.confidence < 1


def test_own_license_is_never_overridden_by_a_neighbour(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(text_of("GPL-3.0-only"))
    readme = tmp_path / "NOTICE"
    readme.write_text("SPDX-License-Identifier: MIT\nSee LICENSE for other parts.\n")
    ident = identify_file(str(readme), readme.read_bytes(), disk_sibling_reader(str(readme)))
    assert ident.expression == "MIT"


def test_missing_binary_and_chained_targets(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("See LICENSE for details.")
    assert identify_file(str(a), a.read_bytes(), disk_sibling_reader(str(a))).expression is None  # no LICENSE
    (tmp_path / "LICENSE").write_bytes(b"\x00\x01binary" * 100)
    assert identify_file(str(a), a.read_bytes(), disk_sibling_reader(str(a))).expression is None
    # LICENSE points on to COPYING: one step only, chains are not followed.
    (tmp_path / "LICENSE").write_text("See COPYING.")
    (tmp_path / "COPYING").write_text(text_of("MIT"))
    assert identify_file(str(a), a.read_bytes(), disk_sibling_reader(str(a))).expression is None


def test_symlink_out_of_the_directory_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text(text_of("MIT"))
    inside = tmp_path / "inside"
    inside.mkdir()
    os.symlink(outside / "secret", inside / "LICENSE")
    f = inside / "header.txt"
    f.write_text("See LICENSE.")
    assert identify_file(str(f), f.read_bytes(), disk_sibling_reader(str(f))).expression is None
    read = disk_sibling_reader(str(f))
    assert read("../outside/secret") is None and read("..") is None


def test_cli_follows_pointers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "LICENSE.txt").write_text(text_of("Apache-2.0"))
    notice = tmp_path / "NOTICE.txt"
    notice.write_text("This product includes software from Foo.\n\nSee LICENSE.txt for license terms.\n")
    assert identify_main([str(notice)]) == 0
    assert '"expression": "Apache-2.0"' in capsys.readouterr().out


@FUZZ_SETTINGS
@given(st.text(max_size=400) | st.sampled_from(["See LICENSE", "see licence.md", "refer to COPYING-"]).flatmap(
    lambda seed: st.text(max_size=60).map(lambda tail: seed + tail)))
def test_fuzz_referenced_files(text: str) -> None:
    refs = referenced_files(text)
    lines = text.splitlines()
    for name, line in refs:
        assert 1 <= line <= len(lines) and name in lines[line - 1]
        assert "/" not in name and name.lower().startswith(("licen", "copying", "unlicense", "notice"))
    assert len({n for n, _ in refs}) == len(refs)
