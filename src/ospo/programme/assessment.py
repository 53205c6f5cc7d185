"""Assessments: one filling of a template for a subject, with scores, comparison over time and renewal.

Scoring formula (documented here because reports quote it):

* a rated criterion's ratio is ``level / max_level`` of the template's scale (0 … 1);
* unanswered criteria and criteria marked not applicable are left out of every score (they show in
  ``answered`` / ``applicable`` instead, so a half-filled assessment is visibly half-filled, not low);
* a cluster's score is ``100 × Σ weight·ratio / Σ weight`` over its rated criteria, None when none is rated;
* the overall score is the same weighted mean over all rated criteria of the template — every criterion
  counts by its weight wherever it sits, as on the paper checklists the templates come from;
* ``mean_level`` is the plain mean of the rated levels, on the template's own scale (0-5 for readiness).

Scores are rounded to one decimal only when presented; the dataclasses keep exact floats.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ospo.programme.templates import EVIDENCE_KINDS, SUBJECT_KINDS, Template, get_template
from ospo.programme.validate import MAX_TEXT, Checker, InvalidDocument, parse_document

ASSESSMENT_SCHEMA = "ospo.assessment/1"


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    kind: str  # one of templates.EVIDENCE_KINDS
    ref: str  # a URL, a document reference, an engine evidence id ("hygiene:readme")
    note: str = ""


@dataclass(slots=True)
class Answer:
    level: int | None = None  # None: not answered yet (or not applicable)
    not_applicable: bool = False
    notes: str = ""
    evidence: list[EvidenceRef] = field(default_factory=list)
    prefilled: bool = False  # set by a pre-fill from engine results; a person confirms by clearing it


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str  # ospo, agency, repository, tender
    name: str
    ref: str = ""  # a URL, a repository path, a tender number


@dataclass(frozen=True, slots=True)
class SignOff:
    reviewer: str
    signed_on: dt.date
    note: str = ""


@dataclass(slots=True)
class Assessment:
    id: str
    template_id: str
    template_version: str
    subject: Subject
    assessed_on: dt.date
    assessor: str = ""
    renew_by: dt.date | None = None
    answers: dict[str, Answer] = field(default_factory=dict)  # criterion id → answer, template order
    sign_off: SignOff | None = None


@dataclass(frozen=True, slots=True)
class ClusterScore:
    cluster: str
    score: float | None  # 0-100
    mean_level: float | None
    answered: int
    applicable: int


@dataclass(frozen=True, slots=True)
class Score:
    overall: float | None
    mean_level: float | None
    answered: int
    applicable: int
    total: int
    clusters: tuple[ClusterScore, ...]


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def new_assessment(template: Template, subject: Subject, assessed_on: dt.date, assessment_id: str,
                   assessor: str = "") -> Assessment:
    """An empty assessment with one unanswered answer per criterion and the template's renewal date."""
    renew = add_months(assessed_on, template.renewal_months) if template.renewal_months else None
    return Assessment(id=assessment_id, template_id=template.id, template_version=template.version, subject=subject,
                      assessed_on=assessed_on, assessor=assessor, renew_by=renew,
                      answers={c.id: Answer() for c in template.criteria})


def _weighted(pairs: list[tuple[int, int]], top: int) -> float | None:
    """100 × Σ weight·level / (top × Σ weight): integers until the one division, so 4 of 5 everywhere is 80.0."""
    total = sum(w for w, _ in pairs)
    return 100 * sum(w * lv for w, lv in pairs) / (top * total) if total else None


def score(assessment: Assessment, template: Template) -> Score:
    top = template.scale.max_level
    all_pairs: list[tuple[int, int]] = []
    all_levels: list[int] = []
    clusters = []
    applicable_total = 0
    for cl in template.clusters:
        pairs: list[tuple[int, int]] = []
        levels: list[int] = []
        applicable = 0
        for c in cl.criteria:
            a = assessment.answers.get(c.id)
            if a is not None and a.not_applicable:
                continue
            applicable += 1
            if a is not None and a.level is not None:
                pairs.append((c.weight, a.level))
                levels.append(a.level)
        clusters.append(ClusterScore(cl.id, _weighted(pairs, top), sum(levels) / len(levels) if levels else None,
                                     len(levels), applicable))
        all_pairs += pairs
        all_levels += levels
        applicable_total += applicable
    return Score(_weighted(all_pairs, top), sum(all_levels) / len(all_levels) if all_levels else None, len(all_levels),
                 applicable_total, len(template.criteria), tuple(clusters))


@dataclass(frozen=True, slots=True)
class CriterionDelta:
    criterion: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True, slots=True)
