"""SPDX 2.3 JSON from a :class:`~ospo.engine.model.ScanResult`.

Written as plain dicts, like the CycloneDX writer: spdx-tools' object model validates every field through
``beartype`` on construction and is far slower than building dicts (see docs/recall-notes/sbom.md for the
timings). The output is proven valid in ``tests/test_sbom_spdx.py`` twice: spdx-tools' own parser and
``validate_full_spdx_document`` report nothing, and the official SPDX 2.3 JSON schema accepts it.

Choices a reader of the document should know:

* one package for the scanned repository (``SPDXRef-Repository``, purpose APPLICATION) that the document
  DESCRIBES, and one package per component, SPDXID ``SPDXRef-<readable purl>-<hash of the purl>``: stable
  between runs and unique even when two purls differ only in characters SPDX ids cannot hold;
* ``versionInfo`` only for pinned components; an unpinned constraint (``^1.2``) is in the package comment,
  and the purl reference carries no version, so that no matcher mistakes a constraint for a version;
* ``licenseDeclared`` is the normalised SPDX expression when the declared text is one; otherwise the text
  is kept verbatim as a ``LicenseRef-`` in ``hasExtractedLicensingInfos`` and the package points to it
  (what syft and trivy do), so nothing declared is lost and nothing invalid is claimed to be SPDX;
  ``licenseConcluded`` is NOASSERTION: the scanner concludes nothing;
* relationships: the repository DEPENDS_ON its direct runtime dependencies; a direct dependency of another
  scope says so from its side (``X DEV_DEPENDENCY_OF``, ``OPTIONAL_DEPENDENCY_OF``,
  ``TEST_DEPENDENCY_OF`` the repository) because SPDX 2.3 only has the ``*_OF`` forms for scopes; every
  lockfile edge is ``DEPENDS_ON`` (an edge has no scope of its own; the component's scope is in its comment);
* ``documentNamespace`` is derived from the input name, its revision and a hash of the inventory, so the
  same scan gives the same namespace and a different inventory a different one;
* deterministic: packages sorted by purl, relationships sorted; only ``created`` changes between runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import ospo
from ospo.engine.jsonout import dumps_lines
from ospo.engine.model import Component, ScanResult, Scope
from ospo.engine.sbom.licenses import has_license_ref, spdx_expression

NAMESPACE_BASE = "https://spdx.org/spdxdocs/ospo/"
ROOT_ID = "SPDXRef-Repository"
NOASSERTION = "NOASSERTION"

_CHECKSUM_NAMES = {"SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512", "MD5": "MD5"}
_CHECKSUM_LENGTHS = {"SHA1": 40, "SHA256": 64, "SHA384": 96, "SHA512": 128, "MD5": 32}
_HEX = re.compile(r"^[0-9a-f]+$")
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")
# What spdx-tools accepts as a download location, restricted to whitespace-free URLs (a subset of the spec's).
_DOWNLOAD = re.compile(
    r"^(?:(?:git|hg|svn|bzr)\+)?(?:https?|ssh|git|svn|sftp|ftp)://(?:[\w\-.!~*'()%;:&=+$,]+@)?"
    r"[a-z0-9]+(?:[-.][a-z0-9]+)*\.[a-z]{2,5}(?::\d{1,5})?(?:/\S*)?$",
    re.IGNORECASE,
)
_SCOPE_RELATION = {
    Scope.DEVELOPMENT: "DEV_DEPENDENCY_OF",
    Scope.OPTIONAL: "OPTIONAL_DEPENDENCY_OF",
    Scope.TEST: "TEST_DEPENDENCY_OF",
}
_CONTAINER_TYPES = {"docker", "oci"}
_DOWNLOAD_PROPERTIES = ("resolved", "download-url", "url", "source")


def _short_hash(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def spdx_id(purl: str) -> str:
    """``pkg:npm/%40a/b@1.0`` → ``SPDXRef-npm-40a-b-1.0-<hash>``: readable, stable, unique per purl."""
    readable = _UNSAFE.sub("-", purl.removeprefix("pkg:")).strip("-.")[:80]
    return f"SPDXRef-{readable or 'package'}-{_short_hash(purl)}"


def license_ref(text: str) -> str:
    readable = _UNSAFE.sub("-", text).strip("-.")[:40]
    return f"LicenseRef-{readable or 'text'}-{_short_hash(text, 8)}"


def download_location(c: Component) -> str:
    for key in _DOWNLOAD_PROPERTIES:
        value = c.properties.get(key)
        if value and len(value) < 2000 and _DOWNLOAD.match(value):
            return value
    return NOASSERTION


def checksums(c: Component) -> list[dict[str, str]]:
    """SPDX checksum entries; a malformed digest is dropped rather than written invalid."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for alg, value in c.hashes:
        name = _CHECKSUM_NAMES.get(alg)
        value = value.lower()
        if name and len(value) == _CHECKSUM_LENGTHS[name] and _HEX.match(value) and (name, value) not in seen:
            seen.add((name, value))
            out.append({"algorithm": name, "checksumValue": value})
    return out


