"""Ecosystem names and package-name normalisation shared by the database and the matcher.

The inventory speaks purl types (``pypi``, ``golang``, ``gem``); OSV speaks its own ecosystem names
(``PyPI``, ``Go``, ``RubyGems``). Package names are compared after the ecosystem's own normalisation, so
``Django`` and ``django``, ``zope.interface`` and ``zope-interface`` find the same advisories.
"""

from __future__ import annotations

import re
from functools import lru_cache

# purl type → OSV ecosystem name (https://ossf.github.io/osv-schema/#defined-ecosystems)
PURL_TO_OSV: dict[str, str] = {
    "npm": "npm",
    "pypi": "PyPI",
    "maven": "Maven",
    "golang": "Go",
    "cargo": "crates.io",
    "composer": "Packagist",
    "gem": "RubyGems",
    "nuget": "NuGet",
    "hex": "Hex",
    "pub": "Pub",
    "swift": "SwiftURL",
    "cocoapods": "CocoaPods",
    "githubactions": "GitHub Actions",
    "conda": "conda",
    "docker": "Docker",
}
OSV_TO_PURL: dict[str, str] = {v.lower(): k for k, v in PURL_TO_OSV.items()}

_PEP503 = re.compile(r"[-_.]+")


def osv_ecosystem_base(ecosystem: str) -> str:
    """``Debian:12`` → ``Debian``; ``Ubuntu:Pro:22.04:LTS`` → ``Ubuntu``: the release suffix is not the ecosystem."""
    return ecosystem.split(":", 1)[0]


def purl_type_for(osv_ecosystem: str) -> str | None:
    return OSV_TO_PURL.get(osv_ecosystem_base(osv_ecosystem).lower())


@lru_cache(maxsize=131_072)  # hot: once per component and per advisory entry
def normalize_name(purl_type: str, name: str) -> str:
    """The comparison key of a package name within its ecosystem.

    * PyPI: PEP 503 (lower case, runs of ``-_.`` become ``-``);
    * npm, Go, Composer, crates.io, Maven: case is significant in the registry but advisories are written
      inconsistently (``Newtonsoft.Json`` vs ``newtonsoft.json`` in NuGet; ``github.com/Sirupsen/logrus``):
      NuGet, Composer and crates.io names are case-insensitive in their registries, so they are lower-cased;
      npm names are lower-case by rule; Go module paths and Maven coordinates keep their case;
    * Maven: ``group:artifact`` (a ``/`` separator from a purl is turned into ``:``).
    """
    name = name.strip()
    if purl_type == "pypi":
        return _PEP503.sub("-", name).lower()
    if purl_type in {"nuget", "composer", "cargo", "npm", "hex", "pub"}:
        return name.lower()
    if purl_type == "maven" and ":" not in name and "/" in name:
        group, _, artifact = name.rpartition("/")
        return f"{group}:{artifact}"
    return name
