"""Committed binaries (by content) and committed build outputs.

Every file's first bytes are sniffed (``hygiene.sniff``): an ELF renamed ``.txt`` is still an ELF. Caps:
``Options.max_sniff_files`` files, and on a git object store ``max_sniff_bytes`` in total (a blob is read
whole there); beyond them the check says how many files were left unread.

What counts against the score (choices, documented in docs/notes/hygiene.md):

* executables and compiled code (ELF, PE, Mach-O, Java class, Python bytecode, WebAssembly, static
  libraries, jar/wheel/apk packages): 2 points each;
* archives and unknown binary data (NUL bytes, no known format): 1 point each for archives, half for data;
* NOT counted, but listed: files under test-data directories (fixtures, testdata…), which legitimately hold
  binary samples; vendored dependency directories (reported by the build-output check); the Gradle and
  Maven wrapper jars (present in most JVM projects; their checksums are not verified here);
* images, fonts, media and office documents are not binaries in this sense.

Build outputs: ``__pycache__``, ``*.egg-info``, ``.next``, committed ``node_modules``/virtualenvs,
``target/`` beside a Cargo/Maven/sbt project, ``dist/``/``build/`` beside a package manifest when they hold
built files, ``bin/``/``obj/`` beside a .NET project. Minified bundles (``*.min.js``) are listed but not
scored: they are usually vendored browser libraries, whose license matters more than their form.
"""

from __future__ import annotations

import posixpath

from ospo.engine.hygiene.context import Context, in_test_data
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check
from ospo.engine.hygiene.sniff import ARCHIVE, BENIGN, BINARY, EXECUTABLE, PACKAGE, sniff

WRAPPERS = frozenset({"gradle/wrapper/gradle-wrapper.jar", ".mvn/wrapper/maven-wrapper.jar"})
VENDOR_DIRS = frozenset({"node_modules", "bower_components", "vendor", "third_party", "third-party", ".venv", "venv",
                         "site-packages", "Pods", "Carthage", "jspm_packages"})
SNIFF_BYTES = 8192
_WEIGHT = {EXECUTABLE: 2.0, PACKAGE: 2.0, ARCHIVE: 1.0, BINARY: 0.5}


def _vendored(path: str) -> bool:
    return any(part in VENDOR_DIRS for part in path.split("/")[:-1])


def classify_tree(ctx: Context) -> dict[str, object]:
    """Sniff the tree once (cached): own / test-data / vendored findings and how much was left unread."""
    if "binaries" in ctx.cache:
        return ctx.cache["binaries"]  # type: ignore[return-value]
    own: list[tuple[str, str, str]] = []
    test_data: list[tuple[str, str, str]] = []
    vendored: list[tuple[str, str, str]] = []
    allowed: list[str] = []
    read_bytes = 0
    sniffed = 0
    unread = 0
    for path in ctx.paths:
        if sniffed >= ctx.options.max_sniff_files or read_bytes >= ctx.options.max_sniff_bytes:
            unread += 1
            continue
        head, size = _head(ctx, path)
        sniffed += 1
        read_bytes += size
        if head is None:
            continue
        found = sniff(head, path)
        if found is None or found[0] == BENIGN:
            continue
        item = (path, found[0], found[1])
        if path in WRAPPERS:
            allowed.append(path)
        elif in_test_data(path):
            test_data.append(item)
        elif _vendored(path):
            vendored.append(item)
        else:
            own.append(item)
    out = {"own": own, "test_data": test_data, "vendored": vendored, "allowed": allowed, "sniffed": sniffed,
           "unread": unread}
    ctx.cache["binaries"] = out
    return out


def _head(ctx: Context, path: str) -> tuple[bytes | None, int]:
    """The first bytes and how many were read: on disk only the head, from git the whole blob."""
    if ctx.disk_root is not None:
        head = ctx.head(path, SNIFF_BYTES)
        return head, len(head or b"")
    data = ctx.tree.read(path)
    return (None, 0) if data is None else (data[:SNIFF_BYTES], len(data))


