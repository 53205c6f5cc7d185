"""What the catalog does after each scan: crawl the repository's publiccode.yml, measure SLOC, refresh vetting.

Called from ``scans.tasks.scan_repository`` right after the findings pipeline (so the evidence reads this scan's
findings), with the tree the scan read still open (``OpenedInput``): the crawl and the SLOC count read the same
revision, and a remote repository's partial clone serves them (its blobs fetched in one request) — remote
repositories are crawled and measured like local ones. SLOC (for the COCOMO II cost avoided) is measured for the
repository's entries unless already measured at the scanned commit. It never raises:
a catalog problem is recorded on the scan (``errors`` entries whose path starts with ``catalog:``) and logged;
the scan stays succeeded.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from ospo.catalog.messages import CATALOG

log = logging.getLogger("ospo.platform.catalog")
PREFIX = "catalog:"


def _record(scan: Any, problems: list[dict[str, str]]) -> None:
    from ospo.platform.scans.models import Scan

    kept = [e for e in (scan.errors or []) if not str(e.get("path", "")).startswith(PREFIX)]
    if not problems and len(kept) == len(scan.errors or []):
        return
    scan.errors = kept + problems
    Scan.objects.filter(pk=scan.pk).update(errors=scan.errors)


def entries_to_vet(repo: Any) -> list[Any]:
    """Entries whose evidence this scan may have changed: the repository's own, and entries known by package
    keys that this repository uses."""
    from ospo.catalog.duplication import package_key
    from ospo.platform.catalog.models import Entry
    from ospo.platform.catalog.services import entry_keys
    from ospo.platform.inventory.models import Usage

    own = list(Entry.objects.filter(repository_id=repo.pk))
    keyed = [
        e
        for e in Entry.objects.filter(repository=None).only("pk", "url", "package_keys", "license", "vetting")
        if entry_keys(e)
    ]
    if keyed:
        used = {
            package_key(p).lower()
            for p in Usage.objects.filter(repository_id=repo.pk).values_list("component__purl", flat=True)
        }
        own += [e for e in keyed if {k.lower() for k in entry_keys(e)} & used]
    return own


def _measure(scan: Any, opened: Any, problems: list[dict[str, str]]) -> None:
    from ospo.platform.catalog.models import Entry
    from ospo.platform.catalog.services import measure_sloc_after_scan

    if not getattr(settings, "OSPO_CATALOG_SLOC", True):
        return
    try:
        measure_sloc_after_scan(list(Entry.objects.filter(repository_id=scan.repository_id)), opened)
    except Exception as exc:  # a failed blob fetch or an unreadable tree costs the figure, not the scan
        log.warning("catalog SLOC after scan %s of %s: %r", scan.pk, scan.repository, exc)
        problems.append(
            {
                "path": f"{PREFIX}sloc",
                "message": CATALOG.get("sloc_failed", "en", detail=str(exc))[:2000],
                "severity": "warning",
            }
        )


def after_scan(scan: Any, opened: Any = None) -> None:
    """``opened``: the tree the scan read (``ospo.engine.api.OpenedInput``), or None (then only a repository on
    this machine is crawled, from its path, and SLOC is not measured)."""
    from ospo.platform.catalog import crawl, vetting

    if not getattr(settings, "OSPO_CATALOG_CRAWL", True):
        return
    repo = scan.repository
    problems: list[dict[str, str]] = []
    try:
        outcome = crawl.import_repository(repo, opened=opened)
        problems = [
            {
                "path": f"{PREFIX}{p.path}",
                "message": f"{p.key}: {p.message}" if p.key else p.message,
                "severity": p.severity,
            }
            for p in outcome.problems
        ]
        _measure(scan, opened, problems)
        vetting.refresh(entries_to_vet(repo))
    except Exception as exc:  # the catalog must never fail a scan
        log.exception("catalog after scan %s of %s", scan.pk, repo)
        problems.append(
            {"path": f"{PREFIX}internal", "message": f"internal error: {exc!r}"[:2000], "severity": "error"}
        )
    try:
        _record(scan, problems)
    except Exception:
        log.exception("catalog: could not record problems on scan %s", scan.pk)
