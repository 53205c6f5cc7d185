"""Fuzzing the REUSE readers (dep5, REUSE.toml) and declared_license over random trees: >= 1,000 inputs each."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.declared import declared_license
from ospo.engine.licenses.identify import Identification
from ospo.engine.licenses.reuse import parse_dep5, parse_reuse_toml
from ospo.engine.safeparse import ParseFailure
from ospo.engine.sources.memory import MemoryTree

from fuzzing import FUZZ_SETTINGS, mutations

DEP5 = b"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: x

Files: *
Copyright: 2024 Someone
License: MIT

Files: docs/* images/*.png
Copyright: 2024 Someone
 2025 Other
License: CC-BY-4.0
 .
 text
"""
REUSE_TOML = b"""version = 1

[[annotations]]
path = ["**"]
precedence = "aggregate"
SPDX-FileCopyrightText = "2024 Someone"
SPDX-License-Identifier = "EUPL-1.2"

[[annotations]]
path = "docs/**"
SPDX-License-Identifier = ["CC-BY-4.0", "MIT OR Apache-2.0"]
"""
lines = st.lists(st.sampled_from(["Files: *", "License: MIT", "Copyright: x", " .", " cont", "", "#c", "bad line",
                                  "Files:", "License:", "X-Y: z"]), max_size=12)


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([DEP5]) | lines.map(lambda ls: "\n".join(ls).encode()))
def test_fuzz_dep5(data: bytes) -> None:
    try:
        anns = parse_dep5(data)
    except ParseFailure:
        return
    for a in anns:
        assert a.paths and a.license.strip() and a.line >= 1


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([REUSE_TOML]))
def test_fuzz_reuse_toml(data: bytes) -> None:
    try:
        anns = parse_reuse_toml(data)
    except ParseFailure:
        return
    for a in anns:
        assert a.paths and all(isinstance(p, str) for p in a.paths) and isinstance(a.license, str)


def _fake_identify(path: str, data: bytes) -> Identification:
    from ospo.engine.safeparse import decode_text

    text = decode_text(data)
    return Identification("MIT" if "MIT" in text else None, 1.0 if "MIT" in text else 0.0)


names = st.sampled_from(["LICENSE", "COPYING", "NOTICE", "package.json", "pyproject.toml", "Cargo.toml",
                         "composer.json", "pom.xml", "x.csproj", ".reuse/dep5", "REUSE.toml", "LICENSES/MIT.txt",
                         "LICENSE-MIT"])
contents = st.binary(max_size=120) | st.sampled_from([
    b'{"license": "MIT"}', b'{"license": ["MIT", "GPL-2.0+"]}', b'{"license": "SEE LICENSE IN LICENSE-MIT"}',
    b'[project]\nlicense = "Apache 2.0"\n', b'[project]\nlicense = {file = "COPYING"}\n',
    b'[package]\nlicense = "MIT/Apache-2.0"\nlicense-file = "../x"\n', b"see LICENSE-MIT", DEP5, REUSE_TOML,
    b"<project><licenses><license><name>MIT</name></license></licenses></project>",
    b"<Project><PropertyGroup><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup></Project>",
])


@FUZZ_SETTINGS
@given(st.dictionaries(names, contents, max_size=6))
def test_fuzz_declared_license_never_raises(files: dict[str, bytes]) -> None:
    out = declared_license(MemoryTree(files), None, identify=_fake_identify)
    assert out.expression is None or isinstance(out.expression, str)
    for f in out.findings:
        assert f.message("es") and f.message("en")
