"""pom.xml / *.pom: a Maven module's declared dependencies, resolved as far as the tree allows.

What is resolved, and why:

* ``${properties}``, including ``project.*`` / ``project.parent.*`` and CI-friendly ``${revision}``,
  ``${sha1}``, ``${changelist}`` (also from ``.mvn/maven.config`` ``-D`` options, which override the POM);
* in-tree parents, found through ``<relativePath>`` (default ``../pom.xml``) and accepted only when their
  groupId/artifactId match the ``<parent>`` element — exactly Maven's rule; their properties,
  ``<dependencyManagement>`` and ``<pluginManagement>`` are inherited;
* versions and scopes that a dependency omits, from the inherited ``<dependencyManagement>`` (keyed by
  groupId:artifactId:type:classifier as Maven keys it).

What is reported:

* each ``<dependency>`` as a direct component; compile/runtime → runtime, test → test, provided → optional
  (the container supplies it; it is not shipped), system → runtime with ``maven:system-path``,
  ``<optional>true</optional>`` → optional. The Maven scope travels in property ``maven:scope``;
* BOM imports (``<scope>import</scope>``) and a parent outside the tree, as components of type ``pom``: they
  decide the versions of everything else, so they belong in the inventory;
* build plugins and extensions, with scope development and property ``maven:plugin``: they run on the build
  machine and are part of the supply chain, not of the shipped artifact;
* dependencies on modules of the same reactor (the in-tree parents and every ``<modules>`` entry reachable
  from them or from a pom.xml in an enclosing directory) are first-party code and are **not** components.

A version left unresolved (a property of a parent outside the tree, a BOM-managed version) keeps the text as
written and is unpinned; a range such as ``[1.0,2.0)`` is unpinned too.
"""

from __future__ import annotations

import posixpath
import re
import weakref
from collections import deque

from ospo.engine.ecosystems.base import Extractor, Tree, component, edge
from ospo.engine.ecosystems.maven._coords import is_exact, maven_purl, valid_coord_part
from ospo.engine.ecosystems.maven._model import Dep, Plugin, Pom, read_pom
from ospo.engine.ecosystems.maven._props import Interpolator, unresolved
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text

_SCOPES = {
    "compile": Scope.RUNTIME, "runtime": Scope.RUNTIME, "system": Scope.RUNTIME,
    "provided": Scope.OPTIONAL, "test": Scope.TEST,
}
_MAX_PARENTS = 20
_MAX_REACTOR = 3000
_DEFINE = re.compile(r"(?:^|\s)-D\s*([\w.\-]+)=(\"[^\"]*\"|'[^']*'|\S*)")
_DEFAULT_PLUGIN_GROUP = "org.apache.maven.plugins"
_GA = frozenset[tuple[str, str]]  # a set of groupId:artifactId


def _pom_path_for(base_dir: str, ref: str) -> str | None:
    """A module or relativePath entry → the POM file it names, or None when it leaves the tree."""
    target = posixpath.normpath(posixpath.join(base_dir, ref.replace("\\", "/")))
    if not target.endswith(".xml") and not target.endswith(".pom"):
        target = posixpath.join(target, "pom.xml")
    if target.startswith("../") or target == ".." or target.startswith("/"):
        return None
    return target[2:] if target.startswith("./") else target


def _read(tree: Tree, path: str) -> Pom | None:
    data = tree.read(path)
    if data is None:
        return None
    try:
        return read_pom(data)
    except ParseFailure:
        return None


