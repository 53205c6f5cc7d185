"""Token references: a Source stores WHERE its token is, never the token.

A reference is ``env:NAME`` (an environment variable of the worker) or ``store:KEY`` (a file in the secret-store
directory, OSPO_SECRET_STORE_DIR, readable by the service account only). Other stores (Vault, a cloud KMS) plug in
as new prefixes in :data:`RESOLVERS`. Validation refuses values that look like a token pasted by mistake.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
_STORE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
# Shapes of real tokens (GitHub, GitLab, Gitea/hex): a reference must never be one of them.
_TOKEN_SHAPES = re.compile(r"^(?:gh[pousr]_|github_pat_|glpat-|[0-9a-f]{40}$)")


class SecretUnavailable(Exception):
    """The reference is valid but names nothing (unset variable, missing store key)."""


def _from_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise SecretUnavailable(f"environment variable {name} is not set")
    return value


def _from_store(key: str) -> str:
    path = Path(settings.OSPO_SECRET_STORE_DIR) / key
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretUnavailable(f"secret store has no key {key}") from exc


RESOLVERS: dict[str, tuple[re.Pattern[str], Callable[[str], str]]] = {
    "env": (_ENV_NAME, _from_env),
    "store": (_STORE_KEY, _from_store),
}


def validate_reference(ref: str) -> None:
    if not ref:
        return
    prefix, sep, rest = ref.partition(":")
    if not sep or prefix not in RESOLVERS or _TOKEN_SHAPES.match(rest) or _TOKEN_SHAPES.match(ref):
        raise ValidationError("token reference must be env:VARIABLE or store:KEY, never the token itself")
    if not RESOLVERS[prefix][0].match(rest):
        raise ValidationError("token reference must be env:VARIABLE or store:KEY, never the token itself")


def resolve(ref: str) -> str | None:
    """The token a reference points to; None for an empty reference."""
    if not ref:
        return None
    validate_reference(ref)
    prefix, _, rest = ref.partition(":")
    return RESOLVERS[prefix][1](rest)
