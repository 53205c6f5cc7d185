"""SPDX 2.2/2.3, JSON and tag-value, into one FileResult.

Tag-value is read by a small hand-written line parser into the JSON form's shape (the same member names),
so one reader serves both. spdx-tools' tag-value parser (ply) was not used: it is slow on large documents
and raises on the first deviation, where a partial read with a warning is more useful here.

How SPDX maps onto our model, and why:

* the element the document DESCRIBES (when it is one package) is the project itself, not a dependency:
  it becomes the FileResult root; with several described packages, all are components;
* ``A DEPENDS_ON B`` and ``B DEPENDENCY_OF A`` are edges A → B; the typed ``B *_DEPENDENCY_OF A``
  relations are edges too and give B's scope (DEV/BUILD → development, TEST → test, OPTIONAL → optional);
  a package reached by several relations takes the broadest scope, as in the merge of a tree;
* direct = related to the described package, when there is one; unknown otherwise;
* ``licenseDeclared`` (else ``licenseConcluded``), NOASSERTION/NONE meaning none; a lone ``LicenseRef-``
  is replaced by its extracted text, which is what the package really declared;
* our own writer's package comment (``scope: …; direct: …; version constraint: …``) restores those facts.
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import hex_hash
from ospo.engine.model import Edge, FileResult, Location, ParseIssue, Scope
from ospo.engine.sources._sbom_common import SCOPE_RANK, as_dict, as_list, build_component, dedupe, text

_DEP_OF = {
    "DEPENDENCY_OF": Scope.RUNTIME,
    "RUNTIME_DEPENDENCY_OF": Scope.RUNTIME,
    "PROVIDED_DEPENDENCY_OF": Scope.RUNTIME,
    "DEV_DEPENDENCY_OF": Scope.DEVELOPMENT,
    "BUILD_DEPENDENCY_OF": Scope.DEVELOPMENT,
    "TEST_DEPENDENCY_OF": Scope.TEST,
    "OPTIONAL_DEPENDENCY_OF": Scope.OPTIONAL,
}
_NO_LICENSE = {"NOASSERTION", "NONE"}
_OSPO_COMMENT = re.compile(r"(?:^|; )(scope|direct|version constraint): ([^;]+)")
_OSPO_SCOPES = {s.value: s for s in Scope}


def is_spdx_json(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("spdxVersion"), str) and doc["spdxVersion"].startswith("SPDX-")


def _purl(pkg: dict[str, Any]) -> str | None:
    for ref in as_list(pkg.get("externalRefs")):
        ref = as_dict(ref)
        category = text(ref.get("referenceCategory")) or ""
        if category.replace("_", "-").upper() == "PACKAGE-MANAGER" and ref.get("referenceType") == "purl":
            locator = text(ref.get("referenceLocator"), 4000)
            if locator:
                return locator
    return None


def _license(pkg: dict[str, Any], extracted: dict[str, str]) -> str | None:
    for key in ("licenseDeclared", "licenseConcluded"):
        value = text(pkg.get(key))
        if value and value not in _NO_LICENSE:
            return extracted.get(value, value)
    return None


def _hashes(pkg: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for entry in as_list(pkg.get("checksums")):
        entry = as_dict(entry)
        alg, value = text(entry.get("algorithm"), 20), text(entry.get("checksumValue"), 200)
        if alg and value:
            h = hex_hash(alg, value)  # "SHA256" and "SHA-256" both normalise
            if h and h not in out:
                out.append(h)
    return out


def read_spdx(doc: dict[str, Any], fr: FileResult, location: str,
              lines: dict[str, int] | None = None) -> None:
    """Fill ``fr`` from an SPDX document in JSON shape; ``lines`` maps SPDXIDs to tag-value lines."""
    extracted: dict[str, str] = {}
    for info in as_list(doc.get("hasExtractedLicensingInfos")):
        info = as_dict(info)
        ref, body = text(info.get("licenseId"), 500), text(info.get("extractedText"))
        if ref and body:
            extracted[ref] = body

    packages: dict[str, dict[str, Any]] = {}
    for pkg in as_list(doc.get("packages")):
        pkg = as_dict(pkg)
        sid = text(pkg.get("SPDXID"), 500)
        if sid and sid not in packages:
            packages[sid] = pkg

    described = [s for s in (text(x, 500) for x in as_list(doc.get("documentDescribes"))) if s]
    relations: list[tuple[str, str, str]] = []
    for rel in as_list(doc.get("relationships")):
        rel = as_dict(rel)
        a, kind, b = (text(rel.get(k), 500) for k in ("spdxElementId", "relationshipType", "relatedSpdxElement"))
        if not (a and kind and b):
            continue
        if kind == "DESCRIBES" and a == "SPDXRef-DOCUMENT":
            described.append(b)
        elif kind == "DESCRIBED_BY" and b == "SPDXRef-DOCUMENT":
            described.append(a)
        else:
            relations.append((a, kind, b))
    described = list(dict.fromkeys(d for d in described if d in packages))
    root_id = described[0] if len(described) == 1 else None

    # Edges (dependent → dependency) and the scopes relations give each dependency.
    edges: list[tuple[str, str]] = []
    scopes: dict[str, Scope] = {}
    for a, kind, b in relations:
        if kind == "DEPENDS_ON":
            src, dst, scope = a, b, Scope.RUNTIME
        elif kind in _DEP_OF:
            src, dst, scope = b, a, _DEP_OF[kind]
        else:
            continue
        if src in packages and dst in packages:
            edges.append((src, dst))
            if src == root_id or kind != "DEPENDS_ON":
                old = scopes.get(dst)
                if old is None or SCOPE_RANK[scope] < SCOPE_RANK[old]:
                    scopes[dst] = scope
    direct_ids = {dst for src, dst in edges if src == root_id} if root_id else set()
    reached = {dst for _, dst in edges}

    ids_to_purl: dict[str, str] = {}
    for sid, pkg in packages.items():
        is_root = sid == root_id
        version = text(pkg.get("versionInfo"), 500)
        pinned = True
        scope = scopes.get(sid, Scope.RUNTIME)
        # Direct when the described package depends on it; transitive when something else does; unknown
        # when no dependency relation names it (CONTAINS, or no relationships at all).
        direct: bool | None = None
        if root_id and sid in reached:
            direct = sid in direct_ids
        comment = text(pkg.get("comment")) or ""
        if "scope: " in comment:
            for key, value in _OSPO_COMMENT.findall(comment):
                value = value.strip()
                if key == "scope" and value in _OSPO_SCOPES:
                    scope = _OSPO_SCOPES[value]
                elif key == "direct" and value in ("true", "false"):
                    direct = value == "true"
                elif key == "version constraint" and not version:
                    version, pinned = value, False
        props: dict[str, str] = {}
        where = text(pkg.get("downloadLocation"), 2000)
        if where and where not in _NO_LICENSE:
            props["resolved"] = where
        comp = build_component(
            purl=_purl(pkg), name=text(pkg.get("name")), group=None, version=version,
            location=Location(location, (lines or {}).get(sid)), pinned=pinned, scope=scope, direct=direct,
            license=_license(pkg, extracted), hashes=_hashes(pkg), properties=props,
        )
        if comp is None:
            continue
        if is_root:
            if not comp.properties.get("sbom:purl-synthesized"):
                fr.root = comp.purl
                ids_to_purl[sid] = comp.purl
            continue
        ids_to_purl[sid] = comp.purl
        fr.components.append(comp)

    for src, dst in edges:
        s, d = ids_to_purl.get(src), ids_to_purl.get(dst)
        if s and d:
            fr.edges.append(Edge(s, d))
    dedupe(fr)


# -- tag-value -------------------------------------------------------------------------------------------
_TAG = re.compile(r"^([A-Za-z][A-Za-z0-9]*):\s?(.*)$")
_PACKAGE_TAGS = {
    "PackageVersion": "versionInfo",
    "PackageDownloadLocation": "downloadLocation",
    "PackageLicenseDeclared": "licenseDeclared",
    "PackageLicenseConcluded": "licenseConcluded",
    "PackageComment": "comment",
}
# Tags that open an element that is not a package: what follows them no longer describes the package.
_OTHER_ELEMENTS = {"FileName", "SnippetSPDXID", "LicenseID"}


def is_spdx_tag_value(text_: str) -> bool:
    head = text_.lstrip()[:2000]
    return head.startswith("SPDXVersion:") or "\nSPDXVersion:" in head


def tag_value_to_json_shape(source: str, fr: FileResult) -> tuple[dict[str, Any], dict[str, int]]:
    """The parts of an SPDX tag-value document we read, as JSON; and each package's line."""
    doc: dict[str, Any] = {"packages": [], "relationships": [], "hasExtractedLicensingInfos": []}
    lines: dict[str, int] = {}
    current: dict[str, Any] | None = None
    current_line = 0
    license_info: dict[str, Any] | None = None
    all_lines = source.splitlines()
    i, n = 0, len(all_lines)
    bad = 0
    while i < n:
        raw = all_lines[i]
        i += 1
        line_no = i
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        m = _TAG.match(raw)
        if m is None:
            bad += 1
            continue
        tag, value = m.group(1), m.group(2).strip()
        if value.startswith("<text>"):
            body = value[len("<text>"):]
            while "</text>" not in body and i < n:
                body += "\n" + all_lines[i]
                i += 1
            value = body.split("</text>", 1)[0].strip()
        if tag == "PackageName":
            current = {"name": value}
            current_line = line_no
            doc["packages"].append(current)
            license_info = None
        elif tag in _OTHER_ELEMENTS:
            current = None
            if tag == "LicenseID":
                license_info = {"licenseId": value}
                doc["hasExtractedLicensingInfos"].append(license_info)
        elif tag == "ExtractedText" and license_info is not None:
            license_info["extractedText"] = value
        elif tag == "SPDXID" and current is not None and "SPDXID" not in current:
            current["SPDXID"] = value
            lines.setdefault(value, current_line)
        elif tag == "Relationship":
            parts = value.split()
            if len(parts) >= 3:
                doc["relationships"].append(
                    {"spdxElementId": parts[0], "relationshipType": parts[1], "relatedSpdxElement": parts[2]}
                )
        elif current is None:
            continue
        elif tag in _PACKAGE_TAGS:
            current[_PACKAGE_TAGS[tag]] = value
        elif tag == "PackageChecksum":
            alg, _, digest = value.partition(":")
            current.setdefault("checksums", []).append({"algorithm": alg.strip(), "checksumValue": digest.strip()})
        elif tag == "ExternalRef":
            parts = value.split(None, 2)
            if len(parts) == 3:
                current.setdefault("externalRefs", []).append(
                    {"referenceCategory": parts[0], "referenceType": parts[1], "referenceLocator": parts[2]}
                )
    if bad:
        fr.issues.append(ParseIssue(fr.path, f"{bad} line(s) are not 'Tag: value' and were skipped", "warning"))
    return doc, lines
