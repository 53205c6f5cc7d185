"""Required community files: README, LICENSE, SECURITY.md, CONTRIBUTING, a code of conduct, publiccode.yml.

Looked for where forges look: the root, ``.github/``, ``docs/`` and ``.gitlab/`` (names case-insensitive).
Presence alone is easy to fake with an empty file, so each gets a minimal content check: non-empty; a
README says more than its title; a SECURITY.md names a way to reach someone (e-mail or URL); a LICENSE is
recognised as a license by the identification engine. publiccode.yml must be at the root (the standard
says so); one elsewhere is reported as misplaced.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check

PLACES = ("", ".github", "docs", ".gitlab")

README = re.compile(r"^readme(?:[.-][\w.-]*)?$")
LICENSE = re.compile(r"^(?:licen[cs]e|copying|unlicense)(?:[.-][\w.-]*)?$")
SECURITY = re.compile(r"^security(?:\.(?:md|markdown|rst|txt|adoc))?$")
CONTRIBUTING = re.compile(r"^contributing(?:[.-][\w.-]*)?$")
CONDUCT = re.compile(r"^(?:code[_-]of[_-]conduct|conduct)(?:\.(?:md|markdown|rst|txt|adoc))?$")
PUBLICCODE = re.compile(r"^publiccode\.ya?ml$")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://[^\s)>\]]+")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|=+\s*$|-+\s*$|\[!\[|!\[|<img|<h\d|<p align|<div|</)")
_BARE_TITLE_CHARS = 80


@dataclass(frozen=True)
class RequiredFile:
    id: str
    pattern: re.Pattern[str]
    places: tuple[str, ...] = PLACES


def find(ctx: Context, pattern: re.Pattern[str], places: tuple[str, ...] = PLACES) -> list[str]:
    """Matching files in the conventional places, root first."""
    by_dir: dict[str, list[str]] = {}
    for path in ctx.paths:
        directory = posixpath.dirname(path)
        if directory.lower() in places and pattern.match(posixpath.basename(path).lower()):
            by_dir.setdefault(directory.lower(), []).append(path)
    return [p for place in places for p in sorted(by_dir.get(place, ()))]


def readme_body(text: str) -> str:
    """README text without headings, badges and HTML layout: what a reader learns beyond the title."""
    return "\n".join(ln for ln in text.splitlines() if ln.strip() and not _HEADING.match(ln)).strip()


def _missing(ctx: Context, check_id: str, verdict: Verdict) -> CheckResult:
    return ctx.result(check_id, 0, verdict, "missing")


def check_readme(ctx: Context) -> CheckResult:
    found = find(ctx, README)
    if not found:
        return _missing(ctx, "readme", Verdict.FAIL)
    path = found[0]
    text = ctx.text(path) or ""
    ev = [Evidence(ctx.msg("evidence.found"), path)]
    if not text.strip():
        return ctx.result("readme", 2, Verdict.FAIL, "empty", ev, path=path)
    body = readme_body(text)
    if len(body) < _BARE_TITLE_CHARS and body.count("\n") < 2:
        return ctx.result("readme", 5, Verdict.WARN, "title-only", ev, path=path)
    return ctx.result("readme", 10, Verdict.PASS, "ok", ev, path=path)


def check_license_file(ctx: Context) -> CheckResult:
    found = find(ctx, LICENSE)
    if not found:
        return _missing(ctx, "license-file", Verdict.FAIL)
    from ospo.engine.hygiene.checks.licensing import identify

    path = found[0]
    ident = identify(ctx, path)
    ev = [Evidence(ctx.msg("evidence.found"), path)]
    if ident is None:
        return ctx.result("license-file", 2, Verdict.FAIL, "empty", ev, path=path)
    if ident.expression is None:
        return ctx.result("license-file", 4, Verdict.WARN, "unidentified", ev, path=path)
    return ctx.result("license-file", 10, Verdict.PASS, "ok", ev, {"expression": ident.expression},
                      path=path, expression=ident.expression)


def check_security(ctx: Context) -> CheckResult:
    found = find(ctx, SECURITY)
    if not found:
        return _missing(ctx, "security-policy", Verdict.FAIL)
    path = found[0]
    text = ctx.text(path) or ""
    if not text.strip():
        return ctx.result("security-policy", 2, Verdict.FAIL, "empty", [Evidence(ctx.msg("evidence.found"), path)],
                          path=path)
    ev: list[Evidence] = []
    for number, line in enumerate(text.splitlines(), 1):
        if _EMAIL.search(line) or _URL.search(line):
            ev.append(Evidence(ctx.msg("evidence.contact"), path, number))
            if len(ev) >= 3:
                break
    if not ev:
        return ctx.result("security-policy", 5, Verdict.WARN, "no-contact", [Evidence(ctx.msg("evidence.found"), path)],
                          path=path)
    return ctx.result("security-policy", 10, Verdict.PASS, "ok", ev, path=path)


def _present_nonempty(ctx: Context, check_id: str, pattern: re.Pattern[str]) -> CheckResult:
    found = find(ctx, pattern)
    if not found:
        return _missing(ctx, check_id, Verdict.WARN)
    path = found[0]
    ev = [Evidence(ctx.msg("evidence.found"), path)]
    if not (ctx.text(path) or "").strip():
        return ctx.result(check_id, 2, Verdict.WARN, "empty", ev, path=path)
    return ctx.result(check_id, 10, Verdict.PASS, "ok", ev, path=path)


def check_contributing(ctx: Context) -> CheckResult:
    return _present_nonempty(ctx, "contributing", CONTRIBUTING)


def check_conduct(ctx: Context) -> CheckResult:
    return _present_nonempty(ctx, "code-of-conduct", CONDUCT)


def check_publiccode(ctx: Context) -> CheckResult:
    found = find(ctx, PUBLICCODE)
    if not found:
        return _missing(ctx, "publiccode-file", Verdict.WARN)
    path = found[0]
    ev = [Evidence(ctx.msg("evidence.found"), path)]
    if posixpath.dirname(path):
        return ctx.result("publiccode-file", 5, Verdict.WARN, "misplaced", ev, path=path)
    if not (ctx.text(path) or "").strip():
        return ctx.result("publiccode-file", 2, Verdict.WARN, "empty", ev, path=path)
    return ctx.result("publiccode-file", 10, Verdict.PASS, "ok", ev, path=path)


CHECKS = [
    Check("readme", check_readme),
    Check("license-file", check_license_file),
    Check("security-policy", check_security),
    Check("contributing", check_contributing),
    Check("code-of-conduct", check_conduct),
    Check("publiccode-file", check_publiccode),
]
