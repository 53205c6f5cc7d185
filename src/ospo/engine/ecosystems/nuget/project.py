"""SDK-style and classic MSBuild project files (*.csproj, *.fsproj, *.vbproj) and the Directory.Build.props /
Directory.Build.targets / Directory.Packages.props that share PackageReference items across projects.

A PackageReference's version comes, in MSBuild's order, from ``VersionOverride``, its own ``Version``
(attribute or child element), else from central package management (``PackageVersion`` in the nearest
Directory.Packages.props). ``$(Prop)`` is expanded from the project and Directory.Build.props when it is
a plain property. ``PrivateAssets="all"`` marks a build-time-only package (analyzers, SourceLink):
development scope; every reference of a test project (IsTestProject, or referencing the test SDK) is test.
Directory.Packages.props contributes only its GlobalPackageReference items: PackageVersion items are
versions on offer, not dependencies.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.nuget._common import attr, attr_or_child, classify, local, nuget_purl
from ospo.engine.ecosystems.nuget._msbuild import Context, context_for, expand, properties, read_project
from ospo.engine.ecosystems.nuget._xmllines import ItemLines
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import decode_text

_PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj")
_SHARED = {"Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"}
_ITEM_TAGS = {"PackageReference", "GlobalPackageReference"}
_TEST_SDK = "microsoft.net.test.sdk"


class ProjectExtractor(Extractor):
    name = "nuget-project"
    ecosystem = "nuget"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        return path.endswith(_PROJECT_SUFFIXES) or posixpath.basename(path) in _SHARED

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        root = read_project(data)
        result = self.result(path)
        base = posixpath.basename(path)
        ctx = context_for(tree, path)
        props = {**ctx.properties, **properties(root)}
        lines = ItemLines(decode_text(data))
        is_project = base not in _SHARED
        if is_project:
            result.root = self._root(path, props)
        # Items live in ItemGroups (possibly under Choose/When); the group's Condition applies to them.
        items = [
            (el, attr(el, "Condition") or attr(group, "Condition"))
            for group in root.iter() if local(group.tag) == "ItemGroup"
            for el in group if local(el.tag) in _ITEM_TAGS
        ]
        if base == "Directory.Packages.props":
            items = [(el, c) for el, c in items if local(el.tag) == "GlobalPackageReference"]
        test_project = props.get("istestproject", "").lower() == "true" or any(
            (attr(el, "Include") or "").strip().lower() == _TEST_SDK for el, _ in items
        )
        for el, cond in items:
            self._item(path, el, cond, props, ctx, lines, test_project, result)
        return result

    @staticmethod
    def _root(path: str, props: dict[str, str]) -> str | None:
        """The package this project would produce: PackageId, else AssemblyName, else the file name."""
        stem = posixpath.basename(path).rsplit(".", 1)[0]
        name = None
        for key in ("packageid", "assemblyname"):
            value, ok = expand(props.get(key), {**props, "msbuildprojectname": stem})
            if value and ok:
                name = value
                break
        version, ok = expand(props.get("packageversion") or props.get("version"), props)
        pinned_version, pinned = classify(version if ok else None)
        try:
            return nuget_purl(name or stem, pinned_version if pinned else None)
        except ValueError:
            return None

    def _item(self, path: str, el: Any, cond: str | None, props: dict[str, str], ctx: Context,
              lines: ItemLines, test_project: bool, result: FileResult) -> None:
        tag = local(el.tag)
        update = attr(el, "Include") is None and attr(el, "Update") is not None
        ident_raw = attr(el, "Include") if not update else attr(el, "Update")
        if not ident_raw:
            return
        for ident_part in ident_raw.split(";"):
            ident, ok = expand(ident_part.strip(), props)
            if not ident or not ok or "*" in ident or "@(" in ident:
                continue
            line = lines.next(tag, ident_part)
            properties_: dict[str, str] = {}
            raw = attr_or_child(el, "VersionOverride")
            if raw is None:
                raw = attr_or_child(el, "Version")
            if raw is None and ident.lower() in ctx.central:
                raw, central_file = ctx.central[ident.lower()]
                properties_["version-source"] = central_file
            version, resolved = expand(raw, props)
            if not resolved:
                properties_["best-effort"] = "true"
            spec, pinned = classify(version) if resolved else (version, False)
            private = (attr_or_child(el, "PrivateAssets") or "").strip().lower()
            if tag == "GlobalPackageReference" or "all" in private.split(";"):
                scope = Scope.DEVELOPMENT
            else:
                scope = Scope.RUNTIME
            if test_project:
                scope = Scope.TEST
            if update:
                properties_["msbuild-update"] = "true"
            if cond:
                properties_["condition"] = cond.strip()
            try:
                purl = nuget_purl(ident, spec if pinned else None)
            except ValueError:
                continue
            comp = component("nuget", ident, spec, purl, path=path, line=line, pinned=pinned, scope=scope,
                             direct=True, properties=properties_)
            result.components.append(comp)
            if result.root:
                result.edges.append(edge(result.root, comp.purl))
