"""Line numbers for keys of a JSON document without a position-aware parser.

The stdlib parser gives no positions; re-scanning the text once with a regular expression for
``"key": {`` or ``"key": "…"`` at the start of a line is cheap and exact for the pretty-printed files that
package managers write. When a key occurs several times, the first occurrence at or after a given offset
is used, which is how callers scope a lookup to a section (``"devDependencies"``).
"""

from __future__ import annotations

import bisect
import re

_KEY = re.compile(r'^[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*:', re.M)


class KeyLines:
    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._keys: dict[str, list[int]] | None = None

    def _index(self) -> None:
        text = self._text
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._starts = starts
        keys: dict[str, list[int]] = {}
        for m in _KEY.finditer(text):
            keys.setdefault(m.group(1), []).append(m.start(1))
        self._keys = keys

    def offset(self, key: str, after: int = 0) -> int | None:
        if self._keys is None:
            self._index()
        assert self._keys is not None
        offsets = self._keys.get(key)
        if not offsets:
            return None
        i = bisect.bisect_left(offsets, after)
        return offsets[i] if i < len(offsets) else None

    def line(self, key: str, after: int = 0) -> int | None:
        off = self.offset(key, after)
        if off is None:
            return None
        assert self._starts is not None
        return bisect.bisect_right(self._starts, off)
