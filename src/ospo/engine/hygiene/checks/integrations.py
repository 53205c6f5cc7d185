"""Checks that call other engines when they are installed: secrets in the tree, publiccode.yml validity.

Both engines are built separately; when one is absent (an older install, a module removed) the check says
"not evaluated" instead of guessing. Secrets are looked for in the current tree only: the whole history is
the ``ospo secrets --history`` command's job (it reads every blob ever committed, far slower).
"""

from __future__ import annotations

from ospo.engine.hygiene.checks.files import PUBLICCODE, find
from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check


class _Filtered:
    def __init__(self, ctx: Context, skip) -> None:  # type: ignore[no-untyped-def]
        self._ctx = ctx
        self._paths = [p for p in ctx.paths if not skip.skips_path(p)]

    def paths(self) -> list[str]:
        return self._paths

    def read(self, path: str) -> bytes | None:
        return self._ctx.tree.read(path)


def check_secrets(ctx: Context) -> CheckResult:
    try:
        from ospo.engine.secrets.allow import ALLOW_FILE, apply_allow, parse_allow
        from ospo.engine.secrets.model import SECRET
        from ospo.engine.secrets.tree import SECRETS_SKIP, scan_files
    except ImportError:
        return ctx.result("secrets", None, Verdict.NOT_EVALUATED, "unavailable")
    report = scan_files(_Filtered(ctx, SECRETS_SKIP), ctx.name, ctx.source, personal=True, lang=ctx.options.lang)
    if ALLOW_FILE in ctx.path_set:
        rules, _ = parse_allow(ctx.read(ALLOW_FILE) or b"", ALLOW_FILE, ctx.options.lang)
        apply_allow(report.findings, rules)
    active = [f for f in report.findings if f.active]
    secrets = [f for f in active if f.category == SECRET]
    personal = [f for f in active if f.category != SECRET]
    ev = [Evidence(ctx.msg("evidence.secret", kind=f.kind, preview=f.preview), f.path, f.line)
          for f in (secrets + personal)[:50]]
    details = {"secrets": len(secrets), "personal_data": len(personal), "files_scanned": report.files_scanned,
               "suppressed": sum(1 for f in report.findings if not f.active)}
    if secrets:
        return ctx.result("secrets", 0, Verdict.FAIL, "found", ev, details, count=len(secrets))
    if personal:
        return ctx.result("secrets", 7, Verdict.WARN, "personal", ev, details, count=len(personal))
    return ctx.result("secrets", 10, Verdict.PASS, "ok", ev, details, count=report.files_scanned)


def check_publiccode_valid(ctx: Context) -> CheckResult:
    found = [p for p in find(ctx, PUBLICCODE) if "/" not in p]
    if not found:
        return ctx.result("publiccode-valid", None, Verdict.NOT_APPLICABLE, "not-applicable")
    try:
        from ospo.engine.publiccode import validate_publiccode
    except ImportError:
        return ctx.result("publiccode-valid", None, Verdict.NOT_EVALUATED, "unavailable")
    path = found[0]
    result = validate_publiccode(ctx.read(path) or b"", path, lang=ctx.options.lang)
    ev = [Evidence(f"{f.key}: {f.message}"[:200], path, f.line or None) for f in result.errors[:30]]
    ev += [Evidence(f"{f.key}: {f.message}"[:200], path, f.line or None) for f in result.warnings[:20]]
    details = {"version": result.version, "errors": len(result.errors), "warnings": len(result.warnings)}
    if result.errors:
        return ctx.result("publiccode-valid", 2, Verdict.FAIL, "invalid", ev, details, count=len(result.errors))
    if result.warnings:
        return ctx.result("publiccode-valid", 8, Verdict.WARN, "warnings", ev, details, count=len(result.warnings))
    return ctx.result("publiccode-valid", 10, Verdict.PASS, "ok", ev, details, version=result.version or "?")


CHECKS = [Check("secrets", check_secrets), Check("publiccode-valid", check_publiccode_valid)]
