"""Catalog pages: public search with facets and entry pages; agency actions; OSPO analysis pages.

The catalog itself is public (what the government recommends and publishes); declaring use and requesting
reuse act for an agency, so they need the right on that agency (``access.can``); the reuse graph, duplication,
contribute-back and value pages show inventory and findings data, so they need a role. Repository names are
inventory: an edge or a duplicate pair naming a repository the user may not see is left out (the reuse graph and
the entry page) or the pair is not shown (duplicates); the contribute-back ranking is computed from every
agency's inventory and findings, so it is for government-wide roles only.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from ospo.catalog import exports
from ospo.catalog.messages import CATALOG
from ospo.platform.access.permissions import Action, agencies_for, can, grants, sees_everything, visible_repositories
from ospo.platform.catalog import search, services
from ospo.platform.catalog.models import (
    TRANSITIONS,
    EdgeKind,
    Entry,
    EntryStatus,
    RequestStatus,
    ReuseEdge,
    ReuseRequest,
)
from ospo.platform.estate.models import Agency, Repository

PAGE_SIZE = 50
SUMMARY_CHARS = 160  # a row's description, ellipsis included (what truncatechars:160 showed)
FACETS = search.FACETS
filtered = search.filtered  # kept importable from here: the exports and older callers use views.filtered
search_entries = search.search_entries


def catalog(request: HttpRequest) -> HttpResponse:
    answer = search.search(request.GET.dict())
    page = Paginator(answer.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    by_pk = Entry.objects.select_related("publisher").in_bulk(list(page.object_list))
    entries = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    # labels translated once per page, descriptions cut by slicing: per row, the template's lazy-label and
    # truncatechars machinery cost more than the rest of the row
    labels = {value: str(label) for value, label in EntryStatus.choices}
    for e in entries:
        e.status_label = labels.get(e.status, e.status)
        e.summary = e.description if len(e.description) <= SUMMARY_CHARS else e.description[: SUMMARY_CHARS - 1] + "…"
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    # the facet block (~150 links) is the same for every page of one query: rendered once per query, language
    # and catalog generation (the answer's key), so paging and repeated queries skip it
    block_key = f"{answer.key}-facets-{get_language()}-{hashlib.sha256(encoded.encode()).hexdigest()[:24]}"
    block = cache.get(block_key)
    if block is None:
        block = render_to_string("catalog/_facets.html", {"facets": answer.facets, "query": encoded})
        cache.set(block_key, block, search.CACHE_SECONDS)
    return render(
        request,
        "catalog/list.html",
        {
            "page": page,
            "entries": entries,
            "facet_block": mark_safe(block),
            "q": request.GET.get("q", ""),
            "query": encoded,
        },
    )


def _acting_agencies(request: HttpRequest) -> QuerySet[Agency]:
    if not request.user.is_authenticated:
        return Agency.objects.none()
    return agencies_for(request.user, Action.CHANGE).order_by("name")


def _visible_edges(request: HttpRequest, edges: QuerySet[ReuseEdge]) -> QuerySet[ReuseEdge]:
    """Edges without a repository (agency level) and those whose repository this user may see."""
    if sees_everything(request.user):
        return edges
    return edges.filter(Q(repository=None) | Q(repository__in=visible_repositories(request.user)))


def entry(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(Entry.objects.select_related("publisher", "repository"), pk=pk)
    value = services.entry_value(e)
    internal = request.user.is_authenticated and grants(request.user).anywhere(Action.VIEW)
    edges = (
        _visible_edges(request, e.edges.select_related("agency", "repository")).order_by("kind", "agency__name")
        if internal
        else []
    )
    return render(
        request,
        "catalog/entry.html",
        {
            "e": e,
            "value": value,
            "edges": edges,
            "internal": internal,
            "agencies": _acting_agencies(request),
            "requests": e.requests.select_related("requester", "owner").order_by("-created_at") if internal else [],
            "referents": e.referents.select_related("agency"),
            "instances": e.instances.select_related("agency"),
            "alternatives": e.alternatives.all(),
            "providers": e.providers.all(),
        },
    )


def _agency_for_action(request: HttpRequest) -> Agency:
    agency = get_object_or_404(Agency, pk=request.POST.get("agency") or 0)
    if not can(request.user, Action.CHANGE, agency):
        raise PermissionDenied
    return agency


@login_required
@require_POST
def declare_use(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(Entry, pk=pk)
    services.declare_use(e, _agency_for_action(request), request.user)
    return redirect("catalog:entry", pk=pk)


@login_required
@require_POST
def request_reuse(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(Entry, pk=pk)
    agency = _agency_for_action(request)
    now = timezone.now().isoformat()
    ReuseRequest.objects.create(
        entry=e,
        requester=agency,
        owner=e.publisher,
        message=request.POST.get("message", "")[:5000],
        created_by=request.user,
        history=[{"status": RequestStatus.REQUESTED, "at": now, "by": request.user.username}],
    )
    return redirect("catalog:entry", pk=pk)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """requested → accepted/declined (owner agency); accepted → in use (requesting agency, adds a declared use)."""
    r = get_object_or_404(ReuseRequest.objects.select_related("entry"), pk=pk)
    target = request.POST.get("status", "")
    if target not in RequestStatus.values:
        return HttpResponseBadRequest("unknown status")
    # who may act is decided before whether the move is allowed: a user without the right learns nothing
    acting = r.requester if target == RequestStatus.IN_USE else r.owner
    if acting is None and not grants(request.user).anywhere(Action.ADMINISTER):
        raise PermissionDenied
    if acting is not None and not can(request.user, Action.CHANGE, acting):
        raise PermissionDenied
    if target not in TRANSITIONS.get(r.status, set()):
        return HttpResponseBadRequest("transition not allowed")
    r.status = target
    r.history = [*r.history, {"status": target, "at": timezone.now().isoformat(), "by": request.user.username}]
    r.save(update_fields=["status", "history"])
    if target == RequestStatus.IN_USE:
        services.declare_use(r.entry, r.requester, request.user)
    return redirect("catalog:entry", pk=r.entry_id)


def _internal(request: HttpRequest) -> None:
    if not grants(request.user).anywhere(Action.VIEW):
        raise PermissionDenied


@login_required
def reuse_graph(request: HttpRequest) -> HttpResponse:
    _internal(request)
    edges = _visible_edges(request, ReuseEdge.objects.select_related("entry", "agency", "repository")).order_by(
        "entry__name", "kind", "agency__name"
    )
    kind = request.GET.get("kind", "")
    if kind in EdgeKind.values:
        edges = edges.filter(kind=kind)
    page = Paginator(edges, 200).get_page(request.GET.get("page"))
    return render(request, "catalog/graph.html", {"page": page, "kind": kind, "kinds": EdgeKind.choices})


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    _internal(request)
    lang = get_language()
    visible = Repository.objects.all() if sees_everything(request.user) else visible_repositories(request.user)
    names = dict(visible.values_list("pk", "name"))
    agencies = dict(visible.values_list("pk", "agency__name"))
    rows = []
    for c in services.duplicates():
        a, b = int(c.a), int(c.b)
        if a not in names or b not in names:
            continue  # one side is a repository this user may not see
        if len(rows) == 200:
            break
        reasons = [CATALOG.get(f"dup.{s}", lang, value=round(v * 100)) for s, v in c.similarity.items() if v > 0]
        rows.append(
            {
                "a": names[a],
                "a_agency": agencies[a],
                "b": names[b],
                "b_agency": agencies[b],
                "a_pk": a,
                "b_pk": b,
                "score": c.score,
                "reasons": reasons,
                "shared": c.shared_dependencies[:10],
                "words": c.shared_words[:10],
            }
        )
    return render(request, "catalog/duplicates.html", {"rows": rows})


@login_required
def contribute(request: HttpRequest) -> HttpResponse:
    if not sees_everything(request.user):
        raise PermissionDenied  # ranked from every agency's inventory and findings
    lang = get_language()
    rows = [
        {"r": r, "action": CATALOG.get(r.action, lang), "reasons": [CATALOG.get(k, lang, **p) for k, p in r.reasons]}
        for r in services.contribute_ranking(100)
    ]
    return render(request, "catalog/contribute.html", {"rows": rows})


@login_required
def value(request: HttpRequest) -> HttpResponse:
    _internal(request)
    values = [services.entry_value(e) for e in Entry.objects.exclude(sloc=None).select_related("publisher")]
    per_agency = services.agency_values()
    names = dict(Agency.objects.filter(pk__in=per_agency).values_list("pk", "name"))
    agencies = sorted(((names[a], v) for a, v in per_agency.items()), key=lambda t: -t[1])
    return render(
        request,
        "catalog/value.html",
        {"values": sorted(values, key=lambda v: -v.total), "agencies": agencies, "kpis": services.kpis()},
    )


@login_required
def kpis(request: HttpRequest) -> JsonResponse:
    _internal(request)
    return JsonResponse(services.kpis())


def export_entry(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    e = get_object_or_404(Entry, pk=pk)
    record = services.record_of(e)
    if fmt == "publiccode":
        return HttpResponse(exports.export_publiccode(record), content_type="application/yaml; charset=utf-8")
    if fmt == "codejson":
        body = exports.export_codejson([record], e.publisher.name if e.publisher else "")
        return HttpResponse(body, content_type="application/json")
    if fmt == "dpg":
        return HttpResponse(
            exports.dpg_nomination(record, e.vetting.get("dpg") if isinstance(e.vetting, dict) else None),
            content_type="application/json",
        )
    return HttpResponseBadRequest("unknown format")


def export_all(request: HttpRequest, fmt: str) -> HttpResponse:
    records = [services.record_of(e) for e in filtered(request.GET.dict())[:20_000]]
    if fmt == "csv":
        resp = HttpResponse(exports.export_csv(records), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = 'attachment; filename="catalog.csv"'
        return resp
    if fmt == "json":
        return HttpResponse(exports.export_json(records), content_type="application/json")
    return HttpResponseBadRequest("unknown format")
