"""Store what the engine returned for one repository: idempotent, keyed by tree hash, transactional, in bulk.

* Same tree hash as the stored inventory → nothing is written but the Scan row (``unchanged``): an estate rescan
  of unchanged repositories costs one UPDATE each.
* Otherwise one transaction: components are inserted once by purl (``ignore_conflicts`` so that two workers
  ingesting the same new package at once do not fail), usages are diffed against the stored ones and only the
  new, changed and removed rows are written, and the repository's dependency graph (every engine edge) is
  replaced. Usages carry this repository's exact view (hashes, license, properties): see inventory/codec.py.
* An inventory stored before graphs were kept has no graph row: its next scan is ingested in full even when the
  tree hash is unchanged, so existing estates gain hashes and edges on their next rescan without a migration
  rewriting every row.

Nothing here interprets manifests: components, scopes, direct flags and locations are the engine's; the only
derived datum is each usage's shortest dependency path, a walk over the engine's edges for the pages.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

import ospo
from ospo.engine.model import Component as EngineComponent
from ospo.engine.model import ScanResult
from ospo.platform.estate.models import Repository
from ospo.platform.inventory import codec
from ospo.platform.inventory.codec import SharedRow
from ospo.platform.inventory.models import Component, InventoryGeneration, RepositoryGraph, Usage, purl_key
from ospo.platform.scans.models import Scan, ScanStatus

MAX_STORED_ISSUES = 1000  # a hostile repository may produce one issue per file; the count is kept in full
MAX_MESSAGE = 2000
MAX_PATH_LEN = 64
BATCH = 500


@dataclass(slots=True)
class IngestStats:
    unchanged: bool = False
    components_created: int = 0
    usages_created: int = 0
    usages_updated: int = 0
    usages_deleted: int = 0


def issue_dicts(result: ScanResult) -> list[dict[str, Any]]:
    issues = result.all_issues
    out = [
        {"path": i.path[:MAX_MESSAGE], "message": i.message[:MAX_MESSAGE], "severity": i.severity}
        for i in issues[:MAX_STORED_ISSUES]
    ]
    if len(issues) > MAX_STORED_ISSUES:
        out.append(
            {"path": "", "message": f"{len(issues) - MAX_STORED_ISSUES} more issues not stored", "severity": "warning"}
        )
    return out


def dependency_paths(result: ScanResult) -> dict[str, list[str]]:
    """Shortest path from a direct dependency to each component, over the engine's edges (BFS, O(V+E))."""
    graph: dict[str, list[str]] = {}
    for edge in result.edges:
        graph.setdefault(edge.source, []).append(edge.target)
    known = {c.purl for c in result.components}
    paths: dict[str, list[str]] = {}
    queue: deque[str] = deque()
    for c in result.components:
        if c.direct and c.purl not in paths:
            paths[c.purl] = [c.purl]
            queue.append(c.purl)
    while queue:
        node = queue.popleft()
        path = paths[node]
        if len(path) >= MAX_PATH_LEN:
            continue
        for target in graph.get(node, ()):
            if target in known and target not in paths:
                paths[target] = [*path, target]
                queue.append(target)
    return paths


def _chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _unique(components: Iterable[EngineComponent]) -> dict[str, EngineComponent]:
    by_purl: dict[str, EngineComponent] = {}
    for c in components:
        by_purl.setdefault(c.purl, c)  # the merge already joined equal purls; keep the first defensively
    return by_purl


_SHARED_COLUMNS = ("purl_key", "id", "ecosystem", "name", "version", "pinned", "license", "hashes")


def _read_components(
    keys: dict[str, str],
    into: dict[str, tuple[int, SharedRow]],
    fill: list[Component],
    by_purl: dict[str, EngineComponent],
) -> None:
    """Ids and identity columns of the components named by ``keys`` (purl_key → purl). A row whose license or
    hashes are still empty while this scan knows them is queued in ``fill``: the shared row is the estate's best
    knowledge for the catalog; the usage keeps this repository's exact view either way."""
    for chunk in _chunks(list(keys)):
        for key, pk, eco, name, version, pinned, lic, hashes in Component.objects.filter(
            purl_key__in=chunk
        ).values_list(*_SHARED_COLUMNS):
            purl = keys[key]
            into[purl] = (pk, SharedRow(eco, name, version, pinned))
            c = by_purl[purl]
            if (not lic and c.license) or (not hashes and c.hashes):
                row = codec.component_row(c)
                fill.append(Component(pk=pk, license=lic or row["license"], hashes=hashes or row["hashes"]))


