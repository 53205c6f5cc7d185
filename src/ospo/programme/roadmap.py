"""The staged roadmap: start-up → formalization → scaling, each with the method's checklist items.

Items that data can prove carry a ``verify`` key. The platform implements a :data:`Verifier` — one function
``(key) -> bool | None`` answering from its database ("is a central repository registered?") — and
:func:`apply_verification` ticks those items from it, so the roadmap cannot claim what the data contradicts.
``None`` means "cannot tell" and leaves the item as people set it. The keys and what each must check are in
:data:`VERIFY_KEYS`; a test holds the shipped roadmap to that list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ospo.programme.validate import Checker, parse_document

STATUSES = ("todo", "in-progress", "done", "blocked")

VERIFY_KEYS: dict[str, str] = {
    "oss-usage-mapped": "at least one repository or SBOM of the estate has been scanned into the inventory",
    "help-desk-open": "the service catalog holds at least one active service that takes requests",
    "source-of-truth-page": "the public page (mission, services, contact) is configured and published",
    "central-repository-registered": "at least one code host / organisation is registered as a source",
    "publication-guide-published": "a publication guide document is linked from the public page",
    "recommended-license-list": "the licence policy in force has a non-empty list of recommended licences",
    "security-review-process": "security review is a required step of publication and adoption requests",
    "kpis-tracked": "at least one KPI has a target and a value recorded in the last 12 months",
    "service-catalog-published": "the public service catalog lists at least one service",
    "curated-catalog-published": "the catalog of vetted software lists at least one approved entry",
    "public-dashboard-published": "the public dashboard page is enabled",
}

Verifier = Callable[[str], bool | None]


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    id: str
    title: dict[str, str]
    verify: str | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: dict[str, str]
    items: tuple[RoadmapItem, ...]


@dataclass(frozen=True, slots=True)
class RoadmapTemplate:
    id: str
    source: str
    stages: tuple[Stage, ...]


@dataclass(slots=True)
class ItemState:
    status: str = "todo"
    owner: str = ""
    due: dt.date | None = None
    note: str = ""
    verified: bool | None = None  # what the data said at the last verification (None: not checked / unknown)


@dataclass(slots=True)
class Roadmap:
    template: RoadmapTemplate
    states: dict[str, ItemState] = field(default_factory=dict)

    def state(self, item_id: str) -> ItemState:
        return self.states.setdefault(item_id, ItemState())


def roadmap_from_data(doc: Any, source: str = "") -> RoadmapTemplate:
    ck = Checker()
    top = ck.obj(doc, "$", required=("id", "stages"), optional=("source",))
    stages = []
    for i, rs in enumerate(ck.lst(top.get("stages", []), "$.stages", non_empty=True)):
        p = f"$.stages[{i}]"
        sd = ck.obj(rs, p, required=("id", "title", "items"))
        items = []
        for j, ri in enumerate(ck.lst(sd.get("items", []), f"{p}.items", non_empty=True)):
            ip = f"{p}.items[{j}]"
            it = ck.obj(ri, ip, required=("id", "title"), optional=("verify",))
            verify = ck.choice(it["verify"], f"{ip}.verify", VERIFY_KEYS) if "verify" in it else None
            items.append(RoadmapItem(ck.ident(it.get("id"), f"{ip}.id") or "", ck.text(it.get("title"), f"{ip}.title"),
                                     verify))
        stages.append(Stage(ck.ident(sd.get("id"), f"{p}.id") or "", ck.text(sd.get("title"), f"{p}.title"),
                            tuple(items)))
    ck.unique([it.id for s in stages for it in s.items],
              [f"$.stages[{i}].items[{j}].id" for i, s in enumerate(stages) for j in range(len(s.items))])
    ck.raise_if_any(source)
    return RoadmapTemplate(str(top["id"]), str(top.get("source", "")), tuple(stages))


@cache
def method_roadmap() -> RoadmapTemplate:
    data = (resources.files("ospo.programme") / "data" / "roadmap.yaml").read_bytes()
    return roadmap_from_data(parse_document(data, "yaml"), "roadmap.yaml")


def set_status(roadmap: Roadmap, item_id: str, status: str, owner: str | None = None, due: dt.date | None = None
               ) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if not any(it.id == item_id for s in roadmap.template.stages for it in s.items):
        raise KeyError(item_id)
    st = roadmap.state(item_id)
    st.status = status
    if owner is not None:
        st.owner = owner
    if due is not None:
        st.due = due


def apply_verification(roadmap: Roadmap, verifier: Verifier) -> list[str]:
    """Tick verifiable items from data: True → done; False → an item marked done goes back to in-progress.

    Returns the ids whose status changed. A verifier that raises is treated as "cannot tell" for that key.
    """
    changed = []
    for stage in roadmap.template.stages:
        for item in stage.items:
            if item.verify is None:
                continue
            try:
                result = verifier(item.verify)
            except Exception:
                result = None
            st = roadmap.state(item.id)
            st.verified = result
            before = st.status
            if result is True:
                st.status = "done"
            elif result is False and st.status == "done":
                st.status = "in-progress"
            if st.status != before:
                changed.append(item.id)
    return changed


@dataclass(frozen=True, slots=True)
class Progress:
    stage: str
    done: int
    total: int

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0


def progress(roadmap: Roadmap) -> list[Progress]:
    """Done / total per stage (the overall figure is the sum of the parts)."""
    return [Progress(s.id, sum(1 for it in s.items if roadmap.state(it.id).status == "done"), len(s.items))
            for s in roadmap.template.stages]


def overdue(roadmap: Roadmap, today: dt.date) -> list[str]:
    return [it.id for s in roadmap.template.stages for it in s.items
            if (st := roadmap.state(it.id)).due is not None and st.due < today and st.status != "done"]


def current_stage(roadmap: Roadmap) -> str:
    """The first stage not fully done (the last one when all are)."""
    for p in progress(roadmap):
        if p.done < p.total:
            return p.stage
    return roadmap.template.stages[-1].id
