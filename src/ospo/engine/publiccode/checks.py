"""Value checks the standard asks for: URLs, dates, e-mail, BCP 47, ISO 3166, SPDX, MIME, grapheme length.

Each is a pure function so the validator, the code.json reader and tests share one definition. Libraries
are used where a registry is involved (langcodes for the IANA language-subtag registry, pycountry for
ISO 3166-1, license-expression for SPDX, regex for Unicode grapheme clusters).
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MIME = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
                   r"(?:\s*;\s*[A-Za-z0-9!#$&^_.+-]+=[^;\s]+)*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_BCP47_SYNTAX = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_IPA = re.compile(r"[a-z0-9_]{1,32}")


def is_url(value: str) -> bool:
    """An absolute URL with a scheme and, for hierarchical schemes, a host (no network)."""
    if not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if not parts.scheme or not _SCHEME.fullmatch(parts.scheme):
        return False
    if parts.scheme in ("http", "https", "ftp", "ssh", "git", "svn", "hg", "file"):
        return bool(parts.netloc) or parts.scheme == "file"
    return bool(parts.netloc or parts.path)


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)


def is_uri(value: str) -> bool:
    """RFC 3986 absolute URI, including URNs (``urn:x-custom:id``)."""
    if not value or any(c.isspace() for c in value):
        return False
    scheme, sep, rest = value.partition(":")
    return bool(sep and rest and _SCHEME.fullmatch(scheme))


def is_repo_url(value: str) -> bool:
    """``url`` is where the code lives: an http(s)/git/ssh URL or scp-like ``user@host:path``."""
    return is_url(value) or bool(re.fullmatch(r"[\w.-]+@[\w.-]+:[\w./~-]+", value))


def is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value: str) -> bool:
    return len(value) <= 254 and bool(_EMAIL.fullmatch(value))


def is_mime(value: str) -> bool:
    return bool(_MIME.fullmatch(value))


def is_ipa_code(value: str) -> bool:
    """Format check only: the list of iPA codes is a registry ospo does not ship (offline)."""
    return bool(_IPA.fullmatch(value))


@lru_cache(maxsize=4096)
def is_language(tag: str) -> bool:
    """BCP 47 tag, hyphen-separated, whose subtags exist in the IANA registry (langcodes' copy)."""
    if not _BCP47_SYNTAX.fullmatch(tag):
        return False
    import langcodes

    try:
        return bool(langcodes.tag_is_valid(tag))
    except Exception:  # langcodes raises assorted errors on odd tags; any of them means "no"
        return False


@lru_cache(maxsize=512)
def is_country(code: str) -> bool:
    """ISO 3166-1 alpha-2, any case (case is judged separately: lowercase is only deprecated)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return False
    import pycountry

    return pycountry.countries.get(alpha_2=code.upper()) is not None


@lru_cache(maxsize=1)
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


_LICENSE_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+")


@lru_cache(maxsize=1024)
def license_problem(expression: str) -> str | None:
    """``None`` when ``expression`` is a valid SPDX license expression, else the reason."""
    if not expression.strip():
        return "empty"
    try:
        info = _licensing().validate(expression)
    except Exception:  # license-expression 30.4 raises AttributeError on e.g. "N!ot-A" (found by fuzzing)
        return "unparseable expression"
    if not info.errors:
        return None
    bad = [s for s in info.invalid_symbols if not _LICENSE_REF.fullmatch(str(s))]
    if info.invalid_symbols and not bad and all("Unknown license key" in e for e in info.errors):
        return None  # LicenseRef-… identifiers are valid SPDX user-defined licenses
    if bad:
        return "unknown license identifier(s): " + ", ".join(map(str, bad))
    return "; ".join(info.errors)


def grapheme_length(text: str) -> int:
    """Length as a reader counts it: user-perceived characters (grapheme clusters), not code points."""
    if text.isascii():
        return len(text)
    import regex

    return len(regex.findall(r"\X", text))
