"""build.gradle / build.gradle.kts / settings.gradle(.kts): declared dependencies, read statically.

A build script is a program; it is never executed. What a reader can see is extracted, and every component
says so with property ``best-effort: true``:

* ``dependencies { conf "g:a:v" }`` in Groovy and Kotlin forms: string notation (with ``:classifier`` and
  ``@ext``), ``group:/name:/version:`` maps, ``kotlin("x")``, ``platform(…)`` / ``enforcedPlatform(…)``,
  ``add("conf", …)``, ``constraints { … }`` (reported with ``gradle:constraint``) and catalog accessors
  ``libs.x.y`` / ``libs.bundles.z`` resolved against the nearest ``gradle/libs.versions.toml`` of the tree;
* ``plugins { id "x" version "v" }``, ``kotlin("jvm") version "v"`` and ``alias(libs.plugins.x)`` as Gradle
  plugin-marker artifacts with scope development; plugins without a version (core or in-build convention
  plugins) are not third-party components;
* ``$var`` / ``${var}`` in double-quoted strings, resolved from simple constants (``def``/``val``/``ext``/
  ``extra``) of this script and of build scripts in enclosing directories, from ``gradle.properties`` files
  from the tree root down to this directory, and ``libs.versions.x``. Anything else stays as written and the
  version is unpinned.

``project(":x")`` dependencies are first-party modules of the same build and are skipped.
"""

from __future__ import annotations

import contextlib
import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.gradle._catalog import Catalog, accessor_key, read_catalog
from ospo.engine.ecosystems.gradle._script import (
    blocks,
    clean_and_mask,
    constants,
    properties_file,
    statements,
)
from ospo.engine.ecosystems.gradle.catalog import plugin_marker
from ospo.engine.ecosystems.maven._coords import is_exact, maven_purl, valid_coord_part
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import ParseFailure, decode_text, line_index

_CONF = re.compile(r"\s*([A-Za-z_]\w*)")
_QUOTED_CONF = re.compile(r"\s*\"(\w+)\"\s*\(")  # Kotlin: "integrationTestImplementation"("g:a:v")
_ADD = re.compile(r"\s*add\s*\(?\s*[\"'](\w+)[\"']\s*,")
_STRING = re.compile(r"\"(?:\\.|\$\{[^{}\n]*\}|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'")
_COORD = re.compile(r"^([^:\s@]+):([^:\s@]+)(?::([^:\s@]*))?(?::([^:\s@]+))?(?:@(\w+))?$")
_MAP_NOTATION = re.compile(
    r"\bgroup\s*[:=]\s*(\"[^\"\n]*\"|'[^'\n]*')\s*,\s*name\s*[:=]\s*(\"[^\"\n]*\"|'[^'\n]*')"
    r"(?:\s*,\s*version\s*[:=]\s*(\"[^\"\n]*\"|'[^'\n]*'))?(?:\s*,\s*classifier\s*[:=]\s*(\"[^\"\n]*\"|'[^'\n]*'))?"
)
_KOTLIN = re.compile(r"\bkotlin\s*\(\s*\"([\w.\-]+)\"\s*(?:,\s*(\"[^\"\n]*\"))?\s*\)")
_ACCESSOR = re.compile(r"(?<![\w.])libs\.((?:[A-Za-z0-9_]+\.)*[A-Za-z0-9_]+)")
_PLATFORM_BEFORE = re.compile(r"(?:enforcedPlatform|platform)\s*\(\s*$")
_PROJECT_BEFORE = re.compile(r"project\s*\(\s*(?:path\s*[:=]\s*)?$")
_PLUGIN_ID = re.compile(
    r"\bid\s*\(?\s*(\"[^\"\n]*\"|'[^'\n]*')\s*\)?\s*version\s*\(?\s*(\"[^\"\n]*\"|'[^'\n]*')")
