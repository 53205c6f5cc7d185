"""The Mission Model Canvas: nine blocks of assumptions with status and evidence, versioned by snapshots.

The method asks to fill the canvas "with evidence, not assumptions" and to keep it living: every assumption
carries a status (to test → validated / invalidated) and the evidence behind it, and every published state of
the canvas is a numbered snapshot, so the OSPO can show how its model changed and why. Snapshots hold the
canvas as plain data (``canvas_to_dict``), which is also what the platform stores.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

from ospo.engine.i18n import Catalog, normalize_language
from ospo.programme.messages import CATALOG

BLOCKS = ("value-proposition", "beneficiaries", "engagement", "key-activities", "key-resources", "key-partners",
          "cost-structure", "funding-streams", "mission-achievement")
STATUSES = ("to-test", "validated", "invalidated")
EVIDENCE_KINDS = ("interview", "survey", "workshop", "benchmark", "document", "link", "data")

LABELS = Catalog({
    "value-proposition": {"en": "Value proposition and portfolio", "es": "Propuesta de valor y portafolio",
                          "pt-BR": "Proposta de valor e portfólio", "fr": "Proposition de valeur et portefeuille"},
    "beneficiaries": {"en": "Beneficiaries and stakeholders", "es": "Beneficiarios y partes interesadas",
                      "pt-BR": "Beneficiários e partes interessadas", "fr": "Bénéficiaires et parties prenantes"},
    "engagement": {"en": "Community and ecosystem engagement", "es": "Participación de la comunidad y el ecosistema",
                   "pt-BR": "Engajamento da comunidade e do ecossistema",
                   "fr": "Mobilisation de la communauté et de l'écosystème"},
    "key-activities": {"en": "Key activities", "es": "Actividades clave", "pt-BR": "Atividades-chave",
                       "fr": "Activités clés"},
    "key-resources": {"en": "Key resources", "es": "Recursos clave", "pt-BR": "Recursos-chave",
                      "fr": "Ressources clés"},
    "key-partners": {"en": "Key partners", "es": "Socios clave", "pt-BR": "Parceiros-chave", "fr": "Partenaires clés"},
    "cost-structure": {"en": "Cost structure", "es": "Estructura de costos", "pt-BR": "Estrutura de custos",
                       "fr": "Structure des coûts"},
    "funding-streams": {"en": "Funding streams", "es": "Fuentes de financiación", "pt-BR": "Fontes de financiamento",
                        "fr": "Sources de financement"},
    "mission-achievement": {"en": "Mission achievement", "es": "Cumplimiento de la misión",
                            "pt-BR": "Cumprimento da missão", "fr": "Réalisation de la mission"},
    "to-test": {"en": "to test", "es": "por probar", "pt-BR": "a testar", "fr": "à tester"},
    "validated": {"en": "validated", "es": "validado", "pt-BR": "validada", "fr": "validée"},
    "invalidated": {"en": "invalidated", "es": "invalidado", "pt-BR": "invalidada", "fr": "invalidée"},
    "title": {"en": "Mission Model Canvas", "es": "Lienzo del modelo de misión", "pt-BR": "Canvas do modelo de missão",
              "fr": "Canevas du modèle de mission"},
    # evidence kinds (EVIDENCE_KINDS), shown in forms and on the canvas
    "interview": {"en": "interview", "es": "entrevista", "pt-BR": "entrevista", "fr": "entretien"},
    "survey": {"en": "survey", "es": "encuesta", "pt-BR": "pesquisa", "fr": "enquête"},
    "workshop": {"en": "workshop", "es": "taller", "pt-BR": "oficina", "fr": "atelier"},
    "benchmark": {"en": "benchmark", "es": "comparativa", "pt-BR": "comparativo", "fr": "étude comparative"},
    "document": {"en": "document", "es": "documento", "pt-BR": "documento", "fr": "document"},
    "link": {"en": "link", "es": "enlace", "pt-BR": "link", "fr": "lien"},
    "data": {"en": "data", "es": "datos", "pt-BR": "dados", "fr": "données"},
})


@dataclass(slots=True)
class Evidence:
    kind: str
    ref: str
    note: str = ""


@dataclass(slots=True)
class Assumption:
    id: str
    statement: str
    status: str = "to-test"
    priority: int = 0  # higher first: the method tests desirability first
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Canvas:
    id: str
    title: str
    blocks: dict[str, list[Assumption]] = field(default_factory=lambda: {b: [] for b in BLOCKS})


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int
    taken_on: dt.date
    note: str
    data: dict[str, Any]  # canvas_to_dict at that moment (a deep copy: later edits never change history)


@dataclass(slots=True)
class CanvasHistory:
    snapshots: list[Snapshot] = field(default_factory=list)

    def take(self, canvas: Canvas, taken_on: dt.date, note: str = "") -> Snapshot:
        snap = Snapshot(len(self.snapshots) + 1, taken_on, note, copy.deepcopy(canvas_to_dict(canvas)))
        self.snapshots.append(snap)
        return snap

    def restore(self, version: int) -> Canvas:
        return canvas_from_dict(self.snapshots[version - 1].data)

    @property
    def latest(self) -> Snapshot | None:
        return self.snapshots[-1] if self.snapshots else None


def add_assumption(canvas: Canvas, block: str, assumption: Assumption) -> None:
    if block not in BLOCKS:
        raise ValueError(f"unknown block {block!r}")
    if assumption.status not in STATUSES:
        raise ValueError(f"unknown status {assumption.status!r}")
    if any(a.id == assumption.id for b in canvas.blocks.values() for a in b):
        raise ValueError(f"duplicate assumption id {assumption.id!r}")
    canvas.blocks.setdefault(block, []).append(assumption)


def set_status(canvas: Canvas, assumption_id: str, status: str, evidence: Evidence | None = None) -> None:
    """Change an assumption's status; validating or invalidating one requires evidence (the method's rule)."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    for items in canvas.blocks.values():
        for a in items:
            if a.id == assumption_id:
                if evidence is not None:
                    a.evidence.append(evidence)
                if status != "to-test" and not a.evidence:
                    raise ValueError("an assumption is validated or invalidated on evidence; none attached")
                a.status = status
                return
    raise KeyError(assumption_id)


