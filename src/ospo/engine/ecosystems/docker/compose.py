"""Compose files (docker-compose*.yml, compose*.yaml): the ``image:`` of every service.

A service with both ``build:`` and ``image:`` builds that image from the repository: the name is the tag
given to first-party output, not a dependency, so it is skipped. Variables are interpolated the way
Compose does, from the ``.env`` file beside the compose file and then ``${VAR:-default}`` defaults; an image
that stays unresolved is reported as a warning instead of a guessed component.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree
from ospo.engine.ecosystems.docker._image import image_component, substitute
from ospo.engine.ecosystems.docker._yamllines import ValueLines
from ospo.engine.model import FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_NAME = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def read_env_file(data: bytes | None) -> dict[str, str]:
    """Parse a ``.env`` file (KEY=value lines, quotes stripped). Bad content yields what could be read."""
    values: dict[str, str] = {}
    if not data or len(data) > 1_000_000:
        return values
    try:
        text = decode_text(data)
    except ParseFailure:
        return values
    for line in text.splitlines():
        m = _ENV_LINE.match(line)
        if not m:
            continue
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[m.group(1)] = value
    return values


class ComposeExtractor(Extractor):
    name = "docker-compose"
    ecosystem = "docker"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        return _NAME.match(posixpath.basename(path).lower()) is not None

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if doc is None:
            return self.result(path)
        if not isinstance(doc, dict):
            raise ParseFailure("compose file is not a YAML mapping")
        result = self.result(path)
        services = doc.get("services")
        if services is None and "version" not in doc:
            # Compose file format v1: services at the top level.
            services = {k: v for k, v in doc.items() if isinstance(v, dict) and ("image" in v or "build" in v)}
        if not isinstance(services, dict):
            return result
        env_path = posixpath.join(posixpath.dirname(path), ".env")
        env = read_env_file(tree.read(env_path))
        lines = ValueLines(decode_text(data), ("image",))
        for svc_name, svc in services.items():
            if not isinstance(svc, dict):
                continue
            raw = svc.get("image")
            if not isinstance(raw, str) or not raw.strip():
                continue
            line, _ = lines.take(raw)
            if "build" in svc:
                continue
            ref, ok = substitute(raw.strip(), env)
            if not ok:
                result.issues.append(ParseIssue(
                    path, f"service {svc_name}: image {raw[:80]} uses an unset variable", "warning"))
                continue
            props = {"service": str(svc_name)}
            if ref != raw.strip():
                props["image-as-written"] = raw.strip()
            comp = image_component(ref, path=path, line=line, properties=props)
            if comp is None:
                result.issues.append(ParseIssue(path, f"service {svc_name}: not an image reference: {ref[:80]}",
                                                "warning"))
                continue
            result.components.append(comp)
        return result
