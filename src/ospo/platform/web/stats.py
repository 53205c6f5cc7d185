"""Aggregates for the overview and agency pages: counts, ecosystems, license categories, findings, trends.

Everything is computed from a set of repositories (``None`` = the whole estate, which lets the database skip a
join), in a fixed, small number of queries, whatever the size of the estate: the pages must stay under 300 ms at
the p95 with 200,000 usages. License categories come from the engine (``ospo.engine.licenses``): the platform
only counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Avg, CharField, Count, Exists, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from ospo.engine.licenses.classify import Category, classify
from ospo.engine.licenses.expressions import And, Lic, Node, Or, normalize
from ospo.platform.estate.models import Agency, Repository
from ospo.platform.findings.models import (
    FindingStatus,
    HygieneFinding,
    LicenseFinding,
    Severity,
    VulnerabilityFinding,
)
from ospo.platform.inventory.models import Component, InventoryGeneration, Usage
from ospo.platform.scans.models import Scan, ScanStatus

ACTIVE_FINDING = (FindingStatus.OPEN, FindingStatus.TRIAGED)
CACHE_SECONDS = 600  # a bound for writes the key cannot see; every ingest changes the key at once
SEVERITIES = [s.value for s in Severity]
FINDING_MODELS = {"license": LicenseFinding, "vulnerability": VulnerabilityFinding, "hygiene": HygieneFinding}
NOT_DECLARED = "not-declared"

# From the least to the most obligations for the user of a component. An OR lets the user choose (the least
# restrictive branch counts); an AND imposes all (the most restrictive counts). "unknown" ranks last: a licence
# nobody could classify needs a review as much as a proprietary one.
_RANK = [
    Category.PUBLIC_DOMAIN,
    Category.PERMISSIVE,
    Category.WEAK_COPYLEFT,
    Category.STRONG_COPYLEFT,
    Category.NETWORK_COPYLEFT,
    Category.SOURCE_AVAILABLE,
    Category.PROPRIETARY,
    Category.UNKNOWN,
]
CATEGORY_ORDER = [str(c) for c in _RANK] + [NOT_DECLARED]


def _node_category(node: Node) -> Category:
    if isinstance(node, Lic):
        return classify(node.id, node.exception).category
    cats = [_node_category(i) for i in node.items]
    pick = min if isinstance(node, Or) else max
    assert isinstance(node, Or | And)
    return pick(cats, key=_RANK.index)


@lru_cache(maxsize=16384)
def license_category(declared: str) -> str:
    """The category of a declared license string (a ``Category`` value, or ``not-declared``)."""
    if not declared.strip():
        return NOT_DECLARED
    norm = normalize(declared)
    return str(_node_category(norm.tree)) if norm.tree is not None else NOT_DECLARED


@dataclass
class Summary:
    repositories: int = 0
    agencies: int = 0
    components: int = 0
    usages: int = 0
    ecosystems: list[tuple[str, int]] = field(default_factory=list)
    licenses: list[tuple[str, int]] = field(default_factory=list)
    findings: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → severity → active count
    scans: dict[str, int] = field(default_factory=dict)

    @property
    def vulnerabilities(self) -> list[tuple[str, int]]:
        return [(s, self.findings["vulnerability"][s]) for s in SEVERITIES]

    def findings_total(self, kind: str) -> int:
        return sum(self.findings.get(kind, {}).values())


def _in(qs: QuerySet, repos: QuerySet[Repository] | None, field_name: str = "repository") -> QuerySet:
    return qs if repos is None else qs.filter(**{f"{field_name}__in": repos})


def inventory_key(repos: QuerySet[Repository] | None) -> str:
    """The cache key of the inventory figures of ``repos``: it changes whenever they may have changed.

    Made of the ingest counter (:class:`InventoryGeneration`, committed with every inventory change, whatever
    the commit order of concurrent workers); the repositories' count, newest id and newest inventory time
    (a repository added or deleted — its usages go with it); the newest usage and component ids (rows written
    outside an ingest, as the admin or a test may); and, for a user who does not see everything, the ids of the
    repositories they see (publishing a repository changes the public's figures). Three small indexed queries
    (plus one id list when scoped) instead of a pass over every usage.
    """
    repo = Repository.objects.aggregate(n=Count("id"), m=Max("id"), t=Max("inventory_updated_at"))
    parts = [
        str(InventoryGeneration.current()),
        str(repo["n"]),
        str(repo["m"]),
        repo["t"].isoformat() if repo["t"] else "-",
        str(Usage.objects.aggregate(m=Max("id"))["m"]),
        str(Component.objects.aggregate(m=Max("id"))["m"]),
    ]
    if repos is not None:
        parts.append(",".join(str(pk) for pk in repos.order_by("pk").values_list("pk", flat=True)))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"ospo-stats-inventory-{'all' if repos is None else 'some'}-{digest}"


def inventory(repos: QuerySet[Repository] | None) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]], int]:
    """(distinct components, per ecosystem, per license category, usages) of the inventory of ``repos``.

    Cached per :func:`inventory_key` (the figures are exact after every ingest: the key changes with it) because
    computing them reads every usage of the repositories — 100 ms for the whole estate at 200,000 usages, on
    every overview. The cache holds only figures (no rows), so a user can never see more than their scope's
    counts: the key names the repositories they see.
    """
    key = inventory_key(repos)
    cached = cache.get(key)
    if cached is None:
        cached = _inventory(repos)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def _inventory(repos: QuerySet[Repository] | None) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]], int]:
    """One query grouped by (ecosystem, declared license) — categories computed once per distinct string — and
    one count of usages."""
    used = _in(Usage.objects.filter(component=OuterRef("pk")), repos)
    rows = Component.objects.filter(Exists(used)).values_list("ecosystem", "license").annotate(n=Count("id")).order_by()
    eco: Counter[str] = Counter()
    lic: Counter[str] = Counter()
    for ecosystem, declared, n in rows:
        eco[ecosystem] += n
        lic[license_category(declared or "")] += n
    ecosystems = sorted(eco.items(), key=lambda kv: (-kv[1], kv[0]))
    licenses = [(c, lic[c]) for c in CATEGORY_ORDER if lic.get(c)]
    return sum(eco.values()), ecosystems, licenses, _in(Usage.objects.all(), repos).count()


def findings_by_severity(repos: QuerySet[Repository] | None) -> dict[str, dict[str, int]]:
    """Active findings per kind and severity: one UNION ALL of three grouped counts (one round trip, not three)."""
    out: dict[str, dict[str, int]] = {kind: dict.fromkeys(SEVERITIES, 0) for kind in FINDING_MODELS}
    parts = [
        _in(model.objects.filter(status__in=ACTIVE_FINDING), repos)
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "severity")
        .annotate(n=Count("id"))
        .order_by()
        for kind, model in FINDING_MODELS.items()
    ]
    for kind, sev, n in parts[0].union(*parts[1:], all=True):
        out[kind][sev] = n
    return out


def scan_status(repos: QuerySet[Repository] | None) -> dict[str, int]:
    """Status of each repository's latest scan (not of every scan ever run): what the estate looks like now."""
    counts = dict.fromkeys(ScanStatus.values, 0)
    latest = Scan.objects.filter(repository=OuterRef("pk")).order_by("-requested_at").values("status")[:1]
    base = Repository.objects.all() if repos is None else repos
    for status, n in base.annotate(s=Subquery(latest)).values_list("s").annotate(n=Count("id")).order_by():
        if status:
            counts[status] += n
    return counts


def summary(
    repos: QuerySet[Repository] | None, private: QuerySet[Repository] | None, agencies: int, show_private: bool
) -> Summary:
    """``repos``: what the user sees (inventory); ``private``: whose scans and findings the user sees (both
    ``None`` = the whole estate). Without ``show_private`` (the public) scans and findings are not counted."""
    base = Repository.objects.all() if repos is None else repos
    s = Summary(repositories=base.count(), agencies=agencies)
    s.components, s.ecosystems, s.licenses, s.usages = inventory(repos)
    if show_private:
        s.findings = findings_by_severity(private)
        s.scans = scan_status(private)
    else:
        s.findings = {kind: dict.fromkeys(SEVERITIES, 0) for kind in FINDING_MODELS}
        s.scans = dict.fromkeys(ScanStatus.values, 0)
    return s


@dataclass(frozen=True, slots=True)
class HygieneRow:
    check_id: str
    repositories: int
    mean_score: float | None


def hygiene_checks(repos: QuerySet[Repository] | None, limit: int = 15) -> list[HygieneRow]:
    """The hygiene checks most often failed, with how many repositories fail them and their mean score (0-10)."""
    qs = _in(HygieneFinding.objects.filter(status__in=ACTIVE_FINDING), repos)
    rows = (
        qs.values("check_id")
        .annotate(r=Count("repository", distinct=True), m=Avg("score"))
        .order_by("-r", "check_id")[:limit]
    )
    return [HygieneRow(r["check_id"], r["r"], round(r["m"], 1) if r["m"] is not None else None) for r in rows]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: dt.date
    components: int  # sum over repositories of the component count of their latest successful scan that day
    scans: int
    failed: int
    new_findings: int
    fixed_findings: int


def total_on(day: dt.date, totals: dict[dt.date, int], baseline: int) -> int:
    """The component total at the end of ``day``: that of the last day up to it on which an inventory changed."""
    earlier = [d for d in totals if d <= day]
    return totals[max(earlier)] if earlier else baseline


def trends(repos: QuerySet[Repository] | None, days: int = 30) -> list[TrendPoint]:
    """Day by day over the last ``days`` days; the component total starts from each repository's last count
    before the window, so the line does not begin at zero."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=days - 1)
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    base = Repository.objects.all() if repos is None else repos
    before = (
        Scan.objects.filter(repository=OuterRef("pk"), status=ScanStatus.SUCCEEDED, finished_at__lt=start_at)
        .order_by("-finished_at")
        .values("component_count")[:1]
    )
    current: dict[int, int] = {pk: n for pk, n in base.annotate(n=Subquery(before)).values_list("pk", "n") if n}
    baseline = total = sum(current.values())
    window = _in(Scan.objects.filter(finished_at__gte=start_at), repos).annotate(day=TruncDate("finished_at"))
    per_day: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0])  # components, scans, failed
    # Scans and failures counted per day by the database; only the scans that changed an inventory are read one
    # by one, for the component line — an unchanged rescan repeats the stored count (its delta is 0), and an
    # estate rescanned daily is mostly unchanged: 30,000 scan rows a month would be 30,000 rows in Python.
    for day, status, n in window.values_list("day", "status").annotate(n=Count("id")).order_by():
        per_day[day][1] += n
        if status == ScanStatus.FAILED:
            per_day[day][2] += n
    changes = (
        window.filter(status=ScanStatus.SUCCEEDED, unchanged=False)
        .values_list("repository_id", "day", "component_count")
        .order_by("finished_at", "pk")
    )
    totals: dict[dt.date, int] = {}
    for repo_id, day, count in changes:
        total += count - current.get(repo_id, 0)
        current[repo_id] = count
        totals[day] = total
    for day, row in per_day.items():
        row[0] = total_on(day, totals, baseline)
    # Counted per day by the database (at most `days` rows per part): an estate's findings are many thousands.
    # One UNION ALL for the three tables' new and fixed findings: one round trip instead of six.
    found: Counter[dt.date] = Counter()
    fixed: Counter[dt.date] = Counter()
    parts = [
        _in(model.objects.filter(**{f"{column}__gte": start_at}), repos)
        .annotate(which=Value(column, output_field=CharField()), day=TruncDate(column))
        .values_list("which", "day")
        .annotate(n=Count("id"))
        .order_by()
        for model in FINDING_MODELS.values()
        for column in ("first_seen", "fixed_at")
    ]
    for which, day, n in parts[0].union(*parts[1:], all=True):
        (found if which == "first_seen" else fixed)[day] += n
    points: list[TrendPoint] = []
    carried = baseline
    for i in range(days):
        day = start + dt.timedelta(days=i)
        row = per_day.get(day)
        if row is not None:
            carried = row[0]
        points.append(TrendPoint(day, carried, row[1] if row else 0, row[2] if row else 0, found[day], fixed[day]))
    return points


def agency_children(government_id: int) -> dict[int | None, list[int]]:
    """Parent id → child agency ids of one government, from one query."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Agency.objects.filter(government_id=government_id).values_list("pk", "parent_id"):
        children[parent].append(pk)
    return children


def descendants(agency: Agency, children: dict[int | None, list[int]] | None = None) -> list[int]:
    """The agency and every agency under it (any depth), from one query over its government (none when the
    government's ``children`` map is given: an agency page rolls up every child agency from the same map)."""
    if children is None:
        children = agency_children(agency.government_id)
    out, stack, seen = [], [agency.pk], set()
    while stack:
        pk = stack.pop()
        if pk in seen:  # a cycle entered through the admin must not hang the page
            continue
        seen.add(pk)
        out.append(pk)
        stack.extend(children.get(pk, ()))
    return out


def repository_findings(repo: Repository) -> dict[str, dict[str, int]]:
    return findings_by_severity(Repository.objects.filter(pk=repo.pk))
