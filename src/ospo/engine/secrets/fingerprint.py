"""Fingerprints and previews: how a finding is identified and shown without ever storing the value.

fingerprint = HMAC-SHA256(key, kind NUL value), first 16 hex digits (64 bits).

Why this is safe for high-entropy secrets: a token such as ``ghp_`` + 36 base62 characters carries ~180 bits;
recovering it from a 64-bit truncated hash means searching a space far larger than the hash's own, and the
truncation leaves ~2^116 candidate tokens per fingerprint, so even a lucky inversion names no single value.

Low-entropy values are different: a password in a database URL, a CPF (10^9 possibilities) or an e-mail
list can be brute-forced from ANY function of the value. For those (``low_entropy`` detectors) the fingerprint
is computed from the location instead: kind, path, and the line with the value cut out. It is then stable for
allow-listing as long as the line does not change, and says nothing about the value.

The key defaults to a public constant so fingerprints agree between a developer's machine and CI (allow-list
files depend on it); ``OSPO_SECRETS_KEY`` makes them installation-private when reports are shared widely.
"""

from __future__ import annotations

import hashlib
import hmac
import os

_DEFAULT_KEY = b"ospo-secrets-fingerprint-v1"


def _key() -> bytes:
    env = os.environ.get("OSPO_SECRETS_KEY")
    return env.encode("utf-8") if env else _DEFAULT_KEY


def value_fingerprint(kind: str, value: str) -> str:
    return hmac.new(_key(), f"{kind}\0{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:16]


def location_fingerprint(kind: str, path: str, line_without_value: str) -> str:
    data = f"{kind}\0{path}\0{line_without_value.strip()}".encode("utf-8", "surrogatepass")
    return "L" + hmac.new(_key(), data, hashlib.sha256).hexdigest()[:15]


def preview(prefix: str, length: int) -> str:
    """``ghp_****…(40)``: the format's public prefix, then only the length."""
    return f"{prefix}****…({length})"
