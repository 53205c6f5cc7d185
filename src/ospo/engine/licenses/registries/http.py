"""The one HTTP GET every registry client uses: timeouts, a size cap, bounded retries, nothing else.

Why the standard library and not requests: one GET of a JSON or XML document needs no session magic, and an
engine that may run air-gapped should not pull a network stack it rarely uses. Why each guard: a registry
that hangs must not hang a scan (timeout); a hostile or broken mirror must not fill memory (the body is read
to ``max_bytes + 1`` and refused beyond); 429 and 5xx are often transient (a few retries with backoff); a
404 is an answer ("no such version"), not an error to retry.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import ospo

MAX_BYTES = 20 * 1024 * 1024  # npm packuments of popular packages reach several MB; one version doc is small


class RegistryError(Exception):
    """The registry could not answer (network, status, size). The message says why."""


class NotFound(RegistryError):
    """The registry answered that the package or version does not exist (HTTP 404/410)."""


@dataclass(frozen=True)
class HttpOptions:
    timeout_s: float = 15.0
    retries: int = 2
    backoff_s: float = 0.5
    max_bytes: int = MAX_BYTES
    user_agent: str = f"ospo/{ospo.__version__} (license knowledge cache)"


def get(url: str, options: HttpOptions | None = None, accept: str = "application/json") -> bytes:
    """The body of a GET, or RegistryError/NotFound. Only http(s) URLs are fetched."""
    options = options or HttpOptions()
    if not url.startswith(("http://", "https://")):
        raise RegistryError(f"refusing non-HTTP URL {url!r}")
    req = urllib.request.Request(url, headers={"User-Agent": options.user_agent, "Accept": accept})
    last: Exception | None = None
    for attempt in range(options.retries + 1):
        if attempt:
            time.sleep(options.backoff_s * (2 ** (attempt - 1)))
        try:
            with urllib.request.urlopen(req, timeout=options.timeout_s) as resp:
                body = resp.read(options.max_bytes + 1)
            if len(body) > options.max_bytes:
                raise RegistryError(f"response larger than {options.max_bytes:,} bytes")
            return body
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise NotFound(f"HTTP {exc.code}") from None
            last = RegistryError(f"HTTP {exc.code}")
            if exc.code != 429 and exc.code < 500:
                break
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            last = RegistryError(f"network error: {reason}")
    raise last if last else RegistryError("no response")
