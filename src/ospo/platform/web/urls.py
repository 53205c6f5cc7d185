"""Pages. Each route's authorization rule lives in its view (TODO(access): object-level checks, see scope.py)."""

from __future__ import annotations

from django.urls import path

from ospo.platform.web import component_views, repo_views, scan_views, source_views, views

app_name = "web"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/<int:pk>/", views.agency, name="agency"),
    path("repositories/<int:pk>/", repo_views.repository, name="repository"),
    path("repositories/<int:pk>/sbom/cyclonedx.json", repo_views.repository_sbom, {"fmt": "cyclonedx"},
         name="sbom_cyclonedx"),
    path("repositories/<int:pk>/sbom/spdx.json", repo_views.repository_sbom, {"fmt": "spdx"}, name="sbom_spdx"),
    path("repositories/<int:pk>/scan/", repo_views.repository_scan, name="repository_scan"),
    path("components/<int:pk>/", component_views.component, name="component"),
    path("scans/", scan_views.scans, name="scans"),
    path("scans/all/", scan_views.scan_all, name="scan_all"),
    path("scans/<int:pk>/", scan_views.scan, name="scan"),
    path("scans/estate/<int:pk>/", scan_views.estate_scan, name="estate_scan"),
    path("search/", views.search, name="search"),
    path("sources/add/", source_views.source_add, name="source_add"),
    path("sources/<int:pk>/", source_views.source, name="source"),
    path("sources/<int:pk>/discover/", source_views.source_discover, name="source_discover"),
]