def declared_license(value: str | None, extracted: dict[str, str]) -> str:
    """The licenseDeclared value; non-SPDX text is registered in ``extracted`` (LicenseRef → text)."""
    if not value or not value.strip():
        return NOASSERTION
    expr, _ = spdx_expression(value)
    if expr is not None and not has_license_ref(expr):
        return expr
    # Not SPDX, or SPDX naming a LicenseRef whose text we do not have: the declared text itself becomes
    # the extracted license, so every LicenseRef the document uses is defined in it.
    text = value.strip()
    ref = license_ref(text)
    extracted[ref] = text
    return ref


def _comment(c: Component) -> str:
    parts = [f"scope: {c.scope.value}", f"ecosystem: {c.ecosystem}"]
    if c.direct is not None:
        parts.append(f"direct: {str(c.direct).lower()}")
    if not c.pinned and c.version:
        parts.append(f"version constraint: {c.version}")
    if c.locations:
        parts.append("declared in: " + ", ".join(str(loc) for loc in c.locations))
    parts.extend(f"{k}: {v}" for k, v in sorted(c.properties.items()) if v)
    return "; ".join(parts)


def package_dict(c: Component, sid: str, extracted: dict[str, str]) -> dict[str, Any]:
    pkg: dict[str, Any] = {"SPDXID": sid, "name": c.name}
    if c.pinned and c.version:
        pkg["versionInfo"] = c.version
    pkg["downloadLocation"] = download_location(c)
    pkg["filesAnalyzed"] = False
    sums = checksums(c)
    if sums:
        pkg["checksums"] = sums
    pkg["licenseConcluded"] = NOASSERTION
    pkg["licenseDeclared"] = declared_license(c.license, extracted)
    pkg["copyrightText"] = NOASSERTION
    pkg["externalRefs"] = [
        {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": c.purl}
    ]
    pkg["primaryPackagePurpose"] = "CONTAINER" if c.ecosystem in _CONTAINER_TYPES else "LIBRARY"
    pkg["comment"] = _comment(c)
    return pkg


def _assign_ids(components: list[Component]) -> dict[str, str]:
    """purl → SPDXID; a (vanishingly unlikely) hash collision gets a longer hash, never a duplicate id."""
    ids: dict[str, str] = {}
    used: set[str] = {ROOT_ID}
    for c in components:
        if c.purl in ids:
            continue
        sid = spdx_id(c.purl)
        n = 10
        while sid in used:
            n += 6
            sid = f"{sid.rsplit('-', 1)[0]}-{_short_hash(c.purl + str(n), n)}"
        used.add(sid)
        ids[c.purl] = sid
    return ids


def document_namespace(result: ScanResult, namespace_seed: str | None = None) -> str:
    """Stable for the same inventory: name + revision + a hash of purls and edges (or of the given seed)."""
    if namespace_seed is None:
        h = hashlib.sha256()
        for c in sorted(result.components, key=lambda c: c.purl):
            h.update(c.purl.encode("utf-8", "surrogatepass") + b"\n")
        for e in sorted(result.edges, key=lambda e: (e.source, e.target)):
            h.update(f"{e.source}>{e.target}\n".encode("utf-8", "surrogatepass"))
        digest = h.hexdigest()[:32]
    else:
        digest = hashlib.sha256(namespace_seed.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    name = _UNSAFE.sub("-", result.name).strip("-.")[:100] or "input"
    revision = _UNSAFE.sub("-", result.revision).strip("-.")[:64] if result.revision else "worktree"
    return f"{NAMESPACE_BASE}{name}-{revision or 'worktree'}-{digest}"


def _root_package(result: ScanResult) -> dict[str, Any]:
    root: dict[str, Any] = {"SPDXID": ROOT_ID, "name": result.name or "input"}
    if result.revision:
        root["versionInfo"] = result.revision
    root["downloadLocation"] = result.source if _DOWNLOAD.match(result.source or "") else NOASSERTION
    root["filesAnalyzed"] = False
    root["licenseConcluded"] = NOASSERTION
    root["licenseDeclared"] = NOASSERTION
    root["copyrightText"] = NOASSERTION
    root["sourceInfo"] = f"scanned from {result.source}" + (f" at {result.revision}" if result.revision else "")
    root["primaryPackagePurpose"] = "APPLICATION"
    return root


def _relationships(result: ScanResult, components: list[Component], ids: dict[str, str]) -> list[dict[str, str]]:
    rels: set[tuple[str, str, str]] = {("SPDXRef-DOCUMENT", "DESCRIBES", ROOT_ID)}
    for c in components:
        if c.direct:
            relation = _SCOPE_RELATION.get(c.scope)
            if relation is None:
                rels.add((ROOT_ID, "DEPENDS_ON", ids[c.purl]))
            else:
                rels.add((ids[c.purl], relation, ROOT_ID))
    for e in result.edges:
        src, dst = ids.get(e.source), ids.get(e.target)
        if src and dst and src != dst:
            rels.add((src, "DEPENDS_ON", dst))
    return [
        {"spdxElementId": a, "relationshipType": t, "relatedSpdxElement": b} for a, t, b in sorted(rels)
    ]


def build_document(
    result: ScanResult, created: dt.datetime | None = None, namespace_seed: str | None = None
) -> dict[str, Any]:
    stamp = (created or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    components = sorted(result.components, key=lambda c: c.purl)
    ids = _assign_ids(components)
    extracted: dict[str, str] = {}
    packages = [_root_package(result)]
    seen: set[str] = set()
    for c in components:
        if c.purl not in seen:  # a ScanResult from merge has unique purls; a hand-made one may not
            seen.add(c.purl)
            packages.append(package_dict(c, ids[c.purl], extracted))
    creation: dict[str, Any] = {
        "created": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "creators": [f"Tool: ospo-{ospo.__version__}"],
    }
    doc: dict[str, Any] = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": result.name or "input",
        "documentNamespace": document_namespace(result, namespace_seed),
        "creationInfo": creation,
    }
    issues = result.all_issues
    if issues:
        doc["comment"] = "Scan issues:\n" + "\n".join(str(i) for i in issues)
    doc["packages"] = packages
    if extracted:
        doc["hasExtractedLicensingInfos"] = [
            {"licenseId": ref, "extractedText": text, "name": text[:200]} for ref, text in sorted(extracted.items())
        ]
    doc["relationships"] = _relationships(result, components, ids)
    return doc


def to_json(result: ScanResult, created: dt.datetime | None = None, namespace_seed: str | None = None) -> str:
    return dumps_lines(build_document(result, created, namespace_seed))
