"""Run every extractor that wants a file over a tree, and merge what they found into one inventory.

This is the hot path: the tree is listed once, each path is offered to the extractors by base name, and
only wanted files are read. A failing file never stops the scan: its error is recorded with its path.
"""

from __future__ import annotations

import time
import traceback

from ospo.engine.ecosystems import all_extractors, discovery_errors
from ospo.engine.ecosystems.base import Extractor, Tree
from ospo.engine.merge import merge_inventory
from ospo.engine.model import FileResult, ParseIssue, ScanResult
from ospo.engine.safeparse import ParseFailure


def wanted_files(tree: Tree, extractors: tuple[Extractor, ...] | None = None) -> list[tuple[str, Extractor]]:
    """Pairs (path, extractor) for every file some extractor wants, in path order."""
    extractors = extractors if extractors is not None else all_extractors()
    pairs: list[tuple[str, Extractor]] = []
    for path in tree.paths():
        for ex in extractors:
            if ex.wants(path):
                pairs.append((path, ex))
    return pairs


def extract_file(ex: Extractor, path: str, data: bytes | None, tree: Tree) -> FileResult:
    """Run one extractor on one file, turning every failure into an issue on that file."""
    if data is None:
        fr = ex.result(path)
        fr.issues.append(ParseIssue(path, "file could not be read (missing, not a regular file, or outside the tree)"))
        return fr
    try:
        return ex.extract(path, data, tree)
    except ParseFailure as exc:
        fr = ex.result(path)
        fr.issues.append(ParseIssue(path, str(exc)))
        return fr
    except RecursionError:
        fr = ex.result(path)
        fr.issues.append(ParseIssue(path, "structure nested too deeply"))
        return fr
    except Exception as exc:  # an extractor bug must not lose the rest of the scan
        fr = ex.result(path)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        fr.issues.append(
            ParseIssue(path, f"internal error in {ex.name}: {type(exc).__name__}: {exc} "
                             f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})")
        )
        return fr


def scan_tree(tree: Tree, name: str, source: str, revision: str | None = None,
              extractors: tuple[Extractor, ...] | None = None) -> ScanResult:
    started = time.perf_counter()
    result = ScanResult(name=name, source=source, revision=revision)
    if extractors is None:
        result.issues.extend(ParseIssue("", message) for message in discovery_errors())
    for path, ex in wanted_files(tree, extractors):
        result.files.append(extract_file(ex, path, tree.read(path), tree))
    result.components, result.edges = merge_inventory(result.files)
    result.duration_s = time.perf_counter() - started
    return result
