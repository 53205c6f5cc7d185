"""Rate a repository on the eleven pre-publication criteria, with the evidence behind every level.

One function, :func:`evaluate`, reads the repository once (see :mod:`trees`), asks each engine for what it
knows and turns the answers into levels by the rubrics in :mod:`messages` (``crit.*.rubric``). How levels
become a verdict (see :mod:`criteria` for the required levels):

* automated criterion: its level is the engine's; below the required level it *fails*. When the engine is
  missing or raised, the criterion is *not evaluated* and fails too (fail closed: an absent check is not a pass);
* manual criterion (approvals): the attested level; without one it is *pending*, which fails only ``strict``;
* mixed criterion: the engine's level decides failure; the attested sign-off, when present, can only lower
  the reported level, and its absence leaves the criterion *pending*;
* an attested exception (supply-chain, source-only) lifts the automated level to the attested one.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ospo.engine.publish import adapters
from ospo.engine.publish.attest import Attestation, AttestationSet
from ospo.engine.publish.criteria import AUTOMATED, BY_ID, CRITERIA, MANUAL, MIXED, Criterion
from ospo.engine.publish.messages import CATALOG

PASS, FAIL, PENDING, NOT_EVALUATED, NOT_APPLICABLE = "pass", "fail", "pending", "not-evaluated", "not-applicable"
OSS_CATEGORIES = frozenset({"permissive", "public-domain", "weak-copyleft", "strong-copyleft", "network-copyleft"})
MAX_EVIDENCE = 20


@dataclass(slots=True)
class Evidence:
    message: str
    path: str | None = None
    line: int | None = None
    commit: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "path": self.path, "line": self.line, "commit": self.commit}


@dataclass(slots=True)
class CriterionResult:
    criterion: Criterion
    automated_level: int | None = None  # None: manual, not applicable or not evaluated
    attestation: Attestation | None = None
    level: int | None = None
    status: str = NOT_EVALUATED
    evidence: list[Evidence] = field(default_factory=list)
    applicable: bool = True

    @property
    def blocking(self) -> bool:
        """Counts against ``publish check``'s exit code: an automatable part below its level or not evaluated."""
        return self.criterion.automatable and self.status in (FAIL, NOT_EVALUATED)


