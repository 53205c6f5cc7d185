"""Severity of an OSV advisory: CVSS vectors scored with RedHat's ``cvss`` library, ecosystem labels kept.

Why a library: CVSS v3.1's roundup and v4.0's macro-vector lookup tables are easy to get subtly wrong; the
``cvss`` package implements the FIRST calculators (v2, v3.0/3.1, v4.0) and is maintained. A bad vector is
"unknown", never an exception: one malformed advisory must not stop a scan.

Sources, all kept in :attr:`Severity.source` so a reader knows where a rating came from:
* ``severity[]`` entries of type ``CVSS_V4`` / ``CVSS_V3`` / ``CVSS_V2`` (the score field holds the vector);
* ``database_specific.severity`` (GHSA's ``LOW``/``MODERATE``/``HIGH``/``CRITICAL``), on the record or on an
  ``affected[]`` entry, and ``ecosystem_specific.severity``;
* RustSec's ``database_specific.informational`` (``unmaintained``, ``unsound``, ``notice``): not a
  vulnerability rating, kept as label with rating ``None``.
The finding's severity is the highest (by rating, then score); ties prefer CVSS v4 over v3 over labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cvss import CVSS2, CVSS3, CVSS4
from cvss.exceptions import CVSSError

RATINGS = ("Unknown", "None", "Low", "Medium", "High", "Critical")
_RANK = {r: i for i, r in enumerate(RATINGS)}
_LABELS = {
    "none": "None", "informational": "None", "low": "Low", "moderate": "Medium", "medium": "Medium",
    "high": "High", "important": "High", "critical": "Critical",
}
_SOURCE_PREFERENCE = {"CVSS_V4": 3, "CVSS_V3": 2, "CVSS_V2": 1}


@dataclass(frozen=True, slots=True)
class Severity:
    rating: str  # one of RATINGS
    score: float | None = None
    source: str = "none"  # "CVSS_V3", "CVSS_V4", "CVSS_V2", "database_specific", "ecosystem_specific", …
    vector: str | None = None
    label: str | None = None  # the ecosystem's own word, as written ("MODERATE", "unmaintained")

    def rank(self) -> tuple[int, float, int]:
        return (_RANK.get(self.rating, 0), self.score if self.score is not None else -1.0,
                _SOURCE_PREFERENCE.get(self.source, 0))


UNKNOWN = Severity("Unknown")


def _rating_from_score(score: float) -> str:
    """CVSS v3/v4 qualitative scale (also used for v2 scores, where NVD's v2 scale has no Critical)."""
    if score == 0.0:
        return "None"
    if score < 4.0:
        return "Low"
    if score < 7.0:
        return "Medium"
    if score < 9.0:
        return "High"
    return "Critical"


def score_vector(kind: str, vector: str) -> Severity:
    """One ``severity[]`` entry. ``kind`` is the OSV type; a vector's own prefix wins when they disagree."""
    if not isinstance(vector, str) or not vector.strip():
        return UNKNOWN
    v = vector.strip()
    try:
        if v.startswith("CVSS:4.0/") or (kind == "CVSS_V4" and not v.startswith("CVSS:3")):
            c4 = CVSS4(v)
            return Severity(str(c4.severity), float(c4.base_score), "CVSS_V4", v)
        if v.startswith("CVSS:3.") or kind == "CVSS_V3":
            c3 = CVSS3(v)
            score = float(c3.scores()[0])
            return Severity(str(c3.severities()[0]), score, "CVSS_V3", v)
        if kind == "CVSS_V2":
            score = float(CVSS2(v).scores()[0])
            # NVD's v2 scale: High is 7.0-10.0; there is no Critical in v2.
            rating = "High" if score >= 7.0 else _rating_from_score(score)
            return Severity(rating, score, "CVSS_V2", v)
    except (CVSSError, ValueError, TypeError, KeyError, IndexError, ArithmeticError):
        return Severity("Unknown", None, kind, v)
    return Severity("Unknown", None, kind, v)


def _label(value: Any, source: str) -> Severity | None:
    if not isinstance(value, str):
        return None
    rating = _LABELS.get(value.strip().lower())
    return Severity(rating, None, source, None, value) if rating else None


def severities_of(advisory: dict[str, Any]) -> list[Severity]:
    """Every severity an OSV record states, scored."""
    out: list[Severity] = []
    entries = advisory.get("severity")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            out.append(score_vector(str(entry.get("type", "")), entry.get("score")))  # type: ignore[arg-type]
    scopes: list[Any] = [advisory]
    affected = advisory.get("affected")
    if isinstance(affected, list):
        scopes.extend(a for a in affected if isinstance(a, dict))
    for scope in scopes:
        for field in ("database_specific", "ecosystem_specific"):
            extra = scope.get(field)
            if not isinstance(extra, dict):
                continue
            sev = _label(extra.get("severity"), field)
            if sev:
                out.append(sev)
            info = extra.get("informational")
            if isinstance(info, str) and info:
                out.append(Severity("None", None, "rustsec-informational", None, info))
            per_entry = extra.get("severity")
            if isinstance(per_entry, list):  # Ubuntu-style: a list of {type, score}
                for entry in per_entry:
                    if isinstance(entry, dict):
                        out.append(score_vector(str(entry.get("type", "")), entry.get("score")))  # type: ignore[arg-type]
    return out


def highest(severities: list[Severity]) -> Severity:
    """The most severe known rating; ``Unknown`` when nothing could be scored."""
    best = UNKNOWN
    for s in severities:
        if s.rank() > best.rank():
            best = s
    return best


def advisory_severity(advisory: dict[str, Any]) -> Severity:
    return highest(severities_of(advisory))
