"""A valid license and a copyright notice.

*License*: the root license file must be identified as an SPDX license by the project's identification
engine, and every license a manifest declares (``FileResult.root_license`` from the inventory) must agree
with the license file nearest to that manifest (its directory or an ancestor) — a monorepo package with its
own LICENSE is compared with that one. Agreement ignores ``-only``/``-or-later``: the text of the GPL is the
same in both cases, the choice lives in the notice.

*Copyright*: a line that mentions copyright with a year or the sign, in the license, NOTICE, COPYRIGHT or
AUTHORS files or the README; in the first lines of source files only a notice-shaped line (it starts, after the
comment leader, with the word, the sign or SPDX-FileCopyrightText), because code and docstrings talk about
copyright. License templates carry placeholder notices ("Copyright [yyyy] [name of copyright owner]") and the
FSF's own notice on the GPL text: neither counts.
Nor does a line that belongs to a license's own text (the EUPL's "EUPL (c) the European Union" line, say):
inside a region the license engine identified as a license text, a copyright line counts only when its words
are not in that license's reference text — so the MIT text's filled-in "Copyright (c) 2021 Jane Doe" (the
template says "<year> <copyright holders>") still counts.
A public-domain dedication (US federal works, CC0, Unlicense) is an ownership statement in its own right.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from ospo.engine.hygiene.checks.files import LICENSE, README, find
from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check

MAX_LICENSE_DIRS = 20  # license files identified per repository (identification costs ~10 ms a file)
MAX_HEADER_FILES = 300  # source files whose first lines are searched for a copyright header
HEADER_BYTES = 2048

_COPYRIGHT = re.compile(r"(?:\bcopyright\b|spdx-filecopyrighttext|©|\(c\)\s*(?:19|20)\d\d)", re.IGNORECASE)
_YEAR_OR_SIGN = re.compile(r"(?:19|20)\d\d|©|\(c\)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[yyyy\]|\[year\]|<year>|\{yyyy\}|\{year\}|<name of|\[name of|<copyright holders?>|"
                          r"free software foundation|yyyy|\$\{", re.IGNORECASE)
_PUBLIC_DOMAIN = re.compile(r"public domain", re.IGNORECASE)
_PD_CONTEXT = re.compile(r"cc0|creative commons zero|dedicat|united states|17 u\.?s\.?c|waive", re.IGNORECASE)
_PD_LICENSES = frozenset({"CC0-1.0", "Unlicense", "LicenseRef-PublicDomain"})
_NOTICE = re.compile(r"^(?:notice|copyright|copyrights|authors|copying)(?:[.-][\w.-]*)?$")
SOURCE_EXT = frozenset({".py", ".js", ".mjs", ".ts", ".tsx", ".jsx", ".java", ".kt", ".go", ".rs", ".c", ".h", ".cc",
                        ".cpp", ".hpp", ".cs", ".rb", ".php", ".swift", ".scala", ".m", ".sh", ".ex", ".exs", ".dart",
                        ".vue", ".css", ".scss"})


def identify(ctx: Context, path: str):  # type: ignore[no-untyped-def]
    """The license identification of one file (cached); None when it is missing, empty or binary."""
    key = f"ident:{path}"
    if key not in ctx.cache:
        from ospo.engine.licenses.identify import identify_file
        from ospo.engine.safeparse import ParseFailure

        data = ctx.read(path)
        ident = None
        if data is not None and data.strip():
            try:
                ident = identify_file(path, data)
            except ParseFailure:
                ident = None
        ctx.cache[key] = ident
    return ctx.cache[key]


def base_ids(expression: str | None) -> frozenset[str]:
    """License ids of an expression, without the -only/-or-later distinction."""
    if not expression:
        return frozenset()
    from ospo.engine.licenses.expressions import leaves, normalize

    tree = normalize(expression).tree
    if tree is None:
        return frozenset()
    return frozenset(re.sub(r"(?:-only|-or-later|\+)$", "", leaf.id) for leaf in leaves(tree))


def _license_files_in(ctx: Context, directory: str) -> list[str]:
    return [p for p in ctx.in_dir(directory) if LICENSE.match(posixpath.basename(p).lower())]


def check_license(ctx: Context) -> CheckResult:
    found = find(ctx, LICENSE)
    if not found:
        return ctx.result("license", 0, Verdict.FAIL, "missing")
    path = found[0]
    ident = identify(ctx, path)
    expression = ident.expression if ident is not None else None
    if expression is None:
        return ctx.result("license", 2, Verdict.FAIL, "unidentified", [Evidence(ctx.msg("evidence.found"), path)],
                          path=path)
    details: dict[str, object] = {"expression": expression, "file": path}
    ev = [Evidence(ctx.msg("evidence.license", expression=expression), path)]
    if "LicenseRef-" in expression:
        return ctx.result("license", 5, Verdict.WARN, "not-spdx", ev, details, path=path, expression=expression)

    # Declared metadata against the nearest license file(s).
    dir_ids: dict[str, frozenset[str]] = {}
    dir_ids[""] = base_ids(expression) | base_ids(_dir_expression(ctx, ""))
    disagreements: list[Evidence] = []
    compared = 0
    for fr in ctx.inventory.files:
        declared = fr.root_license
        if not declared:
            continue
        directory = posixpath.dirname(fr.path)
        while directory and directory not in dir_ids and not _license_files_in(ctx, directory):
            directory = posixpath.dirname(directory)
        if directory not in dir_ids:
            if len(dir_ids) >= MAX_LICENSE_DIRS:
                continue
            dir_ids[directory] = base_ids(_dir_expression(ctx, directory))
        file_ids = dir_ids[directory]
        declared_ids = base_ids(declared)
        compared += 1
        if not file_ids or not declared_ids or any(i.startswith("LicenseRef-") for i in declared_ids):
            disagreements.append(Evidence(ctx.msg("evidence.declared-unclear", declared=declared[:80]), fr.path))
        elif not declared_ids <= file_ids:
            disagreements.append(Evidence(ctx.msg("evidence.declared-differs", declared=declared[:80],
                                                  found=" + ".join(sorted(file_ids))), fr.path))
    details["declarations_compared"] = compared
    details["disagreements"] = len(disagreements)
    if disagreements:
        return ctx.result("license", 6, Verdict.WARN, "disagrees", ev + disagreements[:20], details,
                          expression=expression, count=len(disagreements))
    return ctx.result("license", 10, Verdict.PASS, "ok", ev, details, expression=expression, count=compared)


def _dir_expression(ctx: Context, directory: str) -> str | None:
    exprs = []
    for p in _license_files_in(ctx, directory)[:4]:
        ident = identify(ctx, p)
        if ident is not None and ident.expression:
            exprs.append(ident.expression)
    return " AND ".join(f"({e})" for e in exprs) if exprs else None


_LEADER = re.compile(r"^\s*(?:(?:/\*+|\*+|//+|#+|--+|;+|%+|!+|\"\"\"|'''|<!--|\{-|\(\*)\s*)*")
_SHAPED = re.compile(
    r"(?:spdx-filecopyrighttext:|copyright\b\s*:?\s*(?:\(c\)|©|(?:19|20)\d\d)|©|\(c\)\s*(?:19|20)\d\d)", re.IGNORECASE
)


def copyright_lines(text: str, shaped: bool = False) -> list[tuple[int, str]]:
    """(line number, line) of real copyright notices in a text: with a year or sign, not a template.

    ``shaped``: only lines that start like a notice once the comment leader is removed (source headers).
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > 400 or not _COPYRIGHT.search(line):
            continue
        if shaped and not _SHAPED.match(line, _LEADER.match(line).end()):
            continue
        if _YEAR_OR_SIGN.search(line) and not _PLACEHOLDER.search(line):
            out.append((number, line.strip()))
    return out


