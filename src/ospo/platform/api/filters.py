"""Filters of the list routes (django-filter), and a backend that refuses NUL bytes (PostgreSQL rejects them
in text parameters; a clear 400 instead of a database error)."""

from __future__ import annotations

from typing import Any

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from ospo.platform.estate.models import Repository, Source
from ospo.platform.findings.models import Decision, HygieneFinding, LicenseFinding, VulnerabilityFinding
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans.models import DiscoveryJob, Scan

MAX_ID = 2**53  # larger ids cannot exist; SQLite would overflow on them


class SafeFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                raise ValidationError({key.replace("\x00", ""): "NUL character"})
        return super().filter_queryset(request, queryset, view)


def id_filter(field_name: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field_name, min_value=1, max_value=MAX_ID)


class RepositoryFilter(django_filters.FilterSet):
    agency = id_filter("agency_id")
    source = id_filter("source_id")
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=300)

    class Meta:
        model = Repository
        fields = ("agency", "source", "name", "published", "archived")


class SourceFilter(django_filters.FilterSet):
    agency = id_filter("agency_id")

    class Meta:
        model = Source
        fields = ("agency", "kind", "enabled")


class DiscoveryJobFilter(django_filters.FilterSet):
    source = id_filter("source_id")

    class Meta:
        model = DiscoveryJob
        fields = ("source", "status", "scheduled")


class ScanFilter(django_filters.FilterSet):
    repository = id_filter("repository_id")

    class Meta:
        model = Scan
        fields = ("repository", "status", "unchanged")


class ComponentFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=500)
    ecosystem = django_filters.CharFilter(max_length=50)
    purl = django_filters.CharFilter(max_length=5000)

    class Meta:
        model = Component
        fields = ("ecosystem", "name", "purl", "pinned")


class UsageFilter(django_filters.FilterSet):
    repository = id_filter("repository_id")
    component = id_filter("component_id")
    ecosystem = django_filters.CharFilter(field_name="component__ecosystem", max_length=50)
    scope = django_filters.CharFilter(max_length=20)

    class Meta:
        model = Usage
        fields = ("repository", "component", "ecosystem", "scope", "direct")


def finding_filter(finding_model: type) -> type[django_filters.FilterSet]:
    class Meta:
        model = finding_model
        fields = ("repository", "component", "severity", "status")

    return type(
        f"{finding_model.__name__}Filter",
        (django_filters.FilterSet,),
        {
            "Meta": Meta,
            "repository": id_filter("repository_id"),
            "component": id_filter("component_id"),
        },
    )


LicenseFindingFilter = finding_filter(LicenseFinding)
VulnerabilityFindingFilter = finding_filter(VulnerabilityFinding)
HygieneFindingFilter = finding_filter(HygieneFinding)


class DecisionFilter(django_filters.FilterSet):
    scope_repository = id_filter("scope_repository_id")
    scope_component = id_filter("scope_component_id")

    class Meta:
        model = Decision
        fields = ("kind", "finding_kind", "scope_repository", "scope_component")
