"""Run the engines over one scanned repository and turn their answers into plain finding records.

Nothing here decides anything about licenses, vulnerabilities, hygiene or secrets: each engine is called through
its public function (``check_scan``, ``vuln_scan``, ``hygiene``, ``scan_files``) and its answer is only reshaped
into :class:`Record` — the columns of a finding row. Each engine runs in its own ``try``: a failing engine is
recorded (``EngineRun.failures``) and costs its own findings only; its existing rows are then left as they are
(neither refreshed nor marked fixed), because "the engine failed" is not "the problem is gone".

Texts: the license explanation is stored in the four languages (it is built from parameters the page cannot
recompute); hygiene titles and remediations are catalog keys rendered in the reader's language; the hygiene
summary is stored in English (the engine returns it rendered, without its key) — see docs/notes/findings.md.
"""

from __future__ import annotations

import hashlib
import json
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from ospo.engine.i18n import LANGUAGES
from ospo.engine.model import ScanResult

ENGINES = ("licenses", "vulns", "hygiene", "secrets")
MAX_TITLE = 500
MAX_EVIDENCE = 50

_SEVERITY_FROM_RATING = {
    "Critical": "critical",
    "High": "high",
    "Medium": "medium",
    "Low": "low",
    "None": "info",
    "Unknown": "unknown",
}


@dataclass(slots=True)
class Record:
    """One finding as the engines see it: the columns of a row, without the bookkeeping (seen, status)."""

    kind: str  # FindingKind value
    fingerprint: str
    severity: str
    title: str
    purl: str | None = None
    rule: str = ""  # what a waiver names: advisory id, license expression, hygiene check id
    path: str = ""
    line: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, Any] = field(default_factory=dict)  # the kind's own columns (advisory_id, check_id…)
    triage: Any = None  # vulnerabilities: the engine's vex.Decision that applies, if any


class NotApplicable(Exception):
    """The engine cannot read this repository (no tree was opened for it): skipped, not failed."""


@dataclass(slots=True)
class EngineRun:
    engines: list[str]
    records: list[Record] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)  # engines that completed
    failures: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # engine → why it does not apply here
    vulndb: dict[str, Any] = field(default_factory=dict)
    policy: str = ""


def fingerprint(kind: str, *subject: str) -> str:
    """Stable key of one issue in one repository (the row is unique per repository + fingerprint)."""
    return hashlib.sha256("\0".join((kind, *subject)).encode("utf-8", "surrogatepass")).hexdigest()[:40]


def configured_engines() -> list[str]:
    wanted = [e.strip() for e in settings.OSPO_FINDINGS_ENGINES]
    return [e for e in ENGINES if e in wanted]


# --- vulnerability data --------------------------------------------------------------------------------------

_local = threading.local()


def vulndb_path() -> Path:
    from ospo.engine.vulns.db import default_db_path

    return Path(settings.OSPO_VULNDB) if settings.OSPO_VULNDB else default_db_path()


def open_vulndb() -> Any:
    """The vulnerability DB of this thread (VulnDB is not thread-safe), or None when the file does not exist.

    Kept open per thread so its in-memory index is loaded once, and dropped when an import changed the data.
    A missing file is not created here: the freshness then says "empty", loudly.
    """
    from ospo.engine.vulns.db import VulnDB

    path = vulndb_path()
    if not path.is_file():
        return None
    cached = getattr(_local, "db", None)
    if cached is not None and cached.path == path:
        stamp = cached.meta_get("last_import")
        if stamp != getattr(_local, "stamp", None):
            cached.invalidate()
            _local.stamp = stamp
        return cached
    db = VulnDB(path)
    _local.db, _local.stamp = db, db.meta_get("last_import")
    return db


def vulndb_freshness() -> dict[str, Any]:
    """The freshness of the configured vulnerability data (empty when missing), as stored on a FindingsRun."""
    from ospo.engine.vulns.freshness import assess

    db = open_vulndb()
    max_age = settings.OSPO_VULNDB_MAX_AGE_DAYS
    fresh = assess(0, None, None, max_age) if db is None else db.freshness(max_age)
    return {**fresh.as_dict(), "path": str(vulndb_path()), "max_age_days": max_age}