def canvas_to_dict(c: Canvas) -> dict[str, Any]:
    return {"id": c.id, "title": c.title, "blocks": {b: [
        {"id": a.id, "statement": a.statement, "status": a.status, "priority": a.priority,
         "evidence": [{"kind": e.kind, "ref": e.ref, "note": e.note} for e in a.evidence]}
        for a in c.blocks.get(b, [])] for b in BLOCKS}}


def canvas_from_dict(d: dict[str, Any]) -> Canvas:
    return Canvas(d["id"], d["title"], {b: [
        Assumption(a["id"], a["statement"], a["status"], a["priority"], [Evidence(**e) for e in a["evidence"]])
        for a in d["blocks"].get(b, [])] for b in BLOCKS})


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[str]]:
    """What changed between two snapshots' data: assumptions added, removed, and status changes."""
    def index(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {a["id"]: a for items in d["blocks"].values() for a in items}

    a, b = index(old), index(new)
    return {"added": sorted(set(b) - set(a)), "removed": sorted(set(a) - set(b)),
            "status_changed": sorted(k for k in set(a) & set(b) if a[k]["status"] != b[k]["status"])}


_CSS = """
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
body { font: 9pt/1.3 system-ui, sans-serif; margin: 0; color: #111; }
h1 { font-size: 13pt; margin: 0 0 2mm; } .meta { color: #555; font-size: 8pt; }
.grid { display: grid; grid-template-columns: repeat(5, 1fr); grid-template-rows: auto auto auto; gap: 2mm; }
.block { border: 1px solid #444; padding: 2mm; min-height: 40mm; break-inside: avoid; }
.block h2 { font-size: 9.5pt; margin: 0 0 1mm; }
.value-proposition { grid-column: 3; grid-row: 1 / span 2; } .key-partners { grid-column: 1; grid-row: 1 / span 2; }
.key-activities { grid-column: 2; grid-row: 1; } .key-resources { grid-column: 2; grid-row: 2; }
.engagement { grid-column: 4; grid-row: 1; } .beneficiaries { grid-column: 5; grid-row: 1 / span 2; }
.mission-achievement { grid-column: 4; grid-row: 2; }
.cost-structure { grid-column: 1 / span 2; grid-row: 3; } .funding-streams { grid-column: 3 / span 3; grid-row: 3; }
ul { margin: 0; padding-left: 4mm; } li { margin-bottom: 1mm; }
.status { font-size: 7.5pt; padding: 0 1mm; border-radius: 1mm; border: 1px solid #888; }
.validated { background: #e3f4e3; } .invalidated { background: #fbe3e3; text-decoration: line-through; }
.ev { color: #444; font-size: 7.5pt; } .empty { color: #888; font-style: italic; }
@media print { body { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def render_html(canvas: Canvas, lang: str = "en", version: int | None = None, on: dt.date | None = None) -> str:
    """One printable page (A4 landscape), self-contained: inline CSS, no script, no external resource."""
    lang = normalize_language(lang)
    e = html.escape
    parts = [f'<!doctype html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">',
             f"<title>{e(LABELS.get('title', lang))}: {e(canvas.title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(LABELS.get('title', lang))}: {e(canvas.title)}</h1>"]
    if version is not None:
        parts.append(f'<p class="meta">{e(CATALOG.get("canvas.version", lang, version=version, date=(on or dt.date.today()).isoformat()))}</p>')  # noqa: E501
    parts.append('<div class="grid">')
    for block in BLOCKS:
        items = sorted(canvas.blocks.get(block, []), key=lambda a: -a.priority)
        parts.append(f'<section class="block {block}"><h2>{e(LABELS.get(block, lang))}</h2>')
        if not items:
            parts.append(f'<p class="empty">{e(CATALOG.get("canvas.empty", lang))}</p>')
        else:
            parts.append("<ul>")
            for a in items:
                ev = "; ".join(f"{LABELS.get(x.kind, lang)}: {x.ref}" + (f" ({x.note})" if x.note else "")
                               for x in a.evidence)
                parts.append(f'<li class="{a.status}">{e(a.statement)} <span class="status">'
                             f'{e(LABELS.get(a.status, lang))}</span>'
                             + (f'<br><span class="ev">{e(CATALOG.get("canvas.evidence", lang))}: {e(ev)}</span>'
                                if ev else "") + "</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</div></body></html>\n")
    return "".join(parts)
