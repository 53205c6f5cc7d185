"""go.sum: checksums of the modules the go command downloaded or whose go.mod it read.

A line is ``<module> <version>[/go.mod] h1:<base64>``. ``h1`` is the base64 SHA-256 of a sorted listing
of the SHA-256 of every file in the module zip (the "dirhash"), not a digest of any downloadable artifact,
so it is kept as the property ``go:h1`` and never reported as a SHA-256 hash. ``/go.mod`` lines only say
that a module's go.mod was read during resolution: those modules are not built and are not components.

Which full (zip) lines are components depends on the sibling go.mod:

* ``go 1.17`` or later: go.mod already lists the whole build list; go.sum also keeps zips that ``go mod
  tidy`` retains for older Go versions and for tests of dependencies. Only modules of go.mod's build list
  are reported (so go.sum adds its location and checksum to them), the rest are not built.
* older go.mod, or none: go.sum is the best available approximation of the build list; each module's
  highest version with a zip checksum is reported, marked ``best-effort``.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.golang._common import go_purl
from ospo.engine.ecosystems.golang._modfile import go_at_least, is_version, parse_modfile
from ospo.engine.model import FileResult, ParseIssue
from ospo.engine.safeparse import ParseFailure, decode_text

_H1 = re.compile(r"^h1:[A-Za-z0-9+/]{43}=$")
_NUM = re.compile(r"\d+")


def semver_key(version: str) -> tuple:
    """Sort key for Go module versions: release > pre-release; pseudo-versions sort as pre-releases."""
    core, _, _build = version.lstrip("v").partition("+")
    main, dash, pre = core.partition("-")
    nums = tuple(int(n) for n in _NUM.findall(main)[:3])
    pre_key = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")) if dash else ()
    return (nums, not dash, pre_key)


class GoSumExtractor(Extractor):
    name = "golang-go-sum"
    ecosystem = "golang"
    kind = "lockfile"
    filenames = frozenset({"go.sum"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        zips: dict[tuple[str, str], tuple[str, int]] = {}
        bad = 0
        seen_lines = 0
        for lineno, raw in enumerate(text.splitlines(), start=1):
            parts = raw.split()
            if not parts:
                continue
            seen_lines += 1
            if len(parts) != 3 or not _H1.match(parts[2]):
                bad += 1
                if bad <= 5:
                    result.issues.append(ParseIssue(path, f"line {lineno}: not a go.sum entry", "warning"))
                continue
            mod, version, h1 = parts
            if version.endswith("/go.mod"):
                continue
            if not is_version(version):
                bad += 1
                if bad <= 5:
                    result.issues.append(ParseIssue(path, f"line {lineno}: invalid version {version!r}", "warning"))
                continue
            zips.setdefault((mod, version), (h1, lineno))
        if seen_lines and bad == seen_lines:
            raise ParseFailure("no valid go.sum line (module version h1:hash)")

        build = self._build_list(path, tree, result)
        if build is not None:
            for mod, version in build:
                found = zips.get((mod, version))
                if found is None:
                    continue
                h1, lineno = found
                result.components.append(component(
                    "golang", mod, version, go_purl(mod, version), path=path, line=lineno,
                    properties={"go:h1": h1},
                ))
            return result

        best: dict[str, tuple[str, str, int]] = {}
        for (mod, version), (h1, lineno) in zips.items():
            cur = best.get(mod)
            if cur is None or semver_key(version) > semver_key(cur[0]):
                best[mod] = (version, h1, lineno)
        for mod, (version, h1, lineno) in best.items():
            result.components.append(component(
                "golang", mod, version, go_purl(mod, version), path=path, line=lineno,
                properties={"go:h1": h1, "best-effort": "true"},
            ))
        return result

    def _build_list(self, path: str, tree: Tree, result: FileResult) -> list[tuple[str, str]] | None:
        """go.mod's build list when it is complete (Go >= 1.17), else None."""
        gomod = tree.read(posixpath.join(posixpath.dirname(path), "go.mod"))
        if gomod is None:
            return None
        try:
            mf = parse_modfile(gomod)
        except ParseFailure:
            return None
        if not go_at_least(mf.go, 1, 17):
            return None
        return [(mod, version) for _req, mod, version, _rep in mf.build_list()]
