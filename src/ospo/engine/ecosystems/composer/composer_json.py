"""composer.json: the project's declared requirements (constraints, so usually unpinned).

``require`` is runtime, ``require-dev`` development. Only a constraint that admits one version
(``1.2.3``, ``v1.2.3``, ``==1.2.3``) is pinned; ``^``, ``~``, ranges, wildcards, ``||`` and branch
constraints (``dev-main``) are kept as written, unpinned. Platform requirements (php, ext-*, lib-*) are
not packages anyone installs and are skipped.
"""

from __future__ import annotations

from ospo.engine.ecosystems._jsonlines import KeyLines
from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.composer._common import (
    composer_purl,
    exact_constraint,
    is_platform,
)
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, load_json


class ComposerJsonExtractor(Extractor):
    name = "composer-json"
    ecosystem = "composer"
    kind = "manifest"
    filenames = frozenset({"composer.json"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_json(data)
        if not isinstance(doc, dict):
            raise ParseFailure("composer.json is not a JSON object")
        result = self.result(path)
        lines = KeyLines(decode_text(data))
        own = doc.get("name")
        if isinstance(own, str) and "/" in own:
            version = doc.get("version")
            result.root = composer_purl(own.strip(), version if isinstance(version, str) else None)
        seen: set[str] = set()
        for section, scope in (("require", Scope.RUNTIME), ("require-dev", Scope.DEVELOPMENT)):
            deps = doc.get(section)
            if not isinstance(deps, dict):
                continue
            section_at = lines.offset(section) or 0
            for dep_name, constraint in deps.items():
                if not isinstance(dep_name, str) or not dep_name.strip():
                    continue
                name = dep_name.strip().lower()
                if is_platform(name) or name in seen:
                    continue
                seen.add(name)
                spec = constraint.strip() if isinstance(constraint, str) else ""
                line = lines.line(dep_name, section_at)
                exact = exact_constraint(spec) if spec else None
                if exact:
                    comp = component("composer", name, exact, composer_purl(name, exact), path=path, line=line,
                                     scope=scope, direct=True)
                else:
                    comp = component("composer", name, spec or None, composer_purl(name), path=path, line=line,
                                     pinned=False, scope=scope, direct=True)
                result.components.append(comp)
                if result.root:
                    result.edges.append(edge(result.root, comp.purl))
        return result
