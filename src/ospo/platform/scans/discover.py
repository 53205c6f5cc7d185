""" "Discover now": list a source's repositories and queue a scan of each, for the source page and the API.

Discovery runs in the request (a local walk or a forge listing with capped pages and time-outs) so the person who
pressed the button sees at once what was found or why it failed; the scans go through :func:`queue.enqueue`, the
same path as "scan now" — the embedded pool or Celery picks them up. The outcome is written to the audit log
(who discovered what, how many repositories, which scans), beside the source's creation that the signals record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ospo.platform.access import audit
from ospo.platform.estate.discovery import DiscoveryError, sync_source
from ospo.platform.estate.models import Source
from ospo.platform.scans import queue


@dataclass(frozen=True)
class DiscoveryOutcome:
    repositories: list[int] = field(default_factory=list)  # ids of the source's current (not archived) repositories
    scans: list[int] = field(default_factory=list)  # scans queued now (a repository already queued gets none)
    error: str = ""


def discover_and_queue(source: Source) -> DiscoveryOutcome:
    try:
        repos = [r for r in sync_source(source) if not r.archived]
    except DiscoveryError as exc:
        outcome = DiscoveryOutcome(error=str(exc)[:2000])
    else:
        scans = queue.enqueue(repos) if source.enabled else []
        outcome = DiscoveryOutcome([r.pk for r in repos], [s.pk for s in scans])
    audit.record(
        "discover",
        source,
        None,
        {"repositories": len(outcome.repositories), "scans": outcome.scans, "error": outcome.error},
    )
    return outcome
