"""URL configuration. Later parts add their routes here: ``api/`` (REST + OpenAPI), accounts/OIDC, catalog."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language choice persists (cookie)
    path("admin/", admin.site.urls),
    path("accounts/", include("ospo.platform.access.urls")),  # sign-in / sign-out for every role
    path("api/", include("ospo.platform.api.urls")),  # REST API + OpenAPI document (access/api apps)
    *([path("oidc/", include("mozilla_django_oidc.urls"))] if settings.OSPO_OIDC_ENABLED else []),  # SSO
    path("programme/", include("ospo.platform.programme.urls")),
    path("findings/", include("ospo.platform.findings.urls")),  # findings lists, detail, triage, VEX export
    path("catalog/", include("ospo.platform.catalog.urls")),  # catalog, reuse, value, contribute-back
    path("", include("ospo.platform.web.urls")),
]
