"""Pre-fill an assessment's automatable criteria from the engine's results on a repository.

A criterion's ``automatable`` key names engine evidence as ``<source>:<id>``. Two sources exist:

* ``publish:<criterion>`` — the publication-readiness engine (:func:`ospo.engine.publish.evaluate.evaluate`),
  which rates a repository on the method's eleven pre-publication criteria with levels 0-5 and the evidence
  behind every level. The shipped readiness template (from version 1.1.0) names these: the assessment then
  carries exactly the level and evidence ``ospo publish check`` reports, so the two never disagree.
* ``hygiene:<check>`` — the hygiene engine's checks, each scored 0-10 (other templates may name them).

An *evidence provider* turns a repository into ``{evidence id: Observation}``; :func:`default_provider` picks
the engines a template's keys need (the publish engine folds the hygiene checks in, so a readiness template
runs one engine). Any ``(path, lang) → observations`` callable can be passed instead.

Mapping to the template's scale: an observation is scored 0-10 (an engine level 0-5 counts as ``2 × level``);
the mean of the scored observations is scaled to the scale's top level and rounded half up, so on readiness
levels a publish level comes through unchanged, and hygiene scores 10 → 5, 7 → 4 (3.5 rounds up), 0 → 0.
Observations that could not be scored (not applicable, not evaluated) do not count; when none is scored the
answer is still pre-filled — with no level and a note saying the criterion must be assessed by hand — so that
a reviewer sees why the engine is silent. Every pre-filled answer is flagged ``prefilled`` and carries the
observations, and the engine's own evidence lines (file and line when it has them), as ``engine-result``
evidence.
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


PUBLISH_MAX_LEVEL = 5  # the publish engine's levels are 0-5 (ospo.engine.publish.criteria.LEVELS)
MAX_ENGINE_EVIDENCE = 10  # evidence lines kept per observation


@dataclass(frozen=True, slots=True)
class Observation:
    """One engine fact for one evidence id: a 0-10 score (None when not scored) and why.

    ``level`` is the engine's own level when it rates on levels (the publish engine: 0-5); ``evidence`` the
    engine's lines behind it as ``(message, path, line)``."""

    score: int | float | None
    verdict: str
    summary: str
    level: int | None = None
    evidence: tuple[tuple[str, str | None, int | None], ...] = ()


EvidenceProvider = Callable[[str, str], Mapping[str, Observation]]  # (repository path, language) → observations


def hygiene_evidence(repo_path: str, lang: str = "en") -> dict[str, Observation]:
    """Adapter: the hygiene report of a repository as ``{"hygiene:<check id>": Observation}``."""
    from ospo.engine.hygiene.context import Options
    from ospo.engine.hygiene.runner import hygiene

    report = hygiene(repo_path, Options(lang=lang))
    return {f"hygiene:{c.id}": Observation(c.score, str(c.verdict), c.summary) for c in report.checks}


def publish_evidence(repo_path: str, lang: str = "en", vulndb: str | None = None) -> dict[str, Observation]:
    """Adapter: the publish engine's readiness report as ``{"publish:<criterion id>": Observation}``.

    Only criteria the engine can rate (automated and mixed) are given, with the engine's level — never an
    attested one: an approval or a reviewer's sign-off is a person's answer in the assessment itself."""
    from ospo.engine.publish.evaluate import evaluate

    report = evaluate(repo_path, lang=lang, vulndb=vulndb)
    out: dict[str, Observation] = {}
    for r in report.results:
        if not r.criterion.automatable:
            continue
        level = r.automated_level if r.applicable else None
        lines = tuple((e.message, e.path, e.line) for e in r.evidence[:MAX_ENGINE_EVIDENCE])
        out[f"publish:{r.criterion.id}"] = Observation(
            None if level is None else 10 * level / PUBLISH_MAX_LEVEL, r.status, r.criterion.title(lang), level,
            lines)
    return out


def default_provider(template: Template, vulndb: str | None = None) -> EvidenceProvider:
    """The engines ``template``'s automatable keys name, run once each, as one provider."""
    sources = {name.split(":", 1)[0] for c in template.automatable for name in c.automatable}

    def provide(repo_path: str, lang: str) -> dict[str, Observation]:
        out: dict[str, Observation] = {}
        if "publish" in sources:
            out.update(publish_evidence(repo_path, lang, vulndb))
        if "hygiene" in sources:
            out.update(hygiene_evidence(repo_path, lang))
        return out

    return provide


def known_evidence_ids() -> set[str]:
    """Evidence ids the default providers can produce (for validating templates' ``automatable`` keys)."""
    from ospo.engine.hygiene.registry import check_ids
    from ospo.engine.publish.criteria import CRITERIA

    return {f"hygiene:{i}" for i in check_ids()} | {f"publish:{c.id}" for c in CRITERIA if c.automatable}


def _where(message: str, path: str | None, line: int | None) -> str:
    if not path:
        return message
    return f"{message} ({path}{'' if line is None else f':{line}'})"


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
        evidence = []
        for name, o in got:
            rating = (f" {o.level}/{PUBLISH_MAX_LEVEL}" if o.level is not None
                      else "" if o.score is None else f" {o.score}/10")
            evidence.append(EvidenceRef("engine-result", name, f"{o.verdict}{rating}: {o.summary}".strip()))
            evidence += [EvidenceRef("engine-result", name, _where(msg, path, line)) for msg, path, line in o.evidence]
        assessment.answers[c.id] = Answer(level=level, notes=CATALOG.get(note_key, lang, evidence=names),
                                          evidence=evidence, prefilled=True)
        filled.append(c.id)
    return filled


def prefill_readiness(repo_path: str, *, lang: str = "en", assessed_on: dt.date | None = None,
                      assessment_id: str | None = None, provider: EvidenceProvider | None = None,
                      template: Template | None = None, vulndb: str | None = None) -> Assessment:
    """A pre-publication readiness assessment of a repository with every automatable criterion pre-filled.

    ``vulndb``: the vulnerability database the publish engine reads (None: the engine's default path)."""
    template = template or get_template(READINESS_TEMPLATE)
    if template is None:  # pragma: no cover - the template ships with the package
        raise LookupError(READINESS_TEMPLATE)
    day = assessed_on or dt.date.today()
    name = Path(repo_path).resolve().name or repo_path
    a = new_assessment(template, Subject("repository", name, str(repo_path)), day,
                       assessment_id or f"readiness-{name}-{day.isoformat()}"[:64].replace(" ", "-"))
    observations = (provider or default_provider(template, vulndb))(str(repo_path), lang)
    prefill(a, template, observations, lang)
    return a
