"""Source discovery: turn a Source into the repositories it holds, and keep Repository rows in step.

Local paths are walked (never following symlinks) for git repositories; a path holding none is one directory
repository. Forges are listed through their REST APIs with urllib — GitHub (``/orgs/{org}/repos``, Link-header
pages), GitLab (``/groups/{group}/projects`` with subgroups, X-Next-Page) and Gitea (``/orgs/{org}/repos``, pages
until an empty one). Responses go through :func:`ospo.engine.safeparse.load_json` (size and depth caps); page
count is capped so a hostile server cannot keep us listing forever.

A failure is a :class:`DiscoveryError` with a ``code`` (``unauthorized``, ``forbidden``, ``not_found``,
``rate_limited``, ``server_error``, ``network``, ``invalid``, ``unavailable``) that the platform translates for the
source page, and ``transient`` saying whether trying again later may succeed (rate limits, 5xx, network): the
discovery job retries those with back-off and fails at once on the others (a wrong token stays wrong).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.db import transaction
from django.utils import timezone

from ospo.engine.safeparse import ParseFailure, load_json
from ospo.engine.sources.skip import SkipRules
from ospo.platform.estate.locations import is_network_location
from ospo.platform.estate.models import Repository, Source, SourceKind

MAX_PAGES = 500
MAX_RESPONSE = 20 * 1024 * 1024
TIMEOUT_S = 30
MAX_WALK_DEPTH = 6
DEFAULT_API = {SourceKind.GITHUB: "https://api.github.com", SourceKind.GITLAB: "https://gitlab.com/api/v4"}


TRANSIENT_CODES = frozenset({"rate_limited", "server_error", "network"})
MAX_RETRY_AFTER_S = 3600.0  # a forge asking us to wait longer is answered by the next scheduled attempt


class DiscoveryError(Exception):
    """The source could not be listed; the message is safe to show (no token).

    ``code`` names the kind of failure (translated on the pages), ``retry_after`` is the wait a forge asked for
    (rate limits), in seconds.
    """

    def __init__(self, message: str, code: str = "invalid", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code, self.retry_after = code, retry_after

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT_CODES


def _retry_after(head: dict[str, str]) -> float | None:
    """Seconds to wait from ``Retry-After`` or GitHub's/GitLab's/Gitea's rate-limit reset header."""
    value = head.get("retry-after", "").strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    for name in ("x-ratelimit-reset", "ratelimit-reset"):
        reset = head.get(name, "").strip()
        if reset.isdigit():
            n = float(reset)
            wait = n - timezone.now().timestamp() if n > 1e9 else n  # epoch seconds, or seconds from now
            return min(max(wait, 0.0), MAX_RETRY_AFTER_S)
    return None


def _http_error(url: str, exc: HTTPError) -> DiscoveryError:
    head = {k.lower(): v for k, v in (exc.headers or {}).items()}
    rate_limited = exc.code == 429 or (
        exc.code == 403 and (head.get("x-ratelimit-remaining", "").strip() == "0" or "retry-after" in head)
    )
    if rate_limited:
        code = "rate_limited"
    else:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found"}.get(
            exc.code, "server_error" if exc.code >= 500 else "invalid"
        )
    return DiscoveryError(f"{url}: HTTP {exc.code} {exc.reason}", code, _retry_after(head) if rate_limited else None)


@dataclass(frozen=True, slots=True)
class Found:
    name: str
    location: str
    default_branch: str = ""
    web_url: str = ""
    archived: bool = False
    public: bool = False


# --- local paths ---------------------------------------------------------------------------------------------


def _is_git(path: Path) -> bool:
    return (path / ".git").exists() or (
        (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()
    )


def _head_branch(path: Path) -> str:
    head = path / ".git" / "HEAD" if (path / ".git").is_dir() else path / "HEAD"
    try:
        text = head.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return text.removeprefix("ref: refs/heads/") if text.startswith("ref: refs/heads/") else ""


def discover_local(root: Path, subdirectories: bool = False) -> list[Found]:
    root = Path(root)
    if not root.is_dir():
        raise DiscoveryError(f"{root}: not a directory", "not_found")
    if subdirectories:
        skip = SkipRules()
        return [
            Found(e.name, e.path, _head_branch(Path(e.path)) if _is_git(Path(e.path)) else "")
            for e in sorted(os.scandir(root), key=lambda e: e.name)
            if e.is_dir(follow_symlinks=False) and not skip.skips_dir(e.name, e.name)
        ]
    if _is_git(root):
        return [Found(root.name, str(root), _head_branch(root))]
    skip = SkipRules()
    found: list[Found] = []

    def walk(path: Path, depth: int) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False) or skip.skips_dir(entry.name, os.path.relpath(entry.path, root)):
                continue
            sub = Path(entry.path)
            if _is_git(sub):
                found.append(Found(sub.name, str(sub), _head_branch(sub)))
            elif depth < MAX_WALK_DEPTH:
                walk(sub, depth + 1)

    walk(root, 1)
    return found or [Found(root.name, str(root))]


