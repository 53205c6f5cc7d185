"""Gemfile.lock / gems.locked: Bundler's resolved set, read line by line.

Layout (Bundler 1.x–2.6): unindented section headers; in source sections (GEM, GIT, PATH, PLUGIN SOURCE)
two-space ``key: value`` options, ``specs:``, four-space ``name (version[-platform])`` specs and six-space
``dep (requirement)`` lines that become edges. DEPENDENCIES names the direct gems (``!`` when they come
from a non-rubygems source), CHECKSUMS (Bundler 2.5+) gives ``sha256=`` digests. PATH gems are the
repository's own code: ``remote: .`` is the project itself (the file's root), other PATH gems are kept as
components marked ``first-party``. The lock has no groups, so scopes come from the sibling Gemfile when
there is one: a gem is runtime when a runtime direct gem reaches it, else the broadest scope that does.
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import dataclass, field

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge, hex_hash
from ospo.engine.ecosystems.gem._common import broadest, gem_purl, is_version, split_platform
from ospo.engine.ecosystems.gem.gemfile import parse_gemfile
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text

_SPEC = re.compile(r"^    ([^\s(!]+) \(([^)]*)\)\s*$")
_DEP = re.compile(r"^      ([^\s(!]+)(?: \(([^)]*)\))?\s*$")
_DIRECT = re.compile(r"^  ([^\s(!]+)(?: \(([^)]*)\))?(!)?\s*$")
_OPTION = re.compile(r"^  ([a-z_]+): ?(.*)$")
_CHECKSUM = re.compile(r"^  ([^\s(]+) \(([^)]*)\)(?: (.*))?$")
_SOURCE_SECTIONS = {"GEM", "GIT", "PATH", "PLUGIN SOURCE"}
_KNOWN = _SOURCE_SECTIONS | {"PLATFORMS", "DEPENDENCIES", "RUBY VERSION", "BUNDLED WITH", "CHECKSUMS"}
_SIBLING_MANIFEST = {"Gemfile.lock": "Gemfile", "gems.locked": "gems.rb"}


@dataclass(slots=True)
class _Spec:
    name: str
    version: str
    platform: str | None
    line: int
    section: str
    options: dict[str, str]
    deps: list[str] = field(default_factory=list)


class GemfileLockExtractor(Extractor):
    name = "gem-gemfile-lock"
    ecosystem = "gem"
    kind = "lockfile"
    filenames = frozenset({"Gemfile.lock", "gems.locked"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        specs: list[_Spec] = []
        direct: dict[str, bool] = {}
        checksums: dict[tuple[str, str], list[tuple[str, str]]] = {}
        section = ""
        options: dict[str, str] = {}
        current: _Spec | None = None
        seen_section = False
        bad_lines = 0
        for no, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            if not line.startswith(" "):
                section = line.strip()
                seen_section = seen_section or section in _KNOWN
                options = {}
                current = None
                continue
            if section in _SOURCE_SECTIONS:
                m = _SPEC.match(line)
                if m:
                    version, platform = split_platform(m.group(2))
                    current = _Spec(m.group(1), version, platform, no, section, options)
                    specs.append(current)
                    continue
                m = _DEP.match(line)
                if m and current is not None:
                    current.deps.append(m.group(1))
                    continue
                m = _OPTION.match(line)
                if m:
                    if m.group(1) != "specs":
                        # GEM may list several remotes (Bundler 1.x); keep the first
                        options = {**options}
                        options.setdefault(m.group(1), m.group(2).strip())
                    continue
                bad_lines += 1
            elif section == "DEPENDENCIES":
                m = _DIRECT.match(line)
                if m:
                    direct[m.group(1)] = bool(m.group(3))
                else:
                    bad_lines += 1
            elif section == "CHECKSUMS":
                m = _CHECKSUM.match(line)
                if m and m.group(3):
                    hashes = []
                    for part in m.group(3).split(","):
                        alg, _, value = part.strip().partition("=")
                        h = hex_hash(alg, value)
                        if h:
                            hashes.append(h)
                    checksums[(m.group(1), m.group(2))] = hashes
        if not seen_section:
            raise ParseFailure("no Bundler lockfile sections (GEM, DEPENDENCIES, …): not a Gemfile.lock")
        if bad_lines:
            result.issues.append(ParseIssue(path, f"{bad_lines} line(s) not in Bundler lockfile syntax were skipped",
                                            severity="warning"))
        self._build(path, specs, direct, checksums, result, tree)
        return result

    def _build(self, path: str, specs: list[_Spec], direct: dict[str, bool],
               checksums: dict[tuple[str, str], list[tuple[str, str]]], result: FileResult, tree: Tree) -> None:
        by_name: dict[str, list[Component]] = {}
        comp_of: list[tuple[_Spec, Component]] = []
        root_spec: _Spec | None = None
        for spec in specs:
            if not spec.name or not is_version(spec.version):
                result.issues.append(ParseIssue(path, f"line {spec.line}: unreadable version {spec.version!r}",
                                                severity="warning"))
                continue
            remote = spec.options.get("remote", "")
            if spec.section == "PATH" and remote.rstrip("/") in (".", "") and root_spec is None:
                root_spec = spec
                result.root = gem_purl(spec.name, spec.version)
                continue
            props: dict[str, str] = {}
            if spec.section == "GIT":
                props["source"] = remote
                for key in ("revision", "branch", "tag", "ref", "glob", "submodules"):
                    if spec.options.get(key):
                        props[key] = spec.options[key]
            elif spec.section == "PATH":
                props["source"] = f"path:{remote}"
                props["first-party"] = "true"
            elif spec.section == "PLUGIN SOURCE":
                props["source"] = remote
                if spec.options.get("type"):
                    props["plugin-source-type"] = spec.options["type"]
            elif remote:
                props["registry"] = remote
            raw_version = f"{spec.version}-{spec.platform}" if spec.platform else spec.version
            comp = component(
                "gem", spec.name, spec.version, gem_purl(spec.name, spec.version, spec.platform), path=path,
                line=spec.line, direct=spec.name in direct, hashes=checksums.get((spec.name, raw_version)),
                properties=props,
            )
            by_name.setdefault(spec.name, []).append(comp)
            comp_of.append((spec, comp))
            result.components.append(comp)

        # Edges: a dependency line names a gem; every locked platform variant of it is a candidate.
        children: dict[str, list[str]] = {}
        for spec, comp in comp_of:
            targets = [t.purl for dep in spec.deps for t in by_name.get(dep, ())]
            children[comp.purl] = targets
            result.edges.extend(edge(comp.purl, t) for t in targets)
        if result.root:
            for name in direct:
                result.edges.extend(edge(result.root, t.purl) for t in by_name.get(name, ()))

        self._scopes(path, tree, direct, by_name, children, root_spec)

    def _scopes(self, path: str, tree: Tree, direct: dict[str, bool], by_name: dict[str, list[Component]],
                children: dict[str, list[str]], root_spec: _Spec | None) -> None:
        """Propagate Gemfile groups from the direct gems down the dependency graph."""
        manifest = _SIBLING_MANIFEST.get(posixpath.basename(path))
        data = tree.read(posixpath.join(posixpath.dirname(path), manifest)) if manifest else None
        if data is None:
            return
        try:
            decls, _ = parse_gemfile(decode_text(data))
        except ParseFailure:
            return
        declared: dict[str, Scope] = {}
        for d in decls:
            declared[d.name] = broadest(declared.get(d.name, Scope.TEST), d.scope)
        root_runtime = set(root_spec.deps) if root_spec else set()
        seeds: dict[str, Scope] = {name: Scope.RUNTIME for name in root_runtime}
        for name in direct:
            if name in declared:
                scope = declared[name]
            elif name in root_runtime:
                scope = Scope.RUNTIME
            elif root_spec is not None:
                scope = Scope.DEVELOPMENT  # a gemspec's development dependency, pulled in by `gemspec`
            else:
                scope = Scope.RUNTIME
            seeds[name] = broadest(seeds.get(name, Scope.TEST), scope)
        best: dict[str, Scope] = {}
        queue: deque[str] = deque()
        for order in (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEVELOPMENT, Scope.TEST):
            for name, scope in seeds.items():
                if scope is not order:
                    continue
                for comp in by_name.get(name, ()):
                    if comp.purl not in best:
                        best[comp.purl] = scope
                        queue.append(comp.purl)
            while queue:  # breadth-first per scope: runtime reach is settled before development's
                cur = queue.popleft()
                for child in children.get(cur, ()):
                    if child not in best:
                        best[child] = order
                        queue.append(child)
        for comps in by_name.values():
            for comp in comps:
                if comp.purl in best:
                    comp.scope = best[comp.purl]
