"""The OIDC authentication backend: mozilla-django-oidc's, with users matched by e-mail or created role-less."""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class OspoOidcBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """An account needs a verified e-mail when the provider says whether it is verified."""
        if not super().verify_claims(claims):
            return False
        return claims.get("email_verified", True) is not False

    def create_user(self, claims: dict[str, Any]) -> Any:
        user = super().create_user(claims)
        name = claims.get("name") or ""
        if isinstance(name, str) and name:
            user.first_name = name[:150]
            user.save(update_fields=["first_name"])
        return user
