"""The resolved dependency graph of one npm-family lockfile, turned into components and edges.

yarn, pnpm and bun lockfiles all describe the same thing: installed packages (nodes keyed by the
lockfile's own identifier), which node each dependency of a node resolved to, and which nodes the project's
manifests ask for directly. They differ in syntax only, so the extractors fill a :class:`LockGraph` and
this module does the rest once: scopes from reachability when the file carries no dev flags, direct
flags, one component per purl (pnpm peer variants and bun's nested copies of the same version collapse)
and purl → purl edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ospo.engine.ecosystems.base import edge
from ospo.engine.ecosystems.npm._common import propagate_scopes
from ospo.engine.model import Component, FileResult, Scope

_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2, Scope.TEST: 3}


@dataclass
class LockGraph:
    nodes: dict[str, Component] = field(default_factory=dict)
    graph: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)  # node → (node, optional edge)
    roots: list[tuple[str, Scope]] = field(default_factory=list)  # directly requested nodes
    flagged: set[str] = field(default_factory=set)  # nodes whose scope the file states (pnpm v5/v6 dev flags)

    def add_edge(self, source: str, target: str, optional: bool = False) -> None:
        self.graph.setdefault(source, []).append((target, optional))

    def finish(self, result: FileResult, *, direct_known: bool) -> None:
        """Write components and edges into ``result``.

        ``direct_known``: the file (or its manifests) lists every direct dependency, so a node that is
        not a root is known to be transitive (False) rather than unknown (None).
        """
        scopes = propagate_scopes(self.roots, self.graph) if self.roots else {}
        root_ids = {node for node, _ in self.roots}
        by_purl: dict[str, Component] = {}
        informed: set[str] = set()  # purls whose scope comes from the file or from reachability
        purl_of: dict[str, str] = {}
        for node, comp in self.nodes.items():
            known = node in self.flagged or node in scopes
            if node not in self.flagged and node in scopes:
                comp.scope = scopes[node]
            comp.direct = True if node in root_ids else (False if direct_known else None)
            purl_of[node] = comp.purl
            kept = by_purl.get(comp.purl)
            if kept is None:
                by_purl[comp.purl] = comp
                result.components.append(comp)
                if known:
                    informed.add(comp.purl)
                continue
            if comp.direct:
                kept.direct = True
            # A copy nothing reaches (its default scope is a guess) never overrides one that is reached.
            if known and (comp.purl not in informed or _RANK[comp.scope] < _RANK[kept.scope]):
                kept.scope = comp.scope
                informed.add(comp.purl)
            for h in comp.hashes:
                if h not in kept.hashes:
                    kept.hashes.append(h)
            for k, v in comp.properties.items():
                kept.properties.setdefault(k, v)

        seen: set[tuple[str, str]] = set()
        if result.root:
            for node, _ in self.roots:
                target = purl_of.get(node)
                if target and (result.root, target) not in seen:
                    seen.add((result.root, target))
                    result.edges.append(edge(result.root, target))
        for node, targets in self.graph.items():
            src = purl_of.get(node)
            if not src:
                continue
            for target_node, _ in targets:
                target = purl_of.get(target_node)
                if target and target != src and (src, target) not in seen:
                    seen.add((src, target))
                    result.edges.append(edge(src, target))
