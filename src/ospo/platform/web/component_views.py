"""The component page: where a package is used across the government, and which versions of it are in use.
TODO(access): login_required → the access app's object-level checks (scope.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ospo.platform.findings.models import VulnerabilityFinding
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.web import filters, scope, stats
from ospo.platform.web.views import severity_label

PAGE_SIZE = 100


@scope.login_or_forbid
def component(request: HttpRequest, pk: int) -> HttpResponse:
    comp = get_object_or_404(scope.visible_components(request.user), pk=pk)
    visible = scope.visible_repositories(request.user)
    private = scope.private_repositories(request.user)
    show_private = scope.has_role(request.user)
    usages = (Usage.objects.filter(component=comp, repository__in=visible)
              .select_related("repository", "repository__agency")
              .order_by("repository__agency__name", "repository__name"))
    page = filters.page(request, usages, PAGE_SIZE)
    versions = (Component.objects.filter(ecosystem=comp.ecosystem, name=comp.name)
                .annotate(repos=Count("usages", filter=Q(usages__repository__in=visible)))
                .filter(repos__gt=0).order_by("-repos", "version")[:200])
    agencies = usages.values("repository__agency__name").annotate(n=Count("id")).order_by("-n")[:50]
    vulns = dict.fromkeys(stats.SEVERITIES, 0)
    for sev, n in (VulnerabilityFinding.objects.filter(component=comp, status__in=stats.ACTIVE_FINDING,
                                                      repository__in=private)
                   .values_list("severity").annotate(n=Count("id")).order_by()):
        vulns[sev] = n
    advisories = (VulnerabilityFinding.objects.filter(component=comp, repository__in=private)
                  .values("advisory_id", "severity", "fixed_in").annotate(n=Count("id")).order_by("advisory_id")[:100])
    return render(request, "ospo/component.html", {
        "component": comp, "page": page, "versions": versions, "agencies": agencies,
        "vulnerabilities": [(severity_label(s), n) for s, n in vulns.items()], "advisories": advisories,
        "license_category": stats.license_category(comp.license or ""), "show_private": show_private,
    })
