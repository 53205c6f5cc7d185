"""One sub-package per ecosystem. Each exposes ``EXTRACTORS``: a list of Extractor instances.

Modules are discovered, not listed, so adding an ecosystem means adding one package. An ecosystem that
fails to import is left out and reported (``discovery_errors``), never fatal: one broken extractor must
not stop the inventory of every other ecosystem. A test asserts the list is empty.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ospo.engine.ecosystems.base import Extractor

_errors: list[str] = []


@cache
def all_extractors() -> tuple[Extractor, ...]:
    found: list[Extractor] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        try:
            module = importlib.import_module(f"{__name__}.{info.name}")
        except Exception as exc:
            _errors.append(f"ecosystem {info.name} could not be loaded: {type(exc).__name__}: {exc}")
            continue
        found.extend(getattr(module, "EXTRACTORS", ()))
    names = [ex.name for ex in found]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        _errors.append(f"duplicate extractor names: {sorted(dupes)}")
    return tuple(found)


def discovery_errors() -> list[str]:
    all_extractors()
    return list(_errors)


def extractor_named(name: str) -> Extractor:
    for ex in all_extractors():
        if ex.name == name:
            return ex
    raise KeyError(name)
