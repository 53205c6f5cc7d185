"""Line numbers for XML items. ElementTree keeps no positions, so the text is scanned once with a regex
for ``<Tag … Include="id"`` and each parsed element takes the next unused line for its (tag, id)."""

from __future__ import annotations

import re

from ospo.engine.safeparse import line_index

_ITEM = re.compile(
    r"<(?:\w+:)?(\w+)\b[^<>]*?\b(?:Include|Update|id)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I
)


class ItemLines:
    def __init__(self, text: str) -> None:
        line_of = line_index(text)
        self._lines: dict[tuple[str, str], list[int]] = {}
        for m in _ITEM.finditer(text):
            tag = m.group(1).lower()
            value = m.group(2) if m.group(2) is not None else m.group(3) or ""
            line = line_of(m.start())
            for part in value.split(";"):
                self._lines.setdefault((tag, part.strip().lower()), []).append(line)
        self._used: dict[tuple[str, str], int] = {}

    def next(self, tag: str, ident: str) -> int | None:
        key = (tag.lower(), ident.strip().lower())
        lines = self._lines.get(key)
        if not lines:
            return None
        i = self._used.get(key, 0)
        self._used[key] = i + 1
        return lines[min(i, len(lines) - 1)]
