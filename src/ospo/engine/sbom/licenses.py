"""How a declared license string becomes an SBOM license field.

A single SPDX identifier becomes ``{"license": {"id": …}}``; a valid SPDX expression becomes
``{"expression": …}``; anything else (``"BSD"``, a URL, free text) is kept as ``{"license": {"name": …}}``
so that nothing declared is lost and nothing invalid is claimed to be SPDX. The license engine does the
deeper normalisation; here we only refuse to mislabel.
"""

from __future__ import annotations

from functools import cache
from typing import Any


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
        parsed = licensing.parse(text, validate=True, strict=True)
    except Exception:
        return None, False
    if parsed is None:
        return None, False
    keys = licensing.license_keys(parsed)
    if any(k.startswith("LicenseRef-") is False and licensing.known_symbols.get(k) is None for k in keys):
        return None, False
    rendered = parsed.render()
    return rendered, len(keys) == 1 and " " not in rendered and not rendered.startswith("LicenseRef-")


def license_choice(value: str) -> list[dict[str, Any]]:
    expr, single = spdx_expression(value)
    if expr is None:
        return [{"license": {"name": value.strip()[:1000] or "NOASSERTION"}}]
    if single:
        return [{"license": {"id": expr}}]
    return [{"expression": expr}]
