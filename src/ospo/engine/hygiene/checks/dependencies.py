"""Lockfiles committed for every ecosystem in use, and a dependency-update tool configured.

*Lockfiles*: from the inventory, every manifest that declares dependencies in an ecosystem whose tools
write a lockfile must have a lockfile of the same ecosystem in its directory or an ancestor (workspaces keep
one lockfile at their root). A ``requirements.txt`` whose every line is pinned (``==``) is its own lock.
Left out, and documented: Maven/Gradle and NuGet (lockfiles are opt-in and rare), conda (no lockfile in
the standard tool), GitHub Actions and container images (pinning is judged by other checks).
"""

from __future__ import annotations

import posixpath

from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check
from ospo.engine.safeparse import ParseFailure, load_json, load_yaml

LOCKABLE = frozenset({"npm", "pypi", "cargo", "composer", "gem", "golang", "pub", "hex", "swift", "cocoapods"})
# Files that are their own lock when every entry is pinned.
SELF_LOCKING = frozenset({"pypi-requirements"})

DEPENDABOT = (".github/dependabot.yml", ".github/dependabot.yaml")
RENOVATE = ("renovate.json", "renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5",
            ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5")


def _ancestors(directory: str) -> list[str]:
    out = [directory]
    while directory:
        directory = posixpath.dirname(directory)
        out.append(directory)
    return out


def check_lockfiles(ctx: Context) -> CheckResult:
    files = ctx.inventory.files
    locks: dict[str, set[str]] = {}
    for fr in files:
        if fr.ecosystem not in LOCKABLE:
            continue
        self_lock = fr.extractor in SELF_LOCKING and fr.components and all(c.pinned for c in fr.components)
        if fr.kind == "lockfile" or self_lock:
            locks.setdefault(fr.ecosystem, set()).add(posixpath.dirname(fr.path))
    manifests = [fr for fr in files if fr.kind == "manifest" and fr.ecosystem in LOCKABLE and fr.components]
    if not manifests:
        return ctx.result("lockfiles", None, Verdict.NOT_APPLICABLE, "not-applicable")
    missing: list[Evidence] = []
    ecosystems: dict[str, list[int]] = {}
    for fr in manifests:
        dirs = locks.get(fr.ecosystem, set())
        covered = any(d in dirs for d in _ancestors(posixpath.dirname(fr.path)))
        counts = ecosystems.setdefault(fr.ecosystem, [0, 0])
        counts[0] += 1
        counts[1] += covered
        if not covered:
            missing.append(Evidence(ctx.msg("evidence.no-lockfile", ecosystem=fr.ecosystem), fr.path))
    total = len(manifests)
    covered_n = total - len(missing)
    details = {"manifests": total, "covered": covered_n,
               "by_ecosystem": {k: {"manifests": v[0], "covered": v[1]} for k, v in sorted(ecosystems.items())}}
    score = 10 * covered_n / total
    if not missing:
        return ctx.result("lockfiles", 10, Verdict.PASS, "ok", details=details, count=total,
                          ecosystems=", ".join(sorted(ecosystems)))
    verdict = Verdict.WARN if covered_n * 2 >= total else Verdict.FAIL
    return ctx.result("lockfiles", score, verdict, "missing", missing[:50], details, missing=len(missing),
                      count=total)


def check_update_tool(ctx: Context) -> CheckResult:
    ev: list[Evidence] = []
    invalid: list[Evidence] = []
    for path in DEPENDABOT:
        if path in ctx.path_set:
            data = ctx.read(path) or b""
            try:
                doc = load_yaml(data)
                if not isinstance(doc, dict) or not isinstance(doc.get("updates"), list):
                    raise ParseFailure("no 'updates' list")
                ev.append(Evidence(ctx.msg("evidence.tool", tool="Dependabot"), path))
            except ParseFailure as exc:
                invalid.append(Evidence(ctx.msg("evidence.invalid-config", reason=str(exc)[:120]), path))
    for path in RENOVATE:
        if path in ctx.path_set:
            data = ctx.read(path) or b""
            if path.endswith(".json5") or path.endswith(".renovaterc"):
                ev.append(Evidence(ctx.msg("evidence.tool", tool="Renovate"), path))
                continue
            try:
                if not isinstance(load_json(data), dict):
                    raise ParseFailure("not a JSON object")
                ev.append(Evidence(ctx.msg("evidence.tool", tool="Renovate"), path))
            except ParseFailure as exc:
                invalid.append(Evidence(ctx.msg("evidence.invalid-config", reason=str(exc)[:120]), path))
    if "package.json" in ctx.path_set and not ev:
        try:
            doc = load_json(ctx.read("package.json") or b"")
            if isinstance(doc, dict) and "renovate" in doc:
                ev.append(Evidence(ctx.msg("evidence.tool", tool="Renovate"), "package.json"))
        except ParseFailure:
            pass
    if ev:
        return ctx.result("dependency-update-tool", 10, Verdict.PASS, "ok", ev + invalid)
    if invalid:
        return ctx.result("dependency-update-tool", 3, Verdict.WARN, "invalid", invalid)
    return ctx.result("dependency-update-tool", 0, Verdict.WARN, "missing")


CHECKS = [Check("lockfiles", check_lockfiles), Check("dependency-update-tool", check_update_tool)]
