"""What the catalog pages and commands do with the database; the logic itself lives in ``ospo.catalog``.

This module only gathers rows into the plain inputs the pure functions take (records, usage facts, risk facts,
repository profiles) and writes their answers back: no format, estimation or ranking logic is re-implemented.
"""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from ospo.catalog import cocomo
from ospo.catalog.contribute import RankedProject, RiskFacts, UsageFact, rank
from ospo.catalog.duplication import DuplicateCandidate, RepoProfile, find_duplicates, package_key
from ospo.catalog.record import FUNCTION_CATEGORIES, CatalogRecord
from ospo.catalog.sloc import SlocCount, count_directory, count_tree, language_of
from ospo.platform.catalog.models import EdgeKind, Entry, Instance, LicenceSaving, ReuseEdge
from ospo.platform.estate.models import Agency, Repository
from ospo.platform.inventory.models import Usage

_RECORD_FIELDS = set(CatalogRecord.__slots__)  # type: ignore[attr-defined]


# --- import / export -----------------------------------------------------------------------------------------
def entry_fields(record: CatalogRecord) -> dict[str, Any]:
    cat = next((c for c in record.function_categories if c in FUNCTION_CATEGORIES), "")
    return {
        "name": record.name[:300],
        "description": record.summary()[:20_000],
        "url": record.url[:1000],
        "landing_url": record.landing_url[:1000],
        "license": record.license[:500],
        "category": cat,
        "language": (record.languages[0] if record.languages else "")[:50],
        "source_format": record.source_format,
        "source_id": record.source_id[:1000],
        "record": record.as_dict(),
        "dpg_status": record.dpg_status[:20],
    }


@transaction.atomic
def import_records(records: list[CatalogRecord]) -> tuple[int, int]:
    """Create or update entries keyed by (source format, source id); returns (created, updated)."""
    created = updated = 0
    for record in records:
        fields = entry_fields(record)
        entry = None
        if record.source_id:
            entry = Entry.objects.filter(source_format=record.source_format, source_id=fields["source_id"]).first()
        if entry is None:
            Entry.objects.create(**fields)
            created += 1
        else:
            for k, v in fields.items():
                setattr(entry, k, v)
            entry.save()
            updated += 1
    return created, updated


def record_of(entry: Entry) -> CatalogRecord:
    data = {k: v for k, v in (entry.record or {}).items() if k in _RECORD_FIELDS}
    data.setdefault("name", entry.name)
    data.setdefault("source_format", entry.source_format or "ospo")
    record = CatalogRecord(**data)
    # OSPO edits win over the imported values for the fields the entry owns
    record.name, record.url, record.license = entry.name, entry.url or record.url, entry.license or record.license
    return record


# --- reuse detection -----------------------------------------------------------------------------------------
def repo_package_key(url: str) -> str | None:
    """https://github.com/Owner/Name(.git) → pkg:github/owner/name (the purl type GitHub/GitLab dependencies use)."""
    for host, kind in (("github.com/", "github"), ("gitlab.com/", "gitlab"), ("bitbucket.org/", "bitbucket")):
        if host in url:
            path = url.split(host, 1)[1].removesuffix("/").removesuffix(".git").lower()
            if path.count("/") >= 1:
                return f"pkg:{kind}/{path}"
    return None


def entry_keys(entry: Entry) -> set[str]:
    keys = {k for k in entry.package_keys if isinstance(k, str)}
    if (k := repo_package_key(entry.url)) is not None:
        keys.add(k)
    return keys


