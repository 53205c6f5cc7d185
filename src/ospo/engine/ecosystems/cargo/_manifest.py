"""Walk the dependency tables of a Cargo.toml document (shared by the manifest and lock extractors).

Tables: ``[dependencies]``, ``[dev-dependencies]``, ``[build-dependencies]`` (and the old underscore
spellings), the same under ``[target.'cfg(…)'.…]``, and ``[workspace.dependencies]``. An entry is a
requirement string or a table (``version``, ``git``+``rev``/``tag``/``branch``, ``path``, ``registry``,
``package`` for a renamed crate, ``optional``, ``workspace = true`` to inherit from the workspace root).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEV_KINDS = frozenset({"dev", "build"})

_TABLES: tuple[tuple[str, str], ...] = (
    ("dependencies", "normal"),
    ("dev-dependencies", "dev"),
    ("dev_dependencies", "dev"),
    ("build-dependencies", "build"),
    ("build_dependencies", "build"),
)


@dataclass(slots=True)
class ManifestDep:
    key: str  # the name used in the manifest (the alias when renamed)
    crate: str  # the real crate name
    kind: str  # "normal", "dev", "build" or "workspace"
    spec: dict[str, Any]  # the entry as a table (a bare string becomes {"version": …})
    table: tuple[str, ...]  # where it was declared, for line lookup
    target: str | None = None


def _as_table(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        return {"version": value}
    if isinstance(value, dict):
        return value
    return None


def _walk(deps: Any, kind: str, table: tuple[str, ...], target: str | None) -> list[ManifestDep]:
    out: list[ManifestDep] = []
    if not isinstance(deps, dict):
        return out
    for key, value in deps.items():
        spec = _as_table(value)
        if not isinstance(key, str) or not key or spec is None:
            continue
        crate = spec.get("package")
        crate = crate if isinstance(crate, str) and crate else key
        out.append(ManifestDep(key, crate, kind, spec, table, target))
    return out


def manifest_dependencies(doc: dict[str, Any], *, include_workspace: bool = False) -> list[ManifestDep]:
    out: list[ManifestDep] = []
    for section, kind in _TABLES:
        out.extend(_walk(doc.get(section), kind, (section,), None))
    targets = doc.get("target")
    if isinstance(targets, dict):
        for target, tdoc in targets.items():
            if not isinstance(tdoc, dict) or not isinstance(target, str):
                continue
            for section, kind in _TABLES:
                out.extend(_walk(tdoc.get(section), kind, ("target", target, section), target))
    if include_workspace:
        ws = doc.get("workspace")
        if isinstance(ws, dict):
            out.extend(_walk(ws.get("dependencies"), "workspace", ("workspace", "dependencies"), None))
    return out
