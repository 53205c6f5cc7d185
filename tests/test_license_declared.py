"""Repository declared license: metadata, license files and REUSE data combined; disagreements are findings."""

from __future__ import annotations

import re

import pytest

from ospo.engine.licenses.attribution_messages import CATALOG
from ospo.engine.licenses.declared import declared_license
from ospo.engine.licenses.reuse import parse_dep5, parse_reuse_toml
from ospo.engine.safeparse import ParseFailure
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.memory import MemoryTree

from util import FIXTURES

FX = FIXTURES / "license_declared"


def run(name: str):  # type: ignore[no-untyped-def]
    tree = DirectoryTree(FX / name)
    return declared_license(tree, scan_tree(tree, name, name))


def keys(out) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.key for f in out.findings}


def test_catalog_complete():
    assert CATALOG.missing() == []


def test_package_json_says_mit_license_file_is_apache():
    out = run("pkgjson_vs_apache")
    assert out.expression == "Apache-2.0"  # the legal text wins over the metadata
    f = next(f for f in out.findings if f.key == "declared.disagree")
    assert f.path == "package.json" and f.line == 1
    assert ("package.json", 1, "MIT") in f.evidence and ("LICENSE", 1, "Apache-2.0") in f.evidence
    assert "MIT" in f.message("fr") and "Apache-2.0" in f.message("fr")


def test_composer_or_later_against_gpl2_text():
    out = run("composer_orlater")
    assert out.expression == "GPL-2.0-only"
    f = next(f for f in out.findings if f.key == "declared.or-later")
    assert f.path == "composer.json" and f.line == 3
    assert "GPL-2.0-or-later" in f.message("es")


def test_unfilled_template():
    out = run("template")
    assert out.expression == "MIT"
    f = next(f for f in out.findings if f.key == "declared.template")
    assert f.line == 3 and f.params["placeholder"] == "[year]"


def test_see_license_in_file_is_followed():
    out = run("see_file")
    assert out.expression == "MIT"
    meta = next(s for s in out.sources if s.path == "package.json")
    assert meta.expression == "MIT" and meta.original == "SEE LICENSE IN LICENSE-MIT"
    assert "declared.disagree" not in keys(out) and "declared.custom" not in keys(out)


def test_pom_cargo_pyproject_csproj():
    out = run("pom_cargo")
    by_path = {s.path: s for s in out.sources}
    assert by_path["pom.xml"].expression == "EUPL-1.2"
    assert by_path["Cargo.toml"].expression == "EUPL-1.2" and by_path["Cargo.toml"].line == 4
    assert by_path["app.csproj"].expression == "EUPL-1.2"
    assert by_path["pyproject.toml"].expression == "Apache-2.0" and by_path["pyproject.toml"].line == 3
    assert out.expression == "Apache-2.0"  # pyproject first among metadata when no license file exists
    not_spdx = [f for f in out.findings if f.key == "declared.not-spdx"]
    assert {f.path for f in not_spdx} == {"pyproject.toml", "pom.xml"}
    disagree = [f for f in out.findings if f.key == "declared.disagree"]
    assert {f.path for f in disagree} == {"pom.xml", "Cargo.toml", "app.csproj"}


def test_reuse_dep5():
    out = run("reuse_dep5")
    assert out.expression == "EUPL-1.2"
    assert any(s.kind == "reuse" and s.path == ".reuse/dep5" and s.line == 4 for s in out.sources)
    missing = [f for f in out.findings if f.key == "declared.reuse-missing-text"]
    assert [(f.params["license"], f.line) for f in missing] == [("CC-BY-4.0", 8)]


def test_reuse_toml():
    out = run("reuse_toml")
    assert out.expression == "MIT"
    missing = [f for f in out.findings if f.key == "declared.reuse-missing-text"]
    assert [f.params["license"] for f in missing] == ["CC-BY-4.0"]


def test_nothing_declared():
    out = run("nothing")
    assert out.expression is None and keys(out) == {"declared.none"}


def test_custom_license_text_is_a_licenseref():
    text = "The Agency License\n\n" + "\n".join(f"{i}. The user may do thing number {i}." for i in range(40))
    out = declared_license(MemoryTree({"LICENSE": text}))
    assert re.fullmatch(r"LicenseRef-ospo-[0-9a-f]{8}", out.expression or "")
    assert out.refs[out.expression] == text
    assert "declared.custom" in keys(out)


def test_unreadable_manifest_is_a_finding_and_the_rest_goes_on():
    out = declared_license(MemoryTree({"pyproject.toml": b"[project\nlicense=",
                                       "Cargo.toml": b'[package]\nlicense = "MIT"\n'}))
    assert out.expression == "MIT"
    f = next(f for f in out.findings if f.key == "declared.unreadable")
    assert f.path == "pyproject.toml" and "TOML" in f.message()


def test_missing_referenced_file():
    out = declared_license(MemoryTree({"Cargo.toml": b'[package]\nname = "x"\nlicense-file = "LICENSE.txt"\n'}))
    f = next(f for f in out.findings if f.key == "declared.missing-file")
    assert f.params["target"] == "LICENSE.txt" and f.line == 3


def test_license_file_outside_tree_not_followed():
    out = declared_license(MemoryTree({"Cargo.toml": b'[package]\nlicense-file = "../../etc/passwd"\n'}))
    assert "declared.missing-file" in keys(out)


def test_pep639_and_classifier_and_poetry():
    pep639 = declared_license(MemoryTree({"pyproject.toml": b'[project]\nlicense = "MIT OR Apache-2.0"\n'}))
    assert pep639.expression == "MIT OR Apache-2.0" and not pep639.findings
    table = declared_license(MemoryTree({"pyproject.toml": b'[project]\nlicense = {text = "BSD 3-Clause"}\n'}))
    assert table.expression == "BSD-3-Clause"
    cls = declared_license(MemoryTree({"pyproject.toml":
                                       b'[project]\nclassifiers = ["License :: OSI Approved :: MIT License"]\n'}))
    assert cls.expression == "MIT"
    poetry = declared_license(MemoryTree({"pyproject.toml": b'[tool.poetry]\nlicense = "EUPL-1.2"\n'}))
    assert poetry.expression == "EUPL-1.2"


def test_composer_array_is_a_choice():
    out = declared_license(MemoryTree({"composer.json": b'{"license": ["MIT", "GPL-3.0-or-later"]}'}))
    assert out.expression == "MIT OR GPL-3.0-or-later"


def test_dep5_parser_details():
    anns = parse_dep5(b"Format: x\n\nFiles: a/* b\n c/*\nCopyright: 1\n 2\nLicense: MIT\n more text\n")
    assert anns[0].paths == ["a/*", "b", "c/*"] and anns[0].license == "MIT" and anns[0].copyright == ["1", "2"]
    assert anns[0].matches("a/x/y.py") and not anns[0].covers_everything()
    with pytest.raises(ParseFailure, match="line 3"):
        parse_dep5(b"Format: x\n continuation\nno colon here\n")


def test_reuse_toml_parser_details():
    with pytest.raises(ParseFailure, match="version"):
        parse_reuse_toml(b'version = 2\n')
    with pytest.raises(ParseFailure, match="path"):
        parse_reuse_toml(b'version = 1\n[[annotations]]\nSPDX-License-Identifier = "MIT"\n')
    anns = parse_reuse_toml(b'version = 1\n[[annotations]]\npath = "x"\nSPDX-FileCopyrightText = "c"\n')
    assert anns == []  # copyright-only annotations say nothing about licenses
