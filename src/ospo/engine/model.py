"""Plain data returned by the engine.

Everything here is a dataclass of strings, numbers and lists so that the CLI, the SBOM writers and the
web platform can consume it without knowing how it was produced. Nothing in this module parses files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Scope(StrEnum):
    """Why a component is present. CycloneDX only knows required/optional/excluded; we keep more."""

    RUNTIME = "runtime"
    DEVELOPMENT = "development"
    OPTIONAL = "optional"
    TEST = "test"


@dataclass(slots=True, frozen=True)
class Location:
    """Where a component was declared: a path relative to the scanned tree, and a 1-based line if known."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(slots=True)
class Component:
    """One package, as one file declares it.

    ``version`` is the exact version when ``pinned`` is true; otherwise it is the constraint as written
    (``^1.2``, ``>=2,<3``) or ``None`` when the file gives none. ``purl`` only carries a version when pinned.
    """

    ecosystem: str
    name: str
    version: str | None
    purl: str
    pinned: bool = True
    scope: Scope = Scope.RUNTIME
    direct: bool | None = None
    license: str | None = None
    hashes: list[tuple[str, str]] = field(default_factory=list)  # (algorithm, hex digest)
    locations: list[Location] = field(default_factory=list)  # one per file that declares it, after merging
    # Free-form facts that matter to a reader: resolved URL, git source, "best-effort", …
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def location(self) -> Location | None:
        return self.locations[0] if self.locations else None


@dataclass(slots=True, frozen=True)
class Edge:
    """``source`` depends on ``target``; both are component purls (or the file's root reference)."""

    source: str
    target: str


@dataclass(slots=True)
class ParseIssue:
    """A problem with one file. The scan goes on; the issue travels with the results."""

    path: str
    message: str
    severity: str = "error"  # "error" (file unreadable) or "warning" (partly read)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class FileResult:
    """What one extractor found in one file."""

    path: str
    ecosystem: str
    extractor: str
    kind: str = "manifest"  # "manifest" or "lockfile"
    root: str | None = None  # purl of the project the file describes, if it names itself
    root_license: str | None = None  # the license that project declares in this file, as written
    components: list[Component] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


@dataclass(slots=True)
class ScanResult:
    """Everything found in one input (a directory, a git repository at a ref, an SBOM)."""

    name: str
    source: str  # what was scanned: a path, a URL@ref
    revision: str | None = None  # git commit or tree id when known
    # sha256 over the sorted (path, content digest) of every file the extractors read, and the engine version:
    # equal hashes mean an equal inventory, so the platform can skip storing an unchanged repository.
    tree_hash: str | None = None
    files: list[FileResult] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)  # problems not tied to one extractor
    components: list[Component] = field(default_factory=list)  # merged inventory, see engine.merge
    edges: list[Edge] = field(default_factory=list)
    duration_s: float = 0.0

    @property
    def all_issues(self) -> list[ParseIssue]:
        return [*self.issues, *(i for f in self.files for i in f.issues)]
