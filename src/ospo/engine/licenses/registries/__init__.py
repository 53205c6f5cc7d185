"""One small client per package registry, each answering: what license does this package version declare?

Every client has the same shape: ``fetch(ref, base, options) -> Answer`` builds the URL(s) from a configurable
base, GETs through :mod:`.http` (timeouts, size cap, retries), and hands the body to a pure ``parse_*``
function that raises only ``ParseFailure`` — the part that is fuzzed. The license is returned *as written*
by the registry (normalisation to SPDX is the consumer's job, as for lockfile values).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ospo.engine.licenses.registries.http import HttpOptions


@dataclass(frozen=True, slots=True)
class PackageRef:
    ptype: str  # purl type
    namespace: str | None
    name: str
    version: str

    @property
    def key_name(self) -> str:
        """The name as the cache keys it: namespace and name joined as the ecosystem writes them."""
        if not self.namespace:
            return self.name
        sep = ":" if self.ptype == "maven" else "/"
        return f"{self.namespace}{sep}{self.name}"


@dataclass(frozen=True, slots=True)
class Answer:
    license: str | None
    url: str


Client = Callable[[PackageRef, str, HttpOptions], Answer]

DEFAULT_BASES: dict[str, str] = {
    "pypi": "https://pypi.org",
    "npm": "https://registry.npmjs.org",
    "maven": "https://repo1.maven.org/maven2",
    "cargo": "https://crates.io",
    "gem": "https://rubygems.org",
    "composer": "https://repo.packagist.org",
    "nuget": "https://api.nuget.org/v3-flatcontainer",
}


def clients() -> dict[str, Client]:
    from ospo.engine.licenses.registries import cargo, gem, maven, npm, nuget, packagist, pypi

    return {"pypi": pypi.fetch, "npm": npm.fetch, "maven": maven.fetch, "cargo": cargo.fetch, "gem": gem.fetch,
            "composer": packagist.fetch, "nuget": nuget.fetch}


def any_of(names: list[str]) -> str | None:
    """Several licenses offered as a choice → one expression. Each name is normalised on its own (a joined
    free-text string such as "Apache License, Version 2.0 OR GNU GPL, version 2" would not parse); when a
    name is unknown the words are kept as written, so nothing is guessed."""
    from ospo.engine.licenses.declared import normalize_expression

    distinct = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if len(distinct) <= 1:
        return distinct[0] if distinct else None
    parts = []
    for n in distinct:
        expr, refs = normalize_expression(n)
        if not expr or refs:
            return " OR ".join(distinct)
        parts.append(f"({expr})" if " " in expr else expr)
    return " OR ".join(dict.fromkeys(parts))
