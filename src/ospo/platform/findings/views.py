"""Findings pages: one list over the three finding tables, a detail page with the evidence, reviewer forms, VEX export.

Access through the one permission layer (:mod:`ospo.platform.access.permissions`): lists are scoped with
``private_scope`` (findings are never public, not even of a published repository), a finding outside the user's
scope is a 404, a triage needs ``triage`` and a waiver ``decide`` on the finding's repository (an estate-wide
triage: everywhere). Decision rows are written with ``Decision.objects.create`` so the access app's audit log
(model signals) records who decided what; the finding status updates that follow are bulk writes by design.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, QuerySet, Value
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ospo.engine.i18n import normalize_language
from ospo.engine.vulns import vex
from ospo.platform.access.permissions import Action, can, private_scope
from ospo.platform.estate.models import Agency, Repository
from ospo.platform.findings import engines
from ospo.platform.findings.forms import TriageForm, WaiverForm
from ospo.platform.findings.models import (
    Decision,
    DecisionKind,
    FindingKind,
    FindingStatus,
    Severity,
)
from ospo.platform.findings.pipeline import latest_run
from ospo.platform.findings.store import MODELS, refresh_status, rule_of

PAGE_SIZE = 100
MAX_NAME = 200
# The ordered union reads only these columns, all in the (severity_rank, last_seen, id) index of each table.
ORDER_FIELDS = ("kind", "pk", "severity_rank", "last_seen")
ROW_FIELDS = (
    "pk",
    "title",
    "severity",
    "status",
    "repository_id",
    "repository__name",
    "repository__agency__name",
    "last_seen",
)


class FindingRows:
    """The findings of three tables as one list, most urgent first, for Django's ``Paginator``.

    Why not one UNION queryset with the display columns: counting it made the database build all 20,000 joined
    rows of an estate, and sorting it on a CASE over ``severity`` could use no index — the list took 70 ms of SQL
    per view. Here ``count()`` is one cheap count per table with the same filters, and a page is one ordered
    UNION ALL of (kind, id, rank, last seen) — which PostgreSQL answers by merging the three tables'
    ``(severity_rank, last_seen, id)`` indexes and stopping after the page — then the page's own rows with
    their repository and agency names, per kind, by primary key.
    """

    def __init__(self, parts: dict[str, QuerySet]) -> None:
        self.parts = parts  # kind → the filtered, scoped queryset of that kind's table
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(qs.count() for qs in self.parts.values())
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        if not isinstance(index, slice):
            raise TypeError("FindingRows supports slices only")
        keys = [
            qs.annotate(kind=Value(str(kind), output_field=CharField())).values(*ORDER_FIELDS)
            for kind, qs in self.parts.items()
        ]
        if not keys:
            return []
        union = keys[0].union(*keys[1:], all=True) if len(keys) > 1 else keys[0]
        order = list(union.order_by("severity_rank", "-last_seen", "pk")[index])
        wanted: dict[str, list[int]] = {}
        for row in order:
            wanted.setdefault(row["kind"], []).append(row["pk"])
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        for kind, pks in wanted.items():
            for row in self.parts[kind].model.objects.filter(pk__in=pks).values(*ROW_FIELDS):
                rows[(kind, row["pk"])] = {**row, "kind": kind}
        # a row deleted between the two queries (a rescan) is skipped rather than shown half-empty
        return [rows[key] for row in order if (key := (row["kind"], row["pk"])) in rows]


def _lang() -> str:
    return normalize_language(get_language() or "en")


def may(user: Any, kind: str, f: Any) -> dict[str, bool]:
    """Which reviewer forms this user gets on finding ``f``."""
    return {
        "triage": kind == FindingKind.VULNERABILITY and can(user, Action.TRIAGE, f),
        "waiver": can(user, Action.DECIDE, f),
    }


def _has_role(user: Any) -> bool:
    """Any role somewhere (a government-wide Decision is visible to exactly those users)."""
    return can(user, Action.VIEW, Decision(kind=DecisionKind.TRIAGE))


def _int(value: str | None) -> int | None:
    """A numeric filter from the query string; None (no filter) for anything that cannot be a row id — a number
    beyond 64 bits made SQLite's driver raise and the page fail."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 <= number < 2**63 else None


def vulndb_warnings(vulndb: dict[str, Any] | None = None) -> list[str]:
    """The reader-facing warnings about the vulnerability data: empty, undated or stale is never a silent zero."""
    fresh = vulndb if vulndb is not None else engines.vulndb_freshness()
    if not fresh:
        return []
    if fresh.get("empty"):
        return [
            _(
                "The vulnerability database is empty or missing (%(path)s): no vulnerability was checked, so "
                "no vulnerability finding means nothing."
            )
            % {"path": fresh.get("path", "?")}
        ]
    if fresh.get("age_days") is None:
        return [_("The vulnerability database has no dated advisories: its age is unknown.")]
    if fresh.get("stale"):
        return [
            _(
                "The vulnerability database is stale: its newest advisory is %(age)s days old (limit %(limit)s "
                "days). Advisories published since are missing."
            )
            % {"age": f"{fresh['age_days']:.0f}", "limit": f"{fresh.get('max_age_days', 7):g}"}
        ]
    return []


