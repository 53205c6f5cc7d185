"""The attestation file: the sign-offs a person gives where the engine cannot judge (approvals, reviews).

Format (YAML, read with the safe loader through :mod:`ospo.engine.safeparse`)::

    attestations:              # or the list alone at the top level
      - criterion: approvals   # an id of criteria.CRITERIA, or its number 1-11
        level: 4               # 0-5
        who: "Legal office, J. Pérez"
        date: 2026-03-02
        evidence: https://intranet.example/dossier/123

Why strict: an attestation raises or lowers what the report claims about legal and security sign-offs, so a
malformed entry is reported (with its index) and ignored, never guessed at. Entries for purely automated
criteria are refused: a person cannot attest that no secret is committed — the scan says so. When a criterion
is attested more than once, the most recent date wins (a later review supersedes an earlier one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ospo.engine.publish.criteria import lookup
from ospo.engine.publish.messages import CATALOG
from ospo.engine.safeparse import ParseFailure, load_yaml

MAX_ATTEST_BYTES = 1024 * 1024
MAX_ENTRIES = 1000
MAX_TEXT = 500


@dataclass(slots=True, frozen=True)
class Attestation:
    criterion: str  # criterion id
    level: int
    who: str
    date: str  # ISO date
    evidence: str = ""
    index: int = 0  # position in the file, 1-based


@dataclass(slots=True)
class AttestationSet:
    path: str
    entries: dict[str, Attestation] = field(default_factory=dict)  # criterion id → the latest attestation
    problems: list[str] = field(default_factory=list)


def _text(raw: dict, key: str, problems: list[str], required: bool) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(f"missing:{key}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(f"text:{key}")
        return None
    text = str(value).strip()
    if required and not text:
        problems.append(f"missing:{key}")
        return None
    return text[:MAX_TEXT]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_attestations(data: bytes, path: str = "attestations.yml", lang: str = "en",
                       today: dt.date | None = None) -> AttestationSet:
    """Parse an attestation file. Never raises for bad input: every problem is a message on the set."""
    out = AttestationSet(path=path)
    t = CATALOG.get
    try:
        if len(data) > MAX_ATTEST_BYTES:
            raise ParseFailure(f"file too large ({len(data):,} bytes; limit {MAX_ATTEST_BYTES:,})")
        doc = load_yaml(data)
    except ParseFailure as exc:
        out.problems.append(t("attest.unreadable", lang, reason=str(exc)))
        return out
    if isinstance(doc, dict) and "attestations" in doc:
        doc = doc["attestations"]
    if doc is None:
        return out
    if not isinstance(doc, list):
        out.problems.append(t("attest.not-list", lang))
        return out
    today = today or dt.date.today()
    for n, raw in enumerate(doc[:MAX_ENTRIES], 1):
        def problem(text: str, n: int = n) -> None:
            out.problems.append(t("attest.entry", lang, index=n, problem=text))

        if not isinstance(raw, dict):
            problem(t("attest.not-map", lang))
            continue
        codes: list[str] = []
        crit = lookup(raw.get("criterion"))
        if raw.get("criterion") is None:
            codes.append("missing:criterion")
        elif crit is None:
            problem(t("attest.criterion", lang, value=str(raw.get("criterion"))[:60]))
            continue
        elif not crit.attestable:
            problem(t("attest.automated", lang, value=crit.id))
            continue
        level = raw.get("level")
        if level is None:
            codes.append("missing:level")
        elif isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 5:
            problem(t("attest.level", lang))
            continue
        who = _text(raw, "who", codes, required=True)
        evidence = _text(raw, "evidence", codes, required=False) or ""
        when = _date(raw.get("date"))
        if raw.get("date") is None:
            codes.append("missing:date")
        elif when is None:
            problem(t("attest.date", lang))
            continue
        elif when > today:
            problem(t("attest.future", lang, date=when.isoformat()))
            continue
        if codes:
            for code in codes:
                kind, name = code.split(":", 1)
                problem(t("attest.missing" if kind == "missing" else "attest.text", lang, field=name))
            continue
        assert crit is not None and who is not None and when is not None and isinstance(level, int)
        entry = Attestation(crit.id, level, who, when.isoformat(), evidence, n)
        previous = out.entries.get(crit.id)
        if previous is None or entry.date >= previous.date:
            out.entries[crit.id] = entry
    return out


def load_attestations(path: str, lang: str = "en", today: dt.date | None = None) -> AttestationSet:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_ATTEST_BYTES + 1)
    except OSError as exc:
        out = AttestationSet(path=path)
        out.problems.append(CATALOG.get("attest.unreadable", lang, reason=exc.strerror or str(exc)))
        return out
    return parse_attestations(data, path, lang, today)
