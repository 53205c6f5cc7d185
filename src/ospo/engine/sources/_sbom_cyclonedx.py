"""CycloneDX 1.2–1.7, JSON and XML, into one FileResult.

The XML form is first turned into the JSON form's shape (same member names), so one reader serves both
and the rules cannot drift apart. Nested ``components`` are walked with an explicit stack (no recursion)
and a depth cap: a hostile document nested ten thousand levels deep gets a warning, not a crash.

What is read, and why:

* identity: the purl (canonicalised) when valid, else ``pkg:generic/<group>/<name>@<version>``;
* ``scope``: required → runtime, optional → optional, excluded → development (CycloneDX's own meaning:
  not part of the runtime). Our own documents carry the exact scope in ``ospo:scope``, which wins;
* ``ospo:direct`` / ``ospo:version-constraint`` from our own writer restore the direct flag and unpinned
  constraints; otherwise a component is direct when ``metadata.component`` depends on it;
* edges: ``dependencies`` resolved from bom-refs to purls; edges from the described component become the
  FileResult root's edges when it has a purl.
"""

from __future__ import annotations

from typing import Any

from ospo.engine.ecosystems.base import hex_hash
from ospo.engine.model import Edge, FileResult, Location, ParseIssue, Scope
from ospo.engine.safeparse import MAX_DEPTH
from ospo.engine.sources._sbom_common import as_dict, as_list, build_component, dedupe, parse_purl, text

_SCOPES = {"required": Scope.RUNTIME, "optional": Scope.OPTIONAL, "excluded": Scope.DEVELOPMENT}
_OSPO_SCOPES = {s.value: s for s in Scope}
_NS_PREFIX = "http://cyclonedx.org/schema/bom/"
MAX_COMPONENTS = 500_000


