"""Open an input once and get both its inventory and its declared license — for ``ospo check`` and ``ospo notice``.

Why here and not in each command: the declared license needs the *tree* (license files, REUSE data,
manifests), which :func:`ospo.engine.api.scan_input` does not expose. :func:`ospo.engine.api.open_tree` opens
the same tree (a directory, a git ref read from the object store, a partial clone of a URL) and this module
runs the inventory and :func:`declared_license` over it before closing it, so a URL is cloned once and a git
ref is read without a checkout. An SBOM input has no tree: its declared license stays ``None`` and the check
falls back to what the SBOM says about the root component.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ospo.engine.licenses.declared import DeclaredLicense, declared_license
from ospo.engine.licenses.knowledge import KnowledgeCache
from ospo.engine.model import ScanResult

_TOP_LEVEL = re.compile(r"^(?:licen[cs]e|copying|unlicense|copyright|notice)(?:[-._][^/]*)?$", re.IGNORECASE)
_MANIFESTS = frozenset({"pyproject.toml", "package.json", "Cargo.toml", "composer.json", "pom.xml",
                        "REUSE.toml"})
_DOTNET = (".csproj", ".fsproj", ".vbproj", ".nuspec", "Directory.Build.props")


def declared_license_paths(path: str) -> bool:
    """The paths :func:`declared_license` may read: prefetched in one request when the input is a URL."""
    base = posixpath.basename(path)
    depth = path.count("/")
    if depth == 0:
        return bool(_TOP_LEVEL.match(base)) or base in _MANIFESTS or base.endswith((".gemspec", *_DOTNET))
    if depth == 1 and path.startswith(("LICENSES/", ".reuse/")):
        return True
    return depth <= 2 and base.endswith(_DOTNET)


@dataclass
class LicensedInput:
    """One input's inventory and what the repository declares about its own license (None: no tree)."""

    spec: str
    scan: ScanResult
    declared: DeclaredLicense | None


def load_input(spec: str, ref: str | None = None) -> LicensedInput:
    """Scan ``spec`` and compute its declared license from the same open tree. Never raises for bad input."""
    from ospo.engine.api import ScanOptions, open_tree

    options = ScanOptions(ref=ref)
    with open_tree(spec, options, extra_paths=declared_license_paths) as opened:
        scan = opened.scan(spec, options)
        declared = declared_license(opened.tree, scan) if opened.tree is not None else None
    return LicensedInput(spec, scan, declared)


def open_cache(path: str | None, disabled: bool) -> tuple[KnowledgeCache | None, str | None]:
    """The license knowledge cache, or (None, why) — an unusable cache file must not stop a check or a NOTICE."""
    if disabled:
        return None, None
    try:
        return KnowledgeCache(path), None
    except Exception as exc:  # sqlite3 errors on a corrupt file, OSError on a read-only cache directory
        return None, str(exc)


def load_inputs(specs: list[str], ref: str | None, cache: KnowledgeCache | None, online: bool,
                lang: str = "en") -> list[LicensedInput]:
    """Every input scanned, its declared license computed, and its dependency licenses filled in the order
    lockfile → cache → (``online`` only) registry. Offline by default: an air-gapped run asks nobody."""
    from ospo.engine.licenses.enrich import enrich_licenses

    loaded = [load_input(spec, ref) for spec in specs]
    for item in loaded:
        enrich_licenses(item.scan, cache, online=online, lang=lang)
    return loaded