@login_required
@require_GET
def finding_list(request: HttpRequest) -> HttpResponse:
    if not _has_role(request.user):
        raise PermissionDenied  # findings are never public
    g = request.GET
    kind, severity, status = g.get("kind", ""), g.get("severity", ""), g.get("status", "")
    agency, repository = _int(g.get("agency")), _int(g.get("repository"))
    # A name filter rather than a <select> of every repository: an estate has thousands (a 1,000-option list
    # is slow to render and unusable with a keyboard or a screen reader). Cut and cleaned like every text filter.
    repository_name = g.get("repository_name", "").replace("\x00", "").strip()[:MAX_NAME]
    filters: dict[str, Any] = {}
    if severity in Severity.values:
        filters["severity"] = severity
    if status in FindingStatus.values:
        filters["status"] = status
    if agency is not None:
        filters["repository__agency_id"] = agency
    if repository is not None:
        filters["repository_id"] = repository
    if repository_name:
        filters["repository__name__icontains"] = repository_name
    parts = {
        k: private_scope(model.objects.filter(**filters), request.user, "repository__agency_id")
        for k, model in MODELS.items()
        if not kind or kind == k
    }
    page = Paginator(FindingRows(parts), PAGE_SIZE).get_page(g.get("page"))
    selected_repository = None
    if repository is not None:  # named in the form (kept as a hidden field) — only if the user may see it
        selected_repository = (
            private_scope(Repository.objects.all(), request.user, "agency_id")
            .filter(pk=repository)
            .values_list("name", flat=True)
            .first()
        )
    query = {
        k: v
        for k, v in (
            ("kind", kind),
            ("severity", severity),
            ("status", status),
            ("agency", agency),
            ("repository", repository),
            ("repository_name", repository_name),
        )
        if v not in ("", None)
    }
    without_repository = {k: v for k, v in query.items() if k != "repository"}
    return render(
        request,
        "findings/list.html",
        {
            "page": page,
            "kinds": FindingKind.choices,
            "severities": Severity.choices,
            "statuses": FindingStatus.choices,
            "agencies": Agency.objects.order_by("name")[:500],
            "selected": {
                "kind": kind,
                "severity": severity,
                "status": status,
                "agency": agency,
                "repository": repository,
                "repository_name": repository_name,
            },
            "selected_repository": selected_repository,
            "querystring": urlencode(query),
            "without_repository": urlencode(without_repository),
            "warnings": vulndb_warnings() if "vulns" in engines.configured_engines() else [],
        },
    )


def _finding(request: HttpRequest, kind: str, pk: int) -> Any:
    """The finding, or 404 — also when it exists outside the user's scope (its existence does not leak)."""
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    qs = private_scope(
        model.objects.select_related("repository__agency", "component", "decision", "first_scan", "last_scan"),
        request.user,
        "repository__agency_id",
    )
    return get_object_or_404(qs, pk=pk)


def _explanation(kind: str, f: Any) -> dict[str, Any]:
    """What the detail page says, in the reader's language (engine catalogs for engine texts)."""
    lang = _lang()
    out: dict[str, Any] = {"lines": [], "remediation": ""}
    if kind == FindingKind.LICENSE:
        explain = f.details.get("explain") or {}
        out["lines"] = explain.get(lang) or explain.get("en") or []
    elif kind == FindingKind.HYGIENE:
        if f.details.get("secret"):
            out["lines"] = [
                _(
                    "A credential of kind %(kind)s is committed in %(path)s (line %(line)s). Only its "
                    "fingerprint is stored, never the value."
                )
                % {"kind": f.details.get("kind", "?"), "path": f.path, "line": f.line or "?"}
            ]
            out["remediation"] = _(
                "Revoke the credential now, remove it from the code and the history, and "
                "load it from the environment or a secret store."
            )
        else:
            from ospo.engine.hygiene.messages import CATALOG

            out["title"] = (
                CATALOG.get(f"{f.check_id}.title", lang) if f"{f.check_id}.title" in CATALOG.messages else f.title
            )
            out["lines"] = [f.details.get("summary", "")]
            if f.remediation_key in CATALOG.messages:
                out["remediation"] = CATALOG.get(f.remediation_key, lang)
    else:
        fixed = f.fixed_in
        out["lines"] = [
            _("%(package)s %(version)s is affected by %(advisory)s.")
            % {
                "package": f.component.name if f.component else "?",
                "version": f.affected_version,
                "advisory": f.advisory_id,
            }
        ]
        if f.details.get("summary"):
            out["lines"].append(f.details["summary"])
        out["remediation"] = (
            (_("Upgrade to %(version)s or later.") % {"version": fixed})
            if fixed
            else _("No fixed version is known: consider another package or a mitigation.")
        )
    return out


