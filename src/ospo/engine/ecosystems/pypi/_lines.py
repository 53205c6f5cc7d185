"""Line numbers for TOML documents, found by re-scanning the text (``tomllib`` gives no positions).

The files that matter here are written by tools or by hand in the usual layout: a table header on its own
line, one dependency per line. So the line of ``[[package]]`` number *i*, or the first line after a table
header that mentions a dependency name, is exact in practice and costs one pass over the text.
"""

from __future__ import annotations

import bisect
import re

_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.M)
_PACKAGE = re.compile(r"^\[\[package\]\][ \t]*$", re.M)


class TextLines:
    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._headers: dict[str, int] | None = None

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def header(self, name: str) -> int | None:
        """Offset of the first ``[name]`` table header (names compared without quotes or spaces)."""
        if self._headers is None:
            self._headers = {}
            for m in _HEADER.finditer(self.text):
                key = m.group(1).replace('"', "").replace("'", "").replace(" ", "")
                self._headers.setdefault(key, m.start())
        return self._headers.get(name)

    def package_lines(self) -> list[int]:
        """Lines of every ``[[package]]`` header, in order (the i-th matches the i-th parsed package)."""
        return [self.line_of(m.start()) for m in _PACKAGE.finditer(self.text)]

    def find_name(self, name: str, after: int | None) -> int | None:
        """Line of the first mention of dependency ``name`` at or after ``after``: as a key or a string start."""
        if after is None:
            after = 0
        pattern = _name_pattern(name)
        m = pattern.search(self.text, after)
        return self.line_of(m.start()) if m else None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _name_pattern(name: str) -> re.Pattern[str]:
    pat = _PATTERNS.get(name)
    if pat is None:
        esc = re.escape(name)
        # "name>=1", 'name', name = "^1", "name" = {…}; not a longer name that starts the same way.
        pat = re.compile(rf"""(?:^[ \t]*["']?{esc}["']?[ \t]*=|["']{esc}(?![A-Za-z0-9_.-]))""", re.M | re.I)
        if len(_PATTERNS) < 4096:
            _PATTERNS[name] = pat
    return pat
