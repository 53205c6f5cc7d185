"""environment.yml: the packages a conda environment asks for, and its nested ``pip:`` requirements.

Conda MatchSpec forms read: ``name``, ``name=1.2.3=build`` (exact version and build: what
``conda env export`` writes), ``name==1.2.3`` (exact), ``name=1.2`` (a *prefix* match, ``1.2.*``),
``name>=1.0,<2``, ``name 1.2.* build``, ``channel::name…`` / ``channel/subdir::name…`` and the bracket form
``name[version='>=1.0',build=…]``.

Pinned: ``==X``, ``=X=build`` and ``name X build``. ``=X`` is a prefix match; it is reported as pinned only
when X has three or more release parts (``numpy=1.26.4`` can only match 1.26.4 and its rebuilds), and
unpinned otherwise (``python=3.11`` matches every 3.11.x) — with the constraint kept as written.
The ``pip:`` sub-list holds pip requirement lines: ``name==X`` pinned, others unpinned; ``-r``/``-e``/options
and local paths are skipped; VCS/URL requirements keep their source.
"""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import Extractor, Tree, component, make_purl
from ospo.engine.ecosystems.docker._yamllines import ValueLines
from ospo.engine.model import Component, FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

_SPEC = re.compile(
    r"^(?:(?P<channel>[^\s:]+)::)?(?P<name>[A-Za-z0-9_][A-Za-z0-9_.+-]*)"
    r"(?:\[(?P<bracket>[^\]]*)\])?\s*(?P<rest>.*)$"
)
_BRACKET_VERSION = re.compile(r"""version\s*=\s*['"]?([^'",\]]+)""")
_BRACKET_BUILD = re.compile(r"""build\s*=\s*['"]?([^'",\]]+)""")
_PIP_REQ = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?P<spec>[^;#]*)")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9._-]+)")


def _conda_version(rest: str) -> tuple[str | None, bool, str | None]:
    """(version or constraint, pinned, build) from what follows the name."""
    rest = rest.strip()
    if not rest:
        return None, False, None
    if rest.startswith("==") and not any(c in rest[2:] for c in "*,|<>!"):
        return rest[2:].strip(), True, None
    if rest.startswith("=") and not rest.startswith("=="):
        body = rest[1:]
        version, sep, build = body.partition("=")
        if any(c in version for c in "*,|<>!"):
            return rest, False, None
        if sep and build:
            return version, True, build
        if len(version.split(".")) >= 3:
            return version, True, None
        return rest, False, None
    parts = rest.split()
    if len(parts) >= 2 and not any(c in parts[0] for c in "*,|<>=!"):
        return parts[0], True, parts[1]  # "name 1.2.3 build"
    if len(parts) == 1 and re.match(r"^\d[\w.+!-]*$", parts[0]) and len(parts[0].split(".")) >= 3:
        return parts[0], True, None  # "name 1.2.3"
    return rest, False, None


class CondaEnvironmentExtractor(Extractor):
    name = "conda-environment"
    ecosystem = "conda"
    kind = "manifest"
    filenames = frozenset({"environment.yml", "environment.yaml"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        doc = load_yaml(data)
        if not isinstance(doc, dict):
            raise ParseFailure("environment file is not a YAML mapping")
        deps = doc.get("dependencies")
        result = self.result(path)
        if deps is None:
            return result
        if not isinstance(deps, list):
            raise ParseFailure("'dependencies' is not a list")
        lines = ValueLines(decode_text(data), (), list_items=True)
        for item in deps:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                comp = self._conda(path, str(item), lines)
                if comp is None:
                    result.issues.append(ParseIssue(path, f"not a conda package spec: {str(item)[:60]}", "warning"))
                else:
                    result.components.append(comp)
            elif isinstance(item, dict) and isinstance(item.get("pip"), list):
                for req in item["pip"]:
                    if isinstance(req, str):
                        pip = self._pip(path, req, lines)
                        if pip is not None:
                            result.components.append(pip)
        return result

    @staticmethod
    def _conda(path: str, spec: str, lines: ValueLines) -> Component | None:
        line, _ = lines.take(spec)
        m = _SPEC.match(spec.strip())
        if not m:
            return None
        name, channel, rest = m.group("name").lower(), m.group("channel"), m.group("rest")
        build = None
        if m.group("bracket"):
            bv, bb = _BRACKET_VERSION.search(m.group("bracket")), _BRACKET_BUILD.search(m.group("bracket"))
            rest = rest or (bv.group(1) if bv else "")
            build = bb.group(1) if bb else None
        version, pinned, build2 = _conda_version(rest)
        build = build or build2
        qualifiers: dict[str, str] = {}
        props: dict[str, str] = {}
        if channel:
            chan, _, subdir = channel.partition("/")
            qualifiers["channel"] = chan
            if subdir:
                qualifiers["subdir"] = subdir
        if build:
            if pinned:
                qualifiers["build"] = build
            props["build"] = build
        purl = make_purl("conda", name, version if pinned else None, qualifiers=qualifiers or None)
        return component("conda", name, version, purl, path=path, line=line, pinned=pinned, direct=True,
                         properties=props)

    @staticmethod
    def _pip(path: str, req: str, lines: ValueLines) -> Component | None:
        line, _ = lines.take(req)
        req = req.strip()
        if not req or req.startswith(("-", ".", "/", "file:")):
            return None  # options, -r/-e includes, local paths: not packages
        props: dict[str, str] = {}
        if "://" in req or req.startswith("git+"):
            url = req.split(" @ ", 1)[-1].strip()
            egg = _EGG.search(url)
            head = req.split(" @ ", 1)[0].strip() if " @ " in req else None
            name = head or (egg.group(1) if egg else None)
            if not name:
                return None
            props["source"] = url
            return component("pypi", name, None, make_purl("pypi", name), path=path, line=line, pinned=False,
                             direct=True, properties=props)
        m = _PIP_REQ.match(req)
        if not m:
            return None
        name, spec = m.group("name"), m.group("spec").strip()
        exact = spec[2:].strip() if spec.startswith("==") and not spec.startswith("===") else None
        if exact and not any(c in exact for c in "*,<>!=~ "):
            return component("pypi", name, exact, make_purl("pypi", name, exact), path=path, line=line,
                             direct=True)
        return component("pypi", name, spec or None, make_purl("pypi", name), path=path, line=line, pinned=False,
                         direct=True)


