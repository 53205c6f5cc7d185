"""SBOM downloads from the stored inventory, written by the engine's own CycloneDX and SPDX writers.

The platform stores components (purl, ecosystem, name, version, pinned, declared license) and, per repository,
each usage (scope, direct, constraint, locations, shortest dependency path). That is turned back into an engine
:class:`~ospo.engine.model.ScanResult` and handed to ``ospo.engine.sbom`` — no SBOM logic lives here.

What is not stored, and therefore not in the download: package hashes, the engine's free-form properties, and
the dependency edges that are not on some component's shortest path (the stored paths give a spanning tree of
the graph, so every component is reachable from the root but a diamond shows only one of its sides). The serial
number and namespace derive from the repository and its tree hash, so the same inventory downloads the same
document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from ospo.engine.model import Component, Edge, Location, ParseIssue, ScanResult, Scope
from ospo.engine.sbom import cyclonedx, spdx
from ospo.platform.estate.models import Repository
from ospo.platform.inventory.models import Usage
from ospo.platform.scans.models import ScanStatus

_NAMESPACE = uuid.UUID("0d0a7a4e-5b0c-4f3e-9f5e-6f73706f5342")  # fixed: serials are uuid5(this, repo+tree hash)


def _scope(value: str) -> Scope:
    try:
        return Scope(value)
    except ValueError:
        return Scope.RUNTIME


def stored_result(repo: Repository, with_issues: bool = True) -> ScanResult:
    """The repository's current inventory as the engine would have returned it (see the module docstring).
    ``with_issues``: include the last scan's file issues (scan data, which the public does not see)."""
    last = repo.scans.filter(status=ScanStatus.SUCCEEDED).order_by("-finished_at").first()
    components: list[Component] = []
    edges: set[tuple[str, str]] = set()
    rows = (Usage.objects.filter(repository=repo).select_related("component")
            .order_by("component__purl").iterator(chunk_size=2000))
    for u in rows:
        c = u.component
        components.append(Component(
            ecosystem=c.ecosystem, name=c.name, version=c.version if c.pinned else (u.constraint or None),
            purl=c.purl, pinned=c.pinned, scope=_scope(u.scope), direct=u.direct, license=c.license or None,
            locations=[Location(str(loc.get("path", "")), loc.get("line") if isinstance(loc.get("line"), int)
                                else None) for loc in u.locations if isinstance(loc, dict)],
        ))
        path = u.dependency_path if isinstance(u.dependency_path, list) else []
        edges.update(itertools.pairwise(p for p in path if isinstance(p, str)))
    issues = [ParseIssue(str(e.get("path", "")), str(e.get("message", "")), str(e.get("severity", "error")))
              for e in (last.errors if last and with_issues else []) if isinstance(e, dict)]
    return ScanResult(
        name=repo.name, source=repo.web_url or repo.location, revision=(last.revision or None) if last else None,
        tree_hash=repo.last_tree_hash or None, issues=issues, components=components,
        edges=[Edge(a, b) for a, b in sorted(edges)],
    )


def _stamp(repo: Repository) -> dt.datetime:
    return repo.inventory_updated_at or dt.datetime.now(dt.UTC)


def cyclonedx_json(repo: Repository, with_issues: bool = True) -> str:
    result = stored_result(repo, with_issues)
    serial = uuid.uuid5(_NAMESPACE, f"{repo.pk}:{repo.last_tree_hash}")
    return cyclonedx.to_json(result, serial=serial, timestamp=_stamp(repo))


def spdx_json(repo: Repository, with_issues: bool = True) -> str:
    result = stored_result(repo, with_issues)
    return spdx.to_json(result, created=_stamp(repo), namespace_seed=f"{repo.pk}:{repo.last_tree_hash}")


def filename(repo: Repository, fmt: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in repo.name)[:80].strip("-.") or "repository"
    return f"{safe}.{'cdx' if fmt == 'cyclonedx' else 'spdx'}.json"
