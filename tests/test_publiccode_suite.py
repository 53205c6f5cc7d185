"""The publiccode-parser-go conformance suite and the real publiccode.yml files (skip without ../shared)."""

from __future__ import annotations

import json

import pytest

from ospo.engine.publiccode import validate_path
from publiccode_suite import run_suite


@pytest.fixture
def publiccode_corpus(shared):
    root = shared / "corpus" / "publiccode"
    if not (root / "parser-testdata" / "expected_results.json").is_file():
        pytest.skip("../shared/corpus/publiccode is not present")
    return root


def test_conformance_offline_agreement(publiccode_corpus):
    report = run_suite(publiccode_corpus)
    n, agree, _ = report.figures("offline")
    assert n >= 160  # the whole v0 suite minus network-only cases: nothing silently dropped
    assert agree / n >= 0.99, [c.path for c in report.cases if c.group == "offline" and not c.agree]
    by_path = {c.path: c for c in report.cases}
    # every upstream-valid file is valid here, every valid-with-warnings file warns
    for c in report.cases:
        if c.group == "offline" and c.path.startswith("testdata/v0/valid/"):
            assert c.agree and not c.got_errors and not c.got_warnings, c.path
        if c.group == "offline" and c.path.startswith("testdata/v0/valid_with_warnings/"):
            assert c.agree and c.got_warnings and not c.got_errors, c.path
    assert by_path["testdata/v0/invalid/mostly_empty.yml"].agree_full


def test_conformance_network_and_v1_groups_are_counted(publiccode_corpus):
    report = run_suite(publiccode_corpus)
    total = sum(report.figures(g)[0] for g in ("offline", "network", "v1")) + len(report.skipped)
    expected = json.loads((publiccode_corpus / "parser-testdata" / "expected_results.json").read_text())["files"]
    assert total == len(expected)
    n_v1, agree_v1, _ = report.figures("v1")
    assert n_v1 > 100 and agree_v1 / n_v1 >= 0.9


def test_real_files_validate_without_crashing(publiccode_corpus):
    files = sorted((publiccode_corpus / "real").glob("*/publiccode.y*ml"))
    assert len(files) == 27
    results = [validate_path(f, check_files=False) for f in files]
    assert all(r.version for r in results)
    # Recent files written for the current standard are accepted as they are.
    names = {f.parent.name: r for f, r in zip(files, results, strict=True)}
    assert names["CatalaLang__catala"].valid and names["codegouvfr__react-dsfr"].valid
