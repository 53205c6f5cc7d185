"""How old the vulnerability data is, said loudly: an empty or stale database must never read as "no findings".

Why age is measured from the newest ``modified`` timestamp in the data and not from the download time: importing
an old snapshot today does not make it current. The last import time is reported alongside.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

DEFAULT_MAX_AGE_DAYS = 7.0


@dataclass(frozen=True, slots=True)
class Freshness:
    empty: bool
    newest_modified: str | None
    last_import: str | None
    age_days: float | None
    stale: bool
    warning: str | None
    advisories: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        dt = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def assess(advisories: int, newest_modified: str | None, last_import: str | None,
           max_age_days: float = DEFAULT_MAX_AGE_DAYS, now: datetime | None = None) -> Freshness:
    """Decide whether the data is usable and what to tell the reader."""
    now = now or datetime.now(UTC)
    if advisories == 0:
        return Freshness(True, newest_modified, last_import, None, True,
                         "the vulnerability database is EMPTY: no advisories were checked, so no findings means "
                         "nothing. Run `ospo vulndb import PATH` or `ospo vulndb update`.", 0)
    newest = _parse(newest_modified)
    age = None if newest is None else max(0.0, (now - newest).total_seconds() / 86400.0)
    stale = age is None or age > max_age_days
    warning = None
    if age is None:
        warning = "the vulnerability database has no dated advisories: its age is unknown"
    elif stale:
        warning = (f"the vulnerability database is STALE: its newest advisory was modified {age:.0f} days ago "
                   f"({newest_modified}; limit {max_age_days:g} days; last import {last_import or 'unknown'}). "
                   "Advisories published since are missing. Run `ospo vulndb update` or import a newer snapshot.")
    return Freshness(False, newest_modified, last_import, None if age is None else round(age, 2), stale, warning,
                     advisories)
