"""Deciding whether a component is affected by OSV advisories, and what fixes it.

The algorithm is the OSV schema's own (https://ossf.github.io/osv-schema/#evaluation): per range, events
sorted by version; ``introduced`` (``"0"`` = from the beginning) opens, ``fixed`` closes at that version,
``last_affected`` closes after it; ``limit`` bounds the range from above. A version listed in ``versions`` is
affected whatever the ranges say. ``GIT`` ranges name commits, not package versions, and are ignored here.
Withdrawn advisories never match.

Why compile: a scan asks about the same few thousand advisories for 100,000 components, so each advisory is
parsed once (event versions turned into sort keys, names normalised) and kept by id + modified.
Several advisories that are the same vulnerability (``PYSEC-…`` aliasing ``CVE-…`` aliasing ``GHSA-…``) are
merged into one finding per component by union-find over ids and aliases — except that two advisories of
the *same* database (two ``RUSTSEC-…`` ids) are never joined through a shared alias: a database gives one
vulnerability one id, so two ids of its own are two vulnerabilities unless one names the other. (RustSec's
``failure`` advisories RUSTSEC-2019-0036, type confusion, and RUSTSEC-2020-0036, unmaintained, both list
CVE-2019-25010 and CVE-2020-25575; the CVEs describe the type confusion only.)

A component version must be one exact version: constraints, wildcards and tags are refused with
:class:`NotAVersion` (see :func:`versions.version_problem`) rather than parsed leniently and silently matched.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .names import normalize_name, purl_type_for
from .severity import Severity, advisory_severity, highest
from .versions import Key, _version_problem, is_prerelease, release_of, version_key, version_problem

INTRODUCED, FIXED, LAST_AFFECTED = 0, 1, 2
_ORIGIN: Key = (-1,)  # introduced "0": below every parsed (1, …) and unparseable (0, …) key
_INFINITY: Key = (2,)  # limit "*"
_EVENT_CODES = {"introduced": INTRODUCED, "fixed": FIXED, "last_affected": LAST_AFFECTED}


@dataclass(frozen=True, slots=True)
class Range:
    scheme: str  # version_key scheme: the purl type for ECOSYSTEM, "semver"/"golang" for SEMVER
    events: tuple[tuple[Key, int, str], ...]  # sorted (key, code, version as written)
    limits: tuple[Key, ...]
    # (introduced, closing key or None, closing is last_affected) when the events were written as pairs
    intervals: tuple[tuple[Key, Key | None, bool], ...] | None = None

    def contains(self, version: str) -> bool:
        vkey = version_key(self.scheme, version)
        if vkey[0] != 1:  # an unparseable component version is never placed inside a range
            return False
        if self.limits and not any(vkey < lim for lim in self.limits):
            return False
        if self.intervals is not None:
            for lo, hi, inclusive in self.intervals:
                if lo <= vkey and (hi is None or vkey < hi or (inclusive and vkey == hi)):
                    return True
            return False
        affected = False
        for key, code, _raw in self.events:
            if key > vkey:
                break  # sorted: no later event applies
            if code == INTRODUCED:
                affected = True
            elif code == FIXED or vkey > key:
                affected = False
        return affected


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``affected[]`` element, compiled."""

    purl_type: str
    name: str
    ranges: tuple[Range, ...]
    versions: frozenset[str]
    version_keys: frozenset[Key]
    fixed: tuple[str, ...]

    def affects(self, version: str) -> bool:
        if version in self.versions:
            return True
        if self.version_keys:
            vkey = version_key(self.purl_type, version)
            if vkey[0] == 1 and vkey in self.version_keys:
                return True
        return any(r.contains(version) for r in self.ranges)


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    summary: str
    withdrawn: bool
    severity: Severity
    entries: tuple[Entry, ...]

    def entries_for(self, purl_type: str, name: str) -> list[Entry]:
        return [e for e in self.entries if e.purl_type == purl_type and e.name == name]