# --- forges --------------------------------------------------------------------------------------------------


def _get(url: str, headers: dict[str, str]) -> tuple[Any, dict[str, str]]:
    req = Request(url, headers={"Accept": "application/json", "User-Agent": "ospo", **headers})
    try:
        with urlopen(req, timeout=TIMEOUT_S) as resp:
            body = resp.read(MAX_RESPONSE + 1)
            head = {k.lower(): v for k, v in resp.headers.items()}
    except HTTPError as exc:
        raise _http_error(url, exc) from None
    except OSError as exc:  # refused, reset, DNS, time-out: the network, worth another try later
        raise DiscoveryError(f"{url}: {getattr(exc, 'reason', exc)}", "network") from None
    if len(body) > MAX_RESPONSE:
        raise DiscoveryError(f"{url}: response larger than {MAX_RESPONSE} bytes")
    try:
        return load_json(body), head
    except ParseFailure as exc:
        raise DiscoveryError(f"{url}: {exc}") from None


_LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def _pages(first: str, headers: dict[str, str], next_url) -> Iterator[list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    url: str | None = first
    for _ in range(MAX_PAGES):
        if url is None:
            return
        data, head = _get(url, headers)
        if not isinstance(data, list):
            raise DiscoveryError(f"{url}: expected a JSON list of repositories")
        items = [d for d in data if isinstance(d, dict)]
        if not items:
            return
        yield items
        url = next_url(url, head, len(items))
    raise DiscoveryError(f"{first}: more than {MAX_PAGES} pages")


def _s(d: dict[str, Any], key: str) -> str:
    v = d.get(key)
    return v if isinstance(v, str) else ""


def github_row(r: dict[str, Any]) -> Found | None:
    """A GitHub/Gitea repository; None without a network clone URL (a path or file:// would read this server)."""
    if not is_network_location(_s(r, "clone_url")):
        return None
    return Found(
        _s(r, "name"),
        _s(r, "clone_url"),
        _s(r, "default_branch"),
        _s(r, "html_url"),
        bool(r.get("archived")),
        r.get("private") is False,
    )


def gitlab_row(p: dict[str, Any]) -> Found | None:
    """A GitLab project; None without a network clone URL (a path or file:// would read this server)."""
    if not is_network_location(_s(p, "http_url_to_repo")):
        return None
    return Found(
        _s(p, "path_with_namespace") or _s(p, "name"),
        _s(p, "http_url_to_repo"),
        _s(p, "default_branch"),
        _s(p, "web_url"),
        bool(p.get("archived")),
        p.get("visibility") == "public",
    )


ROWS = {SourceKind.GITHUB: github_row, SourceKind.GITLAB: gitlab_row, SourceKind.GITEA: github_row}


def parse_page(kind: str, body: bytes) -> list[Found]:
    """One page of a forge's repository list → Found rows; DiscoveryError for anything but a JSON list."""
    try:
        data = load_json(body)
    except ParseFailure as exc:
        raise DiscoveryError(str(exc)) from None
    if not isinstance(data, list):
        raise DiscoveryError("expected a JSON list of repositories")
    row = ROWS[SourceKind(kind)]
    return [f for f in (row(d) for d in data if isinstance(d, dict)) if f is not None]


def discover_github(api: str, org: str, token: str | None) -> list[Found]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    headers["X-GitHub-Api-Version"] = "2022-11-28"

    def nxt(url: str, head: dict[str, str], n: int) -> str | None:
        m = _LINK_NEXT.search(head.get("link", ""))
        return m.group(1) if m else None

    first = f"{api.rstrip('/')}/orgs/{quote(org, safe='')}/repos?{urlencode({'per_page': 100, 'type': 'all'})}"
    return [f for page in _pages(first, headers, nxt) for f in map(github_row, page) if f is not None]


def discover_gitlab(api: str, group: str, token: str | None) -> list[Found]:
    headers = {"PRIVATE-TOKEN": token} if token else {}

    def nxt(url: str, head: dict[str, str], n: int) -> str | None:
        page = head.get("x-next-page", "").strip()
        if not page.isdigit():
            return None
        return re.sub(r"([?&])page=\d+", rf"\g<1>page={page}", url)

    query = urlencode({"include_subgroups": "true", "per_page": 100, "page": 1, "archived": "false"})
    first = f"{api.rstrip('/')}/groups/{quote(group, safe='')}/projects?{query}"
    return [f for page in _pages(first, headers, nxt) for f in map(gitlab_row, page) if f is not None]


def discover_gitea(api: str, org: str, token: str | None) -> list[Found]:
    headers = {"Authorization": f"token {token}"} if token else {}
    limit = 50

    def nxt(url: str, head: dict[str, str], n: int) -> str | None:
        m = re.search(r"[?&]page=(\d+)", url)
        page = int(m.group(1)) + 1 if m else 2
        return re.sub(r"([?&])page=\d+", rf"\g<1>page={page}", url)

    first = f"{api.rstrip('/')}/orgs/{quote(org, safe='')}/repos?{urlencode({'limit': limit, 'page': 1})}"
    return [f for page in _pages(first, headers, nxt) for f in map(github_row, page) if f is not None]


def discover(source: Source) -> list[Found]:
    kind = source.kind
    if kind == SourceKind.LOCAL:
        return discover_local(Path(source.location), source.subdirectories)
    if kind == SourceKind.GIT:
        name = source.location.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
        return [Found(name or source.location, source.location)]
    api = source.api_url or DEFAULT_API.get(kind, "")
    if not api:
        raise DiscoveryError(f"{source}: an API URL is required for {kind}")
    token = source.token()
    fn = {SourceKind.GITHUB: discover_github, SourceKind.GITLAB: discover_gitlab, SourceKind.GITEA: discover_gitea}[
        SourceKind(kind)
    ]
    return fn(api, source.location, token)


@dataclass(frozen=True, slots=True)
class Synced:
    """What one discovery changed: the source's repositories now, how many are new, how many were archived."""

    repositories: list[Repository]
    new: frozenset[int] = frozenset()  # ids of the repositories created by this discovery
    removed: int = 0

    @property
    def added(self) -> int:
        return len(self.new)


def sync_source(source: Source) -> list[Repository]:
    """Discover and upsert the source's repositories (repositories that disappeared are marked archived).

    A discovery error is stored on the source and re-raised; existing repositories are kept.
    """
    return sync_source_counted(source).repositories


def sync_source_counted(source: Source) -> Synced:
    """:func:`sync_source` with the counts the discovery job records (added, archived)."""
    from ospo.platform.estate.secrets import SecretUnavailable

    try:
        found = discover(source)
    except (DiscoveryError, SecretUnavailable) as exc:
        Source.objects.filter(pk=source.pk).update(discovery_error=str(exc)[:4000])
        code = exc.code if isinstance(exc, DiscoveryError) else "unavailable"
        retry_after = exc.retry_after if isinstance(exc, DiscoveryError) else None
        raise DiscoveryError(str(exc), code, retry_after) from None
    new: set[int] = set()
    removed = 0
    with transaction.atomic():
        existing = {r.location: r for r in source.repositories.all()}
        keep: list[Repository] = []
        for f in found:
            repo = existing.pop(f.location, None) or Repository(
                source=source, agency_id=source.agency_id, team_id=source.team_id, location=f.location
            )
            fields = {
                "name": f.name[:300],
                "default_branch": f.default_branch[:255],
                "web_url": f.web_url[:1000],
                "archived": f.archived,
            }
            created = repo.pk is None
            # a scheduled rediscovery of thousands of unchanged repositories writes nothing (no row, no audit)
            if created or any(getattr(repo, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(repo, k, v)
                if created:
                    repo.published = f.public
                repo.save()
            if created:
                new.add(repo.pk)
            keep.append(repo)
        for gone in existing.values():
            if not gone.archived:
                gone.archived = True
                gone.save(update_fields=["archived"])
                removed += 1
        source.discovered_at = timezone.now()
        source.discovery_error = ""
        source.save(update_fields=["discovered_at", "discovery_error"])
    return Synced(keep, frozenset(new), removed)
