"""A directory on disk as a :class:`~ospo.engine.ecosystems.base.Tree`.

Symlinks are followed only when their target resolves inside the scanned root, so a hostile repository
cannot make the scan read ``/etc/passwd`` through ``package.json -> /etc/passwd``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ospo.engine.safeparse import MAX_FILE_BYTES
from ospo.engine.sources.skip import SkipRules


class DirectoryTree:
    def __init__(self, root: str | os.PathLike[str], skip: SkipRules | None = None) -> None:
        self.root = Path(root).resolve()
        self.skip = skip or SkipRules()
        self._paths: list[str] | None = None
        self.oversized: list[str] = []

    @property
    def label(self) -> str:
        return str(self.root)

    def paths(self) -> list[str]:
        if self._paths is None:
            self._paths = sorted(self._walk())
        return self._paths

    def _walk(self):  # type: ignore[no-untyped-def]
        root = str(self.root)
        stack = [""]
        while stack:
            rel = stack.pop()
            try:
                entries = list(os.scandir(os.path.join(root, rel) if rel else root))
            except OSError:
                continue
            for entry in entries:
                child = f"{rel}/{entry.name}" if rel else entry.name
                try:
                    if entry.is_symlink():
                        if not self._inside(entry.path):
                            continue
                        is_dir = entry.is_dir()  # follows the link, now known to stay inside
                        if is_dir:
                            continue  # never recurse through links: avoids cycles
                    else:
                        is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if not self.skip.skips_dir(entry.name, child):
                        stack.append(child)
                elif entry.is_file():
                    yield child

    def _inside(self, path: str) -> bool:
        try:
            target = Path(path).resolve(strict=True)
        except (OSError, RuntimeError):
            return False
        return target == self.root or self.root in target.parents

    def read(self, path: str) -> bytes | None:
        full = self.root / path
        if ".." in Path(path).parts or Path(path).is_absolute():
            return None
        try:
            if full.is_symlink() and not self._inside(str(full)):
                return None
            resolved = full.resolve(strict=True)
            if self.root not in resolved.parents:
                return None
            if not resolved.is_file():
                return None
            size = resolved.stat().st_size
            if size > MAX_FILE_BYTES:
                # Read just past the cap so the parser reports the size instead of us loading it all.
                with resolved.open("rb") as fh:
                    return fh.read(MAX_FILE_BYTES + 1)
            return resolved.read_bytes()
        except OSError:
            return None
