"""*.nuspec: a package's own manifest. Its id/version name the root; ``<dependency>`` items (flat or in
per-framework ``<group>``s) are ranges in NuGet semantics ("1.0" means ">= 1.0"), so only ``[1.0]`` pins.
The declared license (``<license type="expression">``) is on the root package, not on its dependencies."""

from __future__ import annotations

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.nuget._common import attr, classify, local, nuget_purl
from ospo.engine.ecosystems.nuget._xmllines import ItemLines
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, parse_xml


class NuspecExtractor(Extractor):
    name = "nuget-nuspec"
    ecosystem = "nuget"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        return path.endswith(".nuspec")

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        root = parse_xml(data)
        if local(root.tag) != "package":
            raise ParseFailure(f"root element is <{local(root.tag)}>, not a nuspec <package>")
        metadata = next((el for el in root if local(el.tag) == "metadata"), None)
        if metadata is None:
            raise ParseFailure("nuspec has no <metadata>")
        result = self.result(path)
        fields = {local(el.tag): (el.text or "").strip() for el in metadata}
        ident = fields.get("id")
        if ident and "$" not in ident:
            version, pinned = classify(fields.get("version"))
            try:
                result.root = nuget_purl(ident, version if pinned and version and "$" not in version else None)
            except ValueError:
                result.root = None
        lic_el = next((el for el in metadata if local(el.tag) == "license"), None)
        if lic_el is not None and (lic_el.text or "").strip() and attr(lic_el, "type") in (None, "expression"):
            result.root_license = (lic_el.text or "").strip()
        elif fields.get("licenseUrl"):
            result.root_license = fields["licenseUrl"]  # deprecated: a URL, kept as written for the license engine
        lines = ItemLines(decode_text(data))
        seen: set[tuple[str, str | None]] = set()
        for el in metadata.iter():
            if local(el.tag) != "dependency":
                continue
            dep = (attr(el, "id") or "").strip()
            if not dep or "$" in dep:
                continue
            spec, pinned = classify(attr(el, "version"), plain_is_pinned=False)
            line = lines.next("dependency", dep)
            if (dep.lower(), spec) in seen:  # the same dependency repeated per target framework
                continue
            seen.add((dep.lower(), spec))
            try:
                purl = nuget_purl(dep, spec if pinned else None)
            except ValueError:
                continue
            comp = component("nuget", dep, spec, purl, path=path, line=line, pinned=pinned, scope=Scope.RUNTIME,
                             direct=True)
            result.components.append(comp)
            if result.root:
                result.edges.append(edge(result.root, comp.purl))
        return result
