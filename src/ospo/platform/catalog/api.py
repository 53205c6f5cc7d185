"""Catalog routes of the REST API (/api/catalog/…), on the API's base viewsets and access rules.

* ``catalog/entries`` — public, like the catalog pages; the engine evidence (``vetting``) comes from findings,
  which are never public, so it is returned only to users with a role (``null`` otherwise).
* ``catalog/entries/{id}/declare-use`` — POST ``{"agency": id}``: needs ``change`` on that agency.
* ``catalog/edges`` — the reuse graph with provenance: a role; edges naming a repository the user may not see
  are left out (as on the graph page).
* ``catalog/contribute`` — the contribute-back ranking: government-wide roles (it is computed from every
  agency's inventory and findings).
* ``catalog/kpis`` — reuse totals (``kpis.reuse_totals``), optionally ``?agency=id``: a role.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ospo.platform.access.permissions import Action, can, grants, sees_everything, visible_repositories
from ospo.platform.api.filters import id_filter
from ospo.platform.api.views import ReadOnly
from ospo.platform.catalog import kpis, search, services
from ospo.platform.catalog.models import EdgeKind, Entry, EntryStatus, ReuseEdge
from ospo.platform.estate.models import Agency


def has_role(user: Any) -> bool:
    return bool(user and user.is_authenticated) and grants(user).anywhere(Action.VIEW)


class EntrySerializer(serializers.ModelSerializer):
    publisher_name = serializers.CharField(source="publisher.name", read_only=True, default="")
    vetting = serializers.SerializerMethodField()
    dpg_indicators = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = ("id", "name", "kind", "status", "status_reason", "category", "description", "url", "landing_url",
                  "license", "language", "publisher", "publisher_name", "repository", "source_format", "source_id",
                  "dpg_status", "dpg_indicators", "sloc", "vetting", "created_at", "updated_at")

    def get_vetting(self, obj: Entry) -> dict[str, Any] | None:
        request = self.context.get("request")
        return obj.vetting if request is not None and has_role(request.user) else None

    def get_dpg_indicators(self, obj: Entry) -> dict[str, Any]:
        value = (obj.record or {}).get("dpg_indicators")
        return value if isinstance(value, dict) else {}


class EdgeSerializer(serializers.ModelSerializer):
    entry_name = serializers.CharField(source="entry.name", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = ReuseEdge
        fields = ("id", "entry", "entry_name", "agency", "agency_name", "repository", "kind", "detail", "source",
                  "observed_at")


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="text", max_length=200, help_text="every word, anywhere in the entry")
    category = django_filters.CharFilter(max_length=40)
    license = django_filters.CharFilter(max_length=500)
    status = django_filters.ChoiceFilter(choices=EntryStatus.choices)
    language = django_filters.CharFilter(max_length=50)
    agency = id_filter("publisher_id")
    repository = id_filter("repository_id")

    class Meta:
        model = Entry
        fields = ("q", "category", "license", "status", "language", "agency", "repository", "kind")

    def text(self, queryset: Any, name: str, value: str) -> Any:
        for word in search.words(value):
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class DeclareUse(serializers.Serializer):
    agency = serializers.IntegerField(min_value=1, max_value=2**53)


class EntryViewSet(ReadOnly):
    """Catalog entries (public)."""

    public = True
    serializer_class = EntrySerializer
    filterset_class = EntryFilter
    ordering_fields = ("name", "id", "updated_at")
    ordering = ("name", "id")
    action_rules: ClassVar[dict[str, Action]] = {"declare_use": Action.CHANGE}

    def get_queryset(self) -> Any:
        return Entry.objects.select_related("publisher")

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        return  # entries are public; declare-use checks the right on the agency named in the body

    @extend_schema(request=DeclareUse, responses={201: EdgeSerializer})
    @action(detail=True, methods=["post"], url_path="declare-use")
    def declare_use(self, request: Any, pk: str | None = None, format: str | None = None) -> Response:
        """The agency confirms it uses this entry (a declared edge of the reuse graph, with who and when)."""
        entry = self.get_object()
        body = DeclareUse(data=request.data)
        body.is_valid(raise_exception=True)
        agency = Agency.objects.filter(pk=body.validated_data["agency"]).first()
        if agency is None:
            raise ValidationError({"agency": "unknown agency"})
        if not can(request.user, Action.CHANGE, agency):
            raise PermissionDenied
        edge = services.declare_use(entry, agency, request.user)
        return Response(EdgeSerializer(edge).data, status=status.HTTP_201_CREATED)


class EdgeFilter(django_filters.FilterSet):
    entry = id_filter("entry_id")
    agency = id_filter("agency_id")
    kind = django_filters.ChoiceFilter(choices=EdgeKind.choices)

    class Meta:
        model = ReuseEdge
        fields = ("entry", "agency", "kind")


class EdgeViewSet(ReadOnly):
    """Reuse edges with their provenance (declared, detected, deployment)."""

    serializer_class = EdgeSerializer
    filterset_class = EdgeFilter
    ordering_fields = ("id", "observed_at")
    ordering = ("id",)

    def get_queryset(self) -> Any:
        qs = ReuseEdge.objects.select_related("entry", "agency")
        user = self.request.user
        if sees_everything(user):
            return qs
        return qs.filter(Q(repository=None) | Q(repository__in=visible_repositories(user)))

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        return  # the queryset is the scope; an edge has no agency rule of its own


RankedRow = inline_serializer("ContributeRow", {
    "project": serializers.CharField(), "score": serializers.FloatField(), "dependence": serializers.FloatField(),
    "risk": serializers.FloatField(), "agencies": serializers.IntegerField(),
    "direct_repositories": serializers.IntegerField(), "transitive_repositories": serializers.IntegerField(),
    "factors": serializers.DictField(child=serializers.FloatField()),
    "unknown": serializers.ListField(child=serializers.CharField()), "action": serializers.CharField(),
    "reasons": serializers.ListField(child=serializers.DictField()),
})


class ContributeView(APIView):
    """Upstream projects ranked by estate dependence × risk, each with its reasons and suggested action."""

    @extend_schema(responses={200: RankedRow}, parameters=[OpenApiParameter("limit", int)])
    def get(self, request: Any) -> Response:
        if not sees_everything(request.user):
            raise PermissionDenied
        try:
            limit = max(1, min(1000, int(request.query_params.get("limit", 100))))
        except ValueError:
            raise ValidationError({"limit": "an integer"}) from None
        rows = [{"project": r.project, "score": r.score, "dependence": r.dependence, "risk": r.risk,
                 "agencies": r.agencies, "direct_repositories": r.direct_repositories,
                 "transitive_repositories": r.transitive_repositories, "factors": r.factors, "unknown": r.unknown,
                 "action": r.action, "reasons": [{"key": k, "params": p} for k, p in r.reasons]}
                for r in services.contribute_ranking(limit)]
        return Response(rows)


class KpisView(APIView):
    """Reuse totals for the KPI roll-up (all agencies, or ``?agency=id``)."""

    @extend_schema(parameters=[OpenApiParameter("agency", int)], responses=inline_serializer("ReuseTotals", {
        "agency": serializers.IntegerField(allow_null=True), "entries": serializers.IntegerField(),
        "published_entries": serializers.IntegerField(), "reused_entries": serializers.IntegerField(),
        "reuse_edges": serializers.IntegerField(),
        "reuse_edges_by_kind": serializers.DictField(child=serializers.IntegerField()),
        "reusing_agencies": serializers.IntegerField(), "cost_avoided": serializers.FloatField(),
        "licence_savings": serializers.FloatField(), "total_value": serializers.FloatField(),
        "currency": serializers.CharField()}))
    def get(self, request: Any) -> Response:
        raw = request.query_params.get("agency")
        agency = None
        if raw:
            if not raw.isdigit() or len(raw) > 15:
                raise ValidationError({"agency": "an agency id"})
            agency = Agency.objects.filter(pk=int(raw)).first()
            if agency is None:
                raise ValidationError({"agency": "unknown agency"})
        return Response(kpis.reuse_totals(agency))

