"""The OSV corpus checks the range evaluator against the advisories' own enumerated versions.

pypa and RustSec records carry both ``ranges`` and the ``versions`` list their tooling enumerated from the
registry. Evaluating the ranges over the union of every version any advisory of the package lists must give
back exactly the enumerated list. Disagreements are listed by tests/test_vuln_match_corpus.py's report (run it
as a script) and explained in docs/recall-notes/vulnmatch.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ospo.engine.safeparse import ParseFailure, load_json, load_yaml
from ospo.engine.vulns.match import compile_advisory
from ospo.engine.vulns.versions import version_key

OSV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "osv"
pytestmark = pytest.mark.corpus


def load_corpus_advisories() -> list[dict]:
    out = []
    for path in sorted((OSV / "pypa" / "vulns").glob("*/*.yaml")):
        try:
            doc = load_yaml(path.read_bytes())
        except ParseFailure:
            continue
        if isinstance(doc, dict):
            out.append(doc)
    for path in sorted((OSV / "rustsec" / "osv-json" / "crates").glob("*.json")):
        try:
            doc = load_json(path.read_bytes())
        except ParseFailure:
            continue
        if isinstance(doc, dict):
            out.append(doc)
    return out


def consistency(advisories: list[dict]) -> tuple[int, list[tuple[str, str, list[str], list[str]]]]:
    """(advisories checked, [(id, package, enumerated-but-not-in-range, in-range-but-not-enumerated)])."""
    known: dict[tuple[str, str], set[str]] = {}
    compiled = [compile_advisory(a) for a in advisories]
    for adv in compiled:
        for e in adv.entries:
            known.setdefault((e.purl_type, e.name), set()).update(e.versions)
    checked = 0
    bad = []
    for adv in compiled:
        if adv.withdrawn:
            continue
        for e in adv.entries:
            if not e.ranges or not e.versions:
                continue
            checked += 1
            universe = known[(e.purl_type, e.name)]
            by_ranges = {v for v in universe if any(r.contains(v) for r in e.ranges)}
            missing = sorted(e.versions - by_ranges, key=lambda v: version_key(e.purl_type, v))
            extra = sorted(by_ranges - e.versions, key=lambda v: version_key(e.purl_type, v))
            if missing or extra:
                bad.append((adv.id, e.name, missing, extra))
    return checked, bad


# Enumerated versions that contradict the advisory's own ranges (docs/recall-notes/vulnmatch.md quotes them).
DATA_ERRORS = {
    "PYSEC-2023-61": "lists 3.2a1/3.2b1/3.2rc1, 4.2a1… but the range says introduced 3.2 / 4.2 (PEP 440: 3.2a1 < 3.2)",
    "PYSEC-2020-341": "lists '-class.-jw.util.version.Version-', a Python repr, not a version",
}


def classify(adv: dict, missing: list[str], extra: list[str], purl_type: str) -> str | None:
    """Why an advisory's enumerated list disagrees with its ranges, when the reason is in the data."""
    if adv.get("id") in DATA_ERRORS:
        return "data-error"
    ranges = [r for e in adv.get("affected", []) for r in (e.get("ranges") or []) if isinstance(r, dict)]
    if any(r.get("type") == "GIT" for r in ranges):
        return "git-derived-enumeration"  # the list came from tags reachable in the GIT range, not the versions
    if extra and not missing:
        return "incomplete-enumeration"  # releases other advisories know are in range but were never listed
    return None


@pytest.mark.skipif(not OSV.is_dir(), reason="../shared/corpus/osv absent")
def test_ranges_reproduce_enumerated_versions() -> None:
    advisories = load_corpus_advisories()
    by_id = {a.get("id"): a for a in advisories}
    checked, bad = consistency(advisories)
    assert checked > 2500
    unexplained = [b for b in bad if classify(by_id[b[0]], b[2], b[3], "pypi") is None]
    assert 1 - len(unexplained) / checked >= 0.999, unexplained
    assert 1 - len(bad) / checked >= 0.98  # raw figure, data errors included


if __name__ == "__main__":
    checked, bad = consistency(load_corpus_advisories())
    print(f"checked {checked} affected entries with ranges+versions; {len(bad)} disagree "
          f"({100 * (1 - len(bad) / max(checked, 1)):.3f}% agree)")
    by_id = {a.get("id"): a for a in load_corpus_advisories()}
    for ident, name, missing, extra in bad:
        why = classify(by_id[ident], missing, extra, "")
        print(ident, name, why, "enumerated-not-in-ranges:", missing[:8], "in-ranges-not-enumerated:", extra[:8],
              file=sys.stdout)
