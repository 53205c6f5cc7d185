"""GitLab CI (.gitlab-ci.yml): the images jobs run in (``image:``) and their service containers (``services:``).

These images build and test the code; they are CI tooling, hence DEVELOPMENT scope. ``!reference`` tags
(GitLab's own YAML extension, refused by a safe loader) are neutralised textually before loading so that a
pipeline using them is still read. Variables come from the top-level and job ``variables:``; GitLab's
predefined ``$CI_*`` variables are unknown offline, so an image naming one is reported as a warning.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree
from ospo.engine.ecosystems.docker._image import image_component, substitute
from ospo.engine.ecosystems.docker._yamllines import ValueLines
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_REFERENCE_TAG = re.compile(rb"!reference\s")
_RESERVED = frozenset({"stages", "variables", "include", "workflow", "before_script", "after_script", "cache",
                       "spec", "pages:deploy"})


def _variables(node: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, dict):
                v = v.get("value")
            if isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool):
                out[k] = str(v)
    return out


def _image_name(node: Any) -> str | None:
    if isinstance(node, dict):
        node = node.get("name")
    return node.strip() if isinstance(node, str) and node.strip() else None


class GitlabCiExtractor(Extractor):
    name = "docker-gitlab-ci"
    ecosystem = "docker"
    kind = "manifest"
    filenames = frozenset({".gitlab-ci.yml", ".gitlab-ci.yaml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(_REFERENCE_TAG.sub(b"", data))
        if doc is None:
            return self.result(path)
        if not isinstance(doc, dict):
            raise ParseFailure(".gitlab-ci.yml is not a YAML mapping")
        result = self.result(path)
        lines = ValueLines(decode_text(data), ("image", "name"), list_items=True)
        global_vars = _variables(doc.get("variables"))
        sections: list[tuple[str, dict[str, Any]]] = [("(global)", doc)]
        if isinstance(doc.get("default"), dict):
            sections.append(("(default)", doc["default"]))
        for key, job in doc.items():
            if isinstance(key, str) and key not in _RESERVED and key != "default" and isinstance(job, dict):
                sections.append((key, job))
        for job_name, job in sections:
            values = {**global_vars, **_variables(job.get("variables"))} if job is not doc else global_vars
            image = _image_name(job.get("image"))
            if image:
                self._add(path, image, "image", job_name, values, lines, result)
            services = job.get("services")
            if isinstance(services, list):
                for svc in services:
                    name = _image_name(svc)
                    if name:
                        self._add(path, name, "service", job_name, values, lines, result)
        return result

    @staticmethod
    def _add(path: str, raw: str, role: str, job: str, values: dict[str, str], lines: ValueLines,
             result: FileResult) -> None:
        line, _ = lines.take(raw)
        ref, ok = substitute(raw, values)
        if not ok:
            result.issues.append(ParseIssue(path, f"{job}: {role} {raw[:80]} uses an unknown variable", "warning"))
            return
        props = {"gitlab-ci": role, "job": job}
        comp = image_component(ref, path=path, line=line, scope=Scope.DEVELOPMENT, properties=props)
        if comp is None:
            result.issues.append(ParseIssue(path, f"{job}: not an image reference: {ref[:80]}", "warning"))
            return
        result.components.append(comp)