class PomExtractor(Extractor):
    name = "maven-pom"
    ecosystem = "maven"
    kind = "manifest"

    def __init__(self) -> None:
        self._closures: weakref.WeakKeyDictionary[Tree, dict[str, frozenset[tuple[str, str]]]] = \
            weakref.WeakKeyDictionary()

    def wants(self, path: str) -> bool:
        base = posixpath.basename(path)
        return base == "pom.xml" or (base.endswith(".pom") and len(base) > 4)

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        pom = read_pom(data)
        result = self.result(path)
        chain = self._parents(path, pom, tree, result)  # [(path, Pom)] nearest first
        interp = Interpolator(self._properties(path, pom, chain, tree))
        expand = interp.expand

        group, version = expand(pom.effective_group), expand(pom.effective_version)
        artifact = expand(pom.artifact)
        if valid_coord_part(group) and valid_coord_part(artifact):
            result.root = maven_purl(group, artifact, version if is_exact(version) else None)

        managed = self._managed(pom, chain, expand)
        managed_plugins = self._managed_plugins(pom, chain, expand)
        reactor = self._reactor(path, pom, chain, tree, expand)

        out: list[Component] = []
        if pom.parent is not None and not chain:
            out.extend(self._parent_component(path, pom, expand))
        for dep in pom.managed:
            if dep.scope == "import":
                comp = self._dependency(path, dep, expand, {}, reactor, result, bom=True)
                if comp is not None:
                    out.append(comp)
        for dep in pom.dependencies:
            comp = self._dependency(path, dep, expand, managed, reactor, result)
            if comp is not None:
                out.append(comp)
        for plugin in pom.plugins:
            out.extend(self._plugin(path, plugin, expand, managed_plugins, reactor))

        result.components = out
        if result.root:
            seen: set[str] = set()
            for comp in out:
                if comp.purl not in seen:
                    seen.add(comp.purl)
                    result.edges.append(edge(result.root, comp.purl))
        return result

    # -- inheritance -----------------------------------------------------------------------------
    def _parents(self, path: str, pom: Pom, tree: Tree, result: FileResult) -> list[tuple[str, Pom]]:
        chain: list[tuple[str, Pom]] = []
        seen = {path}
        cur_path, cur = path, pom
        while cur.parent is not None and len(chain) < _MAX_PARENTS:
            parent = cur.parent
            if parent.relative_path == "":
                break  # <relativePath/>: the parent is looked up in repositories only
            ppath = _pom_path_for(posixpath.dirname(cur_path), parent.relative_path or "../pom.xml")
            if ppath is None or ppath in seen:
                break
            candidate = _read(tree, ppath)
            if candidate is None:
                if parent.relative_path:  # explicitly named but absent or unreadable: worth a warning
                    result.issues.append(ParseIssue(
                        path, f"parent POM {ppath} named by <relativePath> is missing or unreadable; "
                              "inherited versions are unresolved", severity="warning"))
                break
            if candidate.artifact != parent.artifact or candidate.effective_group != parent.group:
                break  # Maven ignores a relativePath POM that is some other project
            seen.add(ppath)
            chain.append((ppath, candidate))
            cur_path, cur = ppath, candidate
        return chain

    def _properties(self, path: str, pom: Pom, chain: list[tuple[str, Pom]], tree: Tree) -> dict[str, str]:
        values: dict[str, str] = {}
        for _, ancestor in reversed(chain):
            values.update(ancestor.properties)
        values.update(pom.properties)
        group, version = pom.effective_group, pom.effective_version
        builtins = {
            "project.groupId": group, "project.artifactId": pom.artifact, "project.version": version,
            "project.packaging": pom.packaging, "pom.groupId": group, "pom.artifactId": pom.artifact,
            "pom.version": version, "groupId": group, "artifactId": pom.artifact, "version": version,
        }
        if pom.parent is not None:
            builtins.update({
                "project.parent.groupId": pom.parent.group, "project.parent.artifactId": pom.parent.artifact,
                "project.parent.version": pom.parent.version, "parent.version": pom.parent.version,
                "parent.groupId": pom.parent.group,
            })
        for k, v in builtins.items():
            values.setdefault(k, v) if k in ("groupId", "artifactId", "version") else values.__setitem__(k, v)
        values.update(self._maven_config(path, tree))
        return values

    def _maven_config(self, path: str, tree: Tree) -> dict[str, str]:
        """``-Dname=value`` from the nearest ``.mvn/maven.config``: how CI-friendly versions are set."""
        d = posixpath.dirname(path)
        while True:
            data = tree.read(posixpath.join(d, ".mvn/maven.config") if d else ".mvn/maven.config")
            if data is not None:
                try:
                    text = decode_text(data)
                except ParseFailure:
                    return {}
                return {m.group(1): m.group(2).strip("\"'") for m in _DEFINE.finditer(text)}
            if not d:
                return {}
            d = posixpath.dirname(d)

    def _managed(self, pom: Pom, chain: list[tuple[str, Pom]], expand) -> dict[tuple[str, str, str, str], Dep]:  # type: ignore[no-untyped-def]
        # A child's own management wins over its parents'; within one POM the first entry wins (Maven).
        out: dict[tuple[str, str, str, str], Dep] = {}
        for source in [pom, *(p for _, p in chain)]:
            for dep in source.managed:
                if dep.scope == "import":
                    continue
                key = (expand(dep.group), expand(dep.artifact), expand(dep.type_) or "jar", expand(dep.classifier))
                out.setdefault(key, dep)
        return out

    def _managed_plugins(self, pom: Pom, chain: list[tuple[str, Pom]], expand) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
        out: dict[tuple[str, str], str] = {}
        for source in [pom, *(p for _, p in chain)]:
            for plugin in [*source.managed_plugins, *source.plugins]:
                if plugin.version:
                    key = (expand(plugin.group) or _DEFAULT_PLUGIN_GROUP, expand(plugin.artifact))
                    out.setdefault(key, plugin.version)
        return out

    def _reactor(self, path: str, pom: Pom, chain: list[tuple[str, Pom]], tree: Tree, expand) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
        """groupId:artifactId of every module of the build this POM belongs to (first-party code).

        Module closures are memoised per tree: in a reactor of N modules every POM asks the same question,
        and answering it from scratch each time would cost N² file reads.
        """
        found: set[tuple[str, str]] = {(expand(pom.effective_group), expand(pom.artifact))}
        starts = [path, *(p for p, _ in chain)]
        d = posixpath.dirname(path)
        while d:
            d = posixpath.dirname(d)
            starts.append(posixpath.join(d, "pom.xml") if d else "pom.xml")
        memo = self._memo_for(tree)
        for start in starts:
            found |= self._closure(start, tree, memo)
        return {(g, a) for g, a in found if g and a}

    def _memo_for(self, tree: Tree) -> dict[str, frozenset[tuple[str, str]]]:
        try:
            memo = self._closures.get(tree)
            if memo is None:
                memo = self._closures[tree] = {}
            return memo
        except TypeError:  # a tree that cannot be weakly referenced: no sharing
            return {}

    def _closure(self, start: str, tree: Tree, memo: dict[str, _GA]) -> _GA:
        if start in memo:
            return memo[start]
        found: set[tuple[str, str]] = set()
        queue = deque([start])
        visited: set[str] = set()
        while queue and len(visited) < _MAX_REACTOR:
            cur = queue.popleft()
            if cur in visited:
                continue
            visited.add(cur)
            if cur != start and cur in memo:
                found |= memo[cur]
                continue
            member = _read(tree, cur)
            if member is None:
                continue
            found.add((member.effective_group, member.artifact))
            base = posixpath.dirname(cur)
            for module in member.modules:
                mpath = _pom_path_for(base, module)
                if mpath and mpath not in visited:
                    queue.append(mpath)
        memo[start] = result = frozenset(found)
        return result

    # -- components ------------------------------------------------------------------------------
    def _parent_component(self, path: str, pom: Pom, expand) -> list[Component]:  # type: ignore[no-untyped-def]
        parent = pom.parent
        assert parent is not None
        g, a, v = expand(parent.group), expand(parent.artifact), expand(parent.version)
        if not (valid_coord_part(g) and valid_coord_part(a)):
            return []
        pinned = is_exact(v)
        return [component(
            "maven", f"{g}:{a}", v or None, maven_purl(g, a, v if pinned else None, type_="pom"), path=path,
            line=parent.line, pinned=pinned, scope=Scope.RUNTIME, direct=True,
            properties={"maven:parent": "true"},
        )]

    def _dependency(self, path: str, dep: Dep, expand, managed, reactor, result: FileResult,  # type: ignore[no-untyped-def]
                    bom: bool = False) -> Component | None:
        g, a = expand(dep.group), expand(dep.artifact)
        if not (valid_coord_part(g) and valid_coord_part(a)):
            result.issues.append(ParseIssue(
                path, f"dependency without a usable groupId/artifactId ({g or '?'}:{a or '?'}) skipped"
                      + (f" at line {dep.line}" if dep.line else ""), severity="warning"))
            return None
        if (g, a) in reactor:
            return None
        type_ = expand(dep.type_) or "jar"
        classifier = expand(dep.classifier)
        managed_dep = managed.get((g, a, type_, classifier))
        props: dict[str, str] = {}
        raw_version = dep.version
        if not raw_version and managed_dep is not None:
            raw_version = managed_dep.version
            if raw_version:
                props["maven:managed-version"] = "true"
        version = expand(raw_version)
        mscope = (dep.scope or (managed_dep.scope if managed_dep else "") or "compile").strip()
        scope = _SCOPES.get(mscope, Scope.RUNTIME)
        if bom:
            props["maven:bom"] = "true"
            scope = Scope.RUNTIME
        elif mscope != "compile":
            props["maven:scope"] = mscope
        optional = expand(dep.optional or (managed_dep.optional if managed_dep else "")).lower() == "true"
        if optional and scope is not Scope.TEST:
            scope = Scope.OPTIONAL
            props["maven:optional"] = "true"
        if mscope == "system" and dep.system_path:
            props["maven:system-path"] = expand(dep.system_path)
        if dep.profile:
            props["maven:profile"] = dep.profile
        pinned = is_exact(version)
        if not version:
            props["maven:version"] = "managed outside the tree (BOM or remote parent)"
        elif unresolved(version):
            props["maven:version"] = "unresolved property"
        return component(
            "maven", f"{g}:{a}", version or None,
            maven_purl(g, a, version if pinned else None, type_=type_, classifier=classifier),
            path=path, line=dep.line, pinned=pinned, scope=scope, direct=True, properties=props,
        )

    def _plugin(self, path: str, plugin: Plugin, expand, managed_plugins, reactor) -> list[Component]:  # type: ignore[no-untyped-def]
        g = expand(plugin.group) or _DEFAULT_PLUGIN_GROUP
        a = expand(plugin.artifact)
        out: list[Component] = []
        if not (valid_coord_part(g) and valid_coord_part(a)) or (g, a) in reactor:
            return out
        version = expand(plugin.version or managed_plugins.get((g, a), ""))
        pinned = is_exact(version)
        props = {"maven:plugin": "true"}
        if plugin.extension:
            props = {"maven:extension": "true"}
        if plugin.profile:
            props["maven:profile"] = plugin.profile
        out.append(component(
            "maven", f"{g}:{a}", version or None, maven_purl(g, a, version if pinned else None), path=path,
            line=plugin.line, pinned=pinned, scope=Scope.DEVELOPMENT, direct=True, properties=props,
        ))
        for dep in plugin.dependencies:
            dg, da, dv = expand(dep.group), expand(dep.artifact), expand(dep.version)
            if not (valid_coord_part(dg) and valid_coord_part(da)) or (dg, da) in reactor:
                continue
            dpinned = is_exact(dv)
            dtype, dcls = expand(dep.type_) or "jar", expand(dep.classifier)
            out.append(component(
                "maven", f"{dg}:{da}", dv or None,
                maven_purl(dg, da, dv if dpinned else None, type_=dtype, classifier=dcls),
                path=path, line=dep.line, pinned=dpinned, scope=Scope.DEVELOPMENT, direct=True,
                properties={"maven:plugin-dependency": f"{g}:{a}"},
            ))
        return out
