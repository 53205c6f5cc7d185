"""Pre-fill an assessment's automatable criteria from the engine's results on a repository.

A criterion's ``automatable`` key names engine evidence as ``<source>:<id>`` (``hygiene:readme``). An
*evidence provider* turns a repository into ``{evidence id: Observation}``; the default provider is an adapter
over the hygiene engine (it already folds in the secrets, licence, lockfile and binary checks, each scored
0-10). When the publication-readiness engine (``ospo.engine.publish``) gains an ``evaluate`` function the
platform can pass a provider built on it instead; nothing else changes.

Mapping to the template's scale: the mean of the scored observations (0-10) is scaled to the scale's top
level and rounded half up, so 10 → 5, 7 → 4 (3.5 rounds up), 0 → 0 on readiness levels. Observations that
could not be scored (not applicable, no git history) do not count; when none is scored the answer is still
pre-filled — with no level and a note saying the criterion must be assessed by hand — so that a reviewer sees
why the engine is silent. Every pre-filled answer is flagged ``prefilled`` and carries the observations as
``engine-result`` evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ospo.programme.assessment import Answer, Assessment, EvidenceRef, Subject, new_assessment
from ospo.programme.messages import CATALOG
from ospo.programme.templates import Template, get_template

READINESS_TEMPLATE = "pre-publication-readiness"


@dataclass(frozen=True, slots=True)
class Observation:
    """One engine fact for one evidence id: a 0-10 score (None when not scored) and why."""

    score: int | float | None
    verdict: str
    summary: str


EvidenceProvider = Callable[[str, str], Mapping[str, Observation]]  # (repository path, language) → observations


def hygiene_evidence(repo_path: str, lang: str = "en") -> dict[str, Observation]:
    """Adapter: the hygiene report of a repository as ``{"hygiene:<check id>": Observation}``."""
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.runner import hygiene

    report = hygiene(repo_path, Options(lang=lang))
    return {f"hygiene:{c.id}": Observation(c.score, str(c.verdict), c.summary) for c in report.checks}


def known_evidence_ids() -> set[str]:
    """Evidence ids the default provider can produce (for validating templates' ``automatable`` keys)."""
    from ospo.engine.hygiene.registry import check_ids

    return {f"hygiene:{i}" for i in check_ids()}


def level_from_observations(observations: list[Observation], max_level: int) -> int | None:
    scored = [o.score for o in observations if o.score is not None]
    if not scored:
        return None
    mean = Decimal(str(sum(scored))) / Decimal(len(scored))
    return int((mean * max_level / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def prefill(assessment: Assessment, template: Template, observations: Mapping[str, Observation],
            lang: str = "en") -> list[str]:
    """Fill every automatable criterion of ``assessment`` from ``observations``; returns the criteria filled.

    An answer a person already gave (level set and not flagged ``prefilled``) is left alone.
    """
    filled = []
    for c in template.automatable:
        current = assessment.answers.get(c.id)
        if current is not None and current.level is not None and not current.prefilled:
            continue
        got = [(name, observations[name]) for name in c.automatable if name in observations]
        level = level_from_observations([o for _, o in got], template.scale.max_level)
        names = ", ".join(c.automatable)
        note_key = "prefill.note" if level is not None else "prefill.unevaluated"
        evidence = [EvidenceRef("engine-result", name, f"{o.verdict}"
                                f"{'' if o.score is None else f' {o.score}/10'}: {o.summary}".strip())
                    for name, o in got]
        assessment.answers[c.id] = Answer(level=level, notes=CATALOG.get(note_key, lang, evidence=names),
                                          evidence=evidence, prefilled=True)
        filled.append(c.id)
    return filled


def prefill_readiness(repo_path: str, *, lang: str = "en", assessed_on: dt.date | None = None,
                      assessment_id: str | None = None, provider: EvidenceProvider | None = None,
                      template: Template | None = None) -> Assessment:
    """A pre-publication readiness assessment of a repository with every automatable criterion pre-filled."""
    template = template or get_template(READINESS_TEMPLATE)
    if template is None:  # pragma: no cover - the template ships with the package
        raise LookupError(READINESS_TEMPLATE)
    day = assessed_on or dt.date.today()
    name = Path(repo_path).resolve().name or repo_path
    a = new_assessment(template, Subject("repository", name, str(repo_path)), day,
                       assessment_id or f"readiness-{name}-{day.isoformat()}"[:64].replace(" ", "-"))
    observations = (provider or hygiene_evidence)(str(repo_path), lang)
    prefill(a, template, observations, lang)
    return a
