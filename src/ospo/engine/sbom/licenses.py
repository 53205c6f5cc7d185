"""How a declared license string becomes an SBOM license field.

A single SPDX identifier becomes ``{"license": {"id": …}}``; a valid SPDX expression becomes
``{"expression": …}``; anything else (``"BSD"``, a URL, free text) is kept as ``{"license": {"name": …}}``
so that nothing declared is lost and nothing invalid is claimed to be SPDX. The license engine does the
deeper normalisation; here we only refuse to mislabel.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# A user-defined reference is valid SPDX syntax although no list knows it.
_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.+-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


@cache
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@cache
def spdx_expression(value: str) -> tuple[str | None, bool]:
    """(normalised SPDX expression, is a single license id) or (None, False) when not valid SPDX."""
    text = value.strip()
    if not text or len(text) > 500:
        return None, False
    licensing = _licensing()
    try:
        # validate=False: strict validation rejects LicenseRef-…, which is valid SPDX; unknown ids are
        # refused below instead.
        parsed = licensing.parse(text, validate=False, strict=True)
    except Exception:
        return None, False
    if parsed is None:
        return None, False
    keys = licensing.license_keys(parsed)
    if not keys or any(licensing.known_symbols.get(k) is None and not _REF.match(k) for k in keys):
        return None, False
    rendered = parsed.render()
    return rendered, len(keys) == 1 and " " not in rendered and not _REF.match(rendered)


def has_license_ref(expression: str) -> bool:
    """True when a normalised expression names a LicenseRef (whose text the document must then define)."""
    return "LicenseRef-" in expression


def license_choice(value: str) -> list[dict[str, Any]]:
    expr, single = spdx_expression(value)
    if expr is None:
        return [{"license": {"name": value.strip()[:1000] or "NOASSERTION"}}]
    if single:
        return [{"license": {"id": expr}}]
    return [{"expression": expr}]
