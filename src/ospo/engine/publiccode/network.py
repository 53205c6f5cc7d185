"""Reachability checks for ``--network``: off by default, because OSPO networks may be air-gapped.

Only http(s) URLs are fetched (HEAD, then a small ranged GET when a server refuses HEAD); redirects are
followed by urllib; nothing fetched is parsed or executed. Results are cached per URL for one run.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from functools import lru_cache

TIMEOUT_S = 10.0
USER_AGENT = "ospo-publiccode-validator"


@lru_cache(maxsize=1024)
def fetch_problem(url: str) -> str | None:
    """``None`` when ``url`` answers with a success status, else a short reason."""
    if not url.lower().startswith(("http://", "https://")):
        return "not an HTTP URL"
    last = "unreachable"
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Range": "bytes=0-0"})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:  # scheme checked above
                if resp.status < 400:
                    return None
                last = f"HTTP {resp.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code not in (403, 405, 501):  # only retry with GET when HEAD itself is refused
                return last
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return str(getattr(exc, "reason", exc))
    return last
