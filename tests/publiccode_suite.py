"""Run the publiccode-parser-go conformance suite (../shared/corpus/publiccode) against our validator.

Used by tests/test_publiccode_suite.py (which asserts the agreement) and runnable to list every
disagreement: ``.venv/bin/python -m tests.publiccode_suite``. Cases are grouped by what their upstream
expectation needs:

* ``offline``: expectations a validator can check from the file and its directory alone;
* ``network``: every expected error needs a fetch (URL reachability, oEmbed, remote logo) or a registry
  ospo does not ship offline (the Italian iPA list) — counted separately, as the brief asks;
* ``v1``: the reference parser rejects ``publiccodeYmlVersion: "1"`` outright, while ospo validates the
  1.0 candidate; these are compared on whether the file is valid by the 0.x rules it copies.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.publiccode import validate_path

NETWORK_MARKERS = ("not reachable", "HTTP GET failed", "oEmbed", "is not a valid code repository")
REGISTRY_MARKERS = ("italian-organizations-ipa-vocabulary",)
V1_MARKER = "unsupported version: '1'"
# Upstream reports these after a decoding failure elsewhere; they are not findings about the named key.
QUIRKS = ("description must contain more than 0 items",)


@dataclass
class Case:
    path: str
    group: str
    agree: bool
    agree_full: bool
    expected: list[dict]
    got_errors: list[str]
    got_warnings: list[str]
    reason: str = ""


@dataclass
class Report:
    cases: list[Case] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def figures(self, group: str) -> tuple[int, int, int]:
        sel = [c for c in self.cases if c.group == group]
        return len(sel), sum(c.agree for c in sel), sum(c.agree_full for c in sel)


def _norm(key: str) -> str:
    return re.sub(r"\[([A-Za-z][\w-]*)\]", r".\1", key)


def _matches(expected: str, ours: list[str]) -> bool:
    e = _norm(expected)
    return any(o == e or e.startswith((o + ".", o + "[")) or o.startswith((e + ".", e + "[")) for o in ours)


def _kind(finding: dict) -> str:
    d = finding["description"]
    if V1_MARKER in d:
        return "v1"
    if any(m in d for m in NETWORK_MARKERS):
        return "network"
    if any(m in d for m in REGISTRY_MARKERS) and finding["key"].endswith("uri"):
        return "network"
    if d in QUIRKS:
        return "quirk"
    return "offline"


def run_suite(root: Path) -> Report:
    data = json.loads((root / "parser-testdata" / "expected_results.json").read_text())
    report = Report()
    for rel, entry in sorted(data["files"].items()):
        expected = entry.get("expected")
        if expected is None:
            report.skipped.append(rel)
            continue
        res = validate_path(root / "parser-testdata" / rel)
        errs = [f.key for f in res.errors]
        warns = [f.key for f in res.warnings]
        kinds = [_kind(f) for f in expected]
        exp_errors = [f for f, k in zip(expected, kinds, strict=True) if f["type"] == "error"]
        off_errors = [f for f, k in zip(expected, kinds, strict=True) if f["type"] == "error" and k == "offline"]
        exp_warns = [f for f in expected if f["type"] == "warning"]
        if "v1" in kinds or rel.startswith("testdata/v1/"):
            group = "v1"
        elif exp_errors and not off_errors:
            group = "network"
        else:
            group = "offline"
        reason = ""
        if group == "v1":
            # Valid-in-v0 files stay valid as the 1.0 candidate; invalid ones must still fail.
            should_fail = "/invalid/" in rel or "_invalid" in rel.rsplit("/", 1)[-1]
            agree = bool(errs) == should_fail
            full = agree
            if not agree:
                reason = "v1 verdict differs"
        elif not exp_errors:
            agree = not errs and all(_matches(w["key"], warns) for w in exp_warns) and (bool(exp_warns) or not warns)
            full = agree
            if not agree:
                reason = f"expected {'warnings' if exp_warns else 'clean'}; got errors={errs} warnings={warns}"
        elif group == "network":
            agree = bool(errs)
            full = agree
            if not agree:
                reason = "only network/registry errors expected: " + "; ".join(f["description"] for f in exp_errors)
        else:
            agree = bool(errs) and _matches(off_errors[0]["key"], errs)
            full = agree and all(_matches(f["key"], errs) for f in off_errors) and all(
                _matches(w["key"], warns) for w in exp_warns)
            if not full:
                missing = [f["key"] for f in off_errors if not _matches(f["key"], errs)]
                missing += [f"warning:{w['key']}" for w in exp_warns if not _matches(w["key"], warns)]
                reason = f"missing {missing}; got errors={errs}"
        report.cases.append(Case(rel, group, agree, full, expected, errs, warns, reason))
    return report


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/corpus/publiccode"
    report = run_suite(root)
    for group in ("offline", "network", "v1"):
        n, a, f = report.figures(group)
        pct = 100 * a / n if n else 0
        print(f"{group:8} cases={n:4} agree(primary key)={a:4} ({pct:.1f}%)  agree(all keys)={f}")
    print(f"skipped (no upstream expectation): {len(report.skipped)}")
    for c in report.cases:
        if not c.agree or not c.agree_full:
            tag = "DISAGREE" if not c.agree else "partial"
            print(f"{tag} [{c.group}] {c.path}: {c.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