_PLUGIN_KOTLIN = re.compile(r"\bkotlin\s*\(\s*\"([\w.\-]+)\"\s*\)\s*version\s*\(?\s*(\"[^\"\n]*\"|'[^'\n]*')")
_PLUGIN_ALIAS = re.compile(r"\balias\s*\(?\s*libs\.plugins\.((?:[A-Za-z0-9_]+\.)*[A-Za-z0-9_]+)")
_CONCAT = re.compile(r"\s*\+\s*([A-Za-z_][\w.]*)")
_INTERP = re.compile(r"\$\{([^{}\n]*)\}|\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_EXPR_PREFIX = re.compile(r"^(?:rootProject\.|project\.)?(?:ext\.|extra\.)?")
_EXPR_CALL = re.compile(
    r"^(?:rootProject\.|project\.)?(?:property|findProperty|extra\.get)\(\s*[\"']([\w.\-]+)[\"']\s*\)"
    r"(?:\s*as\s+String)?$|^(?:rootProject\.|project\.)?(?:extra|ext)\[\s*[\"']([\w.\-]+)[\"']\s*\](?:\s*as\s+String)?$"
)
_ACCESSOR_TAIL = (".get", ".asProvider", ".orNull", ".getOrNull")
_SKIP_CONF = frozenset({
    "val", "var", "def", "if", "else", "for", "exclude", "because", "version", "force", "transitive",
    "components", "modules", "configurations", "println", "project", "files", "fileTree", "apply",
})
_MAX_DEPTH = 16


def build_scope(conf: str) -> Scope:
    """Scope implied by a declaring configuration (implementation, testRuntimeOnly, compileOnly, kapt, …)."""
    low = conf.lower()
    if "test" in low:
        return Scope.TEST
    if low.endswith(("compileonly", "compileonlyapi")) or low in {"providedcompile"}:
        return Scope.OPTIONAL
    if low.endswith(("implementation", "api", "runtimeonly")) or low in {"compile", "runtime", "providedruntime"}:
        return Scope.RUNTIME
    return Scope.DEVELOPMENT


class _Vars:
    """Constants visible to one script, resolved lazily and cycle-safely."""

    def __init__(self, raw: dict[str, str], catalog: Catalog | None) -> None:
        self.raw = raw
        self.catalog = catalog
        self.memo: dict[str, str | None] = {}
        self.active: set[str] = set()

    def lookup(self, name: str, depth: int) -> str | None:
        if name in self.memo:
            return self.memo[name]
        literal = self.raw.get(name)
        if literal is None or name in self.active or depth > _MAX_DEPTH:
            return None
        self.active.add(name)
        try:
            value = self.literal(literal, depth + 1)
        finally:
            self.active.discard(name)
        self.memo[name] = value
        return value

    def literal(self, lit: str, depth: int = 0) -> str:
        """The value of a quoted literal; only double-quoted strings interpolate (Groovy and Kotlin rule)."""
        body = lit[1:-1] if len(lit) >= 2 else lit
        if lit.startswith("'") or "$" not in body:
            return body
        return _INTERP.sub(lambda m: self._expr(m, depth), body)

    def _expr(self, m: re.Match[str], depth: int) -> str:
        expr = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        value = self.expression(expr, depth)
        return m.group(0) if value is None else value

    def expression(self, expr: str, depth: int) -> str | None:
        call = _EXPR_CALL.match(expr)
        if call:
            return self.lookup(call.group(1) or call.group(2), depth)
        for tail in (".get()", ".getOrNull()", ".orNull"):
            if expr.endswith(tail):
                expr = expr[: -len(tail)]
        if expr.startswith("libs.versions.") and self.catalog is not None:
            v = self.catalog.versions.get(accessor_key(expr[len("libs.versions."):]))
            return v.exact or v.text if v else None
        name = _EXPR_PREFIX.sub("", expr)
        value = self.lookup(name, depth)
        if value is None and "." in name:
            head, _, rest = name.partition(".")
            first = self.lookup(head, depth)
            value = None if first is None else f"{first}.{rest}"
        return value


class GradleBuildExtractor(Extractor):
    name = "gradle-build"
    ecosystem = "maven"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        # build.gradle(.kts), settings.gradle(.kts), and script / convention plugins (gradle/deps.gradle,
        # buildSrc/src/main/kotlin/x.conventions.gradle.kts) which declare dependencies the same way.
        return path.endswith((".gradle", ".gradle.kts"))

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        clean, masked = clean_and_mask(text)
        line_of = line_index(clean)
        catalog = self._catalog(path, tree, result)
        env = _Vars(self._variables(path, clean, tree), catalog)
        out: list[Component] = []
        buildscript = blocks(masked, "buildscript")
        for start, end in blocks(masked, "dependencies"):
            in_buildscript = any(s <= start < e for s, e in buildscript)
            self._dependencies(path, clean, masked, start, end, env, catalog, line_of, in_buildscript, False, out,
                               result)
        for start, end in blocks(masked, "plugins"):
            self._plugins(path, clean[start:end], start, env, catalog, line_of, out, result)
        result.components = out
        return result

    # -- context ---------------------------------------------------------------------------------
    def _catalog(self, path: str, tree: Tree, result: FileResult) -> Catalog | None:
        d = posixpath.dirname(path)
        while True:
            cpath = posixpath.join(d, "gradle/libs.versions.toml") if d else "gradle/libs.versions.toml"
            data = tree.read(cpath)
            if data is not None:
                try:
                    return read_catalog(data)
                except ParseFailure as exc:
                    result.issues.append(ParseIssue(path, f"version catalog {cpath} unreadable: {exc}",
                                                    severity="warning"))
                    return None
            if not d:
                return None
            d = posixpath.dirname(d)

    def _variables(self, path: str, clean: str, tree: Tree) -> dict[str, str]:
        """gradle.properties root-first, then enclosing build scripts root-first, then this script."""
        dirs = []
        d = posixpath.dirname(path)
        while True:
            dirs.append(d)
            if not d:
                break
            d = posixpath.dirname(d)
        dirs.reverse()
        raw: dict[str, str] = {}
        for d in dirs:
            data = tree.read(posixpath.join(d, "gradle.properties") if d else "gradle.properties")
            if data is not None:
                with contextlib.suppress(ParseFailure):
                    raw.update(properties_file(decode_text(data)))
        here = posixpath.dirname(path)
        for d in dirs:
            if d == here:
                continue
            for name in ("build.gradle", "build.gradle.kts"):
                data = tree.read(posixpath.join(d, name) if d else name)
                if data is None:
                    continue
                with contextlib.suppress(ParseFailure):
                    raw.update(constants(clean_and_mask(decode_text(data))[0]))
        raw.update(constants(clean))
        return raw

    # -- dependencies ----------------------------------------------------------------------------
    def _dependencies(self, path, clean, masked, start, end, env, catalog, line_of, buildscript,  # type: ignore[no-untyped-def]
                      constraint, out, result) -> None:
        for s, e in statements(masked, start, end):
            m_add = _ADD.match(clean, s, e) or _QUOTED_CONF.match(clean, s, e)
            conf_m = _CONF.match(masked, s, e)
            if m_add:
                conf, body_start = m_add.group(1), m_add.end()
            elif conf_m:
                conf, body_start = conf_m.group(1), conf_m.end()
            else:
                continue
            if conf in _SKIP_CONF:
                continue
            if conf == "constraints":
                for cs, ce in blocks(masked, "constraints", s, e):
                    self._dependencies(path, clean, masked, cs, ce, env, catalog, line_of, buildscript, True,
                                       out, result)
                continue
            # The notation ends where a configuration closure starts: `implementation("x") { exclude … }`.
            body_end = e
            depth = 0
            for i in range(body_start, e):
                c = masked[i]
                if c in "([":
                    depth += 1
                elif c in ")]":
                    depth -= 1
                elif c == "{" and depth <= 0:
                    body_end = i
                    break
            scope = Scope.DEVELOPMENT if buildscript else build_scope(conf)
            props = {"best-effort": "true", "gradle:configuration": conf}
            if constraint:
                props["gradle:constraint"] = "true"
            self._notations(path, clean, masked, body_start, body_end, env, catalog, line_of, scope, props,
                            not constraint, out, result)

    def _notations(self, path, clean, masked, start, end, env, catalog, line_of, scope, props, direct,  # type: ignore[no-untyped-def]
                   out, result) -> None:
        body = clean[start:end]
        used: list[tuple[int, int]] = []
        for m in _MAP_NOTATION.finditer(body):
            g, a = env.literal(m.group(1)), env.literal(m.group(2))
            v = env.literal(m.group(3)) if m.group(3) else None
            cls = env.literal(m.group(4)) if m.group(4) else ""
            platform = _PLATFORM_BEFORE.search(masked, max(0, start + m.start() - 40), start + m.start()) is not None
            self._add(path, g, a, v, cls, "", start + m.start(), line_of, scope, props, direct, platform, out)
            used.append(m.span())
        for m in _KOTLIN.finditer(body):
            v = env.literal(m.group(2)) if m.group(2) else None
            self._add(path, "org.jetbrains.kotlin", f"kotlin-{m.group(1)}", v, "", "", start + m.start(), line_of,
                      scope, props, direct, False, out)
            used.append(m.span())
        for m in _STRING.finditer(body):
            if any(s <= m.start() < e for s, e in used):
                continue
            before = masked[max(0, start + m.start() - 40): start + m.start()]
            if _PROJECT_BEFORE.search(before):
                continue
            value = env.literal(m.group(0))
            if value.endswith(":") and value.count(":") == 2:
                # "g:a:" + someVersion — concatenation with a constant, a common Groovy idiom
                cat = _CONCAT.match(clean, start + m.end(), end)
                resolved = env.expression(cat.group(1), 0) if cat else None
                value = value + (resolved if resolved is not None else "${" + cat.group(1) + "}") if cat else value
            c = _COORD.match(value)
            if c is None:
                continue
            g, a, v, cls, ext = c.groups()
            platform = _PLATFORM_BEFORE.search(before) is not None
            self._add(path, g, a, v or None, cls or "", ext or "", start + m.start(), line_of, scope, props,
                      direct, platform, out)
        for m in _ACCESSOR.finditer(masked, start, end):
            self._accessor(path, m, masked, catalog, line_of, scope, props, direct, out, result)

    def _accessor(self, path, m, masked, catalog, line_of, scope, props, direct, out, result) -> None:  # type: ignore[no-untyped-def]
        key = m.group(1)
        for tail in _ACCESSOR_TAIL:
            if key.endswith(tail):
                key = key[: -len(tail)]
        if key.startswith(("versions.", "plugins.")):
            return
        if catalog is None:
            result.issues.append(ParseIssue(path, f"libs.{key} used but no gradle/libs.versions.toml in the tree",
                                            severity="warning"))
            return
        platform = _PLATFORM_BEFORE.search(masked, max(0, m.start() - 40), m.start()) is not None
        if key.startswith("bundles."):
            members = catalog.bundles.get(accessor_key(key[len("bundles."):]))
            libs = [catalog.libraries.get(k) for k in members or ()]
        else:
            libs = [catalog.libraries.get(accessor_key(key))]
        if not libs or any(lib is None for lib in libs):
            result.issues.append(ParseIssue(path, f"libs.{key} is not in the version catalog", severity="warning"))
        for lib in libs:
            if lib is None:
                continue
            p = {**props, "gradle:catalog-alias": lib.alias}
            self._add(path, lib.group, lib.name, lib.version.exact or lib.version.text, "", "", m.start(), line_of,
                      scope, p, direct, platform, out, exact=lib.version.exact)

    def _add(self, path, g, a, v, classifier, ext, offset, line_of, scope, props, direct, platform, out,  # type: ignore[no-untyped-def]
             exact: str | None = None) -> None:
        if not (valid_coord_part(g) and valid_coord_part(a)):
            return
        v = v or None
        pinned_version = exact if exact is not None else (v if is_exact(v) else None)
        p = dict(props)
        if platform:
            p["gradle:platform"] = "true"
        if v and pinned_version is None and "$" in v:
            p["gradle:version"] = "unresolved variable"
        out.append(component(
            "maven", f"{g}:{a}", pinned_version or v,
            maven_purl(g, a, pinned_version, type_=ext or None, classifier=classifier or None),
            path=path, line=line_of(offset), pinned=pinned_version is not None, scope=scope,
            direct=True if direct else None, properties=p,
        ))

    # -- plugins ---------------------------------------------------------------------------------
    def _plugins(self, path, body, start, env, catalog, line_of, out, result) -> None:  # type: ignore[no-untyped-def]
        found: list[tuple[str, str | None, str | None, int]] = []  # id, version text, exact, offset
        for m in _PLUGIN_ID.finditer(body):
            v = env.literal(m.group(2))
            found.append((env.literal(m.group(1)), v, v if is_exact(v) else None, m.start()))
        for m in _PLUGIN_KOTLIN.finditer(body):
            v = env.literal(m.group(2))
            found.append((f"org.jetbrains.kotlin.{m.group(1)}", v, v if is_exact(v) else None, m.start()))
        for m in _PLUGIN_ALIAS.finditer(body):
            decl = catalog.plugins.get(accessor_key(m.group(1))) if catalog else None
            if decl is None:
                result.issues.append(ParseIssue(path, f"libs.plugins.{m.group(1)} is not in a version catalog",
                                                severity="warning"))
                continue
            found.append((decl.plugin_id, decl.version.text, decl.version.exact, m.start()))
        for pid, text, exact, offset in found:
            if not valid_coord_part(pid) or not text:
                continue
            g, a = plugin_marker(pid)
            out.append(component(
                "maven", f"{g}:{a}", exact or text, maven_purl(g, a, exact), path=path,
                line=line_of(start + offset), pinned=exact is not None, scope=Scope.DEVELOPMENT, direct=True,
                properties={"best-effort": "true", "gradle:plugin": pid},
            ))
