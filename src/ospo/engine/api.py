"""One entry point for every kind of input: :func:`scan_input`.

The kind is chosen from the input itself: a URL is cloned partially, a directory with a git object store
is read at a ref when one is asked for, a JSON/XML file that is an SBOM is read as one, and any other
directory is walked on disk.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.model import ParseIssue, ScanResult
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.skip import SkipRules

_URL = re.compile(r"^(?:https?|ssh|git|file)://|^[\w.-]+@[\w.-]+:")


@dataclass(frozen=True)
class ScanOptions:
    skip: SkipRules = field(default_factory=SkipRules)
    ref: str | None = None  # git ref to read from the object store (default: the working tree on disk)


def input_name(spec: str) -> str:
    """A short, file-name-safe name for an input: the directory name, or the repository name of a URL."""
    s = spec.rstrip("/")
    if _URL.match(s):
        s = s.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        s = s.removesuffix(".git")
    else:
        s = Path(s).resolve().name or "root"
        for suffix in (".cdx.json", ".spdx.json", ".json", ".xml", ".git"):
            s = s.removesuffix(suffix)
    return re.sub(r"[^\w.@+-]", "_", s) or "input"


def _is_bare_repository(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and not (path / ".git").exists()


def scan_input(spec: str, options: ScanOptions | None = None) -> ScanResult:
    options = options or ScanOptions()
    name = input_name(spec)
    if _URL.match(spec):
        from ospo.engine.sources.remote import scan_remote

        return scan_remote(spec, name, options)
    path = Path(spec)
    if path.is_file():
        from ospo.engine.sources.sbom_input import scan_sbom_file

        return scan_sbom_file(path, name)
    if path.is_dir():
        if options.ref is not None or _is_bare_repository(path):
            # A bare repository has no files on disk: read its object store, at HEAD unless a ref is given.
            from ospo.engine.sources.gitstore import scan_git

            return scan_git(path, name, options)
        return scan_tree(DirectoryTree(path, options.skip), name=name, source=os.fspath(path))
    result = ScanResult(name=name, source=spec)
    result.issues.append(ParseIssue(spec, "input not found: neither a directory, a file nor a git URL"))
    return result
