"""API tokens: ``ospo_<43 url-safe chars>``, stored as SHA-256 only, sent as ``Authorization: Bearer <token>``.

Parsing the header is the one piece of untrusted input here; it accepts exactly one scheme and a token of the
expected shape, so anything else is "no credentials from this scheme" (DRF then tries session authentication),
and a well-formed but unknown, revoked or expired token is an authentication failure (401).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from ospo.platform.access.models import ApiToken

PREFIX = "ospo_"
TOKEN_RE = re.compile(r"ospo_[A-Za-z0-9_-]{43}")
SCHEMES = ("bearer", "token")


def hash_token(value: str) -> str:
    return hashlib.sha256(value.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    value: str  # shown once; never stored


def issue(user: Any, name: str, expires_at: Any = None) -> IssuedToken:
    value = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=value[:12], key_hash=hash_token(value),
                                    expires_at=expires_at)
    return IssuedToken(token, value)


def parse_authorization(header: str | bytes | None) -> str | None:
    """The token from an Authorization header, or None when the header is absent or not ours."""
    if not header:
        return None
    if isinstance(header, bytes):
        try:
            header = header.decode("ascii")
        except UnicodeDecodeError:
            return None
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() not in SCHEMES:
        return None
    return parts[1] if TOKEN_RE.fullmatch(parts[1]) else None


def lookup(value: str) -> ApiToken | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(value)).first()
    if token is None or token.revoked or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return None
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """DRF authentication by hashed bearer token; records when a token was last used (at most once a minute)."""

    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        value = parse_authorization(authentication.get_authorization_header(request))
        if value is None:
            return None
        token = lookup(value)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked API token."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
