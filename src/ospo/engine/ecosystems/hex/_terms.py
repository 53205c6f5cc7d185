"""A reader for the Elixir term syntax mix.lock is written in — a data subset, never evaluated.

Supported: maps ``%{k => v, k: v}``, tuples ``{…}``, lists ``[…]`` with keyword entries ``key: value``,
strings ``"…"`` (escapes kept verbatim except ``\\"``), atoms ``:name`` / ``:"quoted"``, ``true``/``false``/
``nil``, integers, and ``#`` comments. Atoms become :class:`Atom` (a ``str``), keyword entries become
``(Atom, value)`` pairs. Anything else is a :class:`ParseFailure` naming the line. Nesting is capped.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.safeparse import ParseFailure

MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n,]+|\#[^\n]*)
  | (?P<strkw>"(?:[^"\\]|\\.)*":(?=[\s]))
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<kw>[A-Za-z_][A-Za-z0-9_?!]*:(?=[\s]))
  | (?P<atom>:(?:[A-Za-z_][A-Za-z0-9_@?!]*|"(?:[^"\\]|\\.)*"))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_?!]*)
  | (?P<num>-?\d[\d_]*(?:\.\d+)?)
  | (?P<punct>%\{|=>|[{}\[\]])
    """,
    re.X,
)


class Atom(str):
    """An Elixir atom, e.g. ``:hex``."""


class Located:
    """A map key with the 1-based line it was read on."""

    __slots__ = ("key", "line")

    def __init__(self, key: Any, line: int) -> None:
        self.key, self.line = key, line


def _unescape(s: str) -> str:
    return s[1:-1].replace('\\"', '"').replace("\\\\", "\\")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        pos, line, n = 0, 1, len(text)
        match = _TOKEN.match
        while pos < n:
            m = match(text, pos)
            if m is None:
                raise ParseFailure(f"unexpected character {text[pos]!r} at line {line}")
            kind = m.lastgroup or ""
            value = m.group()
            if kind != "ws":
                self.tokens.append((kind, value, line))
            line += value.count("\n")
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("eof", "", 0)

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        if tok[0] == "eof":
            raise ParseFailure("unexpected end of file")
        self.i += 1
        return tok

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ParseFailure("terms nested too deeply")
        kind, text, line = self.take()
        if kind == "str":
            return _unescape(text)
        if kind == "atom":
            return Atom(_unescape(text[1:]) if text[1:2] == '"' else text[1:])
        if kind == "num":
            return text
        if kind == "ident":
            return {"true": True, "false": False, "nil": None}.get(text, Atom(text))
        if text == "%{":
            return self.container("}", depth, is_map=True)
        if text == "{":
            return tuple(self.container("}", depth))
        if text == "[":
            return self.container("]", depth)
        raise ParseFailure(f"unexpected {text!r} at line {line}")

    def container(self, close: str, depth: int, is_map: bool = False) -> Any:
        items: list[Any] = []
        mapping: dict[Any, Any] = {}
        while True:
            kind, text, line = self.peek()
            if kind == "eof":
                raise ParseFailure(f"unclosed {'map' if is_map else close} at end of file")
            if text == close and kind == "punct":
                self.take()
                return mapping if is_map else items
            if kind in ("kw", "strkw"):
                self.take()
                key: Any = Atom(text[:-1]) if kind == "kw" else _unescape(text[:-1])
                val = self.value(depth + 1)
                if is_map:
                    mapping[Located(key, line)] = val
                else:
                    items.append((key, val))
                continue
            val = self.value(depth + 1)
            if is_map:
                arrow = self.take()
                if arrow[1] != "=>":
                    raise ParseFailure(f"expected => at line {arrow[2]}")
                mapping[Located(val, line)] = self.value(depth + 1)
            else:
                items.append(val)


def read_term(text: str) -> Any:
    """Read the single term of ``text`` (a mix.lock is one map)."""
    reader = _Reader(text)
    value = reader.value()
    if reader.peek()[0] != "eof":
        raise ParseFailure(f"unexpected {reader.peek()[1]!r} after the end at line {reader.peek()[2]}")
    return value
