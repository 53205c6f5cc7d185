"""Scans: the list (with estate scans and their progress), one scan, one estate scan, and "scan everything".

Live progress works without JavaScript: while anything shown is queued or running, the page carries
``<meta http-equiv="refresh">`` (every REFRESH_S seconds) and a ``<progress>`` element; once everything is
finished the refresh stops. Scans are private: only role holders, and only for the agencies their role covers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ospo.platform.estate.models import Repository
from ospo.platform.scans import queue
from ospo.platform.scans.models import EstateScan, ScanStatus
from ospo.platform.web import filters, scope

PAGE_SIZE = 50
REFRESH_S = 5
ACTIVE = {ScanStatus.QUEUED, ScanStatus.RUNNING}


def _progress(counts: dict[str, int]) -> dict[str, int]:
    total = sum(counts.values())
    done = counts.get(ScanStatus.SUCCEEDED, 0) + counts.get(ScanStatus.FAILED, 0)
    return {**counts, "total": total, "done": done, "percent": round(100 * done / total) if total else 100}


@scope.login_or_forbid
def scans(request: HttpRequest) -> HttpResponse:
    scope.require_role(request)
    status = filters.choice(request, "status", set(ScanStatus.values))
    qs = scope.visible_scans(request.user).select_related("repository", "repository__agency")
    if status:
        qs = qs.filter(status=status)
    page = filters.page(request, qs.order_by("-requested_at", "-pk"), PAGE_SIZE)
    estate_scans = []
    for es in scope.visible_estate_scans(request.user).order_by("-requested_at")[:10]:
        estate_scans.append((es, _progress(es.progress())))
    active = any(s.status in ACTIVE for s in page) or any(p["done"] < p["total"] for _, p in estate_scans)
    return render(request, "ospo/scans.html", {
        "page": page, "status": status, "statuses": ScanStatus.choices, "estate_scans": estate_scans,
        "refresh": REFRESH_S if active else None, "keep": filters.keep(request, "status"),
        "can_scan_all": scope.can(request.user, scope.Action.SCAN),
    })


@scope.login_or_forbid
def scan(request: HttpRequest, pk: int) -> HttpResponse:
    scope.require_role(request)
    obj = get_object_or_404(scope.visible_scans(request.user)
                            .select_related("repository", "repository__agency", "estate_scan"), pk=pk)
    return render(request, "ospo/scan.html", {"scan": obj,
                                              "refresh": REFRESH_S if obj.status in ACTIVE else None})


@scope.login_or_forbid
def estate_scan(request: HttpRequest, pk: int) -> HttpResponse:
    scope.require_role(request)
    obj = get_object_or_404(scope.visible_estate_scans(request.user), pk=pk)
    rows = obj.scans.select_related("repository").order_by("repository__name")
    counts = dict.fromkeys(ScanStatus.values, 0)
    for s in rows.values_list("status", flat=True):
        counts[s] += 1
    progress = _progress(counts)
    return render(request, "ospo/estate_scan.html", {
        "estate_scan": obj, "progress": progress, "page": filters.page(request, rows, PAGE_SIZE),
        "refresh": REFRESH_S if progress["done"] < progress["total"] else None,
    })


@scope.login_or_forbid
@require_POST
def scan_all(request: HttpRequest) -> HttpResponse:
    if not scope.can(request.user, scope.Action.SCAN):
        scope.require_role(request)  # the anonymous are sent to the login page
        raise PermissionDenied
    repos = Repository.objects.filter(agency__in=scope.agencies_for(request.user, scope.Action.SCAN),
                                      archived=False, source__enabled=True)
    es = EstateScan.objects.create(label="web", requested_by=request.user)
    queue.enqueue(repos, estate_scan=es)
    return redirect("web:estate_scan", pk=es.pk)
