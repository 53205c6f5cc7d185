"""The contributors KPI: people who committed to the agencies' published repositories, from the hygiene engine.

The hygiene engine's ``contributors`` check counts the distinct (non-bot) commit authors of a repository's most
active year (``details.authors``). The findings pipeline stores that check only when it warns (fewer than two
organisations), so a stored finding gives the figure for those repositories; for the others — the check passed,
the healthy case — the engine is asked directly (``hygiene(path, only={"contributors"})``) when the repository is
on this machine, and the answer is kept in memory until the repository is scanned again. A remote repository
without a stored figure is *unknown*: counted apart, never as zero.

Each repository's count is summed: a person committing to two published projects counts twice, exactly as the
agencies' counts are summed in the roll-up (authors are told apart by e-mail, which the platform does not
store, so people cannot be de-duplicated across repositories without keeping personal data).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHECK_ID = "contributors"
OPEN = ("open", "triaged")
_CACHE_MAX = 4096
_cache: dict[tuple[Any, ...], int | None] = {}
_lock = threading.Lock()


@dataclass(slots=True)
class RepoContributors:
    repository_id: int
    agency_id: int
    authors: int | None  # None: unknown (remote, never scanned, no history)
    source: str  # "finding" | "engine" | "unknown"


@dataclass(slots=True)
class ContributorTotals:
    authors: int = 0
    repositories: int = 0  # published repositories with a known count
    unknown: int = 0  # published repositories without one
    rows: list[RepoContributors] = field(default_factory=list)

    @property
    def value(self) -> int | None:
        """The KPI value: None when no published repository has a known count."""
        return self.authors if self.repositories else None


def engine_authors(location: str, ref: str | None) -> int | None:
    """Distinct commit authors the hygiene engine's ``contributors`` check finds; None when it cannot say."""
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.runner import hygiene

    report = hygiene(location, Options(lang="en"), ref=ref, only={CHECK_ID})
    check = next((c for c in report.checks if c.id == CHECK_ID), None)
    authors = check.details.get("authors") if check is not None else None
    return authors if isinstance(authors, int) and not isinstance(authors, bool) else None


def _cached_engine(key: tuple[Any, ...], location: str, ref: str | None,
                   ask: Callable[[str, str | None], int | None]) -> int | None:
    with _lock:
        if key in _cache:
            return _cache[key]
    value = ask(location, ref)
    with _lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = value
    return value


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _local(location: str) -> tuple[str, str | None] | None:
    from ospo.engine.sources.gitstore import find_git_dir

    path = Path(location)
    if not location or not path.is_dir():
        return None
    return str(path), ("HEAD" if find_git_dir(path) is not None else None)


def per_repository(agency_id: int | None = None, until: dt.datetime | None = None, use_engine: bool = True,
                   ask: Callable[[str, str | None], int | None] = engine_authors) -> list[RepoContributors]:
    """One row per published, non-archived repository (of one agency, or all)."""
    from django.db.models import Max, Q

    from ospo.platform.estate.models import Repository
    from ospo.platform.findings.models import FindingsRun, HygieneFinding

    repos = Repository.objects.filter(archived=False, published=True)
    if agency_id is not None:
        repos = repos.filter(agency_id=agency_id)
    if until is not None:
        repos = repos.filter(created_at__lte=until)
    repo_rows = list(repos.values_list("pk", "agency_id", "location", "default_branch"))
    ids = [r[0] for r in repo_rows]
    found = HygieneFinding.objects.filter(check_id=CHECK_ID, repository_id__in=ids)
    if until is None:
        found = found.filter(status__in=OPEN)
    else:  # as it stood then: seen by that date and not fixed by it
        found = found.filter(first_seen__lte=until).filter(Q(fixed_at__isnull=True) | Q(fixed_at__gt=until))
    stored: dict[int, int] = {}
    for rid, details in found.order_by("last_seen").values_list("repository_id", "details"):
        authors = ((details or {}).get("figures") or {}).get("authors")
        if isinstance(authors, int) and not isinstance(authors, bool):
            stored[rid] = authors  # the newest row wins (ordered by last_seen)
    runs = dict(FindingsRun.objects.filter(repository_id__in=ids).values("repository_id")
                .annotate(last=Max("finished_at")).values_list("repository_id", "last")) if use_engine else {}
    out = []
    for rid, aid, location, branch in repo_rows:
        if rid in stored:
            out.append(RepoContributors(rid, aid, stored[rid], "finding"))
            continue
        local = _local(location) if use_engine and until is None else None
        if local is None:
            out.append(RepoContributors(rid, aid, None, "unknown"))
            continue
        path, ref = local
        ref = (branch or ref) if ref is not None else None
        n = _cached_engine((rid, path, ref, runs.get(rid)), path, ref, ask)
        out.append(RepoContributors(rid, aid, n, "engine" if n is not None else "unknown"))
    return out


def totals(rows: Iterable[RepoContributors], agency_id: int | None = None) -> ContributorTotals:
    t = ContributorTotals()
    for r in rows:
        if agency_id is not None and r.agency_id != agency_id:
            continue
        t.rows.append(r)
        if r.authors is None:
            t.unknown += 1
        else:
            t.authors += r.authors
            t.repositories += 1
    return t