_WORD = re.compile(r"[a-z0-9]+")
_LEAF = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
_OPERATORS = frozenset({"AND", "OR", "WITH"})
TEXT_KINDS = frozenset({"text", "exact"})  # match kinds that mean "this region is a license text"


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower().replace("©", " c "))) + " "


@lru_cache(maxsize=1)
def _reference_words() -> dict[str, str]:
    """Lower-cased SPDX id → the reference text's words; empty when no license data is installed."""
    try:
        from ospo.engine.licenses.data import load_texts

        return {t.id.lower(): _words(t.text) for t in load_texts()}
    except Exception:  # missing or broken license data: no line is taken for license text
        return {}


def license_text_lines(ident, lines: list[tuple[int, str]]) -> set[int]:  # type: ignore[no-untyped-def]
    """Numbers of the ``lines`` that sit in an identified license text region and are that text's own words."""
    if ident is None or not lines:
        return set()
    regions = [m for m in ident.matches if m.kind in TEXT_KINDS]
    if not regions:
        return set()
    refs = _reference_words()
    own: set[int] = set()
    for number, line in lines:
        words = _words(line)
        if words.strip() == "":
            continue
        for m in regions:
            if not m.start_line <= number <= m.end_line:
                continue
            ids = [leaf.lower() for leaf in _LEAF.findall(m.expression) if leaf not in _OPERATORS]
            texts = [refs.get(i) or refs.get(re.sub(r"-(?:only|or-later)$", "", i)) for i in ids]
            if any(t and words in t for t in texts):
                own.add(number)
                break
    return own


