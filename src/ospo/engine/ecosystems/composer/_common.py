"""Helpers shared by the Composer extractors: names, purls, platform packages, constraints, licenses."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

# Exact versions as Composer writes them: 1.2.3, v1.2.3, 1.2.3.4, with an optional stability suffix.
_EXACT = re.compile(
    r"^(?:==?\s*)?(v?\d+\.\d+\.\d+(?:\.\d+)?(?:-?(?:alpha|beta|RC|rc|patch|pl|p|stable|a|b)\.?\d*)?)$"
)
_PLATFORM = re.compile(r"^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|composer(?:-plugin-api|-runtime-api)?|"
                       r"ext-.+|lib-.+)$", re.I)


def is_platform(name: str) -> bool:
    """PHP itself, its extensions and libraries, and Composer's APIs: provided by the platform, not installed.

    Every real package name is ``vendor/package``; platform names never contain a slash.
    """
    return "/" not in name or _PLATFORM.match(name) is not None


def composer_purl(name: str, version: str | None = None) -> str:
    """``pkg:composer/vendor/package@version``; Composer names are case-insensitive and stored lower-case."""
    vendor, _, package = name.lower().partition("/")
    return make_purl("composer", package or vendor, version, namespace=vendor if package else None)


def exact_constraint(constraint: str) -> str | None:
    """The version when a constraint admits exactly one (``1.2.3``, ``v1.2.3``, ``==1.2.3``), else None.

    Stability flags (``1.2.3@dev``) do not change the version; inline aliases (``1.2.3 as 1.0.0``) install
    the left-hand version.
    """
    c = constraint.strip()
    if " as " in c:
        c = c.split(" as ", 1)[0].strip()
    c = c.split("@", 1)[0].strip()
    m = _EXACT.match(c)
    return m.group(1) if m else None


def license_expression(value: object) -> str | None:
    """Composer's ``license`` array means the package may be used under any of them: an SPDX ``OR``."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        ids = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        if len(ids) == 1:
            return ids[0]
        if ids:
            return " OR ".join(f"({i})" if " " in i else i for i in ids)
    return None
