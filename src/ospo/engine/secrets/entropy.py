"""Shannon entropy and placeholder filters: what separates a real credential from ``your-token-here``."""

from __future__ import annotations

import math
import re
from collections import Counter

# Words that mark a value written for a reader rather than a machine. Lower-case substrings.
PLACEHOLDER_WORDS: tuple[str, ...] = (
    "example", "sample", "placeholder", "changeme", "change_me", "change-me", "your", "dummy", "fake", "test",
    "xxxx", "****", "redacted", "replace", "insert", "enter", "todo", "fixme", "foobar", "lorem", "secret",
    "password", "passwd", "mock", "default", "demo", "invalid", "none", "null", "undefined", "<", ">",
    "${", "{{", "%(", "%s", "$(", "#{", "...", "…",
)  # fmt: skip

_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl")


def shannon(value: str) -> float:
    """Bits per character."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def is_placeholder(value: str) -> bool:
    low = value.lower()
    if any(w in low for w in PLACEHOLDER_WORDS):
        return True
    if len(set(low)) <= 2:
        return True
    return any(low[i:i + 6] in seq for seq in _SEQUENCES for i in range(0, max(1, len(low) - 5), 3)) and len(low) < 20


_IDENT_PATH = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$")  # settings.SECRET_KEY, process.env.X
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_CONST = re.compile(r"^[A-Z][A-Z0-9_]*$")  # an environment variable's NAME, not its value


def looks_random(value: str, min_len: int = 12, min_bits: float = 3.5) -> bool:
    """A generated credential: long enough, letters AND digits, high entropy, not an identifier path."""
    if len(value) < min_len:
        return False
    if _IDENT_PATH.match(value) or _CONST.match(value):
        return False
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    threshold = min_bits if len(value) >= 16 else min_bits - 0.2
    if _HEX.match(value):
        threshold -= 0.5  # 16 symbols: a random hex string of 24 characters averages ~3.4 bits
    return shannon(value) >= threshold
