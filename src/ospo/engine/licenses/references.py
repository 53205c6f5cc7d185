"""Follow "See LICENSE file for licensing details" to the file it names, when the text itself names no license.

Why: a header template, a NOTICE or a README often carries no license words at all, only a pointer to the
license file next to it. The pointer is the license statement, so the honest answer for that file is the
license of the file it names — what a reviewer would do by hand (ScanCode does the same). Only a file in the
same directory is followed, only one step (no chains), and only when identification of the text found
nothing: a text that names its own license is never overridden by a neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ospo.engine.safeparse import ParseFailure

if TYPE_CHECKING:
    from ospo.engine.licenses.identify import Identification

# "see LICENSE", "refer to the LICENSE.md file", "found in COPYING", "terms in `LICENSE-MIT`", "under LICENSE.txt"
_REFERENCE = re.compile(
    r"\b(?:see|refer\s+to|read|found\s+in|described\s+in|set\s+out\s+in|contained\s+in|terms\s+in|under|in)\s+"
    r"(?:the\s+)?(?:accompanying\s+|included\s+|enclosed\s+)?(?:file\s+)?[`'\"‘“(\[]?"
    r"(?P<file>(?:licen[cs]e|copying|unlicense|notice)(?:[-._][\w.-]*\w)?)\b",
    re.IGNORECASE)
REFERENCE_SCORE = 0.9  # the pointer is explicit, but the named file may change independently of the pointer


def referenced_files(text: str) -> list[tuple[str, int]]:
    """File names the text points to, with the 1-based line of each pointer, in order, once each."""
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        for m in _REFERENCE.finditer(line):
            seen.setdefault(m.group("file"), n)
    return list(seen.items())


def follow(ident: Identification, text: str, read_sibling: Callable[[str], bytes | None],
           identify: Callable[[bytes], Identification]) -> Identification:
    """``ident`` unchanged when it found a license or the text points nowhere readable; else the license of the
    first named sibling file that has one, as a "reference" match on the pointer's line."""
    from ospo.engine.licenses.identify import Identification, Match

    if ident.expression is not None:
        return ident
    for name, line in referenced_files(text):
        data = read_sibling(name)
        if data is None:
            continue
        try:
            target = identify(data)
        except ParseFailure:  # binary or too large: the pointer leads nowhere usable
            continue
        if target.expression is None:
            continue
        score = round(target.confidence * REFERENCE_SCORE, 4)
        return Identification(target.expression, score, [Match(target.expression, line, line, score, "reference")],
                              ident.extra_text)
    return ident


def disk_sibling_reader(path: str, limit: int = 1024 * 1024) -> Callable[[str], bytes | None]:
    """A reader of regular files in ``path``'s directory, matched case-insensitively, never outside it."""
    import os
    from pathlib import Path

    folder = Path(path).parent

    def read(name: str) -> bytes | None:
        if "/" in name or "\\" in name or name in (".", ".."):
            return None
        try:
            entries = {e.name.lower(): e for e in os.scandir(folder)}
        except OSError:
            return None
        entry = entries.get(name.lower())
        if entry is None or entry.is_symlink() or not entry.is_file() or Path(entry.path) == Path(path):
            return None
        try:
            with open(entry.path, "rb") as fh:
                return fh.read(limit)
        except OSError:
            return None

    return read