def _root_commits(path: str) -> set[str]:
    """Root commits of a local git repository (``git rev-list --max-parents=0 HEAD``); empty if not one."""
    if not path or not os.path.isdir(path):
        return set()
    try:
        out = subprocess.run(
            ["git", "-C", path, "rev-list", "--max-parents=0", "HEAD"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"},
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in out.splitlines() if line.strip()}


def _edge(
    entry: Entry, agency_id: int, repository_id: int | None, kind: str, detail: str, source: str, observed_at: datetime
) -> bool:
    _, created = ReuseEdge.objects.update_or_create(
        entry=entry,
        agency_id=agency_id,
        repository_id=repository_id,
        kind=kind,
        detail=detail,
        defaults={"source": source[:1000], "observed_at": observed_at},
    )
    return created


@transaction.atomic
def detect_reuse(entries: list[Entry] | None = None) -> int:
    """Detected-use edges from the inventory (depends on) and git history (fork, vendored subtree), and
    deployment edges from instances. Returns the number of new edges. Re-running refreshes, never duplicates."""
    entries = entries if entries is not None else list(Entry.objects.select_related("repository"))
    new = 0
    keyed = {e.pk: entry_keys(e) for e in entries}
    wanted = {k for ks in keyed.values() for k in ks}
    if wanted:
        by_key: dict[str, list[Usage]] = defaultdict(list)
        usages = Usage.objects.select_related("component", "repository", "first_scan").filter(
            component__name__in={k.rsplit("/", 1)[-1] for k in wanted}
        )
        for u in usages:
            k = package_key(u.component.purl).lower()
            if k in wanted:
                by_key[k].append(u)
        for e in entries:
            for k in keyed[e.pk]:
                for u in by_key.get(k, ()):
                    if e.repository_id == u.repository_id:
                        continue
                    how = "direct" if u.direct else "transitive"
                    when = u.first_scan.finished_at if u.first_scan and u.first_scan.finished_at else u.updated_at
                    new += _edge(
                        e,
                        u.repository.agency_id,
                        u.repository_id,
                        EdgeKind.DETECTED,
                        "depends",
                        f"inventory: {u.repository.name} uses {u.component.purl} ({how}, usage {u.pk})",
                        when,
                    )
    roots = {e.pk: _root_commits(e.repository.location) for e in entries if e.repository_id}
    if any(roots.values()):
        now = timezone.now()
        for repo in Repository.objects.filter(archived=False):
            theirs = _root_commits(repo.location)
            for e in entries:
                shared = roots.get(e.pk, set()) & theirs
                if not shared or repo.pk == e.repository_id:
                    continue
                detail = "fork" if theirs == roots[e.pk] else "vendors"
                new += _edge(
                    e,
                    repo.agency_id,
                    repo.pk,
                    EdgeKind.DETECTED,
                    detail,
                    f"git history: {repo.name} shares root commit {sorted(shared)[0][:12]}",
                    now,
                )
    for inst in Instance.objects.filter(entry__in=entries):
        when = datetime.combine(inst.deployed_at, datetime.min.time(), UTC) if inst.deployed_at else timezone.now()
        new += _edge(
            inst.entry,
            inst.agency_id,
            None,
            EdgeKind.DEPLOYMENT,
            "instance",
            f"instance {inst.url or inst.pk} ({inst.environment or '-'})",
            when,
        )
    return new


def declare_use(entry: Entry, agency: Agency, user: Any) -> ReuseEdge:
    edge, _ = ReuseEdge.objects.update_or_create(
        entry=entry,
        agency=agency,
        repository=None,
        kind=EdgeKind.DECLARED,
        detail="declared",
        defaults={
            "source": f"declared by {getattr(user, 'username', '-')}",
            "observed_at": timezone.now(),
            "created_by": user if getattr(user, "pk", None) else None,
        },
    )
    return edge


# --- value ---------------------------------------------------------------------------------------------------
def _store_sloc(entry: Entry, count: SlocCount, revision: str = "") -> None:
    entry.sloc, entry.sloc_by_language, entry.sloc_measured_at = count.total, count.by_language, timezone.now()
    entry.sloc_revision = revision[:64]
    if count.by_language and not entry.language:
        entry.language = max(count.by_language, key=count.by_language.get)
    entry.save()


def measure_sloc(entry: Entry) -> None:
    """Count the entry's repository tree (local path) with the catalog's SLOC counter (on demand)."""
    if entry.repository is None or not Path(entry.repository.location).is_dir():
        return
    _store_sloc(entry, count_directory(entry.repository.location))


def sloc_of_opened(opened: Any) -> SlocCount:
    """SLOC of the tree a scan read (``ospo.engine.api.OpenedInput``): a directory, a local repository at the
    scanned ref, or a remote repository's partial clone — whose source blobs are fetched in one request first
    (the scan fetched only the manifests). Raises ``GitError`` when that fetch fails."""
    tree = opened.tree
    paths = [p for p in tree.paths() if language_of(p) is not None]
    opened.fetch(paths)
    return count_tree(tree, paths)


def measure_sloc_after_scan(entries: list[Entry], opened: Any) -> int:
    """Measure the entries of the scanned repository from the tree the scan read, unless already measured at
    this commit (the scan's tree hash covers manifests only, so the commit says whether sources changed; a
    plain directory has no commit and is measured on every scan). Returns how many entries were written."""
    if opened is None or opened.tree is None:
        return 0
    revision = opened.revision or ""
    todo = [e for e in entries if e.sloc is None or not revision or e.sloc_revision != revision]
    if not todo:
        return 0
    count = sloc_of_opened(opened)
    for e in todo:
        _store_sloc(e, count, revision)
    return len(todo)


@dataclass(slots=True)
class EntryValue:
    entry: Entry
    estimate: cocomo.CocomoEstimate | None
    reusing_agencies: list[str] = field(default_factory=list)
    rebuild_avoided: float = 0.0
    licence_savings: float = 0.0

    @property
    def total(self) -> float:
        return self.rebuild_avoided + self.licence_savings


def reusing_agencies(entry: Entry) -> list[int]:
    ids = set(entry.edges.values_list("agency_id", flat=True))
    ids.discard(entry.publisher_id)
    return sorted(ids)


def entry_value(entry: Entry) -> EntryValue:
    params = cocomo.CocomoParameters.from_dict(entry.cocomo)
    est = cocomo.estimate(entry.sloc, params) if entry.sloc else None
    agencies = reusing_agencies(entry)
    names = list(Agency.objects.filter(pk__in=agencies).order_by("name").values_list("name", flat=True))
    savings = float(entry.savings.aggregate(s=Sum("amount"))["s"] or Decimal(0))
    rebuild = cocomo.cost_avoided(entry.sloc or 0, len(agencies), params) if est else 0.0
    return EntryValue(entry, est, names, rebuild, savings)


def agency_values(entries: list[Entry] | None = None) -> dict[int, float]:
    """Cost avoided per agency: each reused entry's rebuild cost × reuse share, plus its licence savings."""
    out: dict[int, float] = defaultdict(float)
    for e in entries if entries is not None else Entry.objects.all():
        if not e.sloc:
            continue
        params = cocomo.CocomoParameters.from_dict(e.cocomo)
        per = cocomo.estimate(e.sloc, params).cost * params.reuse_share
        for a in reusing_agencies(e):
            out[a] += per
    for row in LicenceSaving.objects.values("agency_id").annotate(s=Sum("amount")):
        out[row["agency_id"]] += float(row["s"])
    return dict(out)


def kpis() -> dict[str, Any]:
    """Totals for the KPI roll-up (issue 6's programme part reads these)."""
    values = [entry_value(e) for e in Entry.objects.all()]
    return {
        "entries": len(values),
        "recommended": Entry.objects.filter(status="recommended").count(),
        "reuse_edges": ReuseEdge.objects.count(),
        "reuse_edges_by_kind": dict(ReuseEdge.objects.values_list("kind").annotate(n=Count("id"))),
        "reusing_agencies": ReuseEdge.objects.values("agency").distinct().count(),
        "cost_avoided": round(sum(v.rebuild_avoided for v in values), 2),
        "licence_savings": round(sum(v.licence_savings for v in values), 2),
        "total_value": round(sum(v.total for v in values), 2),
    }


# --- duplication and contribute-back ------------------------------------------------------------------------
def duplicates(threshold: float = 0.5) -> list[DuplicateCandidate]:
    purls: dict[int, set[str]] = defaultdict(set)
    for rid, purl in Usage.objects.filter(direct=True).values_list("repository_id", "component__purl").iterator():
        purls[rid].add(purl)
    descriptions = dict(Entry.objects.exclude(repository=None).values_list("repository_id", "description"))
    profiles = [
        RepoProfile(str(r.pk), str(r.agency_id), r.name, descriptions.get(r.pk, ""), frozenset(purls.get(r.pk, ())))
        for r in Repository.objects.filter(archived=False).only("pk", "agency_id", "name")
    ]
    return find_duplicates(profiles, threshold)


def risk_facts() -> dict[str, RiskFacts]:
    """Risk per upstream project from the findings tables (vulnerabilities, license verdicts, hygiene)."""
    from ospo.platform.catalog import vetting
    from ospo.platform.findings.models import LicenseFinding, VulnerabilityFinding

    facts: dict[str, RiskFacts] = {}
    order = ["low", "medium", "high", "critical"]
    for purl, sev in (
        VulnerabilityFinding.objects.filter(status__in=["open", "triaged"])
        .exclude(component=None)
        .values_list("component__purl", "severity")
    ):
        f = facts.setdefault(package_key(purl), RiskFacts(open_vulnerabilities=0))
        f.open_vulnerabilities = (f.open_vulnerabilities or 0) + 1
        if sev in order and (f.max_severity is None or order.index(sev) > order.index(f.max_severity)):
            f.max_severity = sev
    for purl, verdict, expr in (
        LicenseFinding.objects.exclude(component=None)
        .filter(status="open")
        .values_list("component__purl", "verdict", "expression")
    ):
        f = facts.setdefault(package_key(purl), RiskFacts())
        if verdict in ("denied", "incompatible", "review"):
            f.license_problem = f"{verdict}: {expr}"
    # maintenance and bus factor: the hygiene engine's history checks ("maintained", "bus-factor") of the estate
    # repository that is the project's code — a catalog entry linking package keys to a repository
    for e in Entry.objects.exclude(repository=None).only("pk", "url", "package_keys", "repository_id"):
        keys = entry_keys(e)
        if not keys:
            continue
        h = vetting.history_facts(e.repository_id)
        for key in keys:
            f = facts.setdefault(key, RiskFacts())
            if h.maintained_score is not None:
                f.maintenance_score = h.maintained_score
            elif h.maintained_passed:
                f.maintenance_score = vetting.PASSING_MAINTAINED_SCORE
            if h.bus_factor is not None:
                f.bus_factor = h.bus_factor
    return facts


def contribute_ranking(limit: int = 100) -> list[RankedProject]:
    facts = (
        UsageFact(package_key(purl), str(rid), str(aid), bool(direct))
        for purl, rid, aid, direct in Usage.objects.values_list(
            "component__purl", "repository_id", "repository__agency_id", "direct"
        ).iterator()
    )
    return rank(facts, risk_facts(), limit)
