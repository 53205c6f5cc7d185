"""One module per ecosystem. Each module exposes ``EXTRACTORS``: a list of Extractor instances.

Modules are discovered, not listed, so adding an ecosystem means adding one file.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ospo.engine.ecosystems.base import Extractor


@cache
def all_extractors() -> tuple[Extractor, ...]:
    found: list[Extractor] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "EXTRACTORS", ()))
    return tuple(found)


def extractor_named(name: str) -> Extractor:
    for ex in all_extractors():
        if ex.name == name:
            return ex
    raise KeyError(name)
