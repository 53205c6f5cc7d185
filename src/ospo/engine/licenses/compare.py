"""Compare two license expressions the way the benchmark and tests need: by the licenses they name.

Why sets of keys and not expression equality: ScanCode repeats one license per detection and joins them with
AND (``(GPL-1.0-or-later AND GPL-1.0-only) AND ...``), and a dedication offered under two instruments comes out
as ``(us-govt-public-domain OR CC0-1.0) AND CC0-1.0``. What a reviewer needs to agree on is which licenses a
file names. Two mappings make the vocabularies comparable:

* ``LicenseRef-scancode-unknown-license-reference`` only says "this file mentions a license by reference"; it
  names no license and is dropped;
* ScanCode's public-domain keys (``LicenseRef-scancode-public-domain``, ``...-us-govt-public-domain``) are our
  ``LicenseRef-PublicDomain``.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+:-]*")
_OPERATORS = frozenset({"AND", "OR", "WITH", "and", "or", "with"})
_DROP = frozenset({"LicenseRef-scancode-unknown-license-reference"})
_ALIASES = {
    "LicenseRef-scancode-public-domain": "LicenseRef-PublicDomain",
    "LicenseRef-scancode-us-govt-public-domain": "LicenseRef-PublicDomain",
}


def license_keys(expression: str | None) -> frozenset[str]:
    """The license and exception ids an expression names, case-folded, after the mappings above."""
    if not expression:
        return frozenset()
    keys = set()
    for tok in _KEY.findall(expression):
        if tok in _OPERATORS or tok in _DROP:
            continue
        keys.add(_ALIASES.get(tok, tok).lower())
    return frozenset(keys)


def agree(ours: str | None, theirs: str | None) -> bool:
    return license_keys(ours) == license_keys(theirs)