def check_binaries(ctx: Context) -> CheckResult:
    found = classify_tree(ctx)
    own: list[tuple[str, str, str]] = found["own"]  # type: ignore[assignment]
    penalty = sum(_WEIGHT.get(cat, 0.5) for _, cat, _ in own)
    counts: dict[str, int] = {}
    for _, cat, _ in own:
        counts[cat] = counts.get(cat, 0) + 1
    details = {"by_category": counts, "test_data": len(found["test_data"]),  # type: ignore[arg-type]
               "vendored": len(found["vendored"]), "wrappers": found["allowed"],  # type: ignore[arg-type]
               "files_sniffed": found["sniffed"], "files_unread": found["unread"]}
    ev = [Evidence(ctx.msg("evidence.binary", category=ctx.msg(f"category.{cat}"), format=fmt), path)
          for path, cat, fmt in own[:50]]
    ev += [Evidence(ctx.msg("evidence.binary-test-data", format=fmt), path)
           for path, _, fmt in found["test_data"][:10]]  # type: ignore[index]
    score = max(0.0, 10 - penalty)
    executables = counts.get(EXECUTABLE, 0) + counts.get(PACKAGE, 0)
    if executables:
        return ctx.result("binaries", score, Verdict.FAIL, "executables", ev, details, count=len(own),
                          executables=executables)
    if own:
        return ctx.result("binaries", score, Verdict.WARN, "other", ev, details, count=len(own))
    if found["unread"]:
        return ctx.result("binaries", 10, Verdict.PASS, "ok-capped", ev, details, unread=found["unread"])
    return ctx.result("binaries", 10, Verdict.PASS, "ok", ev, details, count=found["sniffed"])


def build_output_dirs(ctx: Context) -> list[tuple[str, str]]:
    """(directory, reason) of build outputs and committed dependency trees, outermost only."""
    out: list[tuple[str, str]] = []
    files_in: dict[str, list[str]] = {}
    for p in ctx.paths:
        files_in.setdefault(posixpath.dirname(p), []).append(posixpath.basename(p))

    def sibling(directory: str, *names: str, suffix: str | None = None) -> bool:
        parent = files_in.get(posixpath.dirname(directory), [])
        return any(n in parent for n in names) or (suffix is not None and any(n.endswith(suffix) for n in parent))

    def holds_built(directory: str) -> bool:
        prefix = directory + "/"
        built = (".js", ".mjs", ".cjs", ".map", ".whl", ".tar.gz", ".so", ".o", ".class", ".jar", ".egg", ".dll",
                 ".d.ts", ".pyc", ".exe")
        return any(p.startswith(prefix) and p.endswith(built) for p in ctx.paths)

    for d in sorted(ctx.dirs):
        if any(d.startswith(o + "/") for o, _ in out):
            continue  # inside a directory already reported
        name = posixpath.basename(d)
        reason = None
        if name == "__pycache__":
            reason = "python-cache"
        elif name.endswith(".egg-info"):
            reason = "egg-info"
        elif name in ("node_modules", "bower_components", "site-packages") or (
                name in (".venv", "venv") and any(p.startswith(d + "/") and "site-packages/" in p for p in ctx.paths)):
            reason = "dependencies"
        elif name == ".next":
            reason = "bundle"
        elif name == "target" and sibling(d, "Cargo.toml", "pom.xml", "build.sbt"):
            reason = "target"
        elif name in ("dist", "build") and sibling(d, "package.json", "pyproject.toml", "setup.py", "setup.cfg") \
                and holds_built(d):
            reason = "dist"
        elif name in ("bin", "obj") and sibling(d, suffix=".csproj") and holds_built(d):
            reason = "dotnet"
        if reason and not in_test_data(d + "/x"):
            out.append((d, reason))
    return out


def check_build_output(ctx: Context) -> CheckResult:
    dirs = build_output_dirs(ctx)
    minified = [p for p in ctx.paths if p.endswith((".min.js", ".bundle.js")) and not _vendored(p)]
    details = {"directories": [d for d, _ in dirs], "minified_bundles": len(minified)}
    ev = [Evidence(ctx.msg(f"evidence.build-{reason}"), d + "/") for d, reason in dirs[:50]]
    ev += [Evidence(ctx.msg("evidence.minified"), p) for p in minified[:10]]
    if dirs:
        return ctx.result("build-output", max(2, 10 - 3 * len(dirs)), Verdict.WARN, "found", ev, details,
                          count=len(dirs))
    return ctx.result("build-output", 10, Verdict.PASS, "ok", ev, details, minified=len(minified))


CHECKS = [Check("binaries", check_binaries), Check("build-output", check_build_output)]
