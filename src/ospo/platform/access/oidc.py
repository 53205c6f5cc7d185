"""OpenID Connect single sign-on (mozilla-django-oidc) beside local accounts, configured from the environment.

Disabled unless ``OSPO_OIDC_ISSUER`` and ``OSPO_OIDC_CLIENT_ID`` are set. Endpoints come from
``OSPO_OIDC_AUTHORIZATION_ENDPOINT`` / ``_TOKEN_ENDPOINT`` / ``_USERINFO_ENDPOINT`` / ``_JWKS_URI`` when given
(air-gapped sites, or providers without discovery), else from the issuer's discovery document, fetched once when
settings load (5 s time-out, 1 MB cap, parsed by safeparse). A provider that cannot be reached leaves SSO off with
a logged reason — local accounts keep working — rather than failing the whole site at start.

Other variables: OSPO_OIDC_CLIENT_SECRET, OSPO_OIDC_SIGN_ALGO (RS256), OSPO_OIDC_SCOPES ("openid email profile"),
OSPO_OIDC_CREATE_USERS (true), OSPO_OIDC_LOGOUT_ENDPOINT. New users get no role: the public's view until an
admin grants one (roles from the provider's group claims are not mapped yet).
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ospo.engine.safeparse import ParseFailure, load_json

log = logging.getLogger("ospo.platform.oidc")
DISCOVERY_MAX_BYTES = 1024 * 1024
ENDPOINTS = {  # our variable suffix → (discovery key, mozilla-django-oidc setting)
    "AUTHORIZATION_ENDPOINT": ("authorization_endpoint", "OIDC_OP_AUTHORIZATION_ENDPOINT"),
    "TOKEN_ENDPOINT": ("token_endpoint", "OIDC_OP_TOKEN_ENDPOINT"),
    "USERINFO_ENDPOINT": ("userinfo_endpoint", "OIDC_OP_USER_ENDPOINT"),
    "JWKS_URI": ("jwks_uri", "OIDC_OP_JWKS_ENDPOINT"),
}


class DiscoveryError(Exception):
    pass


@dataclass(frozen=True)
class OidcConfig:
    enabled: bool
    settings: dict[str, Any]
    reason: str = ""


def fetch_url(url: str, timeout: float = 5.0) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise DiscoveryError(f"not an http(s) URL: {url!r}")
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # scheme checked above
        data = resp.read(DISCOVERY_MAX_BYTES + 1)
    if len(data) > DISCOVERY_MAX_BYTES:
        raise DiscoveryError("discovery document larger than 1 MB")
    return data


def parse_discovery(data: bytes, issuer: str) -> dict[str, str]:
    """The endpoints of a discovery document; DiscoveryError when it is not one for ``issuer``."""
    try:
        doc = load_json(data)
    except ParseFailure as exc:
        raise DiscoveryError(f"discovery document: {exc}") from exc
    if not isinstance(doc, dict):
        raise DiscoveryError("discovery document is not a JSON object")
    if str(doc.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryError("discovery document names another issuer")
    out = {}
    for key, _setting in ENDPOINTS.values():
        value = doc.get(key)
        if key == "userinfo_endpoint" and value is None:
            continue
        if not isinstance(value, str) or not value.startswith(("https://", "http://")) or len(value) > 2000:
            raise DiscoveryError(f"discovery document: {key} missing or not an http(s) URL")
        out[key] = value
    return out


def configure(env: Mapping[str, str], fetch: Callable[[str], bytes] = fetch_url) -> OidcConfig:
    issuer = env.get("OSPO_OIDC_ISSUER", "").strip()
    client_id = env.get("OSPO_OIDC_CLIENT_ID", "").strip()
    if not issuer or not client_id:
        return OidcConfig(False, {}, "OSPO_OIDC_ISSUER / OSPO_OIDC_CLIENT_ID not set")
    explicit = {suffix: env.get(f"OSPO_OIDC_{suffix}", "").strip() for suffix in ENDPOINTS}
    endpoints: dict[str, str] = {}
    if not all(explicit.values()):
        try:
            endpoints = parse_discovery(fetch(issuer.rstrip("/") + "/.well-known/openid-configuration"), issuer)
        except (OSError, DiscoveryError, ValueError) as exc:
            log.warning("single sign-on disabled: %s", exc)
            return OidcConfig(False, {}, str(exc))
    conf: dict[str, Any] = {
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": env.get("OSPO_OIDC_CLIENT_SECRET", ""),
        "OIDC_RP_SIGN_ALGO": env.get("OSPO_OIDC_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": env.get("OSPO_OIDC_SCOPES", "openid email profile"),
        "OIDC_CREATE_USER": env.get("OSPO_OIDC_CREATE_USERS", "true").lower() in {"1", "true", "yes", "on"},
        "OIDC_USERNAME_ALGO": "ospo.platform.access.oidc.username_from_email",
        "OSPO_OIDC_ISSUER": issuer,
    }
    for suffix, (key, setting) in ENDPOINTS.items():
        value = explicit[suffix] or endpoints.get(key, "")
        if value:
            conf[setting] = value
    if env.get("OSPO_OIDC_LOGOUT_ENDPOINT"):
        conf["OIDC_OP_LOGOUT_ENDPOINT"] = env["OSPO_OIDC_LOGOUT_ENDPOINT"]
    return OidcConfig(True, conf)


def username_from_email(email: str) -> str:
    """A readable, stable username (Django's limit is 150 characters)."""
    return (email or "oidc-user")[:150]
