"""Fill in dependency licenses: the lockfile's value when it has one, else the knowledge cache, else (online)
the package registry — recording where each value came from in ``Component.properties["license_source"]``.

Why this order: a lockfile value travels with the code and was true when the lock was made; the cache is what
a registry said earlier (perhaps on another machine, copied in for an air-gapped network); the registry is
asked only when allowed (``online``) and only about pinned versions (a range has no single license). A
registry failure is recorded as an issue on the scan and the rest goes on; registry queries run on a bounded
thread pool and each is deduplicated by (type, name, version).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from packageurl import PackageURL

from ospo.engine.licenses.attribution_messages import CATALOG
from ospo.engine.licenses.knowledge import KnowledgeCache
from ospo.engine.licenses.registries import DEFAULT_BASES, Answer, Client, PackageRef, clients
from ospo.engine.licenses.registries.http import HttpOptions, NotFound, RegistryError
from ospo.engine.model import Component, ParseIssue, ScanResult
from ospo.engine.safeparse import ParseFailure

SOURCE_KEY = "license_source"
REGISTRY_NAMES = {"pypi": "PyPI", "npm": "npm", "maven": "Maven Central", "cargo": "crates.io", "gem": "RubyGems",
                  "composer": "Packagist", "nuget": "NuGet"}


@dataclass
class EnrichOptions:
    bases: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BASES))
    http: HttpOptions = field(default_factory=HttpOptions)
    workers: int = 8
    clients: dict[str, Client] | None = None  # tests may substitute; default: registries.clients()


@dataclass
class EnrichStats:
    lockfile: int = 0
    cache: int = 0
    registry: int = 0
    unknown: int = 0
    errors: int = 0


def package_ref(c: Component) -> PackageRef | None:
    """The registry coordinates of a pinned component, from its purl; None when it cannot be looked up."""
    if not c.pinned or not c.version:
        return None
    try:
        p = PackageURL.from_string(c.purl)
    except ValueError:
        return None
    if not p.version:
        return None
    return PackageRef(p.type, p.namespace, p.name, p.version)


def enrich_licenses(scan: ScanResult, cache: KnowledgeCache | None, online: bool,
                    options: EnrichOptions | None = None, lang: str = "en") -> EnrichStats:
    """Fill ``Component.license`` in place; never overwrite a value that came with the scan (lockfile)."""
    options = options or EnrichOptions()
    stats = EnrichStats()
    wanted: dict[tuple[str, str, str], list[Component]] = {}
    refs: dict[tuple[str, str, str], PackageRef] = {}
    for c in scan.components:
        if c.license:
            c.properties.setdefault(SOURCE_KEY, "lockfile")
            stats.lockfile += 1
            continue
        ref = package_ref(c)
        if ref is None:
            stats.unknown += 1
            continue
        key = (ref.ptype, ref.key_name, ref.version)
        wanted.setdefault(key, []).append(c)
        refs[key] = ref
    to_fetch: list[tuple[str, str, str]] = []
    for key, comps in wanted.items():
        known = cache.get(*key) if cache is not None else None
        if known is not None and (not online or not known.stale):
            _assign(comps, known.license, "cache", stats)
            continue
        table = options.clients if options.clients is not None else clients()
        if online and key[0] in table and key[0] in options.bases:
            to_fetch.append(key)
        elif known is not None:
            _assign(comps, known.license, "cache", stats)
        else:
            stats.unknown += len(comps)
    if to_fetch:
        table = options.clients if options.clients is not None else clients()

        def one(key: tuple[str, str, str]) -> tuple[tuple[str, str, str], Answer | None, str | None]:
            ref = refs[key]
            try:
                return key, table[key[0]](ref, options.bases[key[0]], options.http), None
            except NotFound as exc:
                return key, Answer(None, f"not-found:{exc}"), None
            except (RegistryError, ParseFailure) as exc:
                return key, None, str(exc)

        with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
            results = list(pool.map(one, to_fetch))
        rows = []
        for key, answer, error in sorted(results, key=lambda r: r[0]):
            comps = wanted[key]
            if answer is None:
                stats.errors += 1
                known = cache.get(*key) if cache is not None else None
                if known is not None:
                    _assign(comps, known.license, "cache", stats)  # stale knowledge beats none
                else:
                    stats.unknown += len(comps)
                package = f"{key[1]}@{key[2]}"
                scan.issues.append(ParseIssue(comps[0].location.path if comps[0].location else "", CATALOG.get(
                    "enrich.registry-error", lang, registry=REGISTRY_NAMES.get(key[0], key[0]), package=package,
                    error=error), "warning"))
                continue
            if not answer.url.startswith("not-found:"):
                rows.append((*key, answer.license, answer.url))
            _assign(comps, answer.license, "registry", stats)
        if cache is not None and rows:
            cache.put_many(rows)
    return stats


def _assign(comps: list[Component], license: str | None, source: str, stats: EnrichStats) -> None:
    for c in comps:
        if license:
            c.license = license
            c.properties[SOURCE_KEY] = source
            setattr(stats, source, getattr(stats, source) + 1)
        else:
            stats.unknown += 1
