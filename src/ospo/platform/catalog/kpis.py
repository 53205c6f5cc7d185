"""Reuse totals for the KPI roll-up: one function the programme app (issue 8) calls, never a page to scrape.

    from ospo.platform.catalog.kpis import reuse_totals
    reuse_totals()             # the whole government
    reuse_totals(agency)       # one agency (an Agency or its id): what it reuses and what it publishes

Figures (all computed by ``services`` from the same rows the catalog pages show, so a KPI and a page agree):

* ``entries`` / ``published_entries`` — catalog entries / those published by an agency (for one agency: by it);
* ``reused_entries`` — entries with at least one reuse edge from an agency other than the publisher (for one
  agency: entries *it* reuses);
* ``reuse_edges`` and ``reuse_edges_by_kind`` (declared / detected / deployment) — for one agency: its edges;
* ``reusing_agencies`` — agencies with at least one edge (for one agency: agencies reusing what it publishes);
* ``cost_avoided`` — COCOMO II rebuild cost × reuse share, once per reusing agency (publisher excluded), from
  measured source lines and each entry's displayed parameters; for one agency: what it avoided by reusing;
* ``licence_savings`` — savings from replaced proprietary licences entered by the OSPO (for one agency: its own);
* ``total_value`` = cost_avoided + licence_savings; ``currency`` — of the default COCOMO parameters (entries
  overriding the currency are summed as they are: keep one currency per installation).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from ospo.catalog import cocomo
from ospo.platform.catalog import services
from ospo.platform.catalog.models import Entry, EntryKind, LicenceSaving, ReuseEdge


def _agency_id(agency: Any) -> int | None:
    if agency is None:
        return None
    return int(getattr(agency, "pk", agency))


def reuse_totals(agency: Any = None) -> dict[str, Any]:
    aid = _agency_id(agency)
    currency = cocomo.CocomoParameters().currency
    if aid is None:
        totals = services.kpis()
        reused = 0
        for e in Entry.objects.filter(edges__isnull=False).distinct().only("pk", "publisher_id"):
            reused += bool(services.reusing_agencies(e))
        return {
            "agency": None, "entries": totals["entries"],
            "published_entries": Entry.objects.filter(kind=EntryKind.AGENCY).count(),
            "reused_entries": reused, "reuse_edges": totals["reuse_edges"],
            "reuse_edges_by_kind": totals["reuse_edges_by_kind"], "reusing_agencies": totals["reusing_agencies"],
            "cost_avoided": totals["cost_avoided"], "licence_savings": totals["licence_savings"],
            "total_value": totals["total_value"], "currency": currency,
        }
    edges = ReuseEdge.objects.filter(agency_id=aid).exclude(entry__publisher_id=aid)
    reused_ids = set(edges.values_list("entry_id", flat=True))
    rebuild = 0.0
    for e in Entry.objects.filter(pk__in=reused_ids).exclude(sloc=None):
        params = cocomo.CocomoParameters.from_dict(e.cocomo)
        rebuild += cocomo.estimate(e.sloc, params).cost * params.reuse_share
    savings = float(LicenceSaving.objects.filter(agency_id=aid).aggregate(s=Sum("amount"))["s"] or Decimal(0))
    published = Entry.objects.filter(publisher_id=aid)
    reusers = (ReuseEdge.objects.filter(entry__publisher_id=aid).exclude(agency_id=aid)
               .values("agency_id").distinct().count())
    return {
        "agency": aid, "entries": published.count(), "published_entries": published.count(),
        "reused_entries": len(reused_ids), "reuse_edges": edges.count(),
        "reuse_edges_by_kind": dict(edges.values_list("kind").annotate(n=Count("id")).order_by()),
        "reusing_agencies": reusers, "cost_avoided": round(rebuild, 2), "licence_savings": round(savings, 2),
        "total_value": round(rebuild + savings, 2), "currency": currency,
    }
