"""GitHub Actions workflow files read into the few facts the hygiene checks judge.

The YAML goes through ``safeparse.load_yaml`` (safe loader, alias-bomb guard, size cap); this module only
walks the result, defensively: workflows in the wild mix strings, lists and mappings where the schema
allows either, and a hostile one may put anything anywhere. It raises only ``ParseFailure``.

YAML 1.1 reads the key ``on`` as the boolean ``True``: both spellings are accepted for the triggers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

MAX_JOBS = 500
MAX_STEPS = 2000


@dataclass(slots=True)
class Step:
    uses: str | None = None
    run: str | None = None
    with_: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Job:
    id: str
    permissions: str | dict[str, str] | None = None  # None: not set on the job
    uses: str | None = None  # a reusable workflow
    steps: list[Step] = field(default_factory=list)


@dataclass(slots=True)
class Workflow:
    path: str
    text: str
    triggers: frozenset[str] = frozenset()
    permissions: str | dict[str, str] | None = None  # None: no top-level ``permissions:``
    jobs: list[Job] = field(default_factory=list)

    def line_of(self, needle: str, start: int = 0) -> int | None:
        """1-based line of the first occurrence of ``needle`` at or after character ``start``."""
        pos = self.text.find(needle, start)
        return None if pos < 0 else self.text.count("\n", 0, pos) + 1


def _permissions(value: Any) -> str | dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {str(k): str(v).strip() for k, v in value.items()}
    return str(value)


def _triggers(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value.strip()})
    if isinstance(value, list):
        return frozenset(str(v).strip() for v in value if isinstance(v, str | int | float | bool))
    if isinstance(value, dict):
        return frozenset(str(k) for k in value)
    return frozenset()


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return str(value)
    return None


def read_workflow(path: str, data: bytes) -> Workflow:
    """Parse one workflow file. ``ParseFailure`` for anything that is not a workflow mapping."""
    doc = load_yaml(data)
    text = decode_text(data)
    if doc is None:
        return Workflow(path, text)
    if not isinstance(doc, dict):
        raise ParseFailure("workflow is not a YAML mapping")
    on = doc["on"] if "on" in doc else doc.get(True)
    wf = Workflow(path, text, _triggers(on), _permissions(doc.get("permissions")))
    jobs = doc.get("jobs")
    if jobs is None:
        return wf
    if not isinstance(jobs, dict):
        raise ParseFailure("workflow 'jobs' is not a mapping")
    steps_seen = 0
    for job_id, job in list(jobs.items())[:MAX_JOBS]:
        if not isinstance(job, dict):
            continue
        j = Job(str(job_id), _permissions(job.get("permissions")), _text(job.get("uses")))
        steps = job.get("steps")
        if isinstance(steps, list):
            for step in steps:
                if steps_seen >= MAX_STEPS:
                    break
                if not isinstance(step, dict):
                    continue
                steps_seen += 1
                with_ = step.get("with")
                params = {str(k): t for k, v in with_.items() if (t := _text(v)) is not None} \
                    if isinstance(with_, dict) else {}
                j.steps.append(Step(_text(step.get("uses")), _text(step.get("run")), params))
        wf.jobs.append(j)
    return wf
