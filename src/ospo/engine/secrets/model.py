"""Plain data of a secrets scan. A finding NEVER holds the secret: only where it is, a fingerprint and a preview.

Keeping the value out of the data (rather than stripping it at output time) means no renderer, log line,
exception or database row written later can leak it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ospo.engine.model import ParseIssue

SECRET = "secret"
PERSONAL = "personal"


@dataclass(slots=True)
class Introduction:
    """A commit that introduced the blob, and the path it had there (history mode)."""

    commit: str
    path: str


@dataclass(slots=True)
class Finding:
    kind: str  # detector id, e.g. "github-token", "cpf"
    category: str  # SECRET or PERSONAL
    severity: str  # "high" for secrets, "review" for personal data
    path: str
    line: int
    fingerprint: str  # see fingerprint.py: never reversible to the value
    preview: str  # e.g. "ghp_****…(40)": at most the public prefix of the format
    commit: str | None = None  # history mode: the earliest commit that introduced it
    introduced: list[Introduction] = field(default_factory=list)  # every (commit, path) that introduced it
    suppressed: str | None = None  # the reason, when allow-listed
    suppressed_by: str | None = None  # "inline" (ospo:allow-secret) or "allow-file"

    @property
    def active(self) -> bool:
        return self.suppressed is None


@dataclass(slots=True)
class SecretsReport:
    """Everything found in one input (a directory, or a repository's whole history)."""

    name: str
    source: str
    history: bool = False
    findings: list[Finding] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    files_scanned: int = 0  # files (tree mode) or distinct blobs (history mode) read and scanned
    skipped_binary: int = 0
    skipped_large: int = 0
    commits: int = 0  # history mode: commits walked
    duration_s: float = 0.0

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is not None]
