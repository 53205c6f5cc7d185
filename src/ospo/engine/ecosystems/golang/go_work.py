"""go.work: a workspace of in-tree modules (``use``), with workspace-wide ``replace`` directives.

The used modules are first-party (their own go.mod files are scanned separately); what go.work adds is
its replacements of a module by another module version, which override every member's requirements.
Those replacements are reported as components with the property ``replaces``; local ones are first-party.
"""

from __future__ import annotations

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.golang._common import go_purl, stdlib_component
from ospo.engine.ecosystems.golang._modfile import parse_modfile
from ospo.engine.model import FileResult, ParseIssue


class GoWorkExtractor(Extractor):
    name = "golang-go-work"
    ecosystem = "golang"
    kind = "manifest"
    filenames = frozenset({"go.work"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        mf = parse_modfile(data, work=True)
        result = self.result(path)
        result.issues.extend(ParseIssue(path, w, severity="warning") for w in mf.warnings)
        std = stdlib_component(mf, path)
        if std is not None:
            result.components.append(std)
        for rep in mf.replaces:
            if rep.is_local or not rep.new_version:
                continue
            old = rep.old_path + (f"@{rep.old_version}" if rep.old_version else "")
            result.components.append(component(
                "golang", rep.new_path, rep.new_version, go_purl(rep.new_path, rep.new_version), path=path,
                line=rep.line, properties={"replaces": old},
            ))
        return result
