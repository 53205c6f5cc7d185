"""The repository page (components with filters and dependency paths, findings, last scan), SBOM downloads and
"scan now". A repository outside the user's scope is a 404 (its existence does not leak); the public sees
published repositories with their inventory and SBOMs, never their scans or findings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ospo.platform.inventory.models import Usage
from ospo.platform.scans import queue
from ospo.platform.scans.models import Scan
from ospo.platform.web import filters, sbom, scope, stats
from ospo.platform.web.views import severity_label

PAGE_SIZE = 100
DIRECT = {"yes": True, "no": False}
SBOM_FORMATS = {"cyclonedx": ("application/vnd.cyclonedx+json", sbom.cyclonedx_json),
                "spdx": ("application/spdx+json", sbom.spdx_json)}


def _repository(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    return get_object_or_404(scope.visible_repositories(request.user).select_related("agency", "source"), pk=pk)


@scope.login_or_forbid
def repository(request: HttpRequest, pk: int) -> HttpResponse:
    repo = _repository(request, pk)
    all_usages = Usage.objects.filter(repository=repo)
    ecosystems = list(all_usages.values_list("component__ecosystem", flat=True).distinct()
                      .order_by("component__ecosystem"))
    scopes = list(all_usages.values_list("scope", flat=True).distinct().order_by("scope"))
    # Any ecosystem or scope may be asked for (a link from another page): one this repository lacks lists nothing.
    ecosystem = filters.text(request, "ecosystem")
    scope_f = filters.text(request, "scope")
    direct = filters.choice(request, "direct", {"yes", "no", "unknown"})
    q = filters.text(request, "q")
    usages = all_usages.select_related("component")
    if ecosystem:
        usages = usages.filter(component__ecosystem=ecosystem)
    if scope_f:
        usages = usages.filter(scope=scope_f)
    if direct:
        usages = usages.filter(direct=DIRECT.get(direct)) if direct in DIRECT else usages.filter(direct__isnull=True)
    if q:
        usages = usages.filter(Q(component__name__icontains=q) | Q(component__purl__icontains=q))
    page = filters.page(request, usages.order_by("component__ecosystem", "component__name", "component__version"),
                        PAGE_SIZE)
    show_private = scope.private_repositories(request.user).filter(pk=repo.pk).exists()
    findings = stats.repository_findings(repo) if show_private else {}
    findings_rows = [
        (kind, [(severity_label(s), findings[kind][s]) for s in stats.SEVERITIES], sum(findings[kind].values()))
        for kind in ("license", "vulnerability", "hygiene")
    ] if show_private else []
    return render(request, "ospo/repository.html", {
        "repo": repo, "page": page, "last_scan": repo.scans.order_by("-requested_at").first(),
        "ecosystems": ecosystems, "scopes": scopes, "ecosystem": ecosystem, "scope": scope_f, "direct": direct,
        "q": q, "keep": filters.keep(request, "ecosystem", "scope", "direct", "q"), "findings": findings_rows,
        "can_scan": scope.can(request.user, scope.Action.SCAN, repo), "show_private": show_private,
        "filtered": bool(ecosystem or scope_f or direct or q),
    })


@scope.login_or_forbid
def repository_sbom(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    repo = _repository(request, pk)
    content_type, writer = SBOM_FORMATS[fmt]
    private = scope.private_repositories(request.user).filter(pk=repo.pk).exists()
    response = HttpResponse(writer(repo, with_issues=private), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{sbom.filename(repo, fmt)}"'
    return response


@scope.login_or_forbid
@require_POST
def repository_scan(request: HttpRequest, pk: int) -> HttpResponse:
    repo = _repository(request, pk)
    if not scope.can(request.user, scope.Action.SCAN, repo):
        raise PermissionDenied
    scans = queue.enqueue([repo])
    scan = scans[0] if scans else Scan.objects.filter(repository=repo).order_by("-requested_at").first()
    return redirect("web:scan", pk=scan.pk) if scan else redirect("web:repository", pk=repo.pk)
