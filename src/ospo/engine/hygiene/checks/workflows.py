"""GitHub Actions workflows: actions pinned to commit SHAs, least-privilege tokens, dangerous patterns.

*Pinned*: reuses the githubactions extractor's ``ref-kind`` property (sha, tag, branch, short-sha, none)
for every ``uses:`` in workflows and action metadata; only a full SHA is immutable.

*Token permissions*: a workflow without a top-level ``permissions:`` gets the repository's default token,
which is read-write on older repositories and organisations; ``write-all`` anywhere is the worst case.
A workflow is fine when the top level is read-only (``read-all``, ``{}`` or only ``read``/``none`` scopes),
or when it has no top level but every job sets its own permissions without ``write-all``. Top-level write
scopes are a warning (they should move to the job that needs them).

*Dangerous patterns* (the two classes GitHub's own hardening guide names):
``pull_request_target``/``workflow_run`` workflows that check out the pull request's head (untrusted code
run with a privileged token), and ``${{ … }}`` expressions with attacker-controlled values (issue titles,
PR bodies and branch names, comment bodies, commit messages…) interpolated into ``run:`` scripts or
``actions/github-script`` scripts (script injection). GitLab CI has no equivalent constructs checked here.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check
from ospo.engine.hygiene.workflow_reader import Workflow, read_workflow
from ospo.engine.safeparse import ParseFailure

PRIVILEGED_TRIGGERS = frozenset({"pull_request_target", "workflow_run"})
_HEAD_REF = re.compile(r"github\.event\.pull_request\.head|github\.head_ref|refs/pull/|"
                       r"github\.event\.workflow_run\.head|github\.event\.pull_request\.merge_commit_sha")
_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
UNTRUSTED = re.compile(
    r"github\.event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body|head\.ref|head\.label|"
    r"head\.repo\.default_branch)|comment\.body|review\.body|review_comment\.body|pages\.[^}]*\.page_name|"
    r"commits\.[^}]*\.(?:message|author\.(?:email|name))|head_commit\.(?:message|author\.(?:email|name))|"
    r"discussion\.(?:title|body)|workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|"
    r"author\.(?:email|name))))|github\.head_ref|github\.event\.\*"
)


def workflow_paths(ctx: Context) -> list[str]:
    return [p for p in ctx.paths if posixpath.dirname(p) == ".github/workflows" and p.endswith((".yml", ".yaml"))]


def workflows(ctx: Context) -> tuple[list[Workflow], list[Evidence]]:
    """Every workflow read once (cached), and the ones that could not be read as evidence."""
    if "workflows" not in ctx.cache:
        good: list[Workflow] = []
        bad: list[Evidence] = []
        for path in workflow_paths(ctx):
            data = ctx.tree.read(path)
            if data is None:
                continue
            try:
                good.append(read_workflow(path, data))
            except ParseFailure as exc:
                bad.append(Evidence(ctx.msg("evidence.unreadable", reason=str(exc)[:160]), path))
        ctx.cache["workflows"] = (good, bad)
    return ctx.cache["workflows"]  # type: ignore[return-value]


def check_pinned(ctx: Context) -> CheckResult:
    comps = [(fr.path, c) for fr in ctx.inventory.files if fr.ecosystem == "githubactions"
             for c in fr.components if c.ecosystem == "githubactions"]
    if not comps:
        return ctx.result("pinned-actions", None, Verdict.NOT_APPLICABLE, "not-applicable")
    unpinned: list[Evidence] = []
    kinds: dict[str, int] = {}
    for path, c in comps:
        kind = c.properties.get("ref-kind", "none")
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind != "sha":
            line = c.location.line if c.location else None
            unpinned.append(Evidence(ctx.msg("evidence.unpinned", action=f"{c.name}@{c.version or ''}",
                                             kind=kind), path, line))
    total = len(comps)
    pinned = total - len(unpinned)
    details = {"uses": total, "pinned": pinned, "ref_kinds": kinds}
    if not unpinned:
        return ctx.result("pinned-actions", 10, Verdict.PASS, "ok", details=details, count=total)
    verdict = Verdict.WARN if pinned * 2 >= total else Verdict.FAIL
    return ctx.result("pinned-actions", 10 * pinned / total, verdict, "unpinned", unpinned[:50], details,
                      unpinned=len(unpinned), count=total)


def _write_scopes(perms: dict[str, str]) -> list[str]:
    return sorted(k for k, v in perms.items() if v == "write")


def file_permissions(ctx: Context, wf: Workflow) -> tuple[int, list[Evidence]]:
    """Score of one workflow (0-10) and the evidence behind it."""
    top = wf.permissions
    ev: list[Evidence] = []
    score = 10
    for job in wf.jobs:
        if job.permissions == "write-all":
            score = min(score, 3)
            ev.append(Evidence(ctx.msg("evidence.job-write-all", job=job.id), wf.path, wf.line_of("write-all")))
    if top is None:
        unset = [j.id for j in wf.jobs if j.permissions is None and j.uses is None]
        if unset or not wf.jobs:
            ev.append(Evidence(ctx.msg("evidence.no-permissions", jobs=", ".join(unset[:5])), wf.path))
            return 0, ev
        return score, ev
    if top == "write-all":
        ev.append(Evidence(ctx.msg("evidence.top-write-all"), wf.path, wf.line_of("permissions")))
        return 0, ev
    if isinstance(top, dict):
        writes = _write_scopes(top)
        if writes:
            ev.append(Evidence(ctx.msg("evidence.top-write", scopes=", ".join(writes)), wf.path,
                               wf.line_of("permissions")))
            score = min(score, 5)
    elif top not in ("read-all", ""):
        ev.append(Evidence(ctx.msg("evidence.top-unknown", value=str(top)[:40]), wf.path, wf.line_of("permissions")))
        score = min(score, 5)
    return score, ev


def check_permissions(ctx: Context) -> CheckResult:
    wfs, bad = workflows(ctx)
    if not wfs:
        if bad:
            return ctx.result("token-permissions", None, Verdict.NOT_EVALUATED, "unreadable", bad)
        return ctx.result("token-permissions", None, Verdict.NOT_APPLICABLE, "not-applicable")
    scores = []
    ev: list[Evidence] = []
    for wf in wfs:
        s, e = file_permissions(ctx, wf)
        scores.append(s)
        ev.extend(e)
    score = sum(scores) / len(scores)
    details = {"workflows": len(wfs), "least_privilege": sum(1 for s in scores if s == 10)}
    if score >= 10:
        return ctx.result("token-permissions", 10, Verdict.PASS, "ok", bad, details, count=len(wfs))
    verdict = Verdict.WARN if min(scores) >= 5 else Verdict.FAIL
    bad_n = sum(1 for s in scores if s < 10)
    return ctx.result("token-permissions", score, verdict, "broad", ev[:50] + bad, details, count=bad_n,
                      total=len(wfs))


def dangerous_findings(ctx: Context, wf: Workflow) -> list[Evidence]:
    out: list[Evidence] = []
    if wf.triggers & PRIVILEGED_TRIGGERS:
        for job in wf.jobs:
            for step in job.steps:
                if step.uses and step.uses.strip().lower().startswith("actions/checkout"):
                    ref = step.with_.get("ref", "") + " " + step.with_.get("repository", "")
                    if _HEAD_REF.search(ref):
                        trigger = ", ".join(sorted(wf.triggers & PRIVILEGED_TRIGGERS))
                        out.append(Evidence(ctx.msg("evidence.untrusted-checkout", trigger=trigger, job=job.id),
                                            wf.path, wf.line_of(step.with_.get("ref", "").strip() or "checkout")))
    cursor = 0
    for job in wf.jobs:
        for step in job.steps:
            scripts = [step.run] if step.run else []
            if step.uses and step.uses.strip().lower().startswith("actions/github-script") and "script" in step.with_:
                scripts.append(step.with_["script"])
            for script in scripts:
                for m in _EXPR.finditer(script or ""):
                    if UNTRUSTED.search(m.group(1)):
                        pos = wf.text.find(m.group(0), cursor)
                        line = None
                        if pos >= 0:
                            cursor = pos + 1
                            line = wf.text.count("\n", 0, pos) + 1
                        out.append(Evidence(ctx.msg("evidence.injection", expr=m.group(0)[:120], job=job.id),
                                            wf.path, line))
    return out


def check_dangerous(ctx: Context) -> CheckResult:
    wfs, bad = workflows(ctx)
    if not wfs:
        if bad:
            return ctx.result("dangerous-workflow", None, Verdict.NOT_EVALUATED, "unreadable", bad)
        return ctx.result("dangerous-workflow", None, Verdict.NOT_APPLICABLE, "not-applicable")
    found: list[Evidence] = []
    for wf in wfs:
        found.extend(dangerous_findings(ctx, wf))
    details = {"workflows": len(wfs), "findings": len(found)}
    if found:
        return ctx.result("dangerous-workflow", 0, Verdict.FAIL, "found", found[:50] + bad, details,
                          count=len(found))
    return ctx.result("dangerous-workflow", 10, Verdict.PASS, "ok", bad, details, count=len(wfs))


CHECKS = [Check("pinned-actions", check_pinned), Check("token-permissions", check_permissions),
          Check("dangerous-workflow", check_dangerous)]
