"""Pre-publication readiness: the IDB checklist's eleven criteria rated 0-5 (``evaluate``), and the files a
repository needs before publication written from templates this project owns (``prepare``)."""

from __future__ import annotations

from ospo.engine.publish.criteria import CRITERIA, Criterion
from ospo.engine.publish.evaluate import CriterionResult, ReadinessReport, evaluate

__all__ = ["CRITERIA", "Criterion", "CriterionResult", "ReadinessReport", "evaluate"]
