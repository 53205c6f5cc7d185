"""*.gemspec, read statically: the gem's name, literal version and licenses (the file's root) and its
``add_dependency`` / ``add_runtime_dependency`` / ``add_development_dependency`` calls.

Gemspecs are Ruby and are never evaluated. ``spec.version = Foo::VERSION`` is not a literal, so the root
then has no version; a requirement that is a method call or constant is reported as not statically known.
"""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.gem._common import exact_requirement, gem_purl
from ospo.engine.ecosystems.gem._ruby import parse_args, parse_value, strip_comment
from ospo.engine.model import FileResult, Scope
from ospo.engine.safeparse import decode_text, line_index

_DEP = re.compile(r"^[ \t]*\w+\.add_(runtime_|development_)?dependency\b[ \t]*(.*)$", re.M)
_ATTR = re.compile(r"^[ \t]*\w+\.(name|version|license|licenses)[ \t]*=[ \t]*(.+)$", re.M)
_MAX_CONTINUATION = 20


class GemspecExtractor(Extractor):
    name = "gem-gemspec"
    ecosystem = "gem"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        return path.endswith(".gemspec")

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        attrs: dict[str, str | list[str]] = {}
        for m in _ATTR.finditer(text):
            key = m.group(1)
            if key in attrs:
                continue
            v = parse_value(strip_comment(m.group(2)))
            if key == "licenses":
                attrs[key] = v.strings()
            elif v.kind == "str" and not v.interpolated and v.text.strip():
                attrs[key] = v.text.strip()
        name = attrs.get("name")
        if isinstance(name, str):
            version = attrs.get("version")
            result.root = gem_purl(name, version if isinstance(version, str) else None)
        declared = attrs.get("licenses") or attrs.get("license")
        if isinstance(declared, str):
            result.root_license = declared
        elif isinstance(declared, list) and declared:
            # RubyGems: several licenses mean the user may choose one of them.
            result.root_license = " OR ".join(declared)
        line_of = line_index(text)
        for m in _DEP.finditer(text):
            code = _call_text(text, m)
            args, _ = parse_args(code)
            if not args or args[0].kind != "str" or args[0].interpolated or not args[0].text.strip():
                continue
            dep = args[0].text.strip()
            reqs: list[str] = []
            unknown = False
            for a in args[1:]:
                if a.kind == "str" and not a.interpolated:
                    reqs.append(a.text.strip())
                elif a.kind == "list":
                    reqs.extend(i.text.strip() for i in a.items if i.kind == "str")
                else:
                    unknown = True
            scope = Scope.DEVELOPMENT if m.group(1) == "development_" else Scope.RUNTIME
            props = {"best-effort": "true"} if unknown else {}
            line = line_of(m.start())
            exact = exact_requirement(reqs)
            if exact:
                comp = component("gem", dep, exact, gem_purl(dep, exact), path=path, line=line, scope=scope,
                                 direct=True, properties=props)
            else:
                comp = component("gem", dep, ", ".join(reqs) or None, gem_purl(dep), path=path, line=line,
                                 pinned=False, scope=scope, direct=True, properties=props)
            result.components.append(comp)
            if result.root:
                result.edges.append(edge(result.root, comp.purl))
        return result


def _call_text(text: str, m: re.Match[str]) -> str:
    """The call's arguments, following continuation lines (a line ending in "," or an open bracket)."""
    parts = [strip_comment(m.group(2)).rstrip()]
    pos = m.end()
    while len(parts) < _MAX_CONTINUATION and pos < len(text):
        joined = " ".join(parts)
        if not (joined.endswith(",") or joined.count("(") > joined.count(")") or joined.count("[") > joined.count("]")):
            break
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl < 0 else nl
        parts.append(strip_comment(text[pos + 1 : nl]).strip())
        pos = nl
    return " ".join(parts)
