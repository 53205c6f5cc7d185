"""Helpers shared by the NuGet extractors: purls, version classification, namespace-free XML access."""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import make_purl

_PLAIN = re.compile(r"^v?\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_EXACT = re.compile(r"^\[\s*([^,\]\s]+)\s*\]$")


def nuget_purl(name: str, version: str | None = None) -> str:
    """NuGet ids are case-insensitive; the purl keeps the id as the file writes it."""
    return make_purl("nuget", name, version)


def classify(spec: str | None, plain_is_pinned: bool = True) -> tuple[str | None, bool]:
    """(version, pinned). ``1.2.3`` pins in PackageReference/packages.config practice (NuGet resolves the
    lowest applicable version, which is that one); ``[1.2.3]`` pins everywhere; ranges and floating
    versions (``1.*``) do not."""
    if spec is None:
        return None, False
    spec = spec.strip()
    if not spec:
        return None, False
    m = _EXACT.match(spec)
    if m and _PLAIN.match(m.group(1)):
        return m.group(1), True
    if plain_is_pinned and _PLAIN.match(spec):
        return spec, True
    return spec, False


def local(tag: Any) -> str:
    """Element name without the XML namespace (old csproj and nuspec files declare one)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def attr(el: Any, name: str) -> str | None:
    """Attribute by case-insensitive name (MSBuild does not care about case)."""
    lname = name.lower()
    for k, v in el.attrib.items():
        if local(k).lower() == lname:
            return v
    return None


def child_text(el: Any, name: str) -> str | None:
    lname = name.lower()
    for ch in el:
        if local(ch.tag).lower() == lname:
            return (ch.text or "").strip()
    return None


def attr_or_child(el: Any, name: str) -> str | None:
    v = attr(el, name)
    return v if v is not None else child_text(el, name)