@dataclass(slots=True)
class ReadinessReport:
    name: str
    source: str
    lang: str
    revision: str | None = None
    committed: bool = False  # judged HEAD (True) or the files on disk
    results: list[CriterionResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # input-level problems (attestation file, engines)

    @property
    def failing(self) -> list[CriterionResult]:
        return [r for r in self.results if r.blocking]

    @property
    def pending(self) -> list[CriterionResult]:
        return [r for r in self.results if r.status == PENDING]

    def passed(self, strict: bool = False) -> bool:
        return not self.failing and not (strict and self.pending)


@dataclass
class _Ctx:
    path: Path
    tree: Any
    git_dir: Path | None
    lang: str
    worktree: bool
    vulndb: str | None
    name: str
    scan: Any = None
    hygiene: adapters.Outcome | None = None

    def t(self, key: str, **params: object) -> str:
        return CATALOG.get(key, self.lang, **params)


def _engine_problem(ctx: _Ctx, out: adapters.Outcome) -> Evidence:
    if out.missing:
        return Evidence(ctx.t("ev.engine-missing", engine=out.missing))
    return Evidence(ctx.t("ev.engine-error", engine="?", error=out.error or "?"))


def _from_score(score: float | None) -> int | None:
    return None if score is None else max(0, min(5, (round(score) + 1) // 2))


def _hyg(ctx: _Ctx, check_id: str) -> Any:
    assert ctx.hygiene is not None
    return ctx.hygiene.value.get(check_id) if ctx.hygiene.ok else None


def _hyg_evidence(check: Any, limit: int = 5) -> list[Evidence]:
    out = [Evidence(f"{check.title}: {check.summary}")]
    out += [Evidence(e.note, e.path, e.line, e.commit) for e in check.evidence[:limit]]
    return out


# --- criteria ---------------------------------------------------------------------------------------------------


def _license_and_ownership(ctx: _Ctx) -> tuple[tuple[int | None, list[Evidence]], tuple[int | None, list[Evidence]]]:
    from ospo.engine.licenses.check import check_scan
    from ospo.engine.licenses.classify import classify
    from ospo.engine.licenses.declared import declared_license
    from ospo.engine.licenses.expressions import leaves, normalize
    from ospo.engine.licenses.policy import Decision, default_policy

    declared = declared_license(ctx.tree, ctx.scan)
    policy = default_policy()
    lic_ev: list[Evidence] = []
    own_ev: list[Evidence] = []
    expr = declared.expression
    if expr is None:
        lic_ev.append(Evidence(ctx.t("ev.license-none")))
        own_ev.append(Evidence(ctx.t("ev.license-none")))
        lic_level, own_level = 0, 1
    else:
        where = next((s for s in declared.sources), None)
        lic_ev.append(Evidence(ctx.t("ev.license-declared", expression=expr), where.path if where else None,
                               where.line if where else None))
        norm = normalize(expr)
        ids = [leaf.id for leaf in leaves(norm.tree)] if norm.tree else []
        bad = [(i, classify(i, overrides=policy.categories).category) for i in ids]
        bad = [(i, c) for i, c in bad if str(c) not in OSS_CATEGORIES]
        has_text = any(s.kind in ("file", "reuse") for s in declared.sources)
        warnings = [f for f in declared.findings if f.severity == "warning"]
        for f in warnings[:5]:
            lic_ev.append(Evidence(f.message(ctx.lang), f.path, f.line))
        not_outbound = [i for i in ids if policy.outbound and i not in policy.outbound]
        if not ids or bad:
            for i, c in bad[:5]:
                lic_ev.append(Evidence(ctx.t("ev.license-not-oss", license=i, category=str(c))))
            lic_level = 1
        elif not has_text:
            lic_ev.append(Evidence(ctx.t("ev.license-metadata-only")))
            lic_level = 3
        elif not_outbound or warnings:
            if not_outbound:
                lic_ev.append(Evidence(ctx.t("ev.license-outbound", expression=expr,
                                             outbound=", ".join(policy.outbound))))
            lic_level = 4
        else:
            lic_level = 5
        report = check_scan(ctx.scan, policy, "published", outbound=expr)
        allowed, review = report.count(Decision.ALLOWED), report.count(Decision.REVIEW)
        denied = sum(1 for f in report.findings if f.decision.fails)
        own_ev.append(Evidence(ctx.t("ev.deps", total=len(report.findings), allowed=allowed, review=review,
                                     denied=denied)))
        for f in [f for f in report.findings if f.decision != Decision.ALLOWED][:MAX_EVIDENCE]:
            own_ev.append(Evidence(ctx.t("ev.dep", name=f"{f.name}@{f.version}" if f.version else f.name,
                                         license=f.declared or "?", decision=f.decision.label), f.path, f.line))
        if denied or lic_level <= 1:
            own_level = 1
        elif review:
            own_level = 3
        else:
            own_level = 4 if warnings else 5
    return (lic_level, lic_ev), (own_level, own_ev)


def _copyright(ctx: _Ctx) -> tuple[int | None, list[Evidence]]:
    check = _hyg(ctx, "copyright")
    if check is None:
        return None, [_engine_problem(ctx, ctx.hygiene)] if ctx.hygiene else []
    return _from_score(check.score), _hyg_evidence(check)


def _secrets(ctx: _Ctx) -> tuple[int | None, list[Evidence]]:
    out = adapters.secrets_scan(ctx.tree, ctx.name, os.fspath(ctx.path), ctx.git_dir, ctx.lang)
    if not out.ok:
        return None, [_engine_problem(ctx, out)]
    files, history = out.value
    ev: list[Evidence] = []
    level = 5 if history is not None else 4
    for f in files.active[:MAX_EVIDENCE]:
        key = "ev.secret" if f.category == "secret" else "ev.personal"
        ev.append(Evidence(ctx.t(key, kind=f.kind), f.path, f.line))
    if any(f.category == "secret" for f in files.active):
        level = 0
    hist_secret = [f for f in history.active if f.category == "secret"] if history is not None else []
    for f in hist_secret[:MAX_EVIDENCE]:
        ev.append(Evidence(ctx.t("ev.secret-history", kind=f.kind), f.path, f.line, f.commit))
    if hist_secret:
        level = min(level, 1)
    if any(f.category != "secret" for f in files.active):
        level = min(level, 2)
    if not files.active:
        ev.insert(0, Evidence(ctx.t("ev.secrets-clean", files=files.files_scanned)))
    if history is None:
        ev.append(Evidence(ctx.t("ev.history-not-scanned")))
    elif not hist_secret:
        ev.append(Evidence(ctx.t("ev.history-clean", commits=history.commits)))
    return level, ev


def _vulns(ctx: _Ctx) -> tuple[int | None, list[Evidence], int]:
    out = adapters.vuln_scan(ctx.scan, ctx.vulndb)
    if not out.ok:
        return None, [_engine_problem(ctx, out)], 0
    report, path = out.value
    if report is None:
        return 0, [Evidence(ctx.t("ev.vulndb-missing", path=path))], 0
    fresh = report.freshness
    ev: list[Evidence] = []
    opened = [f for f in report.findings if f.open]
    ev.append(Evidence(ctx.t("ev.vulns", checked=report.checked, advisories=fresh.advisories, open=len(opened))))
    for f in opened[:MAX_EVIDENCE]:
        loc = f.locations[0] if f.locations else None
        ev.append(Evidence(ctx.t("ev.vuln", id=f.id, name=f.name, version=f.version, severity=f.severity.rating),
                           loc.path if loc else None, loc.line if loc else None))
    if report.not_checked:
        ev.append(Evidence(ctx.t("ev.not-checked", count=len(report.not_checked))))
    if fresh.empty:
        return 0, [Evidence(ctx.t("ev.vulndb-empty")), *ev], report.checked
    severe = [f for f in opened if f.at_least("high")]
    if severe:
        level = 1
    elif fresh.stale:
        ev.insert(0, Evidence(ctx.t("ev.vulndb-stale", age=f"{fresh.age_days or 0:.0f}", limit=7)))
        level = 2
    elif opened:
        level = 3
    else:
        level = 4 if report.not_checked else 5
    return level, ev, report.checked


def _supply_chain(ctx: _Ctx, checked: int) -> tuple[int | None, list[Evidence]]:
    from ospo.engine.publish.installscripts import find_install_scripts
    from ospo.engine.publish.trees import Filtered
    from ospo.engine.sources.skip import SkipRules

    lock = _hyg(ctx, "lockfiles")
    if lock is None:
        return None, [_engine_problem(ctx, ctx.hygiene)] if ctx.hygiene else []
    ev = _hyg_evidence(lock)
    level = 4
    if str(lock.verdict) == "fail":
        level = 1
    elif str(lock.verdict) == "warn":
        level = 2
    elif str(lock.verdict) == "not-evaluated":
        return None, ev
    scripts = find_install_scripts(Filtered(ctx.tree, SkipRules()))
    for hit in scripts.hits[:MAX_EVIDENCE]:
        if hit.kind == "npm":
            ev.append(Evidence(ctx.t("ev.install-script", script=hit.script), hit.path, hit.line))
        else:
            ev.append(Evidence(ctx.t("ev.cmdclass", names=hit.script.split(":", 1)[1]), hit.path, hit.line))
    for path, reason in scripts.problems[:5]:
        ev.append(Evidence(ctx.t("ev.manifest-unreadable", reason=reason), path))
    if scripts.hits:
        level = min(level, 3)
    else:
        ev.append(Evidence(ctx.t("ev.no-install-scripts", count=scripts.manifests)))
    tool = _hyg(ctx, "dependency-update-tool")
    if tool is not None:
        ev.extend(_hyg_evidence(tool, 2))
        if level == 4 and str(tool.verdict) == "pass":
            level = 5
    ev.append(Evidence(ctx.t("ev.package-health", checked=checked)))
    return level, ev


_CONTRIBUTING_PLACES = ("", ".github", "docs", ".gitlab")


def _version_control(ctx: _Ctx) -> tuple[int | None, list[Evidence]]:
    from ospo.engine.publiccode.generate import git_remote_url
    from ospo.engine.sources.gitcmd import GitError, run_git

    if ctx.git_dir is None:
        return 0, [Evidence(ctx.t("ev.git-none"))]
    try:
        commits = int(run_git(ctx.git_dir, "rev-list", "--count", "HEAD").strip() or b"0")
        authors = {a.strip().lower() for a in run_git(ctx.git_dir, "log", "--format=%ae", "-n", "5000", "HEAD")
                   .decode("utf-8", "replace").splitlines() if a.strip()}
    except (GitError, ValueError):
        return 1, [Evidence(ctx.t("ev.git-empty"))]
    if commits == 0:
        return 1, [Evidence(ctx.t("ev.git-empty"))]
    ev = [Evidence(ctx.t("ev.git-history", commits=commits, authors=len(authors)))]
    contributing = [p for p in ctx.tree.paths() if posixpath.dirname(p).lower() in _CONTRIBUTING_PLACES
                    and posixpath.basename(p).lower().startswith("contributing")]
    level = 3
    if contributing:
        ev.append(Evidence(ctx.t("ev.contributing", path=contributing[0]), contributing[0]))
        level = 4
    else:
        ev.append(Evidence(ctx.t("ev.no-contributing")))
    url = git_remote_url(ctx.path)
    ev.append(Evidence(ctx.t("ev.git-remote", url=url) if url else ctx.t("ev.git-no-remote")))
    if level == 4 and url and len(authors) > 1:
        level = 5
    return level, ev


def _required_files(ctx: _Ctx) -> tuple[int | None, list[Evidence]]:
    if ctx.hygiene is None or not ctx.hygiene.ok:
        return None, [_engine_problem(ctx, ctx.hygiene)] if ctx.hygiene else []
    ev: list[Evidence] = []
    present = 0
    for check_id in ("readme", "license-file", "security-policy", "contributing"):
        check = _hyg(ctx, check_id)
        if check is None:
            return None, [Evidence(ctx.t("ev.engine-missing", engine=f"hygiene/{check_id}"))]
        present += str(check.verdict) == "pass"
        ev.extend(_hyg_evidence(check, 1))
    level = present
    conduct = _hyg(ctx, "code-of-conduct")
    publiccode_ok = False
    if "publiccode.yml" in set(ctx.tree.paths()):
        from ospo.engine.publiccode.validate import validate_publiccode

        result = validate_publiccode(ctx.tree.read("publiccode.yml") or b"", "publiccode.yml", lang=ctx.lang)
        publiccode_ok = result.valid
        ev += [Evidence(f"{f.key}: {f.message}", "publiccode.yml", f.line or None) for f in result.errors[:5]]
    if conduct is not None:
        ev.extend(_hyg_evidence(conduct, 1))
    if level == 4 and conduct is not None and str(conduct.verdict) == "pass" and publiccode_ok:
        level = 5
    return level, ev


def _modular(ctx: _Ctx) -> tuple[int | None, list[Evidence], bool]:
    from ospo.engine.publish.structure import BIG_LINES, measure
    from ospo.engine.publish.trees import Filtered
    from ospo.engine.sources.skip import SkipRules

    s = measure(Filtered(ctx.tree, SkipRules()))
    if s.files == 0:
        return None, [Evidence(ctx.t("ev.no-source"))], False
    assert s.largest is not None
    ev = [Evidence(ctx.t("ev.structure", files=s.files, lines=s.lines, path=s.largest[0], largest=s.largest[1]))]
    ev += [Evidence(ctx.t("ev.giant", lines=n), p) for p, n in s.giant[:5]]
    if s.big_share > 0.25:
        ev.append(Evidence(ctx.t("ev.big-share", share=round(100 * s.big_share), limit=BIG_LINES)))
    if s.flat:
        ev.append(Evidence(ctx.t("ev.flat", count=s.flat[1]), s.flat[0] or "."))
    if len(s.modules) > 1:
        ev.append(Evidence(ctx.t("ev.modules", count=len(s.modules))))
    ev.append(Evidence(ctx.t("ev.tests", path=s.tests), s.tests) if s.tests else Evidence(ctx.t("ev.no-tests")))
    return s.level(), ev, True


def _source_only(ctx: _Ctx) -> tuple[int | None, list[Evidence]]:
    checks = [_hyg(ctx, "binaries"), _hyg(ctx, "build-output")]
    if any(c is None for c in checks):
        return None, [_engine_problem(ctx, ctx.hygiene)] if ctx.hygiene else []
    ev: list[Evidence] = []
    levels: list[int] = []
    for c in checks:
        ev.extend(_hyg_evidence(c, 10))
        # The method allows no compiled code without an exception: any finding keeps the level below 4.
        verdict = str(c.verdict)
        mapped = _from_score(c.score)
        if verdict in ("pass", "not-applicable"):
            levels.append(5)
        elif verdict == "warn":
            levels.append(min(3, 3 if mapped is None else mapped))
        elif verdict == "fail":
            levels.append(min(2, 2 if mapped is None else mapped))
    return (min(levels) if levels else None), ev


# --- assembly ---------------------------------------------------------------------------------------------------


def _finish(ctx: _Ctx, c: Criterion, auto: int | None, ev: list[Evidence], attested: AttestationSet | None,
            applicable: bool = True) -> CriterionResult:
    a = attested.entries.get(c.id) if attested else None
    r = CriterionResult(c, auto, a, evidence=ev, applicable=applicable)
    if a is not None:
        r.evidence.append(Evidence(ctx.t("ev.exception" if c.exception else "ev.attested", level=a.level, who=a.who,
                                         date=a.date, evidence=a.evidence or "-")))
    if c.kind == MANUAL:
        r.level = a.level if a else None
        if a is None:
            r.evidence.append(Evidence(ctx.t("ev.not-attested")))
        r.status = PASS if a is not None and a.level >= c.required else PENDING
        return r
    if not applicable:
        r.status = NOT_APPLICABLE
        return r
    if auto is None:
        r.status = NOT_EVALUATED
        return r
    r.level = auto
    if c.kind == AUTOMATED:
        if c.exception and a is not None:
            r.level = max(auto, a.level)
        r.status = PASS if r.level >= c.required else FAIL
        return r
    assert c.kind == MIXED
    if a is not None:
        r.level = min(auto, a.level)
    else:
        r.evidence.append(Evidence(ctx.t("ev.not-attested")))
    if auto < c.required:
        r.status = FAIL
    elif a is not None and a.level >= c.required:
        r.status = PASS
    else:
        r.status = PENDING
    return r


def evaluate(path: str | os.PathLike[str], lang: str = "en", attestations: AttestationSet | None = None,
             worktree: bool = False, vulndb: str | None = None) -> ReadinessReport:
    """The readiness report of one repository (a directory, with or without git). Never raises for bad input."""
    from ospo.engine.api import input_name
    from ospo.engine.publish.trees import Filtered, open_tree
    from ospo.engine.scanner import scan_tree
    from ospo.engine.sources.skip import SkipRules

    p = Path(path)
    report = ReadinessReport(name=input_name(os.fspath(p)), source=os.fspath(p), lang=lang)
    if attestations is not None:
        report.problems.extend(f"{attestations.path}: {m}" for m in attestations.problems)
    if not p.is_dir():
        report.problems.append(CATALOG.get("prepare.not-dir", lang, path=os.fspath(p)))
        report.results = [_finish(_Ctx(p, None, None, lang, worktree, vulndb, report.name), c, None, [], attestations)
                          for c in CRITERIA]
        return report
    tree, git_dir, commit, committed = open_tree(p, worktree)
    report.revision, report.committed = commit, committed
    try:
        ctx = _Ctx(p, tree, git_dir, lang, worktree, vulndb, report.name)
        ctx.scan = scan_tree(Filtered(tree, SkipRules()), name=report.name, source=os.fspath(p), revision=commit)
        report.problems.extend(str(i) for i in ctx.scan.all_issues[:50])
        ctx.hygiene = adapters.hygiene_checks(os.fspath(p), lang, worktree or not committed)
        if not ctx.hygiene.ok:
            report.problems.append(_engine_problem(ctx, ctx.hygiene).message)
        (lic, lic_ev), (own, own_ev) = _license_and_ownership(ctx)
        vuln_level, vuln_ev, checked = _vulns(ctx)
        mod_level, mod_ev, mod_applicable = _modular(ctx)
        found: dict[str, tuple[int | None, list[Evidence]]] = {
            "approvals": (None, []),
            "ownership": (own, own_ev),
            "copyright": _copyright(ctx),
            "no-secrets": _secrets(ctx),
            "security-review": (vuln_level, vuln_ev),
            "supply-chain": _supply_chain(ctx, checked),
            "license": (lic, lic_ev),
            "version-control": _version_control(ctx),
            "required-files": _required_files(ctx),
            "modular": (mod_level, mod_ev),
            "source-only": _source_only(ctx),
        }
        for c in CRITERIA:
            level, ev = found[c.id]
            applicable = mod_applicable if c.id == "modular" else True
            report.results.append(_finish(ctx, c, level, ev, attestations, applicable))
    finally:
        close = getattr(tree, "close", None)
        if close is not None:
            close()
    assert [r.criterion.id for r in report.results] == list(BY_ID)
    return report