def inputs_digest(tree_hash: str, revision: str, engines: list[str], vulndb: dict[str, Any]) -> str:
    """Everything the findings depend on besides decisions: equal digest on an unchanged tree → nothing to do.

    The engine's tree hash covers the manifests only; hygiene and secrets read every file, so the commit is part
    of the key too (a new commit reruns them; a plain directory has no commit — see docs/notes/findings.md).
    """
    policy = settings.OSPO_POLICY
    policy_stamp = ""
    if policy:
        try:
            policy_stamp = hashlib.sha256(Path(policy).read_bytes()).hexdigest()
        except OSError as exc:
            policy_stamp = f"unreadable:{exc.errno}"
    key = {
        "tree": tree_hash,
        "revision": revision,
        "engines": engines,
        "policy": [policy, policy_stamp],
        "context": settings.OSPO_LICENSE_CONTEXT,
        "vulndb": [
            vulndb.get("path"),
            vulndb.get("advisories"),
            vulndb.get("newest_modified"),
            vulndb.get("last_import"),
        ],
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


# --- the engines ---------------------------------------------------------------------------------------------


def _licenses(result: ScanResult, repo: Any, out: EngineRun) -> None:
    from ospo.engine.licenses.check import check_scan, explain, explain_repo
    from ospo.engine.licenses.check import fingerprint as license_fingerprint
    from ospo.engine.licenses.policy import Decision, load_policy

    policy = load_policy(settings.OSPO_POLICY or None)
    out.policy = settings.OSPO_POLICY or "default"
    context = "published" if repo.published else settings.OSPO_LICENSE_CONTEXT
    report = check_scan(result, policy, context)
    for f in report.findings:
        if f.decision == Decision.ALLOWED:
            continue
        leaves = f.evaluation.leaves
        category = str(leaves[0].category).replace("-", "_") if leaves else "unknown"
        rules = ", ".join(dict.fromkeys(leaf.rule for leaf in leaves if leaf.rule))
        expression = f.normalized.expression or (f.declared or "")
        label = f"{f.name}@{f.version}" if f.version else f.name
        out.records.append(
            Record(
                kind="license",
                fingerprint=license_fingerprint(report, f),
                severity="high" if f.decision.fails else "medium",
                title=f"{label}: {expression or '?'} ({f.decision.label})"[:MAX_TITLE],
                purl=f.purl,
                rule=expression[:200],
                path=f.path or "",
                line=f.line,
                details={
                    "explain": {lang: explain(f, report, lang) for lang in LANGUAGES},
                    "declared": f.declared,
                    "scope": f.scope,
                    "direct": f.direct,
                },
                columns={
                    "expression": expression[:1000],
                    "category": category,
                    "verdict": f.decision.label,
                    "rule": rules[:200],
                    "context": f.context[:20],
                    "via": f.via,
                },
            )
        )
    if report.repo.decision != Decision.ALLOWED:
        reason = report.repo.reason or "repo"
        out.records.append(
            Record(
                kind="license",
                fingerprint=fingerprint("license-repo", reason),
                severity="high" if report.repo.decision.fails else "medium",
                title=f"{repo.name}: {report.repo.expression or '?'} ({report.repo.decision.label})"[:MAX_TITLE],
                rule=(report.repo.expression or "")[:200],
                details={
                    "explain": {lang: explain_repo(report, lang, with_findings=False) for lang in LANGUAGES},
                    "repository": True,
                },
                columns={
                    "expression": (report.repo.expression or "")[:1000],
                    "verdict": report.repo.decision.label,
                    "rule": reason[:200],
                    "context": context,
                },
            )
        )


def _vulns(result: ScanResult, repo: Any, out: EngineRun, triage: Any) -> None:
    from ospo.engine.vulns.freshness import assess
    from ospo.engine.vulns.scan import freshness_warnings, vuln_scan

    db = open_vulndb()
    max_age = settings.OSPO_VULNDB_MAX_AGE_DAYS
    if db is None:  # nothing to match against: say so (empty), never a silent zero
        fresh = assess(0, None, None, max_age)
        out.vulndb = {
            **fresh.as_dict(),
            "path": str(vulndb_path()),
            "max_age_days": max_age,
            "missing": True,
            "warnings": [w.key for w in freshness_warnings(fresh, max_age)],
        }
        return
    report = vuln_scan(result, db, triage=triage.decisions(), max_age_days=max_age)
    out.vulndb = {
        **report.freshness.as_dict(),
        "path": str(vulndb_path()),
        "max_age_days": max_age,
        "warnings": [w.key for w in report.warnings],
        "checked": report.checked,
        "not_checked": len(report.not_checked),
    }
    for f in report.findings:
        loc = f.locations[0] if f.locations else None
        sev = f.severity
        out.records.append(
            Record(
                kind="vulnerability",
                fingerprint=fingerprint("vulnerability", f.purl, f.id),
                severity=_SEVERITY_FROM_RATING.get(sev.rating, "unknown"),
                title=f"{f.id}: {f.name}@{f.version}" + (f" — {f.summary}" if f.summary else ""),
                purl=f.purl,
                rule=f.id[:200],
                path=loc.path if loc else "",
                line=loc.line if loc else None,
                details={
                    "summary": f.summary,
                    "advisories": f.advisory_ids,
                    "fixed_in_all": f.fixed_in,
                    "severity_source": sev.source,
                    "severity_label": sev.label,
                    "direct": f.direct,
                    "scope": f.scope,
                    "locations": [{"path": x.path, "line": x.line} for x in f.locations],
                },
                columns={
                    "advisory_id": f.id[:100],
                    "aliases": f.aliases,
                    "cvss_vector": (sev.vector or "")[:300],
                    "cvss_score": sev.score,
                    "affected_version": f.version[:300],
                    "fixed_in": (f.recommended_fix or (f.fixed_in[0] if f.fixed_in else ""))[:300],
                },
                triage=f.decision,
            )
        )


def _local_tree(repo: Any) -> tuple[Path, str | None] | None:
    """(path, git ref) of a repository on this machine; None for a remote one (read through the scan's clone)."""
    from ospo.engine.sources.gitstore import find_git_dir
    from ospo.platform.estate.locations import location_trusted

    if not location_trusted(repo):
        return None  # a path a forge returned is never read from this server's disk
    path = Path(repo.location)
    if not path.is_dir():
        return None
    return path, (repo.default_branch or "HEAD") if find_git_dir(path) is not None else None


def _opened_store(opened: Any) -> Any:
    """The scan's opened tree when it is a git object store at a commit (a remote's partial clone), else
    NotApplicable: hygiene and secrets read the clone the scan made, never a second one."""
    if opened is None or opened.tree is None or opened.git_dir is None or not opened.revision:
        raise NotApplicable("the repository's files could not be read (no tree was opened by the scan)")
    return opened


def _hygiene(repo: Any, out: EngineRun, opened: Any = None) -> None:
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.model import Verdict
    from ospo.engine.hygiene.runner import hygiene, hygiene_store

    local = _local_tree(repo)
    if local is not None:
        path, ref = local
        report = hygiene(str(path), Options(lang="en"), ref=ref)
    else:  # remote: the scan's partial clone, deepened for the history windows, its blobs fetched in one request
        store = _opened_store(opened)
        report = hygiene_store(
            store.git_dir,
            store.revision,
            store.name,
            store.source,
            Options(lang="en"),
            fetch=store.fetch,
            deepen=store.deepen,
        )
    if not report.checks and report.issues:
        raise RuntimeError("; ".join(report.issues)[:2000])
    for c in report.checks:
        if c.verdict not in (Verdict.FAIL, Verdict.WARN):
            continue
        ev = c.evidence[0] if c.evidence else None
        out.records.append(
            Record(
                kind="hygiene",
                fingerprint=fingerprint("hygiene", c.id),
                severity="medium" if c.verdict == Verdict.FAIL else "low",
                title=c.title[:MAX_TITLE],
                rule=c.id[:200],
                path=(ev.path or "") if ev else "",
                line=ev.line if ev else None,
                details={
                    "verdict": str(c.verdict),
                    "summary": c.summary,
                    "title_key": f"{c.id}.title",
                    "evidence": [
                        {"note": e.note, "path": e.path, "line": e.line, "commit": e.commit}
                        for e in c.evidence[:MAX_EVIDENCE]
                    ],
                    "figures": {k: v for k, v in c.details.items() if isinstance(v, (int, float, str, bool))},
                },
                columns={
                    "check_id": c.id[:100],
                    "score": c.score,
                    "commit": (report.revision or "")[:64],
                    "remediation_key": f"{c.id}.remediation",
                },
            )
        )


def _secrets(repo: Any, out: EngineRun, opened: Any = None) -> None:
    """Secrets in the committed tree: kind, place and the engine's fingerprint only — the value never exists here."""
    from ospo.engine.secrets import scan_path
    from ospo.engine.secrets.tree import scan_commit
    from ospo.engine.sources.gitstore import find_git_dir

    local = _local_tree(repo)
    if local is not None and local[1] is None:
        report = scan_path(local[0])
    elif local is not None:
        path, ref = local
        git_dir = find_git_dir(path)  # the committed files, not the working copy
        report = scan_commit(git_dir, ref, repo.name, f"{path}@{ref}")
    else:  # remote: the committed tree of the scan's partial clone, its blobs fetched in one request
        store = _opened_store(opened)
        report = scan_commit(store.git_dir, store.revision, repo.name, store.source, fetch=store.fetch)
    for f in report.active:
        out.records.append(
            Record(
                kind="hygiene",
                fingerprint=fingerprint("secret", f.kind, f.path, f.fingerprint),
                severity="high" if f.category == "secret" else "medium",
                title=f"{f.kind}: {f.path}:{f.line}"[:MAX_TITLE],
                rule=f"secret:{f.kind}"[:200],
                path=f.path[:1000],
                line=f.line,
                details={
                    "secret": True,
                    "category": f.category,
                    "kind": f.kind,
                    "preview": f.preview,
                    "secret_fingerprint": f.fingerprint,
                },
                columns={
                    "check_id": f"secret:{f.kind}"[:100],
                    "commit": (f.commit or "")[:64],
                    "remediation_key": "secret.remediation",
                },
            )
        )


def run_engines(
    result: ScanResult, repo: Any, triage: Any, engines: list[str] | None = None, opened: Any = None
) -> EngineRun:
    """Every configured engine over one repository; one failing engine does not stop the others.

    ``opened`` is the scan's ``api.OpenedInput`` (still open): hygiene and secrets of a remote repository read
    its partial clone, so a remote is cloned once per scan whatever the number of passes."""
    engines = configured_engines() if engines is None else engines
    out = EngineRun(engines=list(engines))
    steps = {
        "licenses": lambda: _licenses(result, repo, out),
        "vulns": lambda: _vulns(result, repo, out, triage),
        "hygiene": lambda: _hygiene(repo, out, opened),
        "secrets": lambda: _secrets(repo, out, opened),
    }
    for name in engines:
        before = len(out.records)
        try:
            steps[name]()
        except NotApplicable as exc:
            del out.records[before:]
            out.skipped[name] = str(exc)
        except Exception as exc:
            del out.records[before:]  # half an engine's answer would mark the rest "fixed"
            where = traceback.extract_tb(exc.__traceback__)[-1]
            out.failures[name] = f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"[:2000]
        else:
            out.ran.append(name)
    if "vulns" not in engines:
        out.vulndb = {}
    return out
