"""packages.config (classic NuGet): every installed package, direct or not, at an exact version.

``developmentDependency="true"`` marks build-time-only packages. The file does not say which packages
were asked for and which came along, so ``direct`` stays unknown.
"""

from __future__ import annotations

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.nuget._common import attr, classify, local, nuget_purl
from ospo.engine.ecosystems.nuget._xmllines import ItemLines
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, parse_xml


class PackagesConfigExtractor(Extractor):
    name = "nuget-packages-config"
    ecosystem = "nuget"
    kind = "lockfile"
    filenames = frozenset({"packages.config"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        root = parse_xml(data)
        if local(root.tag) != "packages":
            raise ParseFailure(f"root element is <{local(root.tag)}>, not <packages>")
        result = self.result(path)
        lines = ItemLines(decode_text(data))
        for el in root:
            if local(el.tag) != "package":
                continue
            ident = (attr(el, "id") or "").strip()
            if not ident:
                continue
            spec, pinned = classify(attr(el, "version"))
            props: dict[str, str] = {}
            for key in ("targetFramework", "allowedVersions"):
                value = attr(el, key)
                if value:
                    props[f"nuget:{key}"] = value
            dev = (attr(el, "developmentDependency") or "").strip().lower() == "true"
            try:
                purl = nuget_purl(ident, spec if pinned else None)
            except ValueError:
                continue
            result.components.append(component(
                "nuget", ident, spec, purl, path=path, line=lines.next("package", ident), pinned=pinned,
                scope=Scope.DEVELOPMENT if dev else Scope.RUNTIME, properties=props,
            ))
        return result
