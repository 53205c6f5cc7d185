"""URL configuration. Later parts add their routes here: ``api/`` (REST + OpenAPI), accounts/OIDC, catalog."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language choice persists (cookie)
    path("admin/", admin.site.urls),
    path("catalog/", include("ospo.platform.catalog.urls")),  # catalog, reuse, value, contribute-back
    path("findings/", include("ospo.platform.findings.urls")),  # findings lists, detail, triage, VEX export
    path("", include("ospo.platform.web.urls")),
]