class Comparison:
    criteria: tuple[CriterionDelta, ...]
    clusters: tuple[tuple[str, float | None, float | None], ...]  # (cluster, before score, after score)
    overall: tuple[float | None, float | None]
    added: tuple[str, ...]  # criteria only in the later assessment's template version
    removed: tuple[str, ...]

    @property
    def improved(self) -> tuple[str, ...]:
        return tuple(d.criterion for d in self.criteria if (d.delta or 0) > 0)

    @property
    def regressed(self) -> tuple[str, ...]:
        return tuple(d.criterion for d in self.criteria if (d.delta or 0) < 0)


def compare(before: Assessment, after: Assessment, template_before: Template, template_after: Template | None = None
            ) -> Comparison:
    """Deltas per criterion, per cluster and overall between two assessments of one template (any versions)."""
    template_after = template_after or template_before
    if before.template_id != after.template_id:
        raise ValueError(f"cannot compare {before.template_id} with {after.template_id}")
    ids_before = [c.id for c in template_before.criteria]
    ids_after = [c.id for c in template_after.criteria]
    common = [i for i in ids_after if i in set(ids_before)]

    def level(a: Assessment, cid: str) -> int | None:
        ans = a.answers.get(cid)
        return None if ans is None or ans.not_applicable else ans.level

    sb, sa = score(before, template_before), score(after, template_after)
    by_before = {c.cluster: c.score for c in sb.clusters}
    clusters = tuple((c.cluster, by_before.get(c.cluster), c.score) for c in sa.clusters)
    return Comparison(
        criteria=tuple(CriterionDelta(cid, level(before, cid), level(after, cid)) for cid in common),
        clusters=clusters, overall=(sb.overall, sa.overall),
        added=tuple(i for i in ids_after if i not in set(ids_before)),
        removed=tuple(i for i in ids_before if i not in set(ids_after)))


def trend(assessments: list[Assessment], resolve: Callable[[str, str], Template | None]
          ) -> list[tuple[dt.date, float | None]]:
    """(date, overall score) in date order: the series a trend chart plots."""
    out = []
    for a in sorted(assessments, key=lambda x: x.assessed_on):
        t = resolve(a.template_id, a.template_version)
        out.append((a.assessed_on, score(a, t).overall if t else None))
    return out


def renewal_due(assessment: Assessment, today: dt.date, within_days: int = 0) -> bool:
    """True when the assessment must be renewed by ``today + within_days`` (never for one-off instruments)."""
    return assessment.renew_by is not None and assessment.renew_by <= today + dt.timedelta(days=within_days)


# --- JSON -------------------------------------------------------------------------------------------------------

def assessment_to_dict(a: Assessment) -> dict[str, Any]:
    subject: dict[str, Any] = {"kind": a.subject.kind, "name": a.subject.name}
    if a.subject.ref:
        subject["ref"] = a.subject.ref
    out: dict[str, Any] = {
        "schema": ASSESSMENT_SCHEMA, "id": a.id,
        "template": {"id": a.template_id, "version": a.template_version},
        "subject": subject, "assessed_on": a.assessed_on.isoformat(), "assessor": a.assessor,
        "renew_by": a.renew_by.isoformat() if a.renew_by else None,
        "answers": {cid: _answer_dict(ans) for cid, ans in a.answers.items()},
    }
    if a.sign_off is not None:
        out["sign_off"] = {"reviewer": a.sign_off.reviewer, "signed_on": a.sign_off.signed_on.isoformat(),
                           "note": a.sign_off.note}
    return out


