"""The settings the access and api apps need, computed from the environment (``settings.py`` applies them).

Kept here so the shared settings module grows by one line, and so the OIDC decision can be tested by calling
:func:`access_settings` with a fake environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ospo.platform.access.oidc import configure


def access_settings(env: Mapping[str, str]) -> dict[str, Any]:
    oidc = configure(env)
    backends = ["django.contrib.auth.backends.ModelBackend"]
    if oidc.enabled:
        backends.append("ospo.platform.access.sso.OspoOidcBackend")
    return {
        "OSPO_OIDC_ENABLED": oidc.enabled,
        "OSPO_OIDC_DISABLED_REASON": oidc.reason,
        **oidc.settings,
        "AUTHENTICATION_BACKENDS": backends,
        "LOGIN_REDIRECT_URL": "/",
        "LOGOUT_REDIRECT_URL": "/",
        "REST_FRAMEWORK": {
            "DEFAULT_AUTHENTICATION_CLASSES": [
                "ospo.platform.access.tokens.ApiTokenAuthentication",
                "rest_framework.authentication.SessionAuthentication",
            ],
            "DEFAULT_PERMISSION_CLASSES": ["ospo.platform.api.permissions.ScopedAccess"],
            "DEFAULT_PAGINATION_CLASS": "ospo.platform.api.pagination.Pagination",
            "PAGE_SIZE": 50,
            "DEFAULT_FILTER_BACKENDS": [
                "django_filters.rest_framework.DjangoFilterBackend",
                "rest_framework.filters.OrderingFilter",
            ],
            "DEFAULT_RENDERER_CLASSES": [
                "rest_framework.renderers.JSONRenderer",
                "ospo.platform.api.renderers.CsvRenderer",
                "rest_framework.renderers.BrowsableAPIRenderer",
            ],
            "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
            "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
        },
        "SPECTACULAR_SETTINGS": {
            "TITLE": "ospo API",
            "DESCRIPTION": "Estate, inventory, findings and decisions of the Open-Source Program Office.",
            "VERSION": "1",
            "SERVE_INCLUDE_SCHEMA": False,
            "COMPONENT_SPLIT_REQUEST": True,
            "SWAGGER_UI_DIST": "SIDECAR",
            "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
            "REDOC_DIST": "SIDECAR",
            "ENUM_NAME_OVERRIDES": {
                "ScanStatusEnum": "ospo.platform.scans.models.ScanStatus",
                "FindingStatusEnum": "ospo.platform.findings.models.FindingStatus",
            },
        },
    }
