"""Assessment templates as data: versioned YAML/JSON documents, validated, loaded into frozen dataclasses.

A template is the instrument (clusters → criteria, one rating scale, guidance, expected evidence, the engine
evidence that can pre-fill a criterion); an :mod:`assessment <ospo.programme.assessment>` is one filling of it.
Templates are data, not code, so that an OSPO can version, translate and exchange them, and so that the
platform stores exactly what the CLI lists. ``template_to_dict`` writes the same keys, in the same order, that
the shipped YAML uses and omits the same defaults, so a template survives YAML → object → JSON → object → JSON
unchanged (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ospo.programme.validate import Checker, InvalidDocument, parse_document

TEMPLATE_SCHEMA = "ospo.assessment-template/1"
SUBJECT_KINDS = ("ospo", "agency", "repository", "tender")
EVIDENCE_KINDS = ("document", "link", "engine-result", "interview", "survey", "benchmark", "attestation")

Text = dict[str, str]


@dataclass(frozen=True, slots=True)
class Level:
    level: int
    label: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Scale:
    id: str
    levels: tuple[Level, ...]

    @property
    def max_level(self) -> int:
        return self.levels[-1].level

    def label(self, level: int) -> Text:
        return self.levels[level].label


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: Text
    evidence: tuple[str, ...]
    guidance: Text | None = None
    automatable: tuple[str, ...] = ()  # engine evidence ids, e.g. "hygiene:readme"
    weight: int = 1


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    title: Text
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    licence: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    version: str
    licence: str
    source: Source
    subjects: tuple[str, ...]
    renewal_months: int  # 0: no renewal (a tender is assessed once)
    title: Text
    guidance: Text
    scale: Scale
    clusters: tuple[Cluster, ...]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for cl in self.clusters for c in cl.criteria)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def cluster_of(self, criterion_id: str) -> Cluster | None:
        return next((cl for cl in self.clusters if any(c.id == criterion_id for c in cl.criteria)), None)

    @property
    def automatable(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.automatable)


_TOP = ("schema", "id", "version", "licence", "source", "subjects", "renewal_months", "title", "guidance", "scale",
        "clusters")


def template_from_data(doc: Any, source: str = "") -> Template:
    """Validate a parsed template document; every problem is reported with its path in one InvalidDocument."""
    ck = Checker()
    top = ck.obj(doc, "$", required=_TOP)
    if top.get("schema") != TEMPLATE_SCHEMA and "schema" in top:
        ck.add("$.schema", "v.schema", value=str(top.get("schema"))[:80], expected=TEMPLATE_SCHEMA)
    tid = ck.ident(top.get("id", ""), "$.id") if "id" in top else None
    version = ck.string(top.get("version"), "$.version", limit=40) if "version" in top else None
    licence = ck.string(top.get("licence"), "$.licence", limit=200) if "licence" in top else None
    src_doc = ck.obj(top.get("source", {}), "$.source", required=("citation", "licence"), optional=("url", "note"))
    src = Source(
        citation=ck.string(src_doc.get("citation"), "$.source.citation") or "" if "citation" in src_doc else "",
        licence=ck.string(src_doc.get("licence"), "$.source.licence", limit=200) or "" if "licence" in src_doc else "",
        url=ck.string(src_doc["url"], "$.source.url", limit=2000) if "url" in src_doc else None,
        note=ck.string(src_doc["note"], "$.source.note") if "note" in src_doc else None,
    )
    subjects = tuple(s for i, v in enumerate(ck.lst(top.get("subjects", []), "$.subjects", non_empty=True))
                     if (s := ck.choice(v, f"$.subjects[{i}]", SUBJECT_KINDS)) is not None)
    renewal = ck.integer(top.get("renewal_months", 0), "$.renewal_months", 0, 120) or 0
    title = ck.text(top.get("title"), "$.title") if "title" in top else {}
    guidance = ck.text(top.get("guidance"), "$.guidance") if "guidance" in top else {}
    scale = _scale(ck, top.get("scale", {}), "$.scale")
    clusters: list[Cluster] = []
    crit_ids: list[str | None] = []
    crit_paths: list[str] = []
    raw_clusters = ck.lst(top.get("clusters", []), "$.clusters", non_empty=True)
    cl_ids: list[str | None] = []
    for i, raw in enumerate(raw_clusters):
        p = f"$.clusters[{i}]"
        cl = ck.obj(raw, p, required=("id", "title", "criteria"))
        cid = ck.ident(cl.get("id"), f"{p}.id") if "id" in cl else None
        cl_ids.append(cid)
        criteria = []
        for j, rc in enumerate(ck.lst(cl.get("criteria", []), f"{p}.criteria", non_empty=True)):
            crit = _criterion(ck, rc, f"{p}.criteria[{j}]")
            crit_ids.append(crit.id or None)
            crit_paths.append(f"{p}.criteria[{j}].id")
            criteria.append(crit)
        clusters.append(Cluster(cid or "", ck.text(cl.get("title"), f"{p}.title") if "title" in cl else {},
                                tuple(criteria)))
    ck.unique(cl_ids, [f"$.clusters[{i}].id" for i in range(len(cl_ids))])
    ck.unique(crit_ids, crit_paths)
    ck.raise_if_any(source)
    return Template(id=tid or "", version=version or "", licence=licence or "", source=src, subjects=subjects,
                    renewal_months=renewal, title=title, guidance=guidance, scale=scale, clusters=tuple(clusters))


def _scale(ck: Checker, raw: object, path: str) -> Scale:
    doc = ck.obj(raw, path, required=("id", "levels"))
    sid = ck.ident(doc.get("id"), f"{path}.id") if "id" in doc else None
    levels = []
    raw_levels = ck.lst(doc.get("levels", []), f"{path}.levels", non_empty=True)
    for i, rl in enumerate(raw_levels):
        p = f"{path}.levels[{i}]"
        lv = ck.obj(rl, p, required=("level", "label", "description"))
        n = ck.integer(lv.get("level"), f"{p}.level", 0, 100) if "level" in lv else None
        levels.append(Level(n if n is not None else -1,
                            ck.text(lv.get("label"), f"{p}.label") if "label" in lv else {},
                            ck.text(lv.get("description"), f"{p}.description") if "description" in lv else {}))
    if raw_levels and [lv.level for lv in levels] != list(range(len(levels))):
        ck.add(f"{path}.levels", "v.levels")
    if len(levels) < 2 and raw_levels:
        ck.add(f"{path}.levels", "v.levels")
    return Scale(sid or "", tuple(levels))


def _criterion(ck: Checker, raw: object, path: str) -> Criterion:
    doc = ck.obj(raw, path, required=("id", "title", "evidence"), optional=("guidance", "automatable", "weight"))
    cid = ck.ident(doc.get("id"), f"{path}.id") if "id" in doc else None
    evidence = tuple(e for i, v in enumerate(ck.lst(doc.get("evidence", []), f"{path}.evidence"))
                     if (e := ck.choice(v, f"{path}.evidence[{i}]", EVIDENCE_KINDS)) is not None)
    automatable = []
    for i, v in enumerate(ck.lst(doc.get("automatable", []), f"{path}.automatable")):
        name = ck.string(v, f"{path}.automatable[{i}]", limit=120)
        if name is not None and ":" not in name:
            ck.add(f"{path}.automatable[{i}]", "v.id", value=name)
        elif name is not None:
            automatable.append(name)
    return Criterion(
        id=cid or "",
        title=ck.text(doc.get("title"), f"{path}.title") if "title" in doc else {},
        evidence=evidence,
        guidance=ck.text(doc["guidance"], f"{path}.guidance") if "guidance" in doc else None,
        automatable=tuple(automatable),
        weight=(ck.integer(doc["weight"], f"{path}.weight", 1, 100) or 1) if "weight" in doc else 1,
    )


def template_to_dict(t: Template) -> dict[str, Any]:
    source: dict[str, Any] = {"citation": t.source.citation}
    if t.source.url is not None:
        source["url"] = t.source.url
    source["licence"] = t.source.licence
    if t.source.note is not None:
        source["note"] = t.source.note
    return {
        "schema": TEMPLATE_SCHEMA,
        "id": t.id,
        "version": t.version,
        "licence": t.licence,
        "source": source,
        "subjects": list(t.subjects),
        "renewal_months": t.renewal_months,
        "title": dict(t.title),
        "guidance": dict(t.guidance),
        "scale": {"id": t.scale.id, "levels": [
            {"level": lv.level, "label": dict(lv.label), "description": dict(lv.description)}
            for lv in t.scale.levels]},
        "clusters": [{"id": cl.id, "title": dict(cl.title), "criteria": [_criterion_dict(c) for c in cl.criteria]}
                     for cl in t.clusters],
    }


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "title": dict(c.title)}
    if c.guidance is not None:
        out["guidance"] = dict(c.guidance)
    out["evidence"] = list(c.evidence)
    if c.automatable:
        out["automatable"] = list(c.automatable)
    if c.weight != 1:
        out["weight"] = c.weight
    return out


def load_template(data: bytes, fmt: str = "json", source: str = "") -> Template:
    """Bytes of a template file (``fmt``: json or yaml) → Template, or InvalidDocument with every problem."""
    doc = parse_document(data, fmt)
    try:
        return template_from_data(doc, source)
    except InvalidDocument as exc:
        exc.source = source
        raise


@cache
def shipped_templates() -> dict[str, Template]:
    """The templates shipped as package data, by id (validated on load: a broken shipped file fails loudly)."""
    out: dict[str, Template] = {}
    folder = resources.files("ospo.programme") / "templates"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            t = load_template(entry.read_bytes(), "yaml", entry.name)
            out[t.id] = t
    return out


def get_template(template_id: str) -> Template | None:
    return shipped_templates().get(template_id)
