"""What the platform's data says: the roadmap Verifier and the counts KPIs are computed from.

Both answer from the estate/inventory/findings/service-desk tables and hand the library plain values, so the
roadmap logic (:func:`ospo.programme.roadmap.apply_verification`) and the KPI arithmetic
(:func:`ospo.programme.kpis.compute`, :func:`~ospo.programme.kpis.roll_up`) are never re-implemented here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from ospo.platform.programme import catalogdata, contributors
from ospo.programme import kpis as libkpis
from ospo.programme import roadmap as libroadmap

OPEN_FINDING = ("open", "triaged")
FAILING_LICENSE_VERDICTS = ("denied", "incompatible")


# --- roadmap verification ---------------------------------------------------------------------------------------

def _recommended_licences() -> bool:
    from ospo.engine.licenses.policy import PolicyError, parse_policy
    from ospo.platform.programme.models import ProgrammeSettings

    text = ProgrammeSettings.current().license_policy.strip()
    if not text:
        return False
    try:
        return bool(parse_policy(text.encode("utf-8"), "programme settings").outbound)
    except (PolicyError, ValueError):
        return False


def verify(key: str) -> bool | None:
    """The platform's :data:`ospo.programme.roadmap.Verifier`: True / False from data, None when it cannot tell."""
    from ospo.platform.estate.models import Source
    from ospo.platform.inventory.models import Usage
    from ospo.platform.programme.models import KpiEntry, KpiSnapshot, KpiTarget, ProgrammeSettings, Service

    st = ProgrammeSettings.current()
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    if key == "central-repository-registered":
        return Source.objects.exists()
    if key == "oss-usage-mapped":
        return Usage.objects.exists()
    if key == "help-desk-open":
        return Service.objects.filter(active=True).exists()
    if key == "service-catalog-published":
        return Service.objects.filter(active=True, public=True).exists()
    if key == "source-of-truth-page":
        return bool(st.public_page_published and st.mission.strip() and st.contact.strip())
    if key == "publication-guide-published":
        return bool(st.public_page_published and st.publication_guide_url)
    if key == "recommended-license-list":
        return _recommended_licences()
    if key == "security-review-process":
        return bool(st.security_review_required
                    and Service.objects.filter(kind="security-review", active=True).exists())
    if key == "kpis-tracked":
        return KpiTarget.objects.exists() and (KpiEntry.objects.filter(period__gte=year_ago).exists()
                                               or KpiSnapshot.objects.filter(taken_on__gte=year_ago).exists())
    if key == "public-dashboard-published":
        return st.public_dashboard
    if key == "curated-catalog-published":
        return _catalog_published()
    return None


def _catalog_published() -> bool | None:
    """The curated catalog is another app (``ospo.platform.catalog``); without it the platform cannot tell."""
    if not apps.is_installed("ospo.platform.catalog"):
        return None
    try:  # its models are another helper's: read defensively, never fail the roadmap page
        model = next(m for m in apps.get_app_config("catalog").get_models() if m.__name__ in ("Entry", "CatalogEntry"))
    except (LookupError, StopIteration):
        return None
    field_names = {f.name for f in model._meta.get_fields()}
    qs = model.objects.all()
    if "status" in field_names:
        qs = qs.filter(status="approved")
    return qs.exists()


def load_roadmap() -> libroadmap.Roadmap:
    from ospo.platform.programme.models import RoadmapItem

    rm = libroadmap.Roadmap(libroadmap.method_roadmap())
    for row in RoadmapItem.objects.all():
        rm.states[row.item_id] = libroadmap.ItemState(row.status, row.owner, row.due, row.note, row.verified)
    return rm


def save_roadmap(rm: libroadmap.Roadmap, verified_now: bool = False) -> None:
    from ospo.platform.programme.models import RoadmapItem

    now = timezone.now()
    for item_id, st in rm.states.items():
        defaults: dict[str, Any] = {"status": st.status, "owner": st.owner, "due": st.due, "note": st.note,
                                    "verified": st.verified}
        if verified_now:
            defaults["verified_at"] = now
        RoadmapItem.objects.update_or_create(item_id=item_id, defaults=defaults)


def verify_roadmap() -> tuple[libroadmap.Roadmap, list[str]]:
    """Tick the roadmap from data and store it; returns the roadmap and the items whose status changed."""
    rm = load_roadmap()
    changed = libroadmap.apply_verification(rm, verify)
    save_roadmap(rm, verified_now=True)
    return rm, changed


# --- KPI counts --------------------------------------------------------------------------------------------------

NOTES = {  # why a computed KPI has no value yet (shown beside it)
    "reuses": "catalog",
    "cost_avoided": "catalog",
    "contributors": "contributors",
}


@dataclass(slots=True)
class SharedFigures:
    """Figures read once for every agency (the catalog's reuse table, contributors per published repository)."""

    reuse: dict[int, catalogdata.ReuseFigures] | None
    contributors: list[contributors.RepoContributors]


def shared_figures(until: dt.datetime | None = None) -> SharedFigures:
    return SharedFigures(catalogdata.by_agency(until), contributors.per_repository(None, until))


