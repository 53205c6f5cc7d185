"""go.mod: the module's requirements, which since Go 1.17 are the complete build list.

With module graph pruning (``go 1.17`` and later) go.mod lists every module that provides a package to
the build, direct ones plain and the others marked ``// indirect``; the versions are exact (minimal
version selection never picks a version newer than some go.mod names). So every require is a pinned
component. ``replace`` swaps in another module (that is what gets built: recorded with the property
``replaces``) or a local directory (first-party code: no component); ``exclude`` removes a version;
``retract`` concerns the module's own versions and is ignored.
"""

from __future__ import annotations

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.golang._common import go_purl, stdlib_component
from ospo.engine.ecosystems.golang._modfile import parse_modfile
from ospo.engine.model import FileResult, ParseIssue


class GoModExtractor(Extractor):
    name = "golang-go-mod"
    ecosystem = "golang"
    kind = "manifest"
    filenames = frozenset({"go.mod"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        mf = parse_modfile(data)
        result = self.result(path)
        result.issues.extend(ParseIssue(path, w, severity="warning") for w in mf.warnings)
        if mf.module:
            result.root = go_purl(mf.module)
        std = stdlib_component(mf, path)
        if std is not None:
            result.components.append(std)
        seen: set[str] = set()
        for req, mod_path, version, rep in mf.build_list():
            purl = go_purl(mod_path, version)
            if purl in seen:
                continue  # the same module required twice: the go command rejects it; keep the first
            seen.add(purl)
            props: dict[str, str] = {}
            line = req.line
            if rep is not None:
                props["replaces"] = f"{req.path}@{req.version}"
                line = rep.line
            result.components.append(component(
                "golang", mod_path, version, purl, path=path, line=line, direct=not req.indirect,
                properties=props,
            ))
            if result.root and not req.indirect:
                result.edges.append(edge(result.root, purl))
        return result
