"""Cost model and funding mix: line items by category with low/high ranges per year, and coverage.

Amounts are whole currency units held as ``int`` so that totals are exact (no float drift when the platform
sums hundreds of lines). The shipped starting template is the method's example (Annex D); ``reconcile``
compares our sums with the totals the source prints, so a transcription slip in either shows up as data
rather than as a silently wrong budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ospo.programme.validate import Checker, parse_document

YEARS = ("year1", "year2")
Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class LineItem:
    id: str
    title: dict[str, str]
    amounts: dict[str, Range | None]  # year → (low, high); None: no cost that year


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: dict[str, str]
    items: tuple[LineItem, ...]


@dataclass(frozen=True, slots=True)
class FundingStream:
    id: str
    title: dict[str, str]


@dataclass(frozen=True, slots=True)
class CostModel:
    id: str
    currency: str
    source: str
    categories: tuple[Category, ...]
    funding_streams: tuple[FundingStream, ...]
    stated_totals: dict[str, Range] = field(default_factory=dict)


def _range(ck: Checker, raw: object, path: str) -> Range | None:
    if raw is None:
        return None
    vals = ck.lst(raw, path)
    if len(vals) != 2:
        ck.add(path, "v.type", expected="[low, high]", found=f"{len(vals)} values")
        return None
    low = ck.integer(vals[0], f"{path}[0]", 0, 10**12)
    high = ck.integer(vals[1], f"{path}[1]", 0, 10**12)
    if low is None or high is None:
        return None
    if high < low:
        ck.add(path, "v.range", value=high, low=low, high="∞")
        return None
    return (low, high)


def cost_model_from_data(doc: Any, source: str = "") -> CostModel:
    ck = Checker()
    top = ck.obj(doc, "$", required=("id", "currency", "categories", "funding_streams"),
                 optional=("source", "stated_totals"))
    cats = []
    for i, rc in enumerate(ck.lst(top.get("categories", []), "$.categories", non_empty=True)):
        p = f"$.categories[{i}]"
        cd = ck.obj(rc, p, required=("id", "title", "items"))
        items = []
        for j, ri in enumerate(ck.lst(cd.get("items", []), f"{p}.items", non_empty=True)):
            ip = f"{p}.items[{j}]"
            it = ck.obj(ri, ip, required=("id", "title", *YEARS))
            items.append(LineItem(ck.ident(it.get("id"), f"{ip}.id") or "", ck.text(it.get("title"), f"{ip}.title"),
                                  {y: _range(ck, it.get(y), f"{ip}.{y}") for y in YEARS}))
        cats.append(Category(ck.ident(cd.get("id"), f"{p}.id") or "", ck.text(cd.get("title"), f"{p}.title"),
                             tuple(items)))
    ck.unique([it.id for c in cats for it in c.items],
              [f"$.categories[{i}].items[{j}].id" for i, c in enumerate(cats) for j in range(len(c.items))])
    streams = []
    for i, rs in enumerate(ck.lst(top.get("funding_streams", []), "$.funding_streams", non_empty=True)):
        sd = ck.obj(rs, f"$.funding_streams[{i}]", required=("id", "title"))
        streams.append(FundingStream(ck.ident(sd.get("id"), f"$.funding_streams[{i}].id") or "",
                                     ck.text(sd.get("title"), f"$.funding_streams[{i}].title")))
    stated: dict[str, Range] = {}
    if "stated_totals" in top:
        st = ck.obj(top["stated_totals"], "$.stated_totals", optional=YEARS)
        for y in YEARS:
            if y in st and (r := _range(ck, st[y], f"$.stated_totals.{y}")) is not None:
                stated[y] = r
    ck.raise_if_any(source)
    return CostModel(id=str(top["id"]), currency=str(top["currency"]), source=str(top.get("source", "")),
                     categories=tuple(cats), funding_streams=tuple(streams), stated_totals=stated)


@cache
def example_cost_model() -> CostModel:
    """The method's example (Annex D) as shipped data: the starting template of an OSPO's budget."""
    data = (resources.files("ospo.programme") / "data" / "cost-model.yaml").read_bytes()
    return cost_model_from_data(parse_document(data, "yaml"), "cost-model.yaml")


def _sum(ranges: list[Range | None]) -> Range:
    present = [r for r in ranges if r is not None]
    return (sum(r[0] for r in present), sum(r[1] for r in present))


def category_totals(model: CostModel, year: str) -> dict[str, Range]:
    return {c.id: _sum([it.amounts.get(year) for it in c.items]) for c in model.categories}


def totals(model: CostModel) -> dict[str, Range]:
    """(low, high) per year over every line item."""
    return {y: _sum([it.amounts.get(y) for c in model.categories for it in c.items]) for y in YEARS}


def reconcile(model: CostModel) -> dict[str, tuple[Range, Range]]:
    """Years where our sum differs from the source's printed total: year → (computed, stated)."""
    computed = totals(model)
    return {y: (computed[y], s) for y, s in model.stated_totals.items() if computed[y] != s}


@dataclass(frozen=True, slots=True)
class Coverage:
    year: str
    funded: int
    need: Range
    shares: dict[str, float]  # stream → share of the funded amount (0-1)

    @property
    def ratio_low(self) -> float | None:
        """Funded / low estimate: >= 1 means the cheapest version of the plan is paid for."""
        return self.funded / self.need[0] if self.need[0] else None

    @property
    def ratio_high(self) -> float | None:
        return self.funded / self.need[1] if self.need[1] else None

    @property
    def gap_low(self) -> int:
        return max(0, self.need[0] - self.funded)

    @property
    def gap_high(self) -> int:
        return max(0, self.need[1] - self.funded)


def coverage(model: CostModel, funding: dict[str, dict[str, int]]) -> list[Coverage]:
    """Coverage of each year's need by a funding mix ``{year: {stream id: amount}}``.

    Unknown streams or negative amounts raise ValueError: a budget silently ignoring a line is worse.
    """
    known = {s.id for s in model.funding_streams}
    need = totals(model)
    out = []
    for year in YEARS:
        mix = funding.get(year, {})
        bad = sorted(set(mix) - known)
        if bad:
            raise ValueError(f"unknown funding stream(s): {', '.join(bad)}")
        if any(not isinstance(v, int) or v < 0 for v in mix.values()):
            raise ValueError("funding amounts must be non-negative integers")
        funded = sum(mix.values())
        shares = {k: (v / funded if funded else 0.0) for k, v in mix.items()}
        out.append(Coverage(year, funded, need[year], shares))
    return out
