"""Podfile.lock: every installed pod with its exact version, the Podfile's direct dependencies, checksums.

Sections (YAML): ``PODS`` lists ``Name (1.2.3)`` entries, optionally as a mapping to the entries they depend
on (``Name (~> 1.0)``); ``Firebase/Core (10.0.0)`` is the ``Core`` subspec of the ``Firebase`` pod, written
``pkg:cocoapods/Firebase@10.0.0#Core`` as the purl-spec prescribes. ``DEPENDENCIES`` are what the Podfile
asks for (direct). ``EXTERNAL SOURCES`` mark pods from git (kept, with the source and the
``CHECKOUT OPTIONS`` commit) or from a local ``:path:`` (the repository's own code: skipped).
``SPEC CHECKSUMS`` is the SHA-1 of each pod's podspec, recorded as the component's SHA-1 hash.

Everything read is type-checked: real lock files mix strings and one-key mappings in ``PODS``, and a
parser that assumes one shape crashes (cdxgen does on the corpus's Podfile.lock).
"""

from __future__ import annotations

import re
from typing import Any

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash, make_purl
from ospo.engine.model import Component, FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_ENTRY = re.compile(r"^(\S+?)(?:\s+\((.*)\))?$")


def _split(entry: str) -> tuple[str, str | None] | None:
    m = _ENTRY.match(entry.strip())
    if not m:
        return None
    return m.group(1), (m.group(2) or None)


def _pod_purl(name: str, version: str | None) -> str:
    root, _, subspec = name.partition("/")
    return make_purl("cocoapods", root, version, subpath=subspec or None)


class PodfileLockExtractor(Extractor):
    name = "cocoapods-podfile-lock"
    ecosystem = "cocoapods"
    kind = "lockfile"
    filenames = frozenset({"Podfile.lock"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("PODS"), list):
            raise ParseFailure("not a Podfile.lock: no PODS list")
        result = self.result(path)
        text = decode_text(data)
        line_of = self._line_finder(text)

        direct: set[str] = set()
        declared = doc.get("DEPENDENCIES")
        for dep in declared if isinstance(declared, list) else ():
            parsed = _split(dep) if isinstance(dep, str) else None
            if parsed:
                direct.add(parsed[0])
                direct.add(parsed[0].partition("/")[0])
        external = doc.get("EXTERNAL SOURCES")
        external = external if isinstance(external, dict) else {}
        checkout = doc.get("CHECKOUT OPTIONS")
        checkout = checkout if isinstance(checkout, dict) else {}
        checksums = doc.get("SPEC CHECKSUMS")
        checksums = checksums if isinstance(checksums, dict) else {}

        by_name: dict[str, Component] = {}
        children: list[tuple[str, list[Any]]] = []
        for item in doc["PODS"]:
            entry, deps = item, None
            if isinstance(item, dict) and len(item) == 1:
                entry, deps = next(iter(item.items()))
            if not isinstance(entry, str):
                result.issues.append(ParseIssue(path, f"PODS entry is not a string: {str(item)[:60]}", "warning"))
                continue
            parsed = _split(entry)
            if not parsed or not parsed[1]:
                result.issues.append(ParseIssue(path, f"PODS entry without a version: {entry[:60]}", "warning"))
                continue
            name, version = parsed
            root = name.partition("/")[0]
            if not root:
                result.issues.append(ParseIssue(path, f"PODS entry without a pod name: {entry[:60]}", "warning"))
                continue
            source = external.get(root)
            props: dict[str, str] = {}
            if isinstance(source, dict):
                if ":path" in source:
                    continue  # development pod: the repository's own code
                for key in (":git", ":podspec", ":http"):
                    if isinstance(source.get(key), str):
                        props["source"] = source[key]
                        break
                for key in (":branch", ":tag", ":commit"):
                    if isinstance(source.get(key), str):
                        props[key[1:]] = source[key]
            pinned_checkout = checkout.get(root)
            if isinstance(pinned_checkout, dict) and isinstance(pinned_checkout.get(":commit"), str):
                props["commit"] = pinned_checkout[":commit"]
            hashes = []
            checksum = checksums.get(root)
            if isinstance(checksum, str):
                h = hex_hash("sha1", checksum)
                if h:
                    hashes.append(h)
            comp = component(
                "cocoapods", name, version, _pod_purl(name, version), path=path, line=line_of(entry),
                direct=name in direct, hashes=hashes, properties=props,
            )
            if name in by_name:
                continue
            by_name[name] = comp
            result.components.append(comp)
            if isinstance(deps, list):
                children.append((comp.purl, deps))
        for src, deps in children:
            for dep in deps:
                parsed = _split(dep) if isinstance(dep, str) else None
                target = by_name.get(parsed[0]) if parsed else None
                if target is not None:
                    result.edges.append(edge(src, target.purl))
        return result

    @staticmethod
    def _line_finder(text: str):  # type: ignore[no-untyped-def]
        """Map a PODS entry to its line: the first ``- Name (version)`` item of the file (PODS comes first)."""
        lines: dict[str, int] = {}
        for n, raw in enumerate(text.splitlines(), 1):
            s = raw.strip()
            if not s.startswith("- "):
                continue
            s = s[2:].rstrip(":").strip().strip("\"'")
            lines.setdefault(s, n)
        return lines.get
