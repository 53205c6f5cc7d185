"""Check families are discovered, not listed: each module of :mod:`ospo.engine.hygiene.checks` exports
``CHECKS``. A family that fails to import is reported (``discovery_errors``) and the others still run, as
for the ecosystems."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ospo.engine.hygiene.context import Context
    from ospo.engine.hygiene.model import CheckResult

# Report order of the families (a new family not listed here comes last, in name order).
FAMILY_ORDER = ("files", "licensing", "dependencies", "binaries", "ci", "workflows", "history", "integrations")

_errors: list[str] = []


@dataclass(frozen=True)
class Check:
    id: str
    run: Callable[[Context], CheckResult]
    needs_history: bool = False  # answered "not evaluated: no git history" on a plain directory
    family: str = ""


@cache
def all_checks() -> tuple[Check, ...]:
    import ospo.engine.hygiene.checks as pkg

    families = sorted((m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")),
                      key=lambda n: (FAMILY_ORDER.index(n) if n in FAMILY_ORDER else len(FAMILY_ORDER), n))
    found: list[Check] = []
    for family in families:
        try:
            module = importlib.import_module(f"{pkg.__name__}.{family}")
        except Exception as exc:
            _errors.append(f"hygiene checks {family} could not be loaded: {type(exc).__name__}: {exc}")
            continue
        for check in getattr(module, "CHECKS", ()):
            found.append(Check(check.id, check.run, check.needs_history, family))
    ids = [c.id for c in found]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        _errors.append(f"duplicate hygiene check ids: {dupes}")
    return tuple(found)


def discovery_errors() -> list[str]:
    all_checks()
    return list(_errors)


def check_ids() -> list[str]:
    return [c.id for c in all_checks()]
