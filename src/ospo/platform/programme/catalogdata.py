"""Reuse and cost-avoided KPI counts, read from the catalog app (``ospo.platform.catalog``) behind one adapter.

The catalog owns the reuse graph (``ReuseEdge``: which agency uses which entry, with provenance) and the value
model (COCOMO II rebuild cost × reuse share, plus licence savings the OSPO enters). This module only gathers its
rows per *reusing* agency — the agency that avoided building the software — so the agencies' figures add up to
the government's and the KPI roll-up can sum them like every other count. The cost itself is always
``ospo.catalog.cocomo.cost_avoided`` (never re-derived here), and a publisher using its own entry is not reuse
(the catalog's ``reusing_agencies`` rule).

The catalog's own ``ospo.platform.catalog.kpis.reuse_totals(agency)`` gives the current figures of one agency
(``reused_entries``: entries it reuses, publisher excluded; ``total_value``: rebuild cost it avoided + its
licence savings) and is used for them. It has no date bound, so a period in the past (``until``) — and an older
catalog app without that function — reads the same rows directly, by the same rules; a test checks that both
ways agree. The government figure is always the sum over agencies (reuse pairs, not distinct entries), so the
KPI roll-up adds up. Without the app installed every figure is ``None`` and the KPI page says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Sum

CATALOG_APP = "ospo.platform.catalog"


@dataclass(frozen=True, slots=True)
class ReuseFigures:
    """One agency's (or the government's) reuse of catalog entries."""

    reuses: int  # distinct (entry, reusing agency) pairs, the publisher's own use left out
    cost_avoided: float  # rebuild cost avoided + licence savings, in the catalog's currency


def installed() -> bool:
    return apps.is_installed(CATALOG_APP)


def _catalog_function() -> Callable[..., dict[str, Any]] | None:
    """``ospo.platform.catalog.kpis.reuse_totals`` when the catalog app has it, else None."""
    try:
        from ospo.platform.catalog import kpis as catalog_kpis
    except ImportError:
        return None
    return getattr(catalog_kpis, "reuse_totals", None)


def _from_catalog(fn: Callable[..., dict[str, Any]]) -> dict[int, ReuseFigures] | None:
    from ospo.platform.estate.models import Agency

    out = {}
    try:
        for aid in Agency.objects.values_list("pk", flat=True):
            raw = fn(aid)
            f = ReuseFigures(int(raw["reused_entries"]), round(float(raw["total_value"]), 2))
            if f.reuses or f.cost_avoided:
                out[aid] = f
    except (KeyError, TypeError, ValueError):  # another shape than the one documented: read the rows instead
        return None
    return out


def by_agency(until: dt.datetime | None = None, direct: bool = False) -> dict[int, ReuseFigures] | None:
    """Reuse figures per reusing agency id (agencies without reuse are absent); None without the catalog app.

    ``direct``: read the catalog's rows even when its ``reuse_totals`` exists (the test compares both)."""
    if not installed():
        return None
    if until is None and not direct and (fn := _catalog_function()) is not None:
        got = _from_catalog(fn)
        if got is not None:
            return got
    from ospo.catalog import cocomo
    from ospo.platform.catalog.models import Entry, LicenceSaving, ReuseEdge

    edges = ReuseEdge.objects.all()
    savings = LicenceSaving.objects.all()
    if until is not None:  # as it stood then: edges observed and savings entered by that date
        edges = edges.filter(observed_at__lte=until)
        savings = savings.filter(entered_at__lte=until)
    pairs = {(entry_id, agency_id) for entry_id, agency_id, publisher_id
             in edges.values_list("entry_id", "agency_id", "entry__publisher_id").distinct()
             if agency_id != publisher_id}
    per_pair: dict[int, float] = {}  # the rebuild cost one reusing agency avoids, per entry
    for pk, sloc, params in Entry.objects.filter(pk__in={e for e, _ in pairs}, sloc__gt=0).values_list(
            "pk", "sloc", "cocomo"):
        per_pair[pk] = cocomo.cost_avoided(sloc, 1, cocomo.CocomoParameters.from_dict(params or {}))
    reuses: dict[int, int] = {}
    cost: dict[int, float] = {}
    for entry_id, agency_id in pairs:
        reuses[agency_id] = reuses.get(agency_id, 0) + 1
        cost[agency_id] = cost.get(agency_id, 0.0) + per_pair.get(entry_id, 0.0)
    for row in savings.values("agency_id").annotate(total=Sum("amount")):
        cost[row["agency_id"]] = cost.get(row["agency_id"], 0.0) + float(row["total"] or 0)
    return {a: ReuseFigures(reuses.get(a, 0), round(cost.get(a, 0.0), 2)) for a in reuses.keys() | cost.keys()}


def figures(agency_id: int | None = None, until: dt.datetime | None = None,
            table: dict[int, ReuseFigures] | None = None) -> ReuseFigures | None:
    """One agency's figures (``agency_id``) or the government's (None: the sum over agencies).

    ``table`` is :func:`by_agency`'s answer when the caller already has it (the roll-up asks once for all
    agencies)."""
    if not installed():
        return None
    table = by_agency(until) if table is None else table
    if table is None:
        return None
    if agency_id is not None:
        return table.get(agency_id, ReuseFigures(0, 0.0))
    return ReuseFigures(sum(f.reuses for f in table.values()), round(sum(f.cost_avoided for f in table.values()), 2))
