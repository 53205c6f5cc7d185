"""Allow-listing: a file of rules (fingerprints, path globs, kinds — each with a reason) applied after the scan.

Allowed findings stay in the report, marked suppressed with the reason, so a reviewer sees what was waived and
why; SARIF carries them as ``suppressions``. A rule without a reason is refused: a waiver nobody explained is a
waiver nobody can review.

File format (``.ospo-secrets.yml`` at the root of the input, or ``--allow FILE``)::

    allow:
      - fingerprint: 3f2a9c0d11b4e5f6     # one finding, wherever it is
        reason: revoked on 2025-03-01
      - path: "tests/fixtures/**"         # fnmatch glob on the POSIX path; "*" also crosses "/"
        kind: jwt                         # optional: only this kind
        reason: fake tokens for the test-suite
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ospo.engine.model import ParseIssue
from ospo.engine.safeparse import ParseFailure, load_yaml
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.model import Finding

ALLOW_FILE = ".ospo-secrets.yml"
MAX_ALLOW_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class AllowRule:
    reason: str
    fingerprint: str | None = None
    path: str | None = None
    kind: str | None = None

    def matches(self, f: Finding) -> bool:
        if self.fingerprint is not None and self.fingerprint != f.fingerprint:
            return False
        if self.kind is not None and self.kind != f.kind:
            return False
        return self.path is None or fnmatchcase(f.path, self.path)


def parse_allow(data: bytes, label: str, lang: str | None = None) -> tuple[list[AllowRule], list[ParseIssue]]:
    issues: list[ParseIssue] = []
    if len(data) > MAX_ALLOW_BYTES:
        return [], [ParseIssue(label, CATALOG.get("allow_too_large", lang))]
    try:
        doc = load_yaml(data)
    except ParseFailure as exc:
        # First line only: YAML errors quote the offending line, which may hold the very secret being waived.
        reason = str(exc).splitlines()[0][:120] if str(exc) else "error"
        return [], [ParseIssue(label, CATALOG.get("allow_unreadable", lang, reason=reason))]
    if doc is None:
        return [], []
    entries = doc.get("allow") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        return [], [ParseIssue(label, CATALOG.get("allow_no_list", lang))]
    rules: list[AllowRule] = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            issues.append(ParseIssue(label, CATALOG.get("allow_bad_entry", lang, n=i), "warning"))
            continue
        fields = {k: entry.get(k) for k in ("fingerprint", "path", "kind", "reason")}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            issues.append(ParseIssue(label, CATALOG.get("allow_bad_entry", lang, n=i), "warning"))
            continue
        if not (fields["reason"] or "").strip():
            issues.append(ParseIssue(label, CATALOG.get("allow_no_reason", lang, n=i), "warning"))
            continue
        if not (fields["fingerprint"] or fields["path"] or fields["kind"]):
            issues.append(ParseIssue(label, CATALOG.get("allow_bad_entry", lang, n=i), "warning"))
            continue
        rules.append(AllowRule(fields["reason"].strip(), fields["fingerprint"], fields["path"], fields["kind"]))
    return rules, issues


def load_allow(path: str | Path, lang: str | None = None) -> tuple[list[AllowRule], list[ParseIssue]]:
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_ALLOW_BYTES + 1)
    except OSError as exc:
        return [], [ParseIssue(str(p), CATALOG.get("allow_unreadable", lang, reason=exc.strerror or "error"))]
    return parse_allow(data, str(p), lang)


def apply_allow(findings: list[Finding], rules: list[AllowRule]) -> None:
    """Mark findings matched by a rule as suppressed (inline markers were applied during the scan)."""
    if not rules:
        return
    for f in findings:
        if f.suppressed is not None:
            continue
        for rule in rules:
            if rule.matches(f):
                f.suppressed, f.suppressed_by = rule.reason, "allow-file"
                break
