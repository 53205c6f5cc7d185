"""Gradle version catalogs: every library and plugin a ``gradle/*.versions.toml`` declares.

A catalog only declares what the build may use; which modules use it is in the build files (see
:mod:`.build_file`, which resolves ``libs.…`` accessors against the same catalog and produces the same purls,
so the merge joins both views). Catalog entries are therefore reported with ``direct`` unknown. Plugins are
reported as their Maven plugin-marker artifacts (``<id>:<id>.gradle.plugin``), the coordinates Gradle
actually downloads, with scope development.
"""

from __future__ import annotations

import posixpath

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.gradle._catalog import read_catalog
from ospo.engine.ecosystems.maven._coords import maven_purl
from ospo.engine.model import FileResult, ParseIssue, Scope


def plugin_marker(plugin_id: str) -> tuple[str, str]:
    return plugin_id, f"{plugin_id}.gradle.plugin"


class VersionCatalogExtractor(Extractor):
    name = "gradle-version-catalog"
    ecosystem = "maven"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        return path.endswith(".versions.toml") and posixpath.basename(posixpath.dirname(path)) == "gradle"

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        cat = read_catalog(data)
        result = self.result(path)
        for problem in cat.problems:
            result.issues.append(ParseIssue(path, problem, severity="warning"))
        for lib in cat.libraries.values():
            v = lib.version
            result.components.append(component(
                "maven", f"{lib.group}:{lib.name}", v.exact or v.text,
                maven_purl(lib.group, lib.name, v.exact), path=path, line=lib.line, pinned=v.exact is not None,
                scope=Scope.RUNTIME, properties={"gradle:catalog-alias": lib.alias},
            ))
        for plugin in cat.plugins.values():
            group, artifact = plugin_marker(plugin.plugin_id)
            v = plugin.version
            result.components.append(component(
                "maven", f"{group}:{artifact}", v.exact or v.text, maven_purl(group, artifact, v.exact),
                path=path, line=plugin.line, pinned=v.exact is not None, scope=Scope.DEVELOPMENT,
                properties={"gradle:plugin": plugin.plugin_id, "gradle:catalog-alias": plugin.alias},
            ))
        return result
