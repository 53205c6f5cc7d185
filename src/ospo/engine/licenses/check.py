"""``ospo check``: the inventory's licenses measured against a policy, each finding explaining itself.

For each scanned input: every component's declared license is normalised and decided by the policy in the
requested use context; the repository's own declared license (``FileResult.root_license``) gives the
outbound license for compatibility. A finding says which dependency, through which direct dependency
(a path over ``ScanResult.edges``), which rule decided, and what to do — rendered in the user's language by
:mod:`ospo.engine.licenses.messages`. Output formats: table, JSON, SARIF (shared builder), JUnit XML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ospo.engine.licenses.classify import NOT_IN_DB
from ospo.engine.licenses.compat import Verdict
from ospo.engine.licenses.declared import DeclaredFinding, DeclaredLicense
from ospo.engine.licenses.expressions import Normalized, leaves, normalize
from ospo.engine.licenses.messages import CATALOG
from ospo.engine.licenses.policy import Decision, Evaluation, Policy
from ospo.engine.model import Component, ScanResult


@dataclass
class Finding:
    name: str
    version: str | None
    purl: str
    ecosystem: str
    declared: str | None
    normalized: Normalized
    evaluation: Evaluation
    via: list[str] = field(default_factory=list)  # names from the direct dependency down to this one
    direct: bool | None = None
    path: str | None = None
    line: int | None = None
    scope: str = "runtime"
    context: str = ""  # the use context this dependency was judged in (see SCOPES)

    @property
    def decision(self) -> Decision:
        return self.evaluation.decision

    @property
    def obligations(self) -> list[tuple[str, Any]]:
        return [(leaf.license, r) for leaf in self.evaluation.leaves for r in leaf.compat
                if r.verdict == Verdict.CONDITIONAL]

    @property
    def expired_waivers(self) -> list[Any]:
        return [w for leaf in self.evaluation.leaves for w in leaf.expired_waivers]


@dataclass
class RepoLicense:
    declared: list[tuple[str, str]]  # (file path, license as written)
    expression: str | None
    outbound: tuple[str, ...]
    origin: str  # "option", "declared", "policy" or "none"
    disagreement: bool = False
    decision: Decision = Decision.ALLOWED
    reason: str | None = None  # message key when not allowed


@dataclass
class InputReport:
    name: str
    source: str
    context: str
    repo: RepoLicense
    findings: list[Finding]
    issues: int = 0
    policy_outbound: tuple[str, ...] = ()
    declared_findings: list[DeclaredFinding] = field(default_factory=list)  # from the declared-license reader

    @property
    def failed(self) -> bool:
        return any(f.decision.fails for f in self.findings) or self.repo.decision.fails

    def count(self, decision: Decision) -> int:
        return sum(1 for f in self.findings if f.decision == decision)


def _direct_paths(scan: ScanResult) -> dict[str, list[str]]:
    """purl → purls from a direct dependency down to it (breadth-first, so the shortest path)."""
    by_purl = {c.purl: c for c in scan.components}
    children: dict[str, list[str]] = {}
    for e in scan.edges:
        children.setdefault(e.source, []).append(e.target)
    paths: dict[str, list[str]] = {}
    queue: deque[str] = deque()
    for c in scan.components:
        if c.direct:
            paths[c.purl] = [c.purl]
            queue.append(c.purl)
    while queue:
        cur = queue.popleft()
        for nxt in children.get(cur, ()):
            if nxt in by_purl and nxt not in paths:
                paths[nxt] = [*paths[cur], nxt]
                queue.append(nxt)
    return paths


def _label(c: Component) -> str:
    return f"{c.name}@{c.version}" if c.version else c.name


def repository_license(scan: ScanResult, policy: Policy, context: str, outbound_option: str | None,
                       declared_license: DeclaredLicense | None = None) -> RepoLicense:
    """The project's own license and the outbound license dependencies are measured against.

    With ``declared_license`` (an input with a tree) the combined evidence of metadata, license files and
    REUSE data decides; without it (an SBOM) the root manifests' ``root_license`` values do.
    """
    if declared_license is not None:
        declared = [(s.path, s.original or s.expression) for s in declared_license.sources if s.expression]
        expression = declared_license.expression
        disagreement = any(f.key == "declared.disagree" for f in declared_license.findings)
    else:
        declared = [(f.path, f.root_license.strip()) for f in scan.files if f.root_license and f.root_license.strip()]
        # Manifests at the top of the tree speak for the repository; nested ones are sub-projects, used only
        # when the top says nothing.
        top = [(p, t) for p, t in declared if "/" not in p]
        declared = top or declared
        expression = normalize(declared[0][1]).expression if declared else None
        disagreement = len({normalize(text).expression for _, text in declared}) > 1
    repo = RepoLicense(declared, expression, (), "none", disagreement=disagreement)
    if outbound_option:
        norm = normalize(outbound_option)
        repo.outbound = tuple(dict.fromkeys(leaf.id for leaf in leaves(norm.tree))) if norm.tree else ()
        repo.origin = "option"
    elif expression:
        tree = normalize(expression).tree
        repo.outbound = tuple(dict.fromkeys(leaf.id for leaf in leaves(tree))) if tree else ()
        repo.origin = "declared"
    elif context == "published" and policy.outbound:
        repo.outbound = policy.outbound
        repo.origin = "policy"
    if context == "published":
        if not expression and not outbound_option:
            repo.decision, repo.reason = Decision.REVIEW, "repo.none"
        elif policy.outbound and any(o not in policy.outbound for o in repo.outbound):
            repo.decision, repo.reason = Decision.REVIEW, "repo.not-outbound"
    if repo.disagreement and repo.decision == Decision.ALLOWED:
        repo.decision, repo.reason = Decision.REVIEW, "repo.disagree"
    return repo


# Which dependencies are judged in the requested use context. Development and test dependencies build and
# test the software; they are not handed over nor offered as a service, so with "runtime" they are judged as
# "internal" use — copyleft obligations, triggered by distribution or network use, do not reach them, while a
# proprietary or source-available tool is still denied (its terms restrict use itself). "all" judges every
# dependency in the requested context (for a product that ships its build tools, or a cautious audit).
SCOPES = ("runtime", "all")
_BUILD_ONLY = frozenset({"development", "test"})


def dependency_context(component: Component, context: str, scope: str) -> str:
    if scope == "runtime" and str(component.scope) in _BUILD_ONLY:
        return "internal"
    return context


def check_scan(scan: ScanResult, policy: Policy, context: str, outbound: str | None = None,
               today: dt.date | None = None, declared: DeclaredLicense | None = None,
               scope: str = "runtime") -> InputReport:
    repo = repository_license(scan, policy, context, outbound, declared)
    paths = _direct_paths(scan)
    by_purl = {c.purl: c for c in scan.components}
    findings = []
    for c in scan.components:
        norm = normalize(c.license)
        used_in = dependency_context(c, context, scope)
        ev = policy.evaluate(norm.tree, used_in, repo.outbound, purl=c.purl, name=c.name, repository=scan.name,
                             today=today, outbound_any=repo.origin == "policy")
        via = [_label(by_purl[p]) for p in paths.get(c.purl, [])]
        loc = c.location
        findings.append(Finding(c.name, c.version, c.purl, c.ecosystem, c.license, norm, ev, via, c.direct,
                                loc.path if loc else None, loc.line if loc else None, str(c.scope), used_in))
    order = {d: i for i, d in enumerate(sorted(Decision, reverse=True))}
    findings.sort(key=lambda f: (order[f.decision], f.name, f.version or ""))
    return InputReport(scan.name, scan.source, context, repo, findings, len(scan.all_issues), policy.outbound,
                       list(declared.findings) if declared is not None else [])


# --- explanations ----------------------------------------------------------------------------------------------


def _t(key: str, lang: str, **params: object) -> str:
    return CATALOG.get(key, lang, **params)


def explain(f: Finding, report: InputReport, lang: str) -> list[str]:
    """The lines that explain one finding: what, through what, which rule, what to do."""
    ev = f.evaluation
    lines = []
    pkg = f"{f.name}@{f.version}" if f.version else f.name
    if f.declared is None or not f.declared.strip():
        lines.append(_t("why.no-license", lang, package=pkg))
    else:
        lines.append(_t("why.headline", lang, package=pkg, license=f.normalized.expression,
                        decision=_t(f"decision.{f.decision.label}", lang),
                        context=_t(f"context.{f.context or report.context}", lang)))
    if f.context and f.context != report.context:
        lines.append(_t("why.build-scope", lang, scope=_t(f"scope.{f.scope}", lang),
                        context=_t(f"context.{f.context}", lang)))
    if len(f.via) > 1:
        lines.append(_t("why.via", lang, direct=f.via[0], path=" → ".join(f.via)))
    elif f.direct:
        lines.append(_t("why.direct", lang))
    for note in f.normalized.notes:
        lines.append(_t(f"note.{note.key}", lang, **dict(note.params)))
    for chosen, whole in ev.chosen_from:
        lines.append(_t("why.chosen", lang, chosen=chosen, expression=whole))
    for leaf in ev.leaves:
        lines.append(_t("why.rule", lang, license=leaf.license, category=_t(f"category.{leaf.category}", lang),
                        source=_t("why.not-in-db", lang) if leaf.category_source == NOT_IN_DB else leaf.category_source,
                        rule=leaf.rule,
                        decision=_t(f"decision.{(leaf.policy_decision or leaf.decision).label}", lang)))
        for r in leaf.compat:
            if r.verdict == Verdict.NOT_APPLICABLE:
                continue
            reason = _t(r.reason, lang) if r.reason in CATALOG.messages else r.reason
            lines.append(_t("why.compat", lang, inbound=r.inbound, outbound=r.outbound,
                            verdict=_t(f"verdict.{r.verdict}", lang), reason=reason, source=r.source))
        if leaf.waiver is not None:
            w = leaf.waiver
            lines.append(_t("why.waived", lang, owner=w.owner, justification=w.justification,
                            expires=w.expires.isoformat() if w.expires else "-", scope=w.scope))
        for w in leaf.expired_waivers:
            lines.append(_t("why.waiver-expired", lang, owner=w.owner, expires=w.expires.isoformat()))
    if f.declared is None or not f.declared.strip() or f.normalized.refs:
        lines.append(_t("todo.identify", lang))
    elif f.decision == Decision.DENIED:
        lines.append(_t("todo.denied", lang))
    elif f.decision == Decision.INCOMPATIBLE:
        lines.append(_t("todo.incompatible", lang))
    elif f.decision == Decision.REVIEW:
        lines.append(_t("todo.review", lang))
    elif f.obligations:
        lines.append(_t("todo.obligation", lang))
    return lines


def explain_repo(report: InputReport, lang: str, with_findings: bool = True) -> list[str]:
    """The project's license, the outbound license, and (``with_findings``) the declared-license findings."""
    repo = report.repo
    out = []
    if repo.declared:
        out.append(_t("repo.declared", lang, license=repo.expression or "-",
                      files=", ".join(p for p, _ in repo.declared)))
    if repo.outbound:
        out.append(_t(f"repo.outbound.{repo.origin}", lang, outbound=", ".join(repo.outbound)))
    if repo.reason:
        out.append(_t(repo.reason, lang, license=repo.expression or "-",
                      allowed=", ".join(report.policy_outbound),
                      found="; ".join(f"{p}: {t}" for p, t in repo.declared)))
    for finding in report.declared_findings if with_findings else ():
        where = f"{finding.path}:{finding.line}" if finding.path and finding.line else (finding.path or "")
        out.append(f"{where}: {finding.message(lang)}" if where else finding.message(lang))
    return out


def fingerprint(report: InputReport, f: Finding) -> str:
    return hashlib.sha256(f"{report.name}\0{f.purl}\0{f.normalized.expression}".encode()).hexdigest()[:32]
