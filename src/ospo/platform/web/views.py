"""Server-rendered pages: the estate overview and a repository's components. No JavaScript needed.

Access control is the roles part's job (issue 6, part C): these views are behind login for now; the role layer
replaces ``login_required`` with object-level checks (agency membership, published repositories for the public).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ospo.platform.estate.models import Agency, Repository
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans.models import Scan, ScanStatus

PAGE_SIZE = 100


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    counts = {
        "agencies": Agency.objects.count(),
        "repositories": Repository.objects.count(),
        "components": Component.objects.count(),
        "usages": Usage.objects.count(),
    }
    scans = {s: 0 for s in ScanStatus.values}
    for row in Scan.objects.values("status").annotate(n=Count("id")):
        scans[row["status"]] = row["n"]
    ecosystems = (Component.objects.values("ecosystem").annotate(n=Count("id")).order_by("-n", "ecosystem"))
    repositories = (Repository.objects.select_related("agency").annotate(n=Count("usages")).order_by("agency__name",
                                                                                                   "name"))
    return render(request, "ospo/overview.html", {
        "counts": counts, "scans": scans, "ecosystems": ecosystems, "repositories": repositories[:500],
    })


@login_required
def repository(request: HttpRequest, pk: int) -> HttpResponse:
    repo = get_object_or_404(Repository.objects.select_related("agency", "source"), pk=pk)
    usages = (Usage.objects.filter(repository=repo).select_related("component")
              .order_by("component__ecosystem", "component__name", "component__version"))
    ecosystem = request.GET.get("ecosystem", "")
    if ecosystem:
        usages = usages.filter(component__ecosystem=ecosystem)
    page = Paginator(usages, PAGE_SIZE).get_page(request.GET.get("page"))
    last_scan = repo.scans.order_by("-requested_at").first()
    ecosystems = (Usage.objects.filter(repository=repo).values_list("component__ecosystem", flat=True)
                  .distinct().order_by("component__ecosystem"))
    return render(request, "ospo/repository.html", {
        "repo": repo, "page": page, "last_scan": last_scan, "ecosystems": ecosystems, "ecosystem": ecosystem,
    })
