"""Plain data returned by the hygiene checks.

A check never invents a score: when it cannot judge (no git history, a module that is not installed, a
check that does not apply) its score is ``None`` and its verdict says why. The platform stores these
dataclasses as they are; every text in them is already in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NOT_APPLICABLE = "not-applicable"
    NOT_EVALUATED = "not-evaluated"


@dataclass(slots=True, frozen=True)
class Evidence:
    """One fact behind a verdict: a file (and line), a commit, or both, with a short note."""

    note: str
    path: str | None = None
    line: int | None = None
    commit: str | None = None

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
        if self.commit:
            where = f"{where}@{self.commit[:12]}" if where else self.commit[:12]
        return f"{where}: {self.note}" if where else self.note


@dataclass(slots=True)
class CheckResult:
    id: str
    title: str
    score: int | None  # 0-10, None when not applicable or not evaluated
    verdict: Verdict
    summary: str  # one sentence explaining the verdict
    remediation: str  # what to do; empty for pass / not-applicable
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)  # figures for machines (counts, shares)


@dataclass(slots=True)
class HygieneReport:
    name: str
    source: str
    revision: str | None = None
    lang: str = "en"
    history: bool = False  # whether git history was available
    checks: list[CheckResult] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)  # problems with the input itself (file errors, git errors)

    @property
    def score(self) -> float | None:
        """Mean of the scored checks (0-10, one decimal), None when nothing could be scored."""
        scored = [c.score for c in self.checks if c.score is not None]
        return round(sum(scored) / len(scored), 1) if scored else None
