"""API routes. Each viewset's queryset is a ``visible_*`` scope of the access layer; writes name the access
Action they need in ``action_rules`` (checked by ScopedAccess on the object, or in the serializer on create)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Count
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import mixins, routers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from ospo.platform.access import audit
from ospo.platform.access.permissions import (
    Action,
    visible_agencies,
    visible_components,
    visible_decisions,
    visible_discovery_jobs,
    visible_findings,
    visible_repositories,
    visible_scans,
    visible_sources,
    visible_usages,
)
from ospo.platform.api import filters, schema  # noqa: F401  (schema: registers the token scheme)
from ospo.platform.api import serializers as s
from ospo.platform.estate.models import Agency, Repository
from ospo.platform.findings.models import HygieneFinding, LicenseFinding, VulnerabilityFinding
from ospo.platform.inventory.models import Component, Usage

ID_REGEX = r"[0-9]{1,15}"  # larger ids cannot exist; the database is never asked about them


class Base(viewsets.GenericViewSet):
    public: ClassVar[bool] = False
    action_rules: ClassVar[dict[str, Action]] = {}
    lookup_value_regex = ID_REGEX
    filter_backends: ClassVar[list[Any]] = [filters.SafeFilterBackend, OrderingFilter]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # token authentication happens here, after the middleware: make the API user the audit actor
        self._audit_token = audit.set_actor(request.user)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        token = getattr(self, "_audit_token", None)
        if token is not None:
            audit._actor.reset(token)
            self._audit_token = None
        return super().finalize_response(request, response, *args, **kwargs)


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, Base):
    pass


class AgencyViewSet(ReadOnly):
    public = True
    serializer_class = s.AgencySerializer
    ordering_fields = ("name", "id")
    ordering = ("name", "id")

    def get_queryset(self) -> Any:
        return visible_agencies(self.request.user)


class ScanRequested(serializers.Serializer):
    scans = serializers.ListField(child=serializers.IntegerField())


class SourceViewSet(mixins.CreateModelMixin, ReadOnly):
    serializer_class = s.SourceSerializer
    filterset_class = filters.SourceFilter
    ordering_fields = ("id", "created_at")
    ordering = ("id",)
    action_rules: ClassVar[dict[str, Action]] = {"create": Action.ADD_SOURCE, "discover": Action.SCAN}

    def get_queryset(self) -> Any:
        return visible_sources(self.request.user)

    @extend_schema(request=None, responses={202: s.DiscoveryRequestedSerializer})
    @action(detail=True, methods=["post"])
    def discover(self, request: Any, pk: str | None = None, format: str | None = None) -> Response:
        """Queue a discovery of the source (the source page's "Discover now") and return at once.

        202 with the discovery job (``url``, also in ``Location``); ``created`` is false when one was already
        queued or running — that job is returned and no other is queued. A worker lists the repositories and queues
        a scan of each; follow it at ``GET /api/discovery-jobs/{id}/`` (status, counts, ``scans``, the forge's error
        with ``message`` translated), then the scans at ``GET /api/scans/?repository=…``.
        """
        from ospo.platform.scans.discover import request_discovery

        job, created = request_discovery(self.get_object(), request.user)
        url = reverse("api:discoveryjob-detail", args=[job.pk], request=request)
        body = {**s.DiscoveryJobSerializer(job).data, "created": created, "url": url}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class DiscoveryJobViewSet(ReadOnly):
    """Discovery jobs of the sources the user may see, newest first."""

    serializer_class = s.DiscoveryJobSerializer
    filterset_class = filters.DiscoveryJobFilter
    ordering_fields = ("requested_at", "id")
    ordering = ("-requested_at", "-id")

    def get_queryset(self) -> Any:
        return visible_discovery_jobs(self.request.user).select_related("source")


class RepositoryViewSet(ReadOnly):
    public = True
    serializer_class = s.RepositorySerializer
    filterset_class = filters.RepositoryFilter
    ordering_fields = ("name", "id", "inventory_updated_at")
    ordering = ("name", "id")
    action_rules: ClassVar[dict[str, Action]] = {"scan": Action.SCAN}

    def get_queryset(self) -> Any:
        return visible_repositories(self.request.user).select_related("agency")

    @extend_schema(request=None, responses={202: ScanRequested})
    @action(detail=True, methods=["post"])
    def scan(self, request: Any, pk: str | None = None, format: str | None = None) -> Response:
        """Queue a scan of this repository (none is added while one is queued or running)."""
        from ospo.platform.scans import queue

        repo = self.get_object()
        scans = queue.enqueue([repo])
        return Response({"scans": [x.pk for x in scans]}, status=status.HTTP_202_ACCEPTED)


class ScanViewSet(ReadOnly):
    serializer_class = s.ScanSerializer
    filterset_class = filters.ScanFilter
    ordering_fields = ("requested_at", "id")
    ordering = ("-requested_at", "-id")

    def get_queryset(self) -> Any:
        return visible_scans(self.request.user)


class ComponentViewSet(ReadOnly):
    public = True
    serializer_class = s.ComponentSerializer
    filterset_class = filters.ComponentFilter
    ordering_fields = ("name", "version", "id")
    ordering = ("ecosystem", "name", "version", "id")

    def get_queryset(self) -> Any:
        return visible_components(self.request.user)


class UsageViewSet(ReadOnly):
    public = True
    serializer_class = s.UsageSerializer
    filterset_class = filters.UsageFilter
    ordering_fields = ("id",)
    ordering = ("id",)

    def get_queryset(self) -> Any:
        return visible_usages(self.request.user).select_related("component")


def finding_viewset(model: type, serializer: type, filterset: type) -> type[ReadOnly]:
    def get_queryset(self: Any) -> Any:
        return visible_findings(model, self.request.user)

    return type(
        f"{model.__name__}ViewSet",
        (ReadOnly,),
        {
            "serializer_class": serializer,
            "filterset_class": filterset,
            "get_queryset": get_queryset,
            "ordering_fields": ("id", "severity", "last_seen"),
            "ordering": ("id",),
            "__doc__": model.__doc__,
        },
    )


LicenseFindingViewSet = finding_viewset(LicenseFinding, s.LicenseFindingSerializer, filters.LicenseFindingFilter)
VulnerabilityFindingViewSet = finding_viewset(
    VulnerabilityFinding, s.VulnerabilityFindingSerializer, filters.VulnerabilityFindingFilter
)
HygieneFindingViewSet = finding_viewset(HygieneFinding, s.HygieneFindingSerializer, filters.HygieneFindingFilter)


class DecisionViewSet(mixins.CreateModelMixin, ReadOnly):
    serializer_class = s.DecisionSerializer
    filterset_class = filters.DecisionFilter
    ordering_fields = ("decided_at", "id")
    ordering = ("-decided_at", "-id")
    action_rules: ClassVar[dict[str, Action]] = {"create": Action.TRIAGE}  # waivers: DECIDE, in the serializer

    def get_queryset(self) -> Any:
        return visible_decisions(self.request.user).select_related("decided_by")


class StatisticsView(APIView):
    """Estate-wide aggregate statistics: public, like the overview's counts."""

    public = True

    @extend_schema(
        responses=inline_serializer(
            "Statistics",
            {
                "agencies": serializers.IntegerField(),
                "repositories": serializers.IntegerField(),
                "published_repositories": serializers.IntegerField(),
                "components": serializers.IntegerField(),
                "usages": serializers.IntegerField(),
                "ecosystems": serializers.DictField(child=serializers.IntegerField()),
            },
        )
    )
    def get(self, request: Any) -> Response:
        ecosystems = {
            row["ecosystem"]: row["n"]
            for row in Component.objects.values("ecosystem").annotate(n=Count("id")).order_by("ecosystem")
        }
        return Response(
            {
                "agencies": Agency.objects.count(),
                "repositories": Repository.objects.count(),
                "published_repositories": Repository.objects.filter(published=True).count(),
                "components": Component.objects.count(),
                "usages": Usage.objects.count(),
                "ecosystems": ecosystems,
            }
        )


class RootView(routers.APIRootView):
    """The list of routes is public, like the OpenAPI document."""

    public = True


class SchemaView(SpectacularAPIView):
    """The OpenAPI document is public: it describes routes, not data."""

    public = True


class SwaggerView(SpectacularSwaggerView):
    public = True


class RedocView(SpectacularRedocView):
    public = True
