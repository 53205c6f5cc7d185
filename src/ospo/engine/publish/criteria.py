"""The pre-publication readiness checklist as data: eleven criteria, each rated on six levels.

Source: IDB, *How to Build an Open-Source Program Office* (2026), Annex B, "pre-publication readiness", itself
drawn from the IDB publication guide (CC BY 4.0). The note defines the criteria and the levels 0 None … 5 Very
strong; it does not say which level is enough to publish, nor how to measure one. Those choices are ours and
live here, in one place, so the platform and the CLI agree:

* ``kind``: ``automated`` — the engine decides the level from the repository; ``manual`` — only a person can
  (an approval), so the level comes from the attestation file; ``mixed`` — the engine decides a level and a
  sign-off is recorded beside it (ownership: a legal review; security: a security review).
* ``required``: the level a criterion must reach before publication. 4 ("Strong") for legal and security
  criteria and for the files the method names; 3 ("Some") for the two that judge structure, where a heuristic
  should not block publication on its own (a young repository has no remote; "modular" is a judgement).
* ``exception``: the method allows binaries "if justified as an approved exception", and minimal (not zero)
  install-time scripts: for those two an attested exception lifts the automated level.
"""

from __future__ import annotations

from dataclasses import dataclass

from ospo.engine.publish.messages import CATALOG

AUTOMATED = "automated"
MANUAL = "manual"
MIXED = "mixed"

LEVELS: tuple[int, ...] = (0, 1, 2, 3, 4, 5)
SOURCE = "IDB, How to Build an Open-Source Program Office, 2026, Annex B (CC BY 4.0)"


@dataclass(frozen=True, slots=True)
class Criterion:
    number: int  # position in the method's checklist, 1-11
    id: str
    group: str  # "legal", "security", "quality"
    kind: str  # AUTOMATED, MANUAL or MIXED
    required: int  # level needed before publication
    exception: bool = False  # an attested exception may lift the automated level

    def title(self, lang: str = "en") -> str:
        return CATALOG.get(f"crit.{self.id}.title", lang)

    def rubric(self, lang: str = "en") -> str:
        return CATALOG.get(f"crit.{self.id}.rubric", lang)

    @property
    def automatable(self) -> bool:
        return self.kind != MANUAL

    @property
    def attestable(self) -> bool:
        return self.kind != AUTOMATED or self.exception


CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, "approvals", "legal", MANUAL, 4),
    Criterion(2, "ownership", "legal", MIXED, 4),
    Criterion(3, "copyright", "legal", AUTOMATED, 4),
    Criterion(4, "no-secrets", "security", AUTOMATED, 4),
    Criterion(5, "security-review", "security", MIXED, 4),
    Criterion(6, "supply-chain", "security", AUTOMATED, 4, exception=True),
    Criterion(7, "license", "security", AUTOMATED, 4),
    Criterion(8, "version-control", "quality", AUTOMATED, 3),
    Criterion(9, "required-files", "quality", AUTOMATED, 4),
    Criterion(10, "modular", "quality", AUTOMATED, 3),
    Criterion(11, "source-only", "quality", AUTOMATED, 4, exception=True),
)
BY_ID: dict[str, Criterion] = {c.id: c for c in CRITERIA}
BY_NUMBER: dict[int, Criterion] = {c.number: c for c in CRITERIA}


def level_name(level: int | None, lang: str = "en") -> str:
    return "-" if level is None else CATALOG.get(f"level.{level}", lang)


def lookup(value: object) -> Criterion | None:
    """A criterion by id (``"approvals"``), number (``1``, ``"1"``) or ``"#1"``; None when unknown."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return BY_NUMBER.get(value)
    if isinstance(value, str):
        text = value.strip().lower().lstrip("#")
        if text.isdigit():
            return BY_NUMBER.get(int(text))
        return BY_ID.get(text)
    return None