def notice_lines(ctx: Context, path: str, text: str) -> list[tuple[int, str]]:
    """The project's copyright lines in a license/notice file: license texts' own lines left out."""
    lines = copyright_lines(text)
    if not lines:
        return lines
    own = license_text_lines(identify(ctx, path), lines)
    return [ln for ln in lines if ln[0] not in own]


def public_domain(text: str) -> int | None:
    """Line number of a public-domain dedication, or None."""
    for number, line in enumerate(text.splitlines(), 1):
        if _PUBLIC_DOMAIN.search(line) and _PD_CONTEXT.search(line):
            return number
    return None


def check_copyright(ctx: Context) -> CheckResult:
    primary = find(ctx, LICENSE) + [p for p in ctx.in_dir("") if _NOTICE.match(p.lower())]
    primary = list(dict.fromkeys(primary))
    for path in primary:
        text = ctx.text(path) or ""
        lines = notice_lines(ctx, path, text)
        if lines:
            ev = [Evidence(ln[:160], path, n) for n, ln in lines[:3]]
            return ctx.result("copyright", 10, Verdict.PASS, "ok", ev, path=path)
    for path in primary + find(ctx, README)[:1]:
        ident = identify(ctx, path) if path in primary else None
        text = ctx.text(path) or ""
        line = public_domain(text)
        pd_license = ident is not None and ident.expression in _PD_LICENSES
        if line is not None or pd_license:
            return ctx.result("copyright", 10, Verdict.PASS, "public-domain",
                              [Evidence(ctx.msg("evidence.public-domain"), path, line)], path=path)
    for path in find(ctx, README)[:1]:
        lines = copyright_lines(ctx.text(path) or "")
        if lines:
            ev = [Evidence(ln[:160], path, n) for n, ln in lines[:3]]
            return ctx.result("copyright", 8, Verdict.PASS, "elsewhere", ev, path=path)
    headers: list[Evidence] = []
    looked = 0
    for path in ctx.paths:
        if looked >= MAX_HEADER_FILES:
            break
        if posixpath.splitext(path)[1].lower() not in SOURCE_EXT:
            continue
        looked += 1
        head = ctx.head(path, HEADER_BYTES)
        if not head or b"\x00" in head:
            continue
        lines = copyright_lines(head.decode("utf-8", "replace"), shaped=True)
        if lines:
            headers.append(Evidence(lines[0][1][:160], path, lines[0][0]))
            if len(headers) >= 3:
                break
    if headers:
        return ctx.result("copyright", 8, Verdict.PASS, "elsewhere", headers, path=headers[0].path)
    return ctx.result("copyright", 2, Verdict.WARN, "missing", details={"source_files_searched": looked})


CHECKS = [Check("license", check_license), Check("copyright", check_copyright)]
