"""GitHub Actions workflows (.github/workflows/*.yml) and action metadata (action.yml, composite/docker).

Every ``uses:`` of ``jobs.<id>.steps[*]`` and of ``jobs.<id>`` (reusable workflows), job ``container:`` and
``services:`` images, and in an action's metadata the composite ``runs.steps[*].uses`` or the docker
``runs.image``. YAML gives no line numbers; each ``uses:`` is found again by a text scan, which also
recovers the trailing ``# v4.1.0`` comment that YAML drops.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ospo.engine.ecosystems.actions._uses import uses_component
from ospo.engine.ecosystems.base import Extractor, Tree
from ospo.engine.ecosystems.docker._image import image_component
from ospo.engine.ecosystems.docker._yamllines import ValueLines
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml


class _Walker:
    """Collects components from steps and images of one file, with line lookups shared across the file."""

    def __init__(self, path: str, text: str, result: FileResult) -> None:
        self.path = path
        self.result = result
        self.uses_lines = ValueLines(text, ("uses",))
        self.image_lines = ValueLines(text, ("image", "container"))

    def uses(self, value: Any, props: dict[str, str]) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        line, comment = self.uses_lines.take(value)
        comp, problem = uses_component(value, path=self.path, line=line, comment=comment, props=props)
        if problem:
            self.result.issues.append(ParseIssue(self.path, problem, "warning"))
        if comp is not None:
            self.result.components.append(comp)

    def steps(self, steps: Any, props: dict[str, str]) -> None:
        if not isinstance(steps, list):
            return
        for step in steps:
            if isinstance(step, dict):
                self.uses(step.get("uses"), props)

    def image(self, value: Any, props: dict[str, str]) -> None:
        if isinstance(value, dict):
            value = value.get("image")
        if not isinstance(value, str) or not value.strip():
            return
        line, _ = self.image_lines.take(value)
        raw = value.strip()
        if raw.startswith("docker://"):
            raw = raw[len("docker://"):]
        if "${{" in raw:
            self.result.issues.append(ParseIssue(self.path, f"image with an expression: {raw[:80]}", "warning"))
            return
        comp = image_component(raw, path=self.path, line=line, scope=Scope.DEVELOPMENT, properties=props)
        if comp is None:
            self.result.issues.append(ParseIssue(self.path, f"not an image reference: {raw[:80]}", "warning"))
        else:
            self.result.components.append(comp)


class WorkflowExtractor(Extractor):
    name = "actions-workflow"
    ecosystem = "githubactions"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        # GitHub only runs workflows placed directly in .github/workflows/.
        return posixpath.dirname(path).endswith(".github/workflows") and path.endswith((".yml", ".yaml"))

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if doc is None:
            return self.result(path)
        if not isinstance(doc, dict):
            raise ParseFailure("workflow is not a YAML mapping")
        result = self.result(path)
        jobs = doc.get("jobs")
        if jobs is None:
            return result
        if not isinstance(jobs, dict):
            raise ParseFailure("workflow 'jobs' is not a mapping")
        walker = _Walker(path, decode_text(data), result)
        for job_id, job in jobs.items():
            if not isinstance(job, dict):
                continue
            props = {"job": str(job_id)}
            if "uses" in job:
                walker.uses(job.get("uses"), {**props, "reusable-workflow": "true"})
            walker.image(job.get("container"), {**props, "role": "container"})
            services = job.get("services")
            if isinstance(services, dict):
                for svc_name, svc in services.items():
                    walker.image(svc, {**props, "role": "service", "service": str(svc_name)})
            walker.steps(job.get("steps"), props)
        return result


class ActionMetadataExtractor(Extractor):
    name = "actions-metadata"
    ecosystem = "githubactions"
    kind = "manifest"
    filenames = frozenset({"action.yml", "action.yaml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if doc is None:
            return self.result(path)
        if not isinstance(doc, dict):
            raise ParseFailure("action metadata is not a YAML mapping")
        result = self.result(path)
        runs = doc.get("runs")
        if not isinstance(runs, dict):
            return result  # not an action (or a JavaScript action with no dependencies declared here)
        walker = _Walker(path, decode_text(data), result)
        using = runs.get("using")
        if using == "composite":
            walker.steps(runs.get("steps"), {"action": "composite"})
        elif using == "docker":
            image = runs.get("image")
            # "Dockerfile" (a path in the action) is built from the repository: the Dockerfile extractor reads it.
            if isinstance(image, str) and image.strip().startswith("docker://"):
                walker.image(image, {"action": "docker"})
        return result
