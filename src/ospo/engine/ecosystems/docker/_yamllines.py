"""Line numbers for ``key: value`` pairs in YAML files, found by scanning the text.

PyYAML's fast loader gives no positions. Package files are block-style YAML, so a scan for
``key: value`` (optionally after a list dash, optionally quoted, optionally followed by a ``# comment``)
finds each occurrence (flow-style values fall back to a plain text search); callers consume
occurrences of the same value in document order, which is also the order a loaded mapping preserves.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque

_VALUE = (
    r"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"][^\n#]*?))[ \t]*(?:#[ \t]*(.*?))?[ \t]*\r?$"""
)


class ValueLines:
    """Occurrences of ``<key>: <value>`` in text, consumed per value in order."""

    def __init__(self, text: str, keys: tuple[str, ...], list_items: bool = False) -> None:
        alternatives = "|".join(re.escape(k) for k in keys)
        patterns = [re.compile(rf"^[ \t]*(?:-[ \t]+)?(?:{alternatives})[ \t]*:[ \t]*{_VALUE}", re.M)]
        if list_items:  # "- postgres:15" scalar list items
            patterns.append(re.compile(rf"^[ \t]*-[ \t]+(?![\w.-]+[ \t]*:[ \t])(?![\w.-]+:$){_VALUE}", re.M))
        self._text = text
        # One match per offset: "- key: value" matches both patterns at the same place (the key pattern wins),
        # and sorting (offset, Match) pairs with equal offsets would compare Match objects.
        by_start: dict[int, re.Match[str]] = {}
        for p in patterns:
            for m in p.finditer(text):
                by_start.setdefault(m.start(), m)
        found = sorted(by_start.items())
        self._found: dict[str, deque[tuple[int, str | None]]] = defaultdict(deque)
        line = 1
        last = 0
        for start, m in found:
            line += text.count("\n", last, start)
            last = start
            value = m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
            self._found[value.strip()].append((line, m.group(4) or None))

    def take(self, value: str) -> tuple[int | None, str | None]:
        """(line, trailing comment) of the next unconsumed occurrence of ``value``; (None, None) if none."""
        q = self._found.get(value.strip())
        if q:
            return q.popleft()
        # Flow style ({uses: x, with: …}) or other layouts: the first place the value appears at all.
        pos = self._text.find(value.strip()) if value.strip() else -1
        return (self._text.count("\n", 0, pos) + 1, None) if pos >= 0 else (None, None)
