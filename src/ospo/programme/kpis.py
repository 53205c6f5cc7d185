"""KPI definitions and their computation from plain counts.

The platform feeds counts (``{"repositories": 120, "compliant_repositories": 96, "days_to_fix": [3, 9, 4]}``)
and never a finished percentage: a ratio is recomputed from its numerator and denominator, so rolling up
agencies sums the counts first and then divides — averaging the agencies' percentages would weigh a
two-repository agency like a two-hundred-repository one. Entered KPIs (trainings, events) come from people.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ospo.programme.validate import Checker, parse_document

UNITS = ("count", "percent", "days", "currency")


@dataclass(frozen=True, slots=True)
class KpiDefinition:
    id: str
    title: dict[str, str]
    unit: str
    source: str  # computed | entered
    direction: str  # up | down: which way is better
    priorities: tuple[str, ...]
    compute: tuple[str, tuple[str, ...]] | None = None  # ("count", (name,)), ("ratio", (num, den)), ("median", …)


@dataclass(frozen=True, slots=True)
class KpiValue:
    id: str
    value: float | int | None  # None: no data
    target: float | int | None = None

    @property
    def attainment(self) -> float | None:
        """value / target (for "up" KPIs); the caller inverts for "down" KPIs when it wants "higher is better"."""
        if self.value is None or not self.target:
            return None
        return self.value / self.target


def kpis_from_data(doc: Any, source: str = "") -> tuple[KpiDefinition, ...]:
    ck = Checker()
    top = ck.obj(doc, "$", required=("kpis",))
    out = []
    for i, raw in enumerate(ck.lst(top.get("kpis", []), "$.kpis", non_empty=True)):
        p = f"$.kpis[{i}]"
        d = ck.obj(raw, p, required=("id", "title", "unit", "source", "direction"),
                   optional=("compute", "priorities"))
        src = ck.choice(d.get("source"), f"{p}.source", ("computed", "entered"))
        compute = None
        if "compute" in d:
            cd = ck.obj(d["compute"], f"{p}.compute", optional=("count", "ratio", "median"))
            if len(cd) != 1:
                ck.add(f"{p}.compute", "v.type", expected="one of count, ratio, median", found=f"{len(cd)} keys")
            for kind, arg in cd.items():
                names = [arg] if kind in ("count", "median") else ck.lst(arg, f"{p}.compute.{kind}")
                if kind == "ratio" and len(names) != 2:
                    ck.add(f"{p}.compute.ratio", "v.type", expected="[numerator, denominator]",
                           found=f"{len(names)} values")
                compute = (kind, tuple(str(ck.ident(n, f"{p}.compute.{kind}") or "") for n in names))
        elif src == "computed":
            ck.add(f"{p}.compute", "v.missing")
        out.append(KpiDefinition(
            id=ck.ident(d.get("id"), f"{p}.id") or "", title=ck.text(d.get("title"), f"{p}.title"),
            unit=ck.choice(d.get("unit"), f"{p}.unit", UNITS) or "", source=src or "",
            direction=ck.choice(d.get("direction"), f"{p}.direction", ("up", "down")) or "",
            priorities=tuple(str(x) for x in ck.lst(d.get("priorities", []), f"{p}.priorities")), compute=compute))
    ck.unique([k.id for k in out], [f"$.kpis[{i}].id" for i in range(len(out))])
    ck.raise_if_any(source)
    return tuple(out)


@cache
def method_kpis() -> tuple[KpiDefinition, ...]:
    data = (resources.files("ospo.programme") / "data" / "kpis.yaml").read_bytes()
    return kpis_from_data(parse_document(data, "yaml"), "kpis.yaml")


def compute_one(kpi: KpiDefinition, counts: Mapping[str, Any], entered: Mapping[str, float | int]
                ) -> float | int | None:
    if kpi.source == "entered" or kpi.compute is None:
        return entered.get(kpi.id)
    kind, names = kpi.compute
    if kind == "count":
        v = counts.get(names[0])
        return v if isinstance(v, int | float) and not isinstance(v, bool) else None
    if kind == "ratio":
        num, den = counts.get(names[0]), counts.get(names[1])
        if not isinstance(num, int | float) or not isinstance(den, int | float) or not den:
            return None
        return 100.0 * num / den
    values = [v for v in counts.get(names[0]) or () if isinstance(v, int | float) and not isinstance(v, bool)]
    return statistics.median(values) if values else None


def compute(counts: Mapping[str, Any], entered: Mapping[str, float | int] | None = None,
            targets: Mapping[str, float | int] | None = None,
            definitions: tuple[KpiDefinition, ...] | None = None) -> list[KpiValue]:
    """Every KPI from plain counts (computed) and hand-entered values, with its target when one is set."""
    entered, targets = entered or {}, targets or {}
    return [KpiValue(k.id, compute_one(k, counts, entered), targets.get(k.id))
            for k in (definitions or method_kpis())]


def roll_up(per_agency: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Sum the agencies' counts (numbers add, lists concatenate) before computing: see the module docstring."""
    total: dict[str, Any] = {}
    for counts in per_agency.values():
        for name, v in counts.items():
            if isinstance(v, list):
                total[name] = total.get(name, []) + list(v)
            elif isinstance(v, int | float) and not isinstance(v, bool):
                total[name] = total.get(name, 0) + v
    return total
