"""Server-rendered estate pages: overview, agencies (with roll-up of child agencies) and search. No JavaScript.

Every query goes through :mod:`ospo.platform.web.scope` (the access app's rules): the public sees agencies,
published repositories and aggregate inventory figures; scans and findings only with a role, and only for the
agencies the role covers. Repository, component and scan pages are in their own modules.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ospo.platform.estate.models import Agency
from ospo.platform.inventory.models import Usage
from ospo.platform.web import charts, filters, scope, stats

PAGE_SIZE = 100
SEARCH_LIMIT = 50


def _category_label(category: str) -> str:
    labels = {
        "public-domain": _("public domain"),
        "permissive": _("permissive"),
        "weak-copyleft": _("weak copyleft"),
        "strong-copyleft": _("strong copyleft"),
        "network-copyleft": _("network copyleft"),
        "source-available": _("source-available / non-free"),
        "proprietary": _("proprietary"),
        "unknown": _("unknown"),
        stats.NOT_DECLARED: _("not declared"),
    }
    return labels.get(category, category)


def severity_label(severity: str) -> str:
    labels = {
        "critical": _("critical"),
        "high": _("high"),
        "medium": _("medium"),
        "low": _("low"),
        "info": _("information"),
        "unknown": _("unknown"),
    }
    return labels.get(severity, severity)


def _summary_context(summary: stats.Summary) -> dict:
    licenses = [(_category_label(c), n) for c, n in summary.licenses]
    vulns = [(severity_label(s), n, s) for s, n in summary.vulnerabilities]
    findings = [
        {
            "kind": kind,
            "label": label,
            "total": summary.findings_total(kind),
            "by_severity": [(severity_label(s), summary.findings[kind][s]) for s in stats.SEVERITIES],
        }
        for kind, label in (("license", _("License")), ("vulnerability", _("Vulnerability")), ("hygiene", _("Hygiene")))
    ]
    return {
        "summary": summary,
        "licenses": licenses,
        "vulnerabilities": vulns,
        "findings": findings,
        "ecosystem_chart": charts.bar_chart(
            _("Components per ecosystem"), [charts.Bar(e, n) for e, n in summary.ecosystems[:15]]
        ),
        "license_chart": charts.bar_chart(
            _("Components per license category"), [charts.Bar(label, n) for label, n in licenses]
        ),
        "vulnerability_chart": charts.bar_chart(
            _("Open vulnerabilities per severity"),
            [charts.Bar(label, n, charts.SEVERITY_COLOURS[s]) for label, n, s in vulns],
        ),
    }


def _trend_context(repos) -> dict:  # type: ignore[no-untyped-def]
    points = stats.trends(repos)
    labels = [p.day.strftime("%m-%d") for p in points]
    return {
        "trend": points,
        "trend_chart": charts.line_chart(
            _("Components in the estate, scans and new findings, last 30 days"),
            labels,
            [
                charts.Series(_("Components"), [p.components for p in points], charts.PALETTE[0]),
                charts.Series(_("Scans"), [p.scans for p in points], charts.PALETTE[1]),
            ],
        ),
        "findings_trend_chart": charts.line_chart(
            _("New and fixed findings, last 30 days"),
            labels,
            [
                charts.Series(_("New findings"), [p.new_findings for p in points], charts.PALETTE[1]),
                charts.Series(_("Fixed findings"), [p.fixed_findings for p in points], charts.PALETTE[2]),
            ],
        ),
    }


def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    everything = scope.sees_everything(user)
    repos = None if everything else scope.visible_repositories(user)
    private = None if everything else scope.private_repositories(user)
    show_private = scope.has_role(user)
    summary = stats.summary(repos, private, agencies=scope.visible_agencies(user).count(), show_private=show_private)
    counted = Q() if everything else Q(repositories__in=scope.visible_repositories(user))
    top_agencies = (
        scope.visible_agencies(user)
        .annotate(n=Count("repositories", filter=counted))
        .filter(n__gt=0)
        .order_by("-n", "name")[:10]
    )
    return render(
        request,
        "ospo/overview.html",
        {
            **_summary_context(summary),
            **(_trend_context(private) if show_private else {}),
            "hygiene": stats.hygiene_checks(private) if show_private else [],
            "top_agencies": top_agencies,
            "show_private": show_private,
        },
    )


@scope.login_or_forbid
def agencies(request: HttpRequest) -> HttpResponse:
    visible = scope.visible_repositories(request.user)
    rows = list(
        scope.visible_agencies(request.user)
        .select_related("parent", "government")
        .annotate(n=Count("repositories", filter=Q(repositories__in=visible)))
        .order_by("government__name", "name")
    )
    by_parent: dict[int | None, list[Agency]] = {}
    for a in rows:
        by_parent.setdefault(a.parent_id, []).append(a)
    own = {a.pk: a.n for a in rows}
    known = set(own)

    def total(pk: int, seen: frozenset[int] = frozenset()) -> int:
        if pk in seen:
            return 0
        return own.get(pk, 0) + sum(total(c.pk, seen | {pk}) for c in by_parent.get(pk, ()))

    # Depth-first order with indentation: the hierarchy reads as a tree without JavaScript.
    ordered: list[tuple[Agency, int, int]] = []

    def walk(parent: int | None, depth: int, seen: frozenset[int]) -> None:
        for a in by_parent.get(parent, ()):
            if a.pk in seen:
                continue
            ordered.append((a, depth, total(a.pk)))
            walk(a.pk, depth + 1, seen | {a.pk})

    walk(None, 0, frozenset())
    for a in rows:  # agencies whose parent is not visible: shown at the top level
        if a.parent_id is not None and a.parent_id not in known:
            ordered.append((a, 0, total(a.pk)))
            walk(a.pk, 1, frozenset({a.pk}))
    return render(request, "ospo/agencies.html", {"rows": ordered})


@scope.login_or_forbid
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    agency = get_object_or_404(scope.visible_agencies(user).select_related("parent", "government"), pk=pk)
    family = stats.agency_children(agency.government_id)
    tree = stats.descendants(agency, family)
    repos = scope.visible_repositories(user).filter(agency_id__in=tree)
    private = scope.private_repositories(user).filter(agency_id__in=tree)
    show_private = scope.has_role(user)
    summary = stats.summary(repos, private, agencies=len(tree), show_private=show_private)
    # Each child agency's roll-up from one count per agency and the same tree: two queries, however many children.
    per_agency = dict(repos.values_list("agency_id").annotate(n=Count("id")).order_by())
    children = [
        (child, sum(per_agency.get(a, 0) for a in stats.descendants(child, family)))
        for child in agency.children.order_by("name")
    ]
    # Usages counted per shown repository (a scalar subquery after LIMIT), not by a JOIN + GROUP BY that the
    # paginator's COUNT had to run over every usage of the agency first.
    usages = Usage.objects.filter(repository=OuterRef("pk")).order_by().values("repository")
    counted = Coalesce(Subquery(usages.annotate(c=Count("pk")).values("c")[:1]), 0)
    repo_rows = filters.page(
        request, repos.select_related("agency").annotate(n=counted).order_by("agency__name", "name"), PAGE_SIZE
    )
    return render(
        request,
        "ospo/agency.html",
        {
            **_summary_context(summary),
            **(_trend_context(private) if show_private else {}),
            "agency": agency,
            "children": children,
            "page": repo_rows,
            "hygiene": stats.hygiene_checks(private) if show_private else [],
            "show_private": show_private,
        },
    )


@scope.login_or_forbid
def search(request: HttpRequest) -> HttpResponse:
    q = filters.text(request, "q")
    results: dict[str, list] = {"repositories": [], "components": [], "agencies": []}
    if len(q) >= 2:
        results["repositories"] = list(
            scope.visible_repositories(request.user)
            .select_related("agency")
            .filter(Q(name__icontains=q) | Q(location__icontains=q))
            .order_by("name")[:SEARCH_LIMIT]
        )
        visible = scope.visible_repositories(request.user)
        components = scope.visible_components(request.user).filter(Q(name__icontains=q) | Q(purl__icontains=q))
        used = Usage.objects.filter(component=OuterRef("pk"))
        if not scope.sees_everything(request.user):
            used = used.filter(repository__in=visible)
        # Counted per shown component (a scalar subquery the database evaluates after ORDER BY … LIMIT): a JOIN +
        # GROUP BY counted the usages of every match first — 1,000 matches, 12,000 usages, for 50 rows shown.
        n = Subquery(used.order_by().values("component").annotate(c=Count("pk")).values("c")[:1])
        results["components"] = list(
            components.annotate(n=Coalesce(n, 0)).order_by("ecosystem", "name", "version")[:SEARCH_LIMIT]
        )
        results["agencies"] = list(
            scope.visible_agencies(request.user)
            .filter(Q(name__icontains=q) | Q(official_id__icontains=q))
            .order_by("name")[:SEARCH_LIMIT]
        )
    return render(
        request,
        "ospo/search.html",
        {"q": q, "search_q": q, "results": results, "limit": SEARCH_LIMIT, "too_short": 0 < len(q) < 2},
    )