def _component_ids(by_purl: dict[str, EngineComponent]) -> tuple[dict[str, tuple[int, SharedRow]], int]:
    keys = {purl_key(p): p for p in by_purl}
    ids: dict[str, tuple[int, SharedRow]] = {}
    fill: list[Component] = []
    _read_components(keys, ids, fill, by_purl)
    missing = [p for p in by_purl if p not in ids]
    if missing:
        rows = [Component(purl=p, purl_key=purl_key(p), **codec.component_row(by_purl[p])) for p in missing]
        Component.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        # re-read: another worker may have created some of these rows first, with its own spelling
        _read_components({purl_key(p): p for p in missing}, ids, fill, by_purl)
    if fill:
        # in id order, so that two workers filling the same rows take their locks in the same order
        Component.objects.bulk_update(sorted(fill, key=lambda r: r.pk), ["license", "hashes"], batch_size=BATCH)
    return ids, len(missing)


USAGE_FIELDS = (
    "scope",
    "direct",
    "constraint",
    "locations",
    "dependency_path",
    "license",
    "hashes",
    "properties",
    "as_declared",
)


def _graph_current(repo: Repository, result: ScanResult) -> bool:
    """Whether the stored graph belongs to this tree and names the input as this scan does. A stale name or
    source (a renamed default branch over the same files) is corrected here: the only write besides the Scan
    row an unchanged tree can cause, and only once."""
    row = RepositoryGraph.objects.filter(repository=repo).values_list("tree_hash", "name", "source").first()
    if row is None or row[0] != result.tree_hash:
        return False
    name, source = codec.clean(result.name), codec.clean(result.source)
    if (row[1], row[2]) != (name, source):
        RepositoryGraph.objects.filter(repository=repo).update(name=name, source=source)
    return True


def _store_graph(repo: Repository, result: ScanResult) -> None:
    nodes, edges = codec.graph_document(result)
    values = {
        "tree_hash": result.tree_hash or "",
        "name": result.name,
        "source": result.source,
        "nodes": nodes,
        "edges": edges,
    }
    RepositoryGraph.objects.update_or_create(repository=repo, defaults=values)


def ingest(scan: Scan, result: ScanResult) -> IngestStats:
    """Record ``result`` as the outcome of ``scan`` and bring the repository's inventory up to date."""
    repo: Repository = scan.repository
    now = timezone.now()
    scan.status = ScanStatus.SUCCEEDED
    scan.finished_at = now
    scan.engine_version = ospo.__version__
    scan.revision = (result.revision or "")[:64]
    scan.tree_hash = result.tree_hash or ""
    scan.component_count = len(result.components)
    scan.duration_s = result.duration_s
    scan.errors = issue_dicts(codec.storable_issues(result))
    scan.failure = ""
    scan_fields = [
        "status",
        "finished_at",
        "engine_version",
        "revision",
        "tree_hash",
        "component_count",
        "duration_s",
        "errors",
        "failure",
        "unchanged",
    ]

    if result.tree_hash and result.tree_hash == repo.last_tree_hash and _graph_current(repo, result):
        scan.unchanged = True
        scan.save(update_fields=scan_fields)
        return IngestStats(unchanged=True)

    stats = IngestStats()
    result = codec.storable(result)  # after the unchanged check: it reads every string of every component
    with transaction.atomic():
        by_purl = _unique(result.components)
        ids, stats.components_created = _component_ids(by_purl)
        paths = dependency_paths(result)
        existing = {u.component_id: u for u in Usage.objects.filter(repository=repo)}
        create: list[Usage] = []
        update: list[Usage] = []
        seen: set[int] = set()
        for purl, c in by_purl.items():
            cid, shared = ids[purl]
            seen.add(cid)
            fields = codec.usage_values(c, shared, paths.get(purl, []))
            row = existing.get(cid)
            if row is None:
                create.append(Usage(repository=repo, component_id=cid, first_scan=scan, changed_scan=scan, **fields))
            elif any(getattr(row, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.changed_scan = scan
                row.updated_at = now
                update.append(row)
        gone = [u.pk for cid, u in existing.items() if cid not in seen]
        Usage.objects.bulk_create(create, batch_size=BATCH)
        if update:
            Usage.objects.bulk_update(update, [*USAGE_FIELDS, "changed_scan", "updated_at"], batch_size=BATCH)
        if gone:
            Usage.objects.filter(pk__in=gone).delete()
        stats.usages_created, stats.usages_updated, stats.usages_deleted = len(create), len(update), len(gone)
        _store_graph(repo, result)

        repo.last_tree_hash = result.tree_hash or ""
        repo.inventory_updated_at = now
        repo.save(update_fields=["last_tree_hash", "inventory_updated_at"])
        scan.unchanged = False
        scan.save(update_fields=scan_fields)
        InventoryGeneration.bump()  # last (its row lock lasts until the commit): cached inventory figures are stale
    return stats