def counts(agency_id: int | None = None, until: dt.datetime | None = None,
           shared: SharedFigures | None = None) -> dict[str, Any]:
    """The plain counts of :mod:`ospo.programme.kpis` for the estate (or one agency), as of ``until``.

    Reuse and cost avoided come from the catalog app (:mod:`.catalogdata`), contributors from the hygiene
    engine (:mod:`.contributors`); a count that cannot be known is left out, so its KPI stays ``None``."""
    from ospo.platform.estate.models import Repository
    from ospo.platform.findings.models import LicenseFinding, VulnerabilityFinding

    repos = Repository.objects.filter(archived=False)
    lic = LicenseFinding.objects.filter(status__in=OPEN_FINDING, verdict__in=FAILING_LICENSE_VERDICTS)
    crit = VulnerabilityFinding.objects.filter(severity="critical")
    if agency_id is not None:
        repos = repos.filter(agency_id=agency_id)
        lic = lic.filter(repository__agency_id=agency_id)
        crit = crit.filter(repository__agency_id=agency_id)
    if until is not None:
        repos = repos.filter(created_at__lte=until)
        crit = crit.filter(first_seen__lte=until)
    inventoried = repos.filter(inventory_updated_at__isnull=False)
    n_inventoried = inventoried.count()
    failing = set(lic.values_list("repository_id", flat=True).distinct())
    compliant = inventoried.exclude(id__in=failing).count() if failing else n_inventoried
    if until is None:
        open_crit = crit.filter(status__in=OPEN_FINDING)
    else:  # as it stood then: seen by that date and not yet fixed by it
        open_crit = crit.filter(Q(fixed_at__isnull=True) | Q(fixed_at__gt=until)).exclude(status="waived")
    fixed = crit.filter(fixed_at__isnull=False)
    if until is not None:
        fixed = fixed.filter(fixed_at__lte=until)
    days = [max(0, (f - s).days) for s, f in fixed.values_list("first_seen", "fixed_at")]
    out: dict[str, Any] = {
        "repositories": n_inventoried,
        "compliant_repositories": compliant,
        "open_critical_vulnerabilities": open_crit.count(),
        "days_to_fix": days,
        "projects_published": repos.filter(published=True).count(),
    }
    shared = shared if shared is not None else shared_figures(until)
    reuse = catalogdata.figures(agency_id, until, shared.reuse) if shared.reuse is not None else None
    if reuse is not None:
        out["reuses"], out["cost_avoided"] = reuse.reuses, reuse.cost_avoided
    people = contributors.totals(shared.contributors, agency_id)
    if people.value is not None:
        out["contributors"] = people.value
    return out


def entered_values(agency_id: int | None = None, since: dt.date | None = None, until: dt.date | None = None
                   ) -> dict[str, float]:
    """Hand-entered KPIs summed over the period (trainings and events add up); ``None``: all entries."""
    from ospo.platform.programme.models import KpiEntry

    qs = KpiEntry.objects.all()
    qs = qs.filter(agency_id=agency_id) if agency_id is not None else qs
    if since is not None:
        qs = qs.filter(period__gte=since)
    if until is not None:
        qs = qs.filter(period__lte=until)
    out: dict[str, float] = {}
    for kpi, value in qs.values_list("kpi", "value"):
        out[kpi] = out.get(kpi, 0) + value
    return out


def targets(agency_id: int | None = None) -> dict[str, float]:
    from ospo.platform.programme.models import KpiTarget

    return dict(KpiTarget.objects.filter(agency_id=agency_id).values_list("kpi", "target"))


def kpi_values(agency_id: int | None = None, since: dt.date | None = None, until: dt.date | None = None
               ) -> list[libkpis.KpiValue]:
    until_dt = (timezone.make_aware(dt.datetime.combine(until, dt.time.max)) if until is not None else None)
    return libkpis.compute(counts(agency_id, until_dt), entered_values(agency_id, since, until), targets(agency_id))


def roll_up_by_agency(since: dt.date | None = None, until: dt.date | None = None
                      ) -> tuple[list[tuple[Any, list[libkpis.KpiValue]]], list[libkpis.KpiValue]]:
    """Per agency values, and the government total computed from the SUMMED counts (not averaged ratios)."""
    from ospo.platform.estate.models import Agency

    until_dt = (timezone.make_aware(dt.datetime.combine(until, dt.time.max)) if until is not None else None)
    rows = []
    per_agency: dict[str, dict[str, Any]] = {}
    shared = shared_figures(until_dt)
    for agency in Agency.objects.order_by("name"):
        c = counts(agency.id, until_dt, shared)
        per_agency[str(agency.id)] = c
        rows.append((agency, libkpis.compute(c, entered_values(agency.id, since, until), targets(agency.id))))
    total_entered = entered_values(None, since, until)  # every entry: the government's and the agencies'
    total = libkpis.compute(libkpis.roll_up(per_agency), total_entered, targets(None))
    return rows, total


def take_snapshot(day: dt.date | None = None) -> int:
    """Record today's computed values (government and each agency): the KPI history."""
    from ospo.platform.estate.models import Agency
    from ospo.platform.programme.models import KpiSnapshot

    day = day or timezone.localdate()
    made = 0
    shared = shared_figures()
    for agency_id in [None, *Agency.objects.values_list("id", flat=True)]:
        values = {v.id: v.value for v in libkpis.compute(counts(agency_id, None, shared), entered_values(agency_id),
                                                         targets(agency_id))}
        KpiSnapshot.objects.update_or_create(taken_on=day, agency_id=agency_id, defaults={"values": values})
        made += 1
    return made
