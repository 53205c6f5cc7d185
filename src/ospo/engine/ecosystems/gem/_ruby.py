"""A tiny static reader for the Ruby that Gemfiles and gemspecs are written in. Nothing is evaluated.

Dependency declarations are method calls with literal arguments (``gem "x", "~> 1.2", group: :test``).
This module splits a call's argument text into literal values: strings, symbols, arrays, hashes (as
key/value pairs) and, for anything else (constants, method calls), the raw expression text so callers
can say "not statically known" instead of guessing. It never raises on malformed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_IDENT = re.compile(r"[A-Za-z_][\w]*(?:(?:::|\.)[A-Za-z_]\w*[?!]?)*")
_SYMBOL = re.compile(r":([A-Za-z_]\w*[?!=]?)")
_LABEL = re.compile(r"([A-Za-z_]\w*[?!]?):(?!:)")
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}
MAX_DEPTH = 16


@dataclass(slots=True)
class Value:
    """One literal. ``kind`` is str, sym, list, hash or expr (anything not statically known)."""

    kind: str
    text: str = ""
    items: list[Value] = field(default_factory=list)
    pairs: list[tuple[str, Value]] = field(default_factory=list)
    interpolated: bool = False

    def strings(self) -> list[str]:
        """The value as a list of plain strings/symbols (a scalar gives one element)."""
        if self.kind in ("str", "sym"):
            return [self.text]
        if self.kind == "list":
            return [i.text for i in self.items if i.kind in ("str", "sym")]
        return []


class _Reader:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.n = len(text)

    def skip_ws(self) -> None:
        s, n = self.s, self.n
        while self.i < n and s[self.i] in " \t\r\n\\":
            self.i += 1
        if self.i < n and s[self.i] == "#":  # a comment runs to the end of the line
            nl = s.find("\n", self.i)
            self.i = n if nl < 0 else nl
            self.skip_ws()

    def quoted(self, close: str, interpolating: bool, opener: str | None = None) -> Value:
        s, n = self.s, self.n
        out: list[str] = []
        interp = False
        depth = 0
        while self.i < n:
            c = s[self.i]
            if c == "\\" and self.i + 1 < n:
                out.append(s[self.i + 1])
                self.i += 2
                continue
            if interpolating and c == "#" and s.startswith("#{", self.i):
                interp = True
            if opener and c == opener:
                depth += 1
            elif c == close:
                if depth == 0:
                    self.i += 1
                    return Value("str", "".join(out), interpolated=interp)
                depth -= 1
            out.append(c)
            self.i += 1
        return Value("str", "".join(out), interpolated=interp)

    def raw_until_comma(self) -> Value:
        """An expression we do not interpret: everything up to the next top-level comma or closer."""
        s, n = self.s, self.n
        start = self.i
        depth = 0
        while self.i < n:
            c = s[self.i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif c == "," and depth == 0:
                break
            elif c in "\"'":
                self.i += 1
                self.quoted(c, c == '"')
                continue
            elif c == "#" and depth == 0:
                break
            self.i += 1
        return Value("expr", s[start:self.i].strip())

    def value(self, depth: int) -> Value:
        self.skip_ws()
        s, n = self.s, self.n
        if self.i >= n:
            return Value("expr", "")
        c = s[self.i]
        if depth > MAX_DEPTH:
            return self.raw_until_comma()
        if c in "\"'":
            self.i += 1
            return self.quoted(c, c == '"')
        if c == "%" and self.i + 2 < n:
            kind = s[self.i + 1]
            opener = s[self.i + 2] if kind in "qQwWiI" else kind
            if kind in "qQwWiI" or kind in _PAIRS:
                self.i += 3 if kind in "qQwWiI" else 2
                close = _PAIRS.get(opener, opener)
                v = self.quoted(close, kind in "Q(", opener if opener in _PAIRS else None)
                if kind in "wWiI":
                    return Value("list", items=[Value("str", w) for w in v.text.split()])
                return v
        if c == ":" and self.i + 1 < n and s[self.i + 1] in "\"'":
            self.i += 2
            v = self.quoted(s[self.i - 1], True)
            return Value("sym", v.text)
        if c == ":":
            m = _SYMBOL.match(s, self.i)
            if m:
                self.i = m.end()
                return Value("sym", m.group(1))
        if c == "[":
            self.i += 1
            items = self.sequence("]", depth + 1)
            return Value("list", items=[v for v in items if not isinstance(v, tuple)])
        if c == "{":
            self.i += 1
            items = self.sequence("}", depth + 1)
            return Value("hash", pairs=[v for v in items if isinstance(v, tuple)])
        m = _IDENT.match(s, self.i)
        if m and m.group(0) in ("true", "false", "nil"):
            self.i = m.end()
            return Value("sym", m.group(0))
        return self.raw_until_comma()

    def item(self, depth: int) -> Value | tuple[str, Value]:
        """A positional value or a ``key: value`` / ``key => value`` pair."""
        self.skip_ws()
        m = _LABEL.match(self.s, self.i)
        if m:
            self.i = m.end()
            return (m.group(1), self.value(depth))
        v = self.value(depth)
        self.skip_ws()
        if self.s.startswith("=>", self.i):
            self.i += 2
            return (v.text, self.value(depth))
        return v

    def sequence(self, close: str | None, depth: int) -> list[Value | tuple[str, Value]]:
        out: list[Value | tuple[str, Value]] = []
        while True:
            self.skip_ws()
            if self.i >= self.n:
                return out
            c = self.s[self.i]
            if close and c == close:
                self.i += 1
                return out
            if c in ")]}":  # an unbalanced closer ends the call
                return out
            before = self.i
            out.append(self.item(depth))
            self.skip_ws()
            if self.i < self.n and self.s[self.i] == ",":
                self.i += 1
            elif self.i == before:  # no progress: stop rather than loop
                return out


def parse_args(text: str) -> tuple[list[Value], dict[str, Value]]:
    """Split call arguments into positional values and options (trailing hash / keyword pairs)."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    items = _Reader(text).sequence(None, 0)
    positional: list[Value] = []
    options: dict[str, Value] = {}
    for it in items:
        if isinstance(it, tuple):
            options.setdefault(it[0], it[1])
        elif it.kind == "hash":
            for k, v in it.pairs:
                options.setdefault(k, v)
        else:
            positional.append(it)
    return positional, options


def parse_value(text: str) -> Value:
    """One expression (the right-hand side of ``CONST = …``), ``.freeze`` ignored."""
    text = text.strip()
    if text.endswith(".freeze"):
        text = text[: -len(".freeze")]
    return _Reader(text).value(0)


def strip_comment(line: str) -> str:
    """The code part of a line: a ``#`` outside quotes starts a comment (``#{`` inside "…" does not)."""
    if "#" not in line:
        return line
    quote = ""
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "#":
            return line[:i]
        i += 1
    return line
