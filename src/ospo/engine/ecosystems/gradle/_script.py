"""Static reading of Groovy / Kotlin build scripts: masking, blocks, statements, simple variables.

Build scripts are programs and are never run. What can be read without running them — string literals,
``dependencies { … }`` / ``plugins { … }`` blocks, ``def x = '1.0'`` style constants — is read here with a few
linear passes:

* comments are blanked (same length, newlines kept, so offsets and line numbers survive);
* a *masked* copy also blanks the inside of string literals, so braces and parentheses inside strings
  (``"${version}"``) never confuse block and statement boundaries;
* a statement is a line plus its continuations (open brackets, or a trailing comma as in
  ``implementation libs.a,\\n    libs.b``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_COMMENT_OR_STRING = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|\$\{[^{}\n]*\}|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*[\s\S]*?\*/'
)
_OPEN = {"(": ")", "[": "]", "{": "}"}


def _blank(s: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in s)


def clean_and_mask(text: str) -> tuple[str, str]:
    """(text with comments blanked, same with string contents blanked too). Both keep every offset."""
    clean_parts: list[str] = []
    mask_parts: list[str] = []
    last = 0
    for m in _COMMENT_OR_STRING.finditer(text):
        clean_parts.append(text[last:m.start()])
        mask_parts.append(text[last:m.start()])
        tok = m.group(0)
        if tok.startswith(("//", "/*")):
            blank = _blank(tok)
            clean_parts.append(blank)
            mask_parts.append(blank)
        else:
            q = 3 if tok.startswith(('"""', "'''")) else 1
            clean_parts.append(tok)
            mask_parts.append(tok[:q] + _blank(tok[q:-q]) + tok[-q:] if len(tok) >= 2 * q else _blank(tok))
        last = m.end()
    clean_parts.append(text[last:])
    mask_parts.append(text[last:])
    return "".join(clean_parts), "".join(mask_parts)


def matching_brace(masked: str, open_at: int) -> int:
    """Offset of the ``}`` closing the ``{`` at ``open_at`` (end of text when unbalanced)."""
    depth = 0
    for i in range(open_at, len(masked)):
        c = masked[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(masked)


def blocks(masked: str, name: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(body start, body end) of every ``name { … }`` block between start and end, outermost first."""
    end = len(masked) if end is None else end
    out: list[tuple[int, int]] = []
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\s*\{{")
    pos = start
    while True:
        m = pattern.search(masked, pos, end)
        if m is None:
            return out
        open_at = m.end() - 1
        close = min(matching_brace(masked, open_at), end)
        out.append((open_at + 1, close))
        pos = close + 1 if close > open_at else m.end()


def statements(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each top-level statement of a block body."""
    depth = 0
    stmt_start: int | None = None
    last_sig = ""
    i = start
    while i < end:
        c = masked[i]
        if stmt_start is None:
            if c.isspace() or c == ";":
                i += 1
                continue
            stmt_start = i
        if c in _OPEN:
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif (c == "\n" or c == ";") and depth == 0 and last_sig != ",":
            yield stmt_start, i
            stmt_start = None
            last_sig = ""
            i += 1
            continue
        if not c.isspace():
            last_sig = c
        i += 1
    if stmt_start is not None:
        yield stmt_start, end


# -- simple constants ------------------------------------------------------------------------------
_ASSIGN = re.compile(
    r"(?m)^[ \t]*(?:(?:def|val|var|final|static|String|const|private)\s+)*"
    r"(?:(?:rootProject\.|project\.)?(?:ext|extra)\.)?([A-Za-z_]\w*)\s*(?::\s*String\s*)?=\s*"
    r"(\"[^\"\n]*\"|'[^'\n]*')[ \t;]*$"
)
_EXTRA_INDEX = re.compile(r"\b(?:extra|ext)\s*\[\s*[\"']([\w.\-]+)[\"']\s*\]\s*=\s*(\"[^\"\n]*\"|'[^'\n]*')")
_SET = re.compile(r"\b(?:extra\.|ext\.)?set\(\s*[\"']([\w.\-]+)[\"']\s*,\s*(\"[^\"\n]*\"|'[^'\n]*')\s*\)")
_BY_EXTRA = re.compile(r"\bval\s+(\w+)\s+by\s+extra\(\s*(\"[^\"\n]*\"|'[^'\n]*')\s*\)")
_MAP = re.compile(r"(?:(?:rootProject\.|project\.)?ext\.)?\b([A-Za-z_]\w*)\s*=\s*\[([^\[\]]*)\]")
_MAP_ENTRY = re.compile(r"(?:([A-Za-z_][\w-]*)|[\"']([^\"']+)[\"'])\s*:\s*(\"[^\"\n]*\"|'[^'\n]*')")


def constants(clean: str) -> dict[str, str]:
    """Name → string literal (quotes kept: a double-quoted value may interpolate other constants)."""
    out: dict[str, str] = {}
    for rx in (_ASSIGN, _EXTRA_INDEX, _SET, _BY_EXTRA):
        for m in rx.finditer(clean):
            out[m.group(1)] = m.group(2)
    for m in _MAP.finditer(clean):
        for e in _MAP_ENTRY.finditer(m.group(2)):
            out[f"{m.group(1)}.{e.group(1) or e.group(2)}"] = e.group(3)
    return out


def properties_file(text: str) -> dict[str, str]:
    """gradle.properties (java.util.Properties, the common subset): key=value / key: value."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"([^=:\s]+)\s*[=:\s]\s*(.*)$", line)
        if m:
            out[m.group(1)] = "'" + m.group(2).strip().replace("'", "") + "'"
    return out