@dataclass(slots=True)
class Finding:
    id: str
    aliases: list[str]
    purl_type: str
    name: str
    version: str
    summary: str
    severity: Severity
    fixed_in: list[str]
    recommended_fix: str | None
    advisory_ids: list[str]
    withdrawn: bool = False
    properties: dict[str, str] = field(default_factory=dict)


def _str_list(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _compile_range(raw: Any, purl_type: str) -> Range | None:
    if not isinstance(raw, dict):
        return None
    rtype = raw.get("type")
    if rtype == "ECOSYSTEM":
        scheme = purl_type
    elif rtype == "SEMVER":
        scheme = "golang" if purl_type == "golang" else "semver"
    else:
        return None  # GIT (commits) and unknown types say nothing about package versions
    events: list[tuple[Key, int, str]] = []
    limits: list[Key] = []
    raw_events = raw.get("events")
    for ev in raw_events if isinstance(raw_events, list) else []:
        if not isinstance(ev, dict):
            continue
        for kind, value in ev.items():
            if not isinstance(value, str):
                continue
            if kind == "limit":
                limits.append(_INFINITY if value == "*" else version_key(scheme, value))
                continue
            code = _EVENT_CODES.get(kind)
            if code is None:
                continue
            key = _ORIGIN if (code == INTRODUCED and value == "0") else version_key(scheme, value)
            events.append((key, code, value))
    if not events:
        return None
    intervals = _pairs(events)
    events.sort(key=lambda e: (e[0], e[1]))
    return Range(scheme, tuple(events), tuple(limits), intervals)


def _pairs(events: list[tuple[Key, int, str]]) -> tuple[tuple[Key, Key | None, bool], ...] | None:
    """The events as written, read as intervals, when they alternate introduced → fixed/last_affected.

    Why: the spec's sort-then-sweep reading and the union of the written intervals agree whenever intervals
    do not overlap; when they do (``introduced 0, fixed 2.11.6, introduced 2.11, fixed 2.11.7`` in
    PYSEC-2021-114; ``…, fixed 3.1.1, …, introduced 3.1.1, fixed 3.1.3`` in PYSEC-2022-236) the sweep closes
    the outer interval early, while the advisory's own ``versions`` list — and its authors' intent, one
    interval per affected line — is the union. Events not in pair order fall back to the sweep.
    """
    out: list[tuple[Key, Key | None, bool]] = []
    lo: Key | None = None
    for key, code, _raw in events:
        if code == INTRODUCED:
            if lo is not None:
                return None
            lo = key
        else:
            if lo is None:
                return None
            out.append((lo, key, code == LAST_AFFECTED))
            lo = None
    if lo is not None:
        out.append((lo, None, False))
    return tuple(out)


def _compile_entry(raw: Any) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    pkg = raw.get("package")
    if not isinstance(pkg, dict):
        return None
    eco, name = pkg.get("ecosystem"), pkg.get("name")
    if not isinstance(eco, str) or not isinstance(name, str) or not name:
        return None
    purl_type = purl_type_for(eco)
    if purl_type is None:
        return None
    raw_ranges = raw.get("ranges")
    ranges = tuple(r for r in (_compile_range(x, purl_type) for x in _str_or_list(raw_ranges)) if r is not None)
    versions = _str_list(raw.get("versions"))
    keys = frozenset(k for k in (version_key(purl_type, v) for v in versions) if k[0] == 1)
    fixed = tuple(dict.fromkeys(raw for rng in ranges for _k, code, raw in rng.events if code == FIXED))
    return Entry(purl_type, normalize_name(purl_type, name), ranges, frozenset(versions), keys, fixed)


def _str_or_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def compile_advisory(adv: dict[str, Any]) -> Advisory:
    """Parse an OSV record once. Anything malformed inside it is skipped, never raised."""
    ident = adv.get("id") if isinstance(adv.get("id"), str) else ""
    summary = adv.get("summary") if isinstance(adv.get("summary"), str) else ""
    if not summary and isinstance(adv.get("details"), str):
        summary = adv["details"].strip().split("\n", 1)[0][:200]
    entries = tuple(e for e in (_compile_entry(x) for x in _str_or_list(adv.get("affected"))) if e is not None)
    return Advisory(
        id=ident or "",
        aliases=tuple(_str_list(adv.get("aliases"))),
        summary=summary or "",
        withdrawn=bool(adv.get("withdrawn")),
        severity=advisory_severity(adv),
        entries=entries,
    )


_CACHE: dict[tuple[str, str], Advisory] = {}
_CACHE_MAX = 500_000


def compiled(adv: dict[str, Any] | Advisory) -> Advisory:
    """The compiled form, cached by (id, modified): re-imported unchanged advisories cost nothing."""
    if isinstance(adv, Advisory):
        return adv
    ident, modified = adv.get("id"), adv.get("modified")
    if not isinstance(ident, str) or not ident:
        return compile_advisory(adv)
    ck = (ident, modified if isinstance(modified, str) else "")
    hit = _CACHE.get(ck)
    if hit is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        hit = _CACHE[ck] = compile_advisory(adv)
    return hit


class NotAVersion(ValueError):
    """``match_component`` was given something that is not one exact version (a constraint, a tag…)."""

    def __init__(self, purl_type: str, version: object, reason: str) -> None:
        super().__init__(f"not an exact {purl_type} version ({reason}): {version!r}")
        self.purl_type, self.version, self.reason = purl_type, version, reason


def check_version(purl_type: str, version: object) -> str:
    """``version`` unchanged when it is one exact version; else :class:`NotAVersion`."""
    problem = version_problem(purl_type, version)
    if problem is not None:
        raise NotAVersion(purl_type, version, problem)
    assert isinstance(version, str)
    return version


def _database(ident: str) -> str:
    """The issuing database of an id: ``RUSTSEC`` for ``RUSTSEC-2019-0036``, ``CVE``, ``GHSA``, ``PYSEC``…"""
    return ident.split("-", 1)[0].upper()


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_Hit = tuple[Advisory, list[Entry]]


def _group(hits: list[_Hit]) -> tuple[_UnionFind, dict[str, list[_Hit]]]:
    """Advisories of one component grouped into vulnerabilities (see the module docstring for the rule).

    Deterministic: advisories are visited by id, so an alias shared by two advisories of one database goes to
    the lower id, and the other advisory stands alone.
    """
    uf = _UnionFind()
    databases: dict[str, set[str]] = {}  # root → databases of the advisories in its group
    hits = sorted(hits, key=lambda h: h[0].id)
    for adv, _ in hits:
        databases[uf.find(adv.id)] = {_database(adv.id)}

    def join(a: str, b: str, forced: bool) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        da, db_ = databases.get(ra, set()), databases.get(rb, set())
        if da & db_ and not forced:
            return  # would make two advisories of one database one vulnerability
        uf.union(ra, rb)
        databases[uf.find(ra)] = da | db_

    hit_ids = {adv.id for adv, _ in hits}
    for adv, _ in hits:  # an advisory naming another advisory of the set: direct links first
        for alias in adv.aliases:
            if alias in hit_ids:
                join(adv.id, alias, forced=_database(alias) == _database(adv.id))
    for adv, _ in hits:
        for alias in adv.aliases:
            if alias not in hit_ids:
                join(adv.id, alias, forced=False)
    groups: dict[str, list[_Hit]] = {}
    for adv, entries in hits:
        groups.setdefault(uf.find(adv.id), []).append((adv, entries))
    return uf, groups


def _preferred_id(ids: Iterable[str], advisory_ids: list[str]) -> str:
    """A CVE when the group has one (what people search for), else the first advisory's own id."""
    cves = sorted(i for i in ids if i.startswith("CVE-"))
    return cves[0] if cves else sorted(advisory_ids)[0]


def match_component(
    advisories: Iterable[dict[str, Any] | Advisory], purl_type: str, name: str, version: str,
    *, candidates: list[tuple[Key, str]] | None = None,
) -> list[Finding]:
    """Findings for one component; one per vulnerability (aliases merged), sorted by id.

    Raises :class:`NotAVersion` when ``version`` is not one exact version (``^1.2``, ``>=2,<3``, ``1.x``,
    ``latest``): a constraint must be reported as not checked, never silently matched or not matched.
    """
    check_version(purl_type, version)
    norm = normalize_name(purl_type, name)
    relevant: list[tuple[Advisory, list[Entry]]] = []
    for raw in advisories:
        adv = compiled(raw)
        if adv.withdrawn:
            continue
        entries = adv.entries_for(purl_type, norm)
        if entries:
            relevant.append((adv, entries))
    hits = [(adv, entries) for adv, entries in relevant if any(e.affects(version) for e in entries)]
    if not hits:
        return []

    uf, groups = _group(hits)
    if candidates is None:
        candidates = _all_candidates(relevant, purl_type)
    above = _upgrade_candidates(candidates, purl_type, version)
    findings = []
    for root, members in groups.items():
        adv_ids = sorted({a.id for a, _ in members})
        all_ids = set(adv_ids) | {x for a, _ in members for x in a.aliases if uf.find(x) == root}
        fid = _preferred_id(all_ids, adv_ids)
        fixed = sorted({f for _, ents in members for e in ents for f in e.fixed},
                       key=lambda v: version_key(purl_type, v))
        entries = [e for _, ents in members for e in ents]
        recommended = next((c for c in above if not any(e.affects(c) for e in entries)), None)
        findings.append(Finding(
            id=fid,
            aliases=sorted(all_ids - {fid}),
            purl_type=purl_type,
            name=norm,
            version=version,
            summary=next((a.summary for a, _ in members if a.summary), ""),
            severity=highest([a.severity for a, _ in members]),
            fixed_in=fixed,
            recommended_fix=recommended,
            advisory_ids=adv_ids,
        ))
    findings.sort(key=lambda f: f.id)
    return findings


_MAX_STR = "\U0010ffff"


def _upgrade_candidates(candidates: list[tuple[Key, str]], purl_type: str, version: str) -> list[str]:
    """Versions above ``version`` that could be the recommended fix, ascending.

    Why prereleases are replaced: a stable dependency must not be told to move to a prerelease (RustSec's
    ``fixed: 0.4.21-0`` for stdweb is a floor meaning "0.4.21 and its prereleases"), so unless the current
    version is itself a prerelease, each prerelease candidate stands for its release (``0.4.21``).
    """
    current = version_key(purl_type, version)
    if current[0] != 1:
        return []
    above = candidates[bisect_right(candidates, (current, _MAX_STR)):]
    if is_prerelease(purl_type, version):
        return [v for _k, v in above]
    out: dict[Key, str] = {}
    replaced = False
    for k, v in above:
        rel = release_of(purl_type, v)
        if rel is not None:
            k, v, replaced = version_key(purl_type, rel), rel, True
        out.setdefault(k, v)
    if not replaced:
        return [v for _k, v in above]
    return [v for _k, v in sorted(out.items(), key=lambda kv: kv[0])]


def _all_candidates(relevant: list[tuple[Advisory, list[Entry]]], purl_type: str) -> list[tuple[Key, str]]:
    """Every version the package's advisories name as fixed or enumerate, ascending, one per key: the
    candidates for the smallest non-vulnerable version above the current one."""
    seen: dict[Key, str] = {}
    for _adv, entries in relevant:
        for e in entries:
            for v in (*e.fixed, *e.versions):
                k = version_key(purl_type, v)
                if k[0] == 1 and k not in seen:
                    seen[k] = v
    return sorted(seen.items(), key=lambda kv: kv[0])


def recommended_upgrade(advisories: Iterable[dict[str, Any] | Advisory], purl_type: str, name: str,
                        version: str) -> str | None:
    """The smallest known version above ``version`` that no advisory of the package affects."""
    norm = normalize_name(purl_type, name)
    relevant = []
    for raw in advisories:
        adv = compiled(raw)
        if not adv.withdrawn:
            ents = adv.entries_for(purl_type, norm)
            if ents:
                relevant.append((adv, ents))
    entries = [e for _, ents in relevant for e in ents]
    above = _upgrade_candidates(_all_candidates(relevant, purl_type), purl_type, check_version(purl_type, version))
    return next((v for v in above if not any(e.affects(v) for e in entries)), None)


_SAME_ORDER = {("npm", "semver"), ("cargo", "semver"), ("hex", "semver"), ("golang", "golang")}


class _PackagePlan:
    """Why: a package like tensorflow has 400 advisories, and evaluating all of them for each of thousands of
    components costs milliseconds each. Whether a version is affected, the fixed versions and the recommended
    fix only change at the versions the advisories name (event versions, enumerated versions), so results are
    computed once per position among those boundaries — exactly at one, or strictly between two — and reused.
    """

    __slots__ = ("boundaries", "cache", "candidates", "usable")

    def __init__(self, purl_type: str, advisories: list[Advisory], name: str) -> None:
        keys: set[Key] = set()
        usable = True
        for adv in advisories:
            for e in adv.entries:
                if e.purl_type != purl_type or e.name != name:
                    continue
                keys.update(e.version_keys)
                for r in e.ranges:
                    if r.scheme != purl_type and (purl_type, r.scheme) not in _SAME_ORDER:
                        usable = False
                    keys.update(k for k, _c, _raw in r.events)
                    keys.update(r.limits)
        self.boundaries = sorted(keys)
        self.cache: dict[tuple[int, bool, bool], list[Finding]] = {}
        relevant = [(a, a.entries_for(purl_type, name)) for a in advisories if not a.withdrawn]
        self.candidates = _all_candidates(relevant, purl_type)
        self.usable = usable


class AdvisoryIndex:
    """Advisories by (purl type, normalised name): the in-memory lookup a scan matches against."""

    def __init__(self, advisories: Iterable[dict[str, Any] | Advisory] = ()) -> None:
        self._by_package: dict[tuple[str, str], list[Advisory]] = {}
        self._plans: dict[tuple[str, str], _PackagePlan] = {}
        for adv in advisories:
            self.add(adv)

    def add(self, raw: dict[str, Any] | Advisory) -> None:
        adv = compiled(raw)
        for pkg in {(e.purl_type, e.name) for e in adv.entries}:
            self._by_package.setdefault(pkg, []).append(adv)
            self._plans.pop(pkg, None)

    def for_package(self, purl_type: str, name: str) -> list[Advisory]:
        return self._by_package.get((purl_type, normalize_name(purl_type, name)), [])

    def match(self, purl_type: str, name: str, version: str) -> list[Finding]:
        # hot path (once per component): the cached check inline, same rule as check_version
        if not isinstance(version, str) or _version_problem(purl_type, version) is not None:
            check_version(purl_type, version)
        advs = self._by_package.get((purl_type, normalize_name(purl_type, name)))
        if not advs:
            return []
        pkg = (purl_type, normalize_name(purl_type, name))
        vkey = version_key(purl_type, version)
        if vkey[0] != 1:
            return match_component(advs, purl_type, name, version)
        plan = self._plans.get(pkg)
        if plan is None:
            plan = self._plans[pkg] = _PackagePlan(purl_type, advs, pkg[1])
        if not plan.usable:
            return match_component(advs, purl_type, name, version)
        pos = bisect_left(plan.boundaries, vkey)
        at = pos < len(plan.boundaries) and plan.boundaries[pos] == vkey
        # the recommended fix depends on whether the version is a prerelease, not only on its position
        slot = (pos, at, is_prerelease(purl_type, version))
        cached = plan.cache.get(slot)
        if cached is None:
            cached = plan.cache[slot] = match_component(advs, purl_type, name, version,
                                                             candidates=plan.candidates)
        return [replace(f, version=version, aliases=list(f.aliases), fixed_in=list(f.fixed_in),
                        advisory_ids=list(f.advisory_ids), properties=dict(f.properties)) for f in cached]

    def __len__(self) -> int:
        return len(self._by_package)