def is_cyclonedx_json(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    if doc.get("bomFormat") == "CycloneDX":
        return True
    schema = doc.get("$schema")
    return isinstance(schema, str) and "cyclonedx.org/schema/bom" in schema


def _license(value: Any) -> str | None:
    """``licenses`` (ids, names, expressions) as one string; several entries are ANDed, as the spec reads."""
    parts: list[str] = []
    for entry in as_list(value):
        entry = as_dict(entry)
        expr = text(entry.get("expression"))
        if expr:
            parts.append(expr)
            continue
        lic = as_dict(entry.get("license"))
        item = text(lic.get("id")) or text(lic.get("name"))
        if item:
            parts.append(item)
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return " AND ".join(p if " " not in p else f"({p})" for p in dict.fromkeys(parts))


def _hashes(value: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for entry in as_list(value):
        entry = as_dict(entry)
        alg, content = text(entry.get("alg"), 20), text(entry.get("content"), 200)
        if alg and content:
            h = hex_hash(alg, content)
            if h and h not in out:
                out.append(h)
    return out


def _properties(value: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in as_list(value):
        entry = as_dict(entry)
        name, val = text(entry.get("name"), 200), text(entry.get("value"))
        if name and val and name not in out:
            out[name] = val
    return out


def _walk_components(doc: dict[str, Any], fr: FileResult) -> list[dict[str, Any]]:
    """Every component dict, nested ones included, breadth-first; capped in depth and count."""
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, int]] = [(doc.get("components"), 0)]
    too_deep = False
    while stack:
        items, depth = stack.pop()
        if depth > MAX_DEPTH:
            too_deep = True
            continue
        for item in as_list(items):
            if isinstance(item, dict):
                found.append(item)
                if "components" in item:
                    stack.append((item["components"], depth + 1))
        if len(found) > MAX_COMPONENTS:
            fr.issues.append(ParseIssue(fr.path, f"more than {MAX_COMPONENTS:,} components; the rest is ignored",
                                        "warning"))
            break
    if too_deep:
        fr.issues.append(ParseIssue(fr.path, "components nested too deeply; the deepest ones are ignored", "warning"))
    return found


def read_cyclonedx(doc: dict[str, Any], fr: FileResult, location: str) -> None:
    """Fill ``fr`` from a CycloneDX document in JSON shape (XML is converted to it first)."""
    loc = Location(location)
    meta = as_dict(doc.get("metadata"))
    root = as_dict(meta.get("component"))
    root_ref = text(root.get("bom-ref"))
    root_purl_parsed = parse_purl(p) if (p := text(root.get("purl"))) else None
    if root_purl_parsed is not None:
        fr.root = root_purl_parsed.to_string()

    deps: dict[str, list[str]] = {}
    for entry in as_list(doc.get("dependencies")):
        entry = as_dict(entry)
        ref = text(entry.get("ref"))
        if ref:
            targets = deps.setdefault(ref, [])
            targets.extend(t for t in (text(x) for x in as_list(entry.get("dependsOn"))) if t)
    direct_refs = set(deps.get(root_ref, ())) if root_ref else set()
    reached = {t for targets in deps.values() for t in targets}
    root_known = bool(root_ref) and root_ref in deps

    ref_to_purl: dict[str, str] = {}
    for item in _walk_components(doc, fr):
        props = _properties(item.get("properties"))
        name, group = text(item.get("name")), text(item.get("group"))
        version = text(item.get("version"), 500)
        pinned = True
        constraint = props.pop("ospo:version-constraint", None)
        if constraint and not version:
            version, pinned = constraint, False
        scope = _SCOPES.get(text(item.get("scope")) or "required", Scope.RUNTIME)
        scope = _OSPO_SCOPES.get(props.pop("ospo:scope", ""), scope)
        ref = text(item.get("bom-ref"))
        direct_prop = props.pop("ospo:direct", None)
        if direct_prop in ("true", "false"):
            direct: bool | None = direct_prop == "true"
        elif root_known and ref and ref in reached:
            direct = ref in direct_refs
        else:
            direct = None
        props.pop("ospo:ecosystem", None)
        kept = {k.removeprefix("ospo:"): v for k, v in props.items() if k.startswith("ospo:")}
        for ext in as_list(item.get("externalReferences")):
            ext = as_dict(ext)
            if ext.get("type") == "distribution" and (url := text(ext.get("url"), 2000)):
                kept.setdefault("resolved", url)
        comp = build_component(
            purl=text(item.get("purl"), 4000), name=name, group=group, version=version, location=loc,
            pinned=pinned, scope=scope, direct=direct, license=_license(item.get("licenses")),
            hashes=_hashes(item.get("hashes")), properties=kept,
        )
        if comp is None:
            continue
        fr.components.append(comp)
        if ref:
            ref_to_purl.setdefault(ref, comp.purl)
        ref_to_purl.setdefault(comp.purl, comp.purl)

    if root_ref and fr.root:
        ref_to_purl.setdefault(root_ref, fr.root)
    for ref, targets in deps.items():
        src = ref_to_purl.get(ref)
        if src is None:
            # A sub-project (a .csproj, a workspace) that is not listed as a component: its purl still
            # names it, as a lockfile's root does in a scan of the tree.
            parsed = parse_purl(ref)
            if parsed is None:
                continue
            src = ref_to_purl[ref] = parsed.to_string()
        for t in targets:
            dst = ref_to_purl.get(t)
            if dst is not None:
                fr.edges.append(Edge(src, dst))
    dedupe(fr)


# -- XML -------------------------------------------------------------------------------------------------
def is_cyclonedx_xml(root: Any) -> bool:
    tag = getattr(root, "tag", "")
    return isinstance(tag, str) and tag.startswith("{" + _NS_PREFIX) and tag.endswith("}bom")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml_text(el: Any) -> str | None:
    return text(el.text) if el is not None else None


def _xml_component(el: Any) -> dict[str, Any]:
    """One ``<component>`` in JSON shape; its nested ``<components>`` are returned for the caller's stack."""
    out: dict[str, Any] = {}
    ref = el.get("bom-ref")
    if ref:
        out["bom-ref"] = ref
    for child in el:
        name = _local(child.tag)
        if name in ("name", "group", "version", "purl", "scope"):
            out[name] = child.text
        elif name == "hashes":
            out["hashes"] = [{"alg": h.get("alg"), "content": h.text} for h in child if _local(h.tag) == "hash"]
        elif name == "licenses":
            lics: list[dict[str, Any]] = []
            for lic in child:
                if _local(lic.tag) == "expression":
                    lics.append({"expression": lic.text})
                elif _local(lic.tag) == "license":
                    fields = {_local(f.tag): f.text for f in lic}
                    lics.append({"license": {"id": fields.get("id"), "name": fields.get("name")}})
            out["licenses"] = lics
        elif name == "properties":
            out["properties"] = [{"name": p.get("name"), "value": p.text} for p in child
                                 if _local(p.tag) == "property"]
        elif name == "externalReferences":
            out["externalReferences"] = [
                {"type": r.get("type"), "url": _xml_text(next((u for u in r if _local(u.tag) == "url"), None))}
                for r in child if _local(r.tag) == "reference"
            ]
    return out


def xml_to_json_shape(root: Any) -> dict[str, Any]:
    """The parts of a CycloneDX XML document we read, as the JSON document would hold them."""
    doc: dict[str, Any] = {"bomFormat": "CycloneDX", "components": []}
    # (element whose <component> children to read, list to append to, depth)
    stack: list[tuple[Any, list[Any], int]] = []
    for child in root:
        name = _local(child.tag)
        if name == "components":
            stack.append((child, doc["components"], 0))
        elif name == "metadata":
            comp = next((c for c in child if _local(c.tag) == "component"), None)
            if comp is not None:
                doc["metadata"] = {"component": _xml_component(comp)}
        elif name == "dependencies":
            deps: list[dict[str, Any]] = []
            for dep in child:
                if _local(dep.tag) == "dependency":
                    deps.append({"ref": dep.get("ref"),
                                 "dependsOn": [d.get("ref") for d in dep if _local(d.tag) == "dependency"]})
            doc["dependencies"] = deps
    while stack:
        container, target, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue  # the JSON walker reports depth; XML this deep was already refused by the parser
        for el in container:
            if _local(el.tag) != "component":
                continue
            item = _xml_component(el)
            target.append(item)
            for sub in el:
                if _local(sub.tag) == "components":
                    item["components"] = []
                    stack.append((sub, item["components"], depth + 1))
    return doc
