"""An in-memory tree: for tests, fuzzing, and sources that already hold file contents (git blobs)."""

from __future__ import annotations

from collections.abc import Mapping


class MemoryTree:
    def __init__(self, files: Mapping[str, bytes | str]) -> None:
        self._files = {p: (v.encode() if isinstance(v, str) else v) for p, v in files.items()}

    def paths(self) -> list[str]:
        return sorted(self._files)

    def read(self, path: str) -> bytes | None:
        return self._files.get(path)
