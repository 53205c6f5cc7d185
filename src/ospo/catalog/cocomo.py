"""COCOMO II (Post-Architecture, COCOMO II.2000 calibration) — the cost to rebuild measured software.

Effort    PM   = A × KSLOC^E × ΠEM,          E = B + 0.01 × ΣSF
Schedule  TDEV = C × PM^F,                   F = D + 0.2 × (E − B)
Cost           = PM × cost per person-month

Constants (Boehm et al., *Software Cost Estimation with COCOMO II*, Prentice Hall 2000, Table 2.x / the
COCOMO II.2000 Model Definition Manual): A = 2.94, B = 0.91, C = 3.67, D = 0.28; nominal scale factors
PREC 3.72, FLEX 3.04, RESL 4.24, TEAM 3.29, PMAT 4.68 (ΣSF = 18.97, E = 1.0997); nominal effort multipliers 1.00;
152 working hours per person-month. Every parameter is editable and returned with the figure, so anyone can
recompute it: the estimate is transparent, not authoritative.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

NOMINAL_SCALE_FACTORS = {"PREC": 3.72, "FLEX": 3.04, "RESL": 4.24, "TEAM": 3.29, "PMAT": 4.68}


@dataclass(slots=True)
class CocomoParameters:
    a: float = 2.94
    b: float = 0.91
    c: float = 3.67
    d: float = 0.28
    scale_factors: dict[str, float] = field(default_factory=lambda: dict(NOMINAL_SCALE_FACTORS))
    effort_multipliers: dict[str, float] = field(default_factory=dict)  # e.g. {"RELY": 1.10}; absent = 1.00
    cost_per_person_month: float = 10_000.0
    currency: str = "USD"
    hours_per_person_month: float = 152.0
    reuse_share: float = 1.0  # fraction of the rebuild cost a reusing agency avoids (0..1)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CocomoParameters:
        p = cls()
        for key, value in (data or {}).items():
            if key in ("scale_factors", "effort_multipliers") and isinstance(value, dict):
                setattr(p, key, {str(k): float(v) for k, v in value.items()})
            elif key == "currency" and isinstance(value, str):
                p.currency = value[:3]
            elif hasattr(p, key) and key not in ("scale_factors", "effort_multipliers", "currency"):
                setattr(p, key, float(value))
        return p

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class CocomoEstimate:
    sloc: int
    ksloc: float
    exponent: float
    effort_multiplier: float
    effort_person_months: float
    schedule_months: float
    cost: float
    parameters: CocomoParameters

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def formula(self) -> str:
        p = self.parameters
        return (f"PM = {p.a} × {self.ksloc:.3f}^{self.exponent:.4f} × {self.effort_multiplier:.3f} = "
                f"{self.effort_person_months:.2f}; cost = PM × {p.cost_per_person_month:,.0f} {p.currency} = "
                f"{self.cost:,.0f} {p.currency}")


def estimate(sloc: int, params: CocomoParameters | None = None) -> CocomoEstimate:
    p = params or CocomoParameters()
    ksloc = max(sloc, 0) / 1000.0
    e = p.b + 0.01 * sum(p.scale_factors.values())
    em = 1.0
    for v in p.effort_multipliers.values():
        em *= v
    pm = p.a * ksloc ** e * em if ksloc > 0 else 0.0
    f = p.d + 0.2 * (e - p.b)
    tdev = p.c * pm ** f if pm > 0 else 0.0
    return CocomoEstimate(sloc, ksloc, e, em, pm, tdev, pm * p.cost_per_person_month, p)


def cost_avoided(sloc: int, reusing_agencies: int, params: CocomoParameters | None = None,
                 licence_savings: float = 0.0) -> float:
    """Rebuild cost × reuse share for each agency that reuses instead of building, plus licence savings."""
    est = estimate(sloc, params)
    return est.cost * est.parameters.reuse_share * max(reusing_agencies, 0) + licence_savings
