"""package.json: the project's declared dependencies (ranges, so usually unpinned)."""

from __future__ import annotations

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.npm._common import (
    exact_version,
    is_local,
    is_remote_source,
    npm_purl,
    parse_alias,
)
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_json

SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)


class PackageJsonExtractor(Extractor):
    name = "npm-package-json"
    ecosystem = "npm"
    kind = "manifest"
    filenames = frozenset({"package.json"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("package.json is not a JSON object")
        result = self.result(path)
        lines = KeyLines(decode_text(data))
        pname, pversion = doc.get("name"), doc.get("version")
        if isinstance(pname, str) and pname:
            result.root = npm_purl(pname, pversion if isinstance(pversion, str) else None)
        lic = doc.get("license")
        if isinstance(lic, dict):  # the deprecated {"type": "MIT", "url": …} form
            lic = lic.get("type")
        if isinstance(lic, str) and lic.strip():
            result.root_license = lic.strip()
        elif isinstance(doc.get("licenses"), list):  # the deprecated array form
            names = [x.get("type") for x in doc["licenses"] if isinstance(x, dict) and isinstance(x.get("type"), str)]
            if names:
                result.root_license = " OR ".join(names)
        seen: set[str] = set()
        for section, scope in SECTIONS:
            deps = doc.get(section)
            if not isinstance(deps, dict):
                continue
            section_at = lines.offset(section) or 0
            for dep_name, spec in deps.items():
                if not isinstance(dep_name, str) or not dep_name:
                    continue
                spec = spec if isinstance(spec, str) else ""
                # peerDependencies repeat names from devDependencies in libraries; keep the first.
                if dep_name in seen:
                    continue
                comp = self._component(path, dep_name, spec, scope, lines.line(dep_name, section_at))
                if comp is None:
                    continue
                seen.add(dep_name)
                result.components.append(comp)
                if result.root:
                    result.edges.append(edge(result.root, comp.purl))
        return result

    def _component(self, path: str, dep_name: str, spec: str, scope: Scope, line: int | None):  # type: ignore[no-untyped-def]
        spec = spec.strip()
        if is_local(spec):
            return None
        real_name, real_spec = dep_name, spec
        alias = parse_alias(spec)
        props: dict[str, str] = {}
        if alias:
            real_name, real_spec = alias
            props["npm:alias"] = dep_name
        if is_remote_source(real_spec):
            props["source"] = real_spec
            return component(
                "npm", real_name, real_spec, npm_purl(real_name), path=path, line=line,
                pinned=False, scope=scope, direct=True, properties=props,
            )
        exact = exact_version(real_spec)
        if exact:
            return component(
                "npm", real_name, exact, npm_purl(real_name, exact), path=path, line=line,
                scope=scope, direct=True, properties=props,
            )
        return component(
            "npm", real_name, real_spec or None, npm_purl(real_name), path=path, line=line,
            pinned=False, scope=scope, direct=True, properties=props,
        )
