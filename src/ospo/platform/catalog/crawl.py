"""Crawl: the publiccode.yml of a registered repository becomes (or updates) its catalog entry after each scan.

An agency that describes its solution with publiccode.yml publishes it in the catalog by committing the file:
the scan reads it from the committed tree (the git object store at the scanned branch, never the working copy;
a plain directory through the engine's DirectoryTree, which refuses links out of the tree), the catalog's
lossless reader (engine YAML 1.2 node reader, size and alias caps) turns it into a record, and the entry is
created or updated, linked to the repository and published by its agency. What the OSPO decides on the entry
(status, vetting, COCOMO parameters, referents…) is never touched by the crawl.

A broken file gives problems (file, key, message) returned to the caller, which records them on the scan; the
scan itself and the rest of the pipeline go on. After a scan, the file is read from the tree the scan read
(``OpenedInput``, kept open by the scan task): for a remote repository that is its blobless partial clone, and
the one blob is fetched then; a fetch that fails is a problem on that repository's scan, never a failure.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ospo.catalog.messages import CATALOG
from ospo.catalog.publiccode_io import read_publiccode
from ospo.catalog.record import Problem

log = logging.getLogger("ospo.platform.catalog")

NAMES = ("publiccode.yml", "publiccode.yaml")
MAX_BYTES = 1024 * 1024  # a publiccode.yml is a few kilobytes; larger is refused before parsing


@dataclass(slots=True)
class CrawlOutcome:
    path: str = ""  # the file read, "" when the repository has none
    entry_id: int | None = None
    created: bool = False
    problems: list[Problem] = field(default_factory=list)
    skipped: str = ""  # why nothing was read (remote repository, no file)


def read_file(repo: Any) -> tuple[str, bytes | None, str]:
    """(path, content or None, reason when None) of the repository's publiccode.yml at its scanned branch."""
    from ospo.engine.sources.directory import DirectoryTree
    from ospo.engine.sources.gitstore import GitTree, find_git_dir

    root = Path(repo.location)
    if not root.is_dir():
        return "", None, "not on this machine"
    git_dir = find_git_dir(root)
    if git_dir is not None:
        with GitTree(git_dir, repo.default_branch or "HEAD") as tree:
            present = set(tree.paths())
            for name in NAMES:
                if name in present:
                    return name, tree.read(name), ""
        return "", None, "no publiccode.yml"
    tree = DirectoryTree(root)
    for name in NAMES:
        data = tree.read(name)
        if data is not None:
            return name, data, ""
    return "", None, "no publiccode.yml"


def read_opened(opened: Any) -> tuple[str, bytes | None, str]:
    """(path, content or None, reason when None) from the tree a scan read (``ospo.engine.api.OpenedInput``).
    Raises when the file is listed but cannot be fetched or read (the caller turns that into a problem)."""
    tree = opened.tree
    present = set(tree.paths())
    for name in NAMES:
        if name in present:  # a partial clone fetches this one blob on read
            before = len(getattr(tree, "issues", ()))
            data = tree.read(name)
            if data is None:
                issues = getattr(tree, "issues", [])[before:]
                raise OSError(issues[-1].message if issues else f"{name} could not be read")
            return name, data, ""
    return "", None, "no publiccode.yml"


def import_repository(repo: Any, lang: str = "en", opened: Any = None) -> CrawlOutcome:
    """Create or update the catalog entry described by ``repo``'s publiccode.yml. Never raises for bad input.
    ``opened``: the tree the scan read (remote repositories are read only this way)."""
    from ospo.platform.catalog.models import Entry, EntryKind
    from ospo.platform.catalog.services import entry_fields

    try:
        path, data, why = read_opened(opened) if opened is not None and opened.tree is not None else read_file(repo)
    except Exception as exc:  # an unreadable object store or a failed fetch costs the crawl, not the scan
        return CrawlOutcome(
            problems=[Problem("publiccode.yml", "", CATALOG.get("unreadable", lang, detail=str(exc)[:300]))]
        )
    if data is None:
        return CrawlOutcome(skipped=why)
    out = CrawlOutcome(path=path)
    if len(data) > MAX_BYTES:
        out.problems.append(Problem(path, "", CATALOG.get("too_large", lang, limit=MAX_BYTES)))
        return out
    result = read_publiccode(data, path, lang)
    if not result.records:
        out.problems.extend(result.problems)
        return out
    record = result.records[0]
    if not record.source_id:
        record.source_id = (repo.web_url or repo.location)[:1000]
    fields = entry_fields(record)
    fields.update(kind=EntryKind.AGENCY, publisher_id=repo.agency_id, repository_id=repo.pk)
    if not fields["url"]:
        fields["url"] = (repo.web_url or "")[:1000]
    entry = (
        Entry.objects.filter(repository_id=repo.pk, source_format=record.source_format).first()
        # an entry imported from a file earlier (no repository yet); never one linked to another repository
        or Entry.objects.filter(
            source_format=record.source_format, source_id=fields["source_id"], repository=None
        ).first()
    )
    if entry is None:
        entry = Entry.objects.create(**fields)
        out.created = True
    elif any(getattr(entry, k) != v for k, v in fields.items()):  # an unchanged file writes nothing
        for k, v in fields.items():
            setattr(entry, k, v)
        entry.save()
    out.entry_id = entry.pk
    return out
