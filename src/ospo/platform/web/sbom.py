"""SBOM downloads from the stored inventory, written by the engine's own CycloneDX and SPDX writers.

The stored inventory carries everything the writers read: per usage the repository's exact view of each
component (scope, direct, constraint, locations, hashes, license as declared, engine properties, and the identity
fields where they differ from the shared row), and per repository the engine's dependency graph and the input's
name and source (``RepositoryGraph``). :func:`stored_result` turns that back into the engine's
:class:`~ospo.engine.model.ScanResult` through ``inventory/codec.py`` — the same module ingestion wrote it with —
and hands it to ``ospo.engine.sbom``; no SBOM logic lives here. The download therefore equals what
``ospo scan --format cyclonedx|spdx`` writes for the same tree, except the serial number, the timestamp and the
SPDX namespace, which derive from the repository and its tree hash so that the same inventory downloads the same
document. File issues come from the last successful scan, capped as it stored them.

An inventory stored before graphs were kept (no graph row for its tree hash) falls back to the edges along the
stored shortest paths — every component reachable, a diamond showing one side — until its next scan.
"""

from __future__ import annotations

import datetime as dt
import uuid

from ospo.engine.model import ParseIssue, ScanResult
from ospo.engine.sbom import cyclonedx, spdx
from ospo.platform.estate.models import Repository
from ospo.platform.inventory import codec
from ospo.platform.inventory.models import RepositoryGraph, Usage
from ospo.platform.scans.models import ScanStatus

_NAMESPACE = uuid.UUID("0d0a7a4e-5b0c-4f3e-9f5e-6f73706f5342")  # fixed: serials are uuid5(this, repo+tree hash)
_USAGE_COLUMNS = ("component__purl", "component__ecosystem", "component__name", "component__version",
                  "component__pinned", "scope", "direct", "constraint", "locations", "dependency_path", "license",
                  "hashes", "properties", "as_declared")


def stored_result(repo: Repository, with_issues: bool = True) -> ScanResult:
    """The repository's current inventory as the engine returned it (see the module docstring).
    ``with_issues``: the private view — the last scan's file issues and the server-side source location, which
    the public does not see."""
    last = repo.scans.filter(status=ScanStatus.SUCCEEDED).order_by("-finished_at", "-pk").first()
    components = []
    paths = []
    rows = Usage.objects.filter(repository=repo).order_by("component__purl").values_list(*_USAGE_COLUMNS)
    for purl, eco, name, version, pinned, *rest in rows.iterator(chunk_size=2000):
        usage = dict(zip(_USAGE_COLUMNS[5:], rest, strict=True))
        components.append(codec.engine_component(purl, codec.SharedRow(eco, name, version, pinned), usage))
        paths.append(usage["dependency_path"])
    graph = RepositoryGraph.objects.filter(repository=repo).values_list("tree_hash", "name", "source", "nodes",
                                                                        "edges").first()
    if graph is not None and graph[0] == repo.last_tree_hash:
        name, source, edges = graph[1], graph[2], codec.graph_edges(graph[3], graph[4])
    else:
        name, source, edges = repo.name, repo.web_url or repo.location, codec.path_edges(paths)
    if not with_issues:
        # A public download never shows where the server keeps the repository (a local path of a local
        # source): the repository's public URL, else its name, stands for the source.
        source = repo.web_url or name
    issues = [ParseIssue(str(e.get("path", "")), str(e.get("message", "")), str(e.get("severity", "error")))
              for e in (last.errors if last and with_issues else []) if isinstance(e, dict)]
    return ScanResult(
        name=name, source=source, revision=(last.revision or None) if last else None,
        tree_hash=repo.last_tree_hash or None, issues=issues, components=components, edges=edges,
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
