"""/api/: the router's routes, the statistics, and the OpenAPI 3 document with its UIs (assets from the
drf-spectacular-sidecar package — no CDN)."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ospo.platform.api import views
from ospo.platform.catalog import api as catalog_api


class Router(DefaultRouter):
    APIRootView = views.RootView


router = Router()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("sources", views.SourceViewSet, basename="source")
router.register("repositories", views.RepositoryViewSet, basename="repository")
router.register("scans", views.ScanViewSet, basename="scan")
router.register("discovery-jobs", views.DiscoveryJobViewSet, basename="discoveryjob")
router.register("components", views.ComponentViewSet, basename="component")
router.register("usages", views.UsageViewSet, basename="usage")
router.register("findings/license", views.LicenseFindingViewSet, basename="licensefinding")
router.register("findings/vulnerability", views.VulnerabilityFindingViewSet, basename="vulnerabilityfinding")
router.register("findings/hygiene", views.HygieneFindingViewSet, basename="hygienefinding")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("catalog/entries", catalog_api.EntryViewSet, basename="catalogentry")
router.register("catalog/edges", catalog_api.EdgeViewSet, basename="catalogedge")

app_name = "api"
urlpatterns = [
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("catalog/contribute/", catalog_api.ContributeView.as_view(), name="catalog-contribute"),
    path("catalog/kpis/", catalog_api.KpisView.as_view(), name="catalog-kpis"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("schema/swagger/", views.SwaggerView.as_view(url_name="api:schema"), name="swagger"),
    path("schema/redoc/", views.RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
