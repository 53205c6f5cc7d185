"""The license a repository declares: package metadata, license files at the root, and REUSE data, combined.

Why three kinds of evidence and not one: each is wrong in its own way. Metadata is machine-readable but
often stale or non-SPDX ("Apache 2.0"), or the npm default ("ISC") nobody chose; a LICENSE file is the legal
text but cannot say "or later" by itself (the GPL text is the same for -only and -or-later) and is sometimes an
unfilled template; REUSE data is precise per file but lists every license used anywhere. So each source is
kept with its path and line, the combination prefers the legal text's licenses with the metadata's operators
when both name the same licenses, and every disagreement becomes a finding a reviewer can act on.

Manifests whose extractors already read the license (package.json, *.gemspec, *.nuspec) are taken from
``FileResult.root_license``; pyproject.toml, pom.xml, Cargo.toml, composer.json and *.csproj are read here,
through the tree, so the ecosystem extractors (other owners) stay unchanged.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ospo.engine.ecosystems.base import Tree
from ospo.engine.licenses import reuse
from ospo.engine.licenses.attribution_messages import CATALOG
from ospo.engine.licenses.compare import license_keys
from ospo.engine.licenses.identify import Identification, identify_file
from ospo.engine.model import ScanResult
from ospo.engine.safeparse import ParseFailure, decode_text, load_json, load_toml, parse_xml

MAX_LICENSE_BYTES = 1024 * 1024  # a LICENSE larger than this is not a license; it is read no further

_LICENSE_FILE = re.compile(r"^(?:licen[cs]e|copying|unlicense|copyright)(?:[-._][^/]*)?$", re.IGNORECASE)
_NOTICE_FILE = re.compile(r"^notice(?:[-._][^/]*)?$", re.IGNORECASE)
_SEE_IN = re.compile(r"^\s*see\s+licen[cs]e\s+in\s+(?P<file>\S+)\s*$", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"(\[(?:year|yyyy|fullname|full name|name of copyright (?:owner|holder)|copyright holders?|owner|author|"
    r"name|organization)\]|<(?:year|copyright holders?|owner|organization|name of author)>|\{\{\s*\w+\s*\}\})",
    re.IGNORECASE)
# Licenses whose text IS the notice (the copyright line is part of it): a placeholder there is an unfilled
# template. GPL and Apache texts contain placeholders in their own "how to apply" appendix, legitimately.
_NOTICE_STYLE = frozenset({"MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause", "ISC", "0BSD", "X11",
                           "Zlib", "BSD-3-Clause-Clear", "MIT-CMU"})
_COPYRIGHT_LINE = re.compile(r"copyright|\(c\)|©|all rights reserved|^\W*$", re.IGNORECASE)

_TITLE = re.compile(r"^\W*(?:the\s+)?[\w .,()-]{0,60}licen[cs]e[\w .,()-]{0,30}$|^\s*#", re.IGNORECASE)


def _mentions_only(ident: Identification, text: str) -> bool:
    """Only notice-rule hits, none in the title area, inside a long text: a custom license that cites others."""
    if not ident.matches or any(m.kind != "notice" for m in ident.matches):
        return False
    if min(m.start_line for m in ident.matches) <= 5:
        return False
    covered = {n for m in ident.matches for n in range(m.start_line, m.end_line + 1)}
    rest = sum(1 for n, line in enumerate(text.splitlines(), 1) if line.strip() and n not in covered)
    return rest > 20 and rest > 3 * len(covered)


# Metadata reading order: the first one is the expression used when no license file exists.
_META_ORDER = ("pyproject.toml", "package.json", "Cargo.toml", "composer.json", "pom.xml")


@dataclass(slots=True, frozen=True)
class Source:
    """One piece of evidence: kind is "metadata", "file", "notice" or "reuse"."""

    kind: str
    path: str
    line: int | None
    expression: str | None
    original: str = ""  # as written (metadata), or "" for identified texts


@dataclass(slots=True)
class DeclaredFinding:
    """Something a reviewer should know; ``key`` is a message of ``attribution_messages.CATALOG``."""

    key: str
    severity: str  # "warning" or "info"
    path: str | None
    line: int | None
    params: dict[str, str] = field(default_factory=dict)
    evidence: list[tuple[str, int | None, str | None]] = field(default_factory=list)  # (path, line, expression)

    def message(self, lang: str = "en") -> str:
        return CATALOG.get(self.key, lang, **self.params)


@dataclass(slots=True)
class DeclaredLicense:
    expression: str | None
    sources: list[Source] = field(default_factory=list)
    findings: list[DeclaredFinding] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)  # LicenseRef id → its text (custom license files)


# --- the one switch point for expression normalisation --------------------------------------------------------


def normalize_expression(text: str | None) -> tuple[str | None, dict[str, str]]:
    """Declared words → (SPDX expression, {LicenseRef: original words}). The only call into expressions.py."""
    from ospo.engine.licenses.expressions import normalize

    norm = normalize(text)
    return norm.expression, dict(norm.refs)


# --- metadata -----------------------------------------------------------------------------------------------


def _line_of(text: str, value: str) -> int | None:
    first = None
    for n, line in enumerate(text.splitlines(), 1):
        if value in line:
            if "licen" in line.lower():
                return n
            first = first or n
    return first


def _pyproject(text: str, doc: dict) -> list[tuple[str, str]]:
    """(kind, value) pairs: kind "expr" for a declaration, "file" for a path to a license text."""
    out: list[tuple[str, str]] = []
    project = doc.get("project")
    if isinstance(project, dict):
        lic = project.get("license")
        if isinstance(lic, str) and lic.strip():
            out.append(("expr", lic.strip()))  # PEP 639: an SPDX expression
        elif isinstance(lic, dict):
            if isinstance(lic.get("text"), str) and lic["text"].strip():
                out.append(("expr", lic["text"].strip()))  # PEP 621: free text
            elif isinstance(lic.get("file"), str):
                out.append(("file", lic["file"]))
        if isinstance(project.get("license-expression"), str):
            out.append(("expr", project["license-expression"]))  # early PEP 639 drafts
        files = project.get("license-files")
        globs = files if isinstance(files, list) else files.get("paths", []) if isinstance(files, dict) else []
        out.extend(("glob", g) for g in globs if isinstance(g, str))
        if not any(k == "expr" for k, _ in out):
            classifiers = project.get("classifiers")
            for c in classifiers if isinstance(classifiers, list) else []:
                if isinstance(c, str) and c.startswith("License ::") and c.count("::") >= 2 \
                        and c.strip() != "License :: OSI Approved":
                    out.append(("expr", c))
    tool = doc.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict) and isinstance(poetry.get("license"), str) and not any(k == "expr" for k, _ in out):
        out.append(("expr", poetry["license"]))
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _pom(data: bytes) -> list[tuple[str, str]]:
    root = parse_xml(data)
    names = []
    for el in root:
        if _local(el.tag) != "licenses":
            continue
        for lic in el:
            if _local(lic.tag) != "license":
                continue
            fields = {_local(c.tag): (c.text or "").strip() for c in lic}
            value = fields.get("name") or fields.get("url")
            if value:
                names.append(value)
    # Several <license> elements: the POM reference reads them as a choice (dual licensing), so OR.
    return [("anyof", "\n".join(names))] if names else []


def _cargo(doc: dict) -> list[tuple[str, str]]:
    pkg = doc.get("package")
    out: list[tuple[str, str]] = []
    if isinstance(pkg, dict):
        if isinstance(pkg.get("license"), str):
            out.append(("expr", pkg["license"]))
        if isinstance(pkg.get("license-file"), str):
            out.append(("file", pkg["license-file"]))
    return out


def _composer(doc: object) -> list[tuple[str, str]]:
    lic = doc.get("license") if isinstance(doc, dict) else None
    if isinstance(lic, str) and lic.strip():
        return [("expr", lic.strip())]
    if isinstance(lic, list):
        items = [x.strip() for x in lic if isinstance(x, str) and x.strip()]
        if items:  # Composer: an array of licenses means "any of them" (its documentation), so OR
            return [("anyof", "\n".join(items))]
    return []


def _msbuild(data: bytes) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for el in parse_xml(data).iter():
        name = _local(el.tag)
        text = (el.text or "").strip()
        if name == "PackageLicenseExpression" and text:
            out.append(("expr", text))
        elif name == "PackageLicenseFile" and text:
            out.append(("file", text))
    return out


def _read_metadata(path: str, data: bytes) -> list[tuple[str, str]]:
    base = posixpath.basename(path)
    if base == "pyproject.toml":
        return _pyproject(decode_text(data), load_toml(data))
    if base == "Cargo.toml":
        return _cargo(load_toml(data))
    if base == "composer.json":
        return _composer(load_json(data))
    if base == "pom.xml":
        return _pom(data)
    if base.endswith((".csproj", ".fsproj", ".vbproj")) or base == "Directory.Build.props":
        return _msbuild(data)
    return []


def _is_dotnet(path: str) -> bool:
    return path.endswith((".csproj", ".fsproj", ".vbproj", ".nuspec")) or path.endswith("Directory.Build.props")


# --- the reader ----------------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, tree: Tree, scan: ScanResult | None, identify: Callable[[str, bytes], Identification]) -> None:
        self.tree = tree
        self.scan = scan
        self.identify = identify
        self.paths = tree.paths()
        self.path_set = set(self.paths)
        self.lower = {p.lower(): p for p in self.paths}
        self.out = DeclaredLicense(None)
        self.identified: dict[str, str | None] = {}

    def finding(self, key: str, severity: str, at: str | None, line: int | None = None,
                evidence: list[tuple[str, int | None, str | None]] | None = None, **params: object) -> None:
        params.setdefault("path", at or "")
        self.out.findings.append(DeclaredFinding(key, severity, at, line, {k: str(v) for k, v in params.items()},
                                                 evidence or []))

    # license texts -----------------------------------------------------------------------------------------
    def text_source(self, path: str, kind: str, follow: bool = True) -> Source | None:
        if path in self.identified:
            expr = self.identified[path]
            return Source(kind, path, None, expr) if expr else None
        data = self.tree.read(path)
        self.identified[path] = None
        if data is None:
            return None
        if len(data) > MAX_LICENSE_BYTES:
            data = data[:MAX_LICENSE_BYTES]
        try:
            text = decode_text(data)
            ident = self.identify(path, data)
        except ParseFailure as exc:
            self.finding("declared.unreadable", "warning", path, error=exc)
            return None
        if not text.strip():
            return None
        expr = ident.expression
        if expr is not None and kind == "file" and _mentions_only(ident, text):
            expr = None  # a license of its own that names another one in passing (documentation under CC-BY)
            ident = Identification(None, 0.0)
        if expr is None and follow:
            expr = self.follow_reference(path, text)
        if expr is None and kind == "file":
            expr = self.custom(path, text)
        if expr is None:
            return None
        self.identified[path] = expr
        if ident.expression:
            self.check_text(path, text, ident)
        return Source(kind, path, ident.matches[0].start_line if ident.matches else None, expr)

    def custom(self, path: str, text: str) -> str:
        from ospo.engine.licenses.expressions import ospo_ref

        ref = ospo_ref(text)
        self.out.refs[ref] = text
        self.finding("declared.custom", "warning", path, ref=ref)
        return ref

    def follow_reference(self, path: str, text: str) -> str | None:
        """"See LICENSE-MIT and LICENSE-APACHE": the texts of the named sibling files, once (no chains)."""
        if len(text) > 4000:
            return None
        folder = posixpath.dirname(path)
        exprs = []
        for word in dict.fromkeys(re.findall(r"[\w./-]+", text)):
            word = word.strip("./") if not word.startswith("./") else word[2:]
            cand = posixpath.join(folder, word) if folder else word
            real = self.lower.get(cand.lower())
            if real and real != path and (_LICENSE_FILE.match(posixpath.basename(real)) or "/" not in word):
                src = self.text_source(real, "file", follow=False)
                if src and src.expression:
                    exprs.append(src.expression)
        return _join(exprs) if exprs else None

    def check_text(self, path: str, text: str, ident: Identification) -> None:
        ids = {k for m in ident.matches for k in re.findall(r"[A-Za-z0-9.+-]+", m.expression)}
        lines = text.splitlines()
        if ids & _NOTICE_STYLE:
            for n, line in enumerate(lines, 1):
                m = _PLACEHOLDER.search(line)
                if m and (_COPYRIGHT_LINE.search(line) or n <= 5):
                    self.finding("declared.template", "warning", path, n, [(path, n, ident.expression)],
                                 placeholder=m.group(1))
                    break
        # A preamble is text before the first full-text match that is neither a title nor a copyright line;
        # what the identifier leaves over elsewhere is mostly formatting, not terms.
        first_text = min((m.start_line for m in ident.matches if m.kind in ("text", "exact")), default=0)
        extra = [(a, min(b, first_text - 1)) for a, b in ident.extra_text if a < first_text]
        words = [i for a, b in extra for i in range(a, b + 1)
                 if i <= len(lines) and not _COPYRIGHT_LINE.search(lines[i - 1]) and not _TITLE.match(lines[i - 1])]
        if len(words) >= 2:
            first = extra[0]
            self.finding("declared.extra-text", "info", path, first[0],
                         lines=", ".join(f"{a}-{b}" if a != b else str(a) for a, b in extra[:5]))

    def resolve(self, path: str, target: str) -> str | None:
        folder = posixpath.dirname(path)
        cand = posixpath.normpath(posixpath.join(folder, target.strip().lstrip("/")))
        if cand.startswith("../"):
            return None
        return cand if cand in self.path_set else self.lower.get(cand.lower())

    # metadata ------------------------------------------------------------------------------------------------
    def metadata(self) -> list[Source]:
        out: list[Source] = []
        seen: set[str] = set()
        if self.scan is not None:
            for fr in self.scan.files:
                if fr.root_license and fr.root_license.strip() and self.wanted_manifest(fr.path):
                    seen.add(fr.path)
                    out.extend(self.declaration(fr.path, "expr", fr.root_license.strip(), None))
        for path in self.paths:
            if path in seen or not self.wanted_manifest(path):
                continue
            if self.scan is not None and (posixpath.basename(path) == "package.json"
                                          or path.endswith((".gemspec", ".nuspec"))):
                continue  # the extractor already answered (no root_license means none declared)
            data = self.tree.read(path)
            if data is None:
                continue
            try:
                pairs = _read_metadata(path, data) if not path.endswith((".gemspec", ".nuspec")) else []
                if posixpath.basename(path) == "package.json":
                    pairs = _package_json(load_json(data))
            except ParseFailure as exc:
                self.finding("declared.unreadable", "warning", path, error=exc)
                continue
            text = decode_text(data)
            for kind, value in pairs:
                out.extend(self.declaration(path, kind, value, text))
        rank = {name: i for i, name in enumerate(_META_ORDER)}
        out.sort(key=lambda s: (s.path.count("/"), rank.get(posixpath.basename(s.path), len(rank)), s.path))
        return out

    def wanted_manifest(self, path: str) -> bool:
        depth = path.count("/")
        base = posixpath.basename(path)
        if depth == 0:
            return base in _META_ORDER or base.endswith((".gemspec", ".nuspec", ".csproj", ".fsproj", ".vbproj")) \
                or base == "Directory.Build.props"
        return depth <= 2 and _is_dotnet(path)

    def declaration(self, path: str, kind: str, value: str, text: str | None) -> list[Source]:
        if text is None:
            data = self.tree.read(path)
            try:
                text = decode_text(data) if data is not None else ""
            except ParseFailure:
                text = ""
        line = _line_of(text, value.split("\n", 1)[0]) if text else None
        see = _SEE_IN.match(value)
        if kind == "glob":
            return [s for p in self.paths if _glob_match(p, value, path)
                    if (s := self.text_source(p, "file")) is not None]
        if kind == "file" or see:
            target = see.group("file") if see else value
            real = self.resolve(path, target)
            if real is None:
                self.finding("declared.missing-file", "warning", path, line, target=target)
                return []
            src = self.text_source(real, "file")
            return [Source("metadata", path, line, src.expression if src else None, value)]
        parts = []
        for words in value.split("\n") if kind == "anyof" else [value]:
            expr, refs = normalize_expression(words)
            self.out.refs.update(refs)
            if expr and expr != words.strip():
                self.finding("declared.not-spdx", "info", path, line, [(path, line, expr)], text=words,
                             expression=expr)
            if expr:
                parts.append(expr)
        joined = " OR ".join(f"({e})" if " AND " in e and len(parts) > 1 else e for e in dict.fromkeys(parts))
        return [Source("metadata", path, line, joined or None, value.replace("\n", " | "))]

    # REUSE ---------------------------------------------------------------------------------------------------
    def reuse(self) -> tuple[list[Source], set[str]]:
        ids = {posixpath.splitext(p[len("LICENSES/"):])[0] for p in self.paths
               if p.startswith("LICENSES/") and p.count("/") == 1}
        out: list[Source] = []
        anns: list[tuple[str, reuse.Annotation]] = []
        for path, parse in ((".reuse/dep5", reuse.parse_dep5), ("REUSE.toml", reuse.parse_reuse_toml)):
            if path not in self.path_set:
                continue
            data = self.tree.read(path)
            if data is None:
                continue
            try:
                anns.extend((path, a) for a in parse(data))
            except ParseFailure as exc:
                self.finding("declared.unreadable", "warning", path, error=exc)
        id_lower = {i.lower() for i in ids}
        for path, ann in anns:
            expr, refs = normalize_expression(ann.license)
            self.out.refs.update(refs)
            if ann.covers_everything():
                out.append(Source("reuse", path, ann.line, expr, ann.license))
            if ids:
                for key in sorted(license_keys(ann.license)):
                    if key not in id_lower:
                        self.finding("declared.reuse-missing-text", "warning", path, ann.line,
                                     license=_orig_case(ann.license, key))
        return out, ids


def _orig_case(expression: str, key: str) -> str:
    for tok in re.findall(r"[A-Za-z0-9.+:-]+", expression):
        if tok.lower() == key:
            return tok
    return key


def _package_json(doc: object) -> list[tuple[str, str]]:
    """Used only without a scan: the npm extractor fills root_license otherwise."""
    if not isinstance(doc, dict):
        return []
    lic = doc.get("license")
    if isinstance(lic, str) and lic.strip():
        return [("expr", lic.strip())]
    if isinstance(lic, dict) and isinstance(lic.get("type"), str):
        return [("expr", lic["type"])]
    return []


def _glob_match(path: str, pattern: str, manifest: str) -> bool:
    import fnmatch

    folder = posixpath.dirname(manifest)
    rel = path[len(folder) + 1:] if folder and path.startswith(folder + "/") else (path if not folder else None)
    return rel is not None and fnmatch.fnmatchcase(rel, pattern)


def _join(exprs: list[str]) -> str | None:
    distinct = list(dict.fromkeys(e for e in exprs if e))
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct[0]
    return " AND ".join(f"({e})" if " OR " in e else e for e in distinct)


def _or_later_only(meta_keys: frozenset[str], file_keys: frozenset[str]) -> bool:
    """Metadata says X-or-later where the text (which alone reads as X-only) says X."""
    return bool(meta_keys) and meta_keys != file_keys and \
        {k.replace("-or-later", "-only") for k in meta_keys} == set(file_keys)


def declared_license(tree: Tree, scan: ScanResult | None = None,
                     identify: Callable[[str, bytes], Identification] = identify_file) -> DeclaredLicense:
    """Everything the repository says about its own license, combined into one expression, with findings."""
    r = _Reader(tree, scan, identify)
    files = [s for p in r.paths if "/" not in p and _LICENSE_FILE.match(p)
             if (s := r.text_source(p, "file")) is not None and s.expression]
    notices = [s for p in r.paths if "/" not in p and _NOTICE_FILE.match(p)
               if (s := r.text_source(p, "notice")) is not None and s.expression]
    meta = [s for s in r.metadata() if s.expression]
    reuse_sources, reuse_ids = r.reuse()
    out = r.out
    out.sources = [*meta, *files, *notices, *reuse_sources]

    file_keys = frozenset().union(*(license_keys(s.expression) for s in files)) if files else frozenset()
    expression: str | None = None
    if files:
        agreeing = [m for m in meta if license_keys(m.expression) == file_keys]
        expression = agreeing[0].expression if agreeing else _join([s.expression for s in files])  # type: ignore[misc]
        other = files[0].path if len(files) == 1 else ", ".join(s.path for s in files)
        for m in meta:
            mk = license_keys(m.expression)
            if mk == file_keys:
                continue
            key = "declared.or-later" if _or_later_only(mk, file_keys) else "declared.disagree"
            r.finding(key, "warning", m.path, m.line,
                      [(m.path, m.line, m.expression), *((s.path, s.line, s.expression) for s in files)],
                      path=m.path, theirs=m.expression, other=other, ours=_join([s.expression for s in files]))
    elif meta:
        expression = meta[0].expression
        for m in meta[1:]:
            if license_keys(m.expression) != license_keys(meta[0].expression):
                r.finding("declared.disagree", "warning", m.path, m.line,
                          [(m.path, m.line, m.expression), (meta[0].path, meta[0].line, meta[0].expression)],
                          path=m.path, theirs=m.expression, other=meta[0].path, ours=meta[0].expression)
    elif reuse_sources:
        expression = _join([s.expression for s in reuse_sources])  # type: ignore[misc]
    elif reuse_ids:
        expression = _join(sorted(reuse_ids))
        out.sources.extend(Source("reuse", "LICENSES/", None, i) for i in sorted(reuse_ids))
    elif notices:
        expression = _join([s.expression for s in notices])  # type: ignore[misc]
    if expression is not None:
        for s in reuse_sources:
            if (files or meta) and license_keys(s.expression) != license_keys(expression):
                r.finding("declared.disagree", "warning", s.path, s.line,
                          [(s.path, s.line, s.expression)], path=s.path, theirs=s.expression,
                          other=", ".join(x.path for x in (files or meta)), ours=expression)
        if reuse_ids and (files or meta or reuse_sources):
            declared_keys = license_keys(expression)
            others = sorted(i for i in reuse_ids if i.lower() not in declared_keys)
            if others:
                r.finding("declared.reuse-other", "info", "LICENSES/", None, licenses=", ".join(others))
    else:
        r.finding("declared.none", "warning", None)
    out.expression = expression
    return out