@login_required
@require_GET
def finding_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    f = _finding(request, kind, pk)
    run = latest_run(f.repository)
    allowed = may(request.user, kind, f)
    return render(
        request,
        "findings/detail.html",
        {
            "f": f,
            "kind": kind,
            "explanation": _explanation(kind, f),
            "run": run,
            "triage_form": TriageForm() if allowed["triage"] else None,
            "waiver_form": WaiverForm() if allowed["waiver"] else None,
            "warnings": vulndb_warnings(run.vulndb if run else None) if kind == FindingKind.VULNERABILITY else [],
            "evidence": json.dumps(f.details, indent=2, ensure_ascii=False, sort_keys=True, default=str)[:20000],
        },
    )


def _redisplay(request: HttpRequest, kind: str, f: Any, **forms: Any) -> HttpResponse:
    ctx = {
        "f": f,
        "kind": kind,
        "explanation": _explanation(kind, f),
        "run": latest_run(f.repository),
        "triage_form": None,
        "waiver_form": None,
        "warnings": [],
        "evidence": "{}",
    }
    ctx.update(forms)
    return render(request, "findings/detail.html", ctx, status=400)


@login_required
@require_POST
def triage(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    f = _finding(request, kind, pk)
    if kind != FindingKind.VULNERABILITY or f.component is None:
        raise Http404
    if not can(request.user, Action.TRIAGE, f):
        raise PermissionDenied
    form = TriageForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, kind, f, triage_form=form)
    d = form.cleaned_data
    if d["scope"] == "estate" and not can(request.user, Action.TRIAGE, Decision(kind=DecisionKind.TRIAGE)):
        raise PermissionDenied  # a decision for every repository needs the right everywhere
    Decision.objects.create(
        kind=DecisionKind.TRIAGE,
        finding_kind=FindingKind.VULNERABILITY,
        scope_repository=f.repository if d["scope"] == "repository" else None,
        scope_component=f.component,
        scope_rule=f.advisory_id,
        vex_state=d["vex_state"],
        justification=d["justification"],
        rationale=d["rationale"],
        owner=request.user.get_username()[:200],
        decided_by=request.user,
    )
    refresh_status(None if d["scope"] == "estate" else f.repository)
    return HttpResponseRedirect(reverse("findings:detail", args=[kind, pk]))


@login_required
@require_POST
def waiver(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    f = _finding(request, kind, pk)
    if not can(request.user, Action.DECIDE, f):
        raise PermissionDenied
    form = WaiverForm(request.POST)
    if not form.is_valid():
        return _redisplay(request, kind, f, waiver_form=form)
    d = form.cleaned_data
    scope = d["scope"]
    Decision.objects.create(
        kind=DecisionKind.WAIVER,
        finding_kind=kind,
        scope_repository=f.repository,
        scope_component=f.component if scope in ("finding", "component") else None,
        scope_rule=rule_of(kind, f)[:200] if scope in ("finding", "rule") else "",
        rationale=d["rationale"],
        owner=d["owner"],
        decided_by=request.user,
        expires_at=datetime.combine(d["expires_at"], time.max, tzinfo=UTC),
    )
    refresh_status(f.repository)
    return HttpResponseRedirect(reverse("findings:detail", args=[kind, pk]))


@login_required
@require_GET
def export_vex(request: HttpRequest, fmt: str) -> HttpResponse:
    """The triage decisions as OpenVEX 0.2.0 or CycloneDX 1.6 VEX — written by the engine's vex module."""
    from ospo.platform.findings.triage import DbTriageStore

    repository = _int(request.GET.get("repository"))
    visible = private_scope(Repository.objects.all(), request.user, "agency_id")
    repo = get_object_or_404(visible, pk=repository) if repository is not None else None
    if not _has_role(request.user):
        raise PermissionDenied
    store = DbTriageStore(repo)
    decisions = store.decisions()
    if repo is None:  # estate-wide: the decisions of the repositories this user sees, and government-wide ones
        seen = set(visible.values_list("pk", flat=True))
        decisions = [
            d
            for d in decisions
            if (row := store.row_for(d)) is not None
            and (row.scope_repository_id is None or row.scope_repository_id in seen)
        ]
    if fmt == "openvex":
        doc = vex.to_openvex(decisions, author=request.user.get_username() or "ospo")
    elif fmt == "cyclonedx":
        doc = vex.to_cyclonedx_vex(decisions)
    else:
        raise Http404
    name = f"vex-{repo.name if repo else 'estate'}-{fmt}.json".replace("/", "_")
    response = HttpResponse(json.dumps(doc, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
