"""gradle.lockfile / buildscript-gradle.lockfile (Gradle 6+) and legacy ``gradle/dependency-locks/*.lockfile``.

The modern format is one resolved module per line, ``group:name:version=conf1,conf2``, plus an ``empty=``
line naming the configurations that resolved to nothing. The legacy format (Gradle 4.8–5) is one file per
configuration with bare ``group:name:version`` lines. Versions are exact: this is what Gradle resolved.

The lockfile does not say which modules were declared directly, so ``direct`` is left unknown. The scope is
the broadest one among the module's configurations: a module on any runtime classpath is runtime; only on
compile classpaths, optional (compileOnly: needed to compile, not shipped); only on test classpaths, test; only
on annotation-processor or build-script classpaths, development.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.maven._coords import is_exact, maven_purl, valid_coord_part
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text

_LINE = re.compile(r"^([^:=\s]+):([^:=\s]+):([^:=\s]+)(?:=(.*))?$")


def configuration_scope(conf: str) -> Scope:
    """The scope a resolvable configuration implies (``testRuntimeClasspath`` → test, …)."""
    low = conf.lower()
    if "test" in low:
        return Scope.TEST
    if "annotationprocessor" in low or low in {"kapt", "ksp", "classpath"} or low.startswith(("kapt", "ksp")):
        return Scope.DEVELOPMENT
    if low.endswith("runtimeclasspath") or low in {"runtime", "compile", "default"}:
        return Scope.RUNTIME
    if low.endswith("compileclasspath"):
        return Scope.OPTIONAL  # needed to compile, not shipped: compileOnly / provided
    return Scope.DEVELOPMENT


_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2, Scope.TEST: 3}


class GradleLockfileExtractor(Extractor):
    name = "gradle-lockfile"
    ecosystem = "maven"
    kind = "lockfile"

    def wants(self, path: str) -> bool:
        base = posixpath.basename(path)
        if base in ("gradle.lockfile", "buildscript-gradle.lockfile"):
            return True
        return base.endswith(".lockfile") and "gradle/dependency-locks/" in f"/{path}"

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        base = posixpath.basename(path)
        buildscript = base.startswith("buildscript-")
        legacy_conf = base[: -len(".lockfile")] if base not in ("gradle.lockfile", "buildscript-gradle.lockfile") \
            else None
        bad = 0
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith(("#", "empty=")):
                continue
            m = _LINE.match(line)
            if m is None:
                bad += 1
                continue
            group, artifact, version, confs = m.groups()
            if not (valid_coord_part(group) and valid_coord_part(artifact)):
                bad += 1
                continue
            conf_list = [c.strip() for c in (confs or legacy_conf or "").split(",") if c.strip()]
            if buildscript:
                scope = Scope.DEVELOPMENT
            elif conf_list:
                scope = min((configuration_scope(c) for c in conf_list), key=_RANK.__getitem__)
            else:
                scope = Scope.RUNTIME
            pinned = is_exact(version)
            props = {"gradle:configurations": ",".join(conf_list)} if conf_list else {}
            result.components.append(component(
                "maven", f"{group}:{artifact}", version, maven_purl(group, artifact, version if pinned else None),
                path=path, line=lineno, pinned=pinned, scope=scope, properties=props,
            ))
        if bad and not result.components:
            raise ParseFailure("no group:name:version lines: not a Gradle lockfile")
        if bad:
            result.issues.append(ParseIssue(path, f"{bad} unreadable line(s) skipped", severity="warning"))
        return result