def _answer_dict(a: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {"level": a.level}
    if a.not_applicable:
        out["not_applicable"] = True
    out["notes"] = a.notes
    out["evidence"] = [{"kind": e.kind, "ref": e.ref, "note": e.note} for e in a.evidence]
    if a.prefilled:
        out["prefilled"] = True
    return out


def dumps(doc: Mapping[str, Any]) -> str:
    """The one JSON form of exported documents: stable key order, UTF-8 text, two-space indent."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def assessment_from_data(doc: Any, resolve: Callable[[str], Template | None] = get_template,
                         source: str = "") -> Assessment:
    """Validate a results document against its template; all problems at once, with paths."""
    ck = Checker()
    top = ck.obj(doc, "$", required=("schema", "id", "template", "subject", "assessed_on", "answers"),
                 optional=("assessor", "renew_by", "sign_off"))
    if "schema" in top and top["schema"] != ASSESSMENT_SCHEMA:
        ck.add("$.schema", "v.schema", value=str(top["schema"])[:80], expected=ASSESSMENT_SCHEMA)
    aid = ck.ident(top.get("id"), "$.id") if "id" in top else None
    tdoc = ck.obj(top.get("template", {}), "$.template", required=("id", "version"))
    tid = ck.ident(tdoc.get("id"), "$.template.id") if "id" in tdoc else None
    tver = ck.string(tdoc.get("version"), "$.template.version", limit=40) if "version" in tdoc else None
    template = resolve(tid) if tid else None
    if tid and template is None:
        ck.add("$.template.id", "v.unknown-template", value=tid)
    sdoc = ck.obj(top.get("subject", {}), "$.subject", required=("kind", "name"), optional=("ref",))
    kinds = template.subjects if template else SUBJECT_KINDS
    skind = ck.choice(sdoc.get("kind"), "$.subject.kind", kinds) if "kind" in sdoc else None
    sname = ck.string(sdoc.get("name"), "$.subject.name", limit=500) if "name" in sdoc else None
    sref = ck.string(sdoc["ref"], "$.subject.ref", non_empty=False, limit=2000) if "ref" in sdoc else ""
    assessed = ck.date(top.get("assessed_on"), "$.assessed_on") if "assessed_on" in top else None
    assessor = ck.string(top.get("assessor", ""), "$.assessor", non_empty=False, limit=500) or ""
    renew = None
    if top.get("renew_by") is not None:
        renew = ck.date(top["renew_by"], "$.renew_by")
    answers: dict[str, Answer] = {}
    raw_answers = top.get("answers", {})
    if not isinstance(raw_answers, dict):
        ck.obj(raw_answers, "$.answers")
        raw_answers = {}
    max_level = template.scale.max_level if template else 100
    for cid, raw in raw_answers.items():
        p = f"$.answers.{cid}"
        if template is not None and template.criterion(cid) is None:
            ck.add(p, "v.unknown-criterion", value=cid, template=template.id)
            continue
        answers[cid] = _answer(ck, raw, p, max_level)
    if template is not None:  # keep template order whatever the file's order
        answers = {c.id: answers[c.id] for c in template.criteria if c.id in answers}
    sign = None
    if "sign_off" in top:
        so = ck.obj(top["sign_off"], "$.sign_off", required=("reviewer", "signed_on"), optional=("note",))
        reviewer = ck.string(so.get("reviewer"), "$.sign_off.reviewer", limit=500) if "reviewer" in so else None
        signed = ck.date(so.get("signed_on"), "$.sign_off.signed_on") if "signed_on" in so else None
        note = ck.string(so.get("note", ""), "$.sign_off.note", non_empty=False) or ""
        if reviewer is not None and signed is not None:
            sign = SignOff(reviewer, signed, note)
    ck.raise_if_any(source)
    assert aid and tid and tver is not None and skind and sname is not None and assessed is not None
    return Assessment(id=aid, template_id=tid, template_version=tver, subject=Subject(skind, sname, sref or ""),
                      assessed_on=assessed, assessor=assessor, renew_by=renew, answers=answers, sign_off=sign)


def _answer(ck: Checker, raw: object, p: str, max_level: int) -> Answer:
    doc = ck.obj(raw, p, required=("level",), optional=("not_applicable", "notes", "evidence", "prefilled"))
    level = None
    if doc.get("level") is not None:
        level = ck.integer(doc["level"], f"{p}.level", 0, max_level)
    na = bool(ck.boolean(doc["not_applicable"], f"{p}.not_applicable")) if "not_applicable" in doc else False
    if na and level is not None:
        ck.add(f"{p}.level", "v.level-and-na")
    notes = ck.string(doc.get("notes", ""), f"{p}.notes", non_empty=False, limit=MAX_TEXT) or ""
    evidence = []
    for i, e in enumerate(ck.lst(doc.get("evidence", []), f"{p}.evidence")):
        ep = f"{p}.evidence[{i}]"
        ed = ck.obj(e, ep, required=("kind", "ref"), optional=("note",))
        kind = ck.choice(ed.get("kind"), f"{ep}.kind", EVIDENCE_KINDS) if "kind" in ed else None
        ref = ck.string(ed.get("ref"), f"{ep}.ref", limit=4000) if "ref" in ed else None
        note = ck.string(ed.get("note", ""), f"{ep}.note", non_empty=False) or ""
        if kind and ref is not None:
            evidence.append(EvidenceRef(kind, ref, note))
    pre = bool(ck.boolean(doc["prefilled"], f"{p}.prefilled")) if "prefilled" in doc else False
    return Answer(level=level, not_applicable=na, notes=notes, evidence=evidence, prefilled=pre)


def load_assessment(data: bytes, resolve: Callable[[str], Template | None] = get_template,
                    source: str = "") -> Assessment:
    doc = parse_document(data, "json")
    try:
        return assessment_from_data(doc, resolve, source)
    except InvalidDocument as exc:
        exc.source = source
        raise
