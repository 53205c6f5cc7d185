"""pubspec.yaml: a Dart/Flutter package's declared dependencies (usually ranges, so unpinned).

Sections ``dependencies`` (runtime), ``dev_dependencies`` (development) and ``dependency_overrides``.
A value is a constraint string (``^1.2.0``, ``'>=1.0.0 <2.0.0'``, ``any``; a bare ``1.2.3`` is an exact pin)
or a mapping: ``{hosted: url, version: …}``, ``{git: url | {url, ref, path}}``, ``{path: …}`` (first-party:
skipped) or ``{sdk: flutter}``.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.pub._common import package_lines, pub_purl
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_EXACT = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$")
_SECTIONS = (("dependencies", Scope.RUNTIME), ("dev_dependencies", Scope.DEVELOPMENT),
             ("dependency_overrides", Scope.RUNTIME))


class PubspecYamlExtractor(Extractor):
    name = "pub-pubspec-yaml"
    ecosystem = "pub"
    kind = "manifest"
    filenames = frozenset({"pubspec.yaml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if not isinstance(doc, dict):
            raise ParseFailure("pubspec.yaml is not a YAML mapping")
        result = self.result(path)
        text = decode_text(data)
        pname, pversion = doc.get("name"), doc.get("version")
        if isinstance(pname, str) and pname.strip():
            result.root = pub_purl(pname, pversion if isinstance(pversion, str) else None)
        seen: set[str] = set()
        for section, scope in _SECTIONS:
            deps = doc.get(section)
            if not isinstance(deps, dict):
                continue
            lines = package_lines(text, section)
            for name, spec in deps.items():
                if not isinstance(name, str) or not name.strip() or name in seen:
                    continue
                made = self._spec(spec)
                if made is None:
                    continue
                version, pinned, hosted, props = made
                if section == "dependency_overrides":
                    props["override"] = "true"
                comp = component(
                    "pub", name, version, pub_purl(name, version if pinned else None, hosted), path=path,
                    line=lines.get(name), pinned=pinned, scope=scope, direct=True, properties=props,
                )
                seen.add(name)
                result.components.append(comp)
                if result.root:
                    result.edges.append(edge(result.root, comp.purl))
        return result

    @staticmethod
    def _spec(spec: Any) -> tuple[str | None, bool, str | None, dict[str, str]] | None:
        """(version or constraint, pinned, hosted url, properties); None for a local path dependency."""
        props: dict[str, str] = {}
        hosted = None
        if spec is None:
            return None, False, None, props
        if isinstance(spec, str | int | float) and not isinstance(spec, bool):
            s = str(spec).strip()
            return s or None, bool(_EXACT.match(s)), None, props
        if not isinstance(spec, dict):
            return None, False, None, props
        if "path" in spec:
            return None
        if "sdk" in spec:
            props["sdk"] = str(spec["sdk"])
            return None, False, None, props
        git = spec.get("git")
        if isinstance(git, str):
            props["source"] = git
        elif isinstance(git, dict):
            for k in ("url", "ref", "path"):
                if isinstance(git.get(k), str):
                    props["source" if k == "url" else f"git-{k}"] = git[k]
        h = spec.get("hosted")
        if isinstance(h, str):
            hosted = h
        elif isinstance(h, dict) and isinstance(h.get("url"), str):
            hosted = h["url"]
        v = spec.get("version")
        if isinstance(v, str) and v.strip():
            return v.strip(), bool(_EXACT.match(v.strip())), hosted, props
        return None, False, hosted, props
