"""Gemfile / gems.rb, read statically: ``gem`` calls with their requirements, groups and sources.

Bundler's DSL is Ruby, but dependency declarations are almost always literal calls inside ``group``,
``source``, ``git``, ``path`` and ``platforms`` blocks. Blocks are tracked by their ``do``/``end`` (and
``if``/``unless``… openers, so an ``end`` closes the right thing). Constants assigned a literal in the file
(``RAILS = { git: "…" }``) are substituted; anything else that is not a literal is reported as not
statically known (``best-effort``) rather than guessed. A bare version ("1.2.3") is an exact requirement
in RubyGems, so it pins; ``= 1.2.3`` too; every other requirement is a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ospo.engine.ecosystems.base import Extractor, Tree, component
from ospo.engine.ecosystems.gem._common import exact_requirement, gem_purl, github_url, scope_of_groups
from ospo.engine.ecosystems.gem._ruby import Value, parse_args, parse_value, strip_comment
from ospo.engine.model import FileResult, ParseIssue, Scope
from ospo.engine.safeparse import decode_text

_GEM = re.compile(r"^\s*gem[\s(]")
_BLOCK_DO = re.compile(r"\bdo\s*(\|[^|]*\|)?\s*$")
_COMMAND = re.compile(r"^\s*([a-z_]+)\b\s*\(?")
_KEYWORD_OPEN = re.compile(r"^\s*(?:[\w.\[\]@]+\s*(?:\|\|)?=\s*)?(if|unless|case|while|until|begin|def|class|module)\b")
_ONE_LINE_END = re.compile(r"\bend\s*$")
_END = re.compile(r"^\s*end\b")
_CONST = re.compile(r"^\s*([A-Z][A-Za-z0-9_]*)\s*=(?!=)\s*(.+)$")
_MODIFIER = re.compile(r"\s(?:if|unless)\s")
_GIT_HOSTS = {
    "github": github_url,
    "gist": lambda r: f"https://gist.github.com/{r}.git",
    "bitbucket": lambda r: f"https://bitbucket.org/{r if '/' in r else f'{r}/{r}'}.git",
}
MAX_LOGICAL_LINES = 200


@dataclass(slots=True)
class Declared:
    """One ``gem`` call as written."""

    name: str
    requirements: list[str]
    groups: list[str]
    line: int
    properties: dict[str, str] = field(default_factory=dict)
    local_path: str | None = None
    unknown: bool = False  # some argument was not a literal

    @property
    def scope(self) -> Scope:
        return scope_of_groups(self.groups)


@dataclass(slots=True)
class _Block:
    kind: str  # group, source, git, path, platforms, other
    groups: list[str] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    local_path: str | None = None


def _modifier_cut(code: str) -> str:
    """Drop a trailing ``if …`` / ``unless …`` modifier (outside quotes)."""
    m = _MODIFIER.search(code)
    if not m:
        return code
    quote = ""
    for i, c in enumerate(code):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif i == m.start():
            return code[:i]
    return code


def _logical_lines(text: str):  # type: ignore[no-untyped-def]
    """(first line number, code) with continuation lines joined and comments/=begin blocks removed."""
    buf: list[str] = []
    start = 0
    in_doc = False
    for no, raw in enumerate(text.splitlines(), 1):
        if in_doc:
            if raw.startswith("=end"):
                in_doc = False
            continue
        if raw.startswith("=begin"):
            in_doc = True
            continue
        code = strip_comment(raw).rstrip()
        if not buf:
            start = no
        buf.append(code)
        joined = " ".join(buf)
        opened = joined.count("(") + joined.count("[") + joined.count("{")
        closed = joined.count(")") + joined.count("]") + joined.count("}")
        if (code.endswith((",", "\\")) or opened > closed) and len(buf) < MAX_LOGICAL_LINES:
            continue
        buf = []
        yield start, joined


def _opt_str(v: Value | None) -> str | None:
    if v is None:
        return None
    if v.kind in ("str", "sym") and not v.interpolated:
        return v.text
    return None


def parse_gemfile(text: str) -> tuple[list[Declared], list[str]]:
    """Every ``gem`` declaration, and warnings for what could not be read statically."""
    stack: list[_Block] = []
    consts: dict[str, Value] = {}
    found: list[Declared] = []
    warnings: list[str] = []
    for line, code in _logical_lines(text):
        stripped = code.strip()
        if not stripped:
            continue
        if _END.match(stripped):
            if stack:
                stack.pop()
            continue
        cm = _CONST.match(stripped)
        if cm:
            consts[cm.group(1)] = parse_value(cm.group(2))
            continue
        if _GEM.match(stripped):
            decl = _gem_call(stripped[3:], line, stack, consts)
            if decl is None:
                warnings.append(f"line {line}: gem declaration without a literal name")
            else:
                found.append(decl)
            continue
        do = _BLOCK_DO.search(stripped)
        if do:
            stack.append(_block(stripped[: do.start()], consts))
            continue
        if _KEYWORD_OPEN.match(stripped) and not _ONE_LINE_END.search(stripped):
            stack.append(_Block("other"))
    return found, warnings


def _block(head: str, consts: dict[str, Value]) -> _Block:
    m = _COMMAND.match(head)
    cmd = m.group(1) if m else ""
    args, opts = parse_args(head[m.end():] if m else "")
    if cmd in ("group", "groups"):
        return _Block("group", groups=[s for a in args for s in a.strings()])
    first = _opt_str(args[0]) if args else None
    if cmd == "source" and first:
        return _Block("source", props={"registry": first})
    if cmd == "git" and first:
        props = {"source": first}
        for key in ("branch", "tag", "ref"):
            val = _opt_str(opts.get(key))
            if val:
                props[key] = val
        return _Block("git", props=props)
    if cmd in _GIT_HOSTS and first:
        return _Block("git", props={"source": _GIT_HOSTS[cmd](first)})
    if cmd == "path" and first:
        return _Block("path", local_path=first)
    if cmd in ("platforms", "platform"):
        names = [s for a in args for s in a.strings()]
        return _Block("platforms", props={"platforms": ",".join(names)} if names else {})
    return _Block("other")


def _gem_call(argtext: str, line: int, stack: list[_Block], consts: dict[str, Value]) -> Declared | None:
    args, opts = parse_args(_modifier_cut(argtext))
    if not args or args[0].kind != "str" or args[0].interpolated or not args[0].text.strip():
        return None
    name = args[0].text.strip()
    reqs: list[str] = []
    unknown = False
    for a in args[1:]:
        if a.kind == "expr" and a.text in consts:
            a = consts[a.text]
        if a.kind == "str" and not a.interpolated:
            reqs.append(a.text.strip())
        elif a.kind == "list":
            reqs.extend(i.text.strip() for i in a.items if i.kind == "str")
        elif a.kind == "hash":
            for k, v in a.pairs:
                opts.setdefault(k, v)
        else:
            unknown = True
    groups: list[str] = []
    props: dict[str, str] = {}
    local_path: str | None = None
    for blk in stack:
        groups.extend(blk.groups)
        props.update(blk.props)
        local_path = blk.local_path or local_path
    for key in ("group", "groups"):
        if key in opts:
            groups.extend(opts[key].strings())
    for key, make in (("git", None), *_GIT_HOSTS.items()):
        val = _opt_str(opts.get(key))
        if val:
            props["source"] = make(val) if make else val
    for key in ("branch", "tag", "ref"):
        val = _opt_str(opts.get(key))
        if val:
            props[key] = val
    src = _opt_str(opts.get("source"))
    if src:
        props["registry"] = src
    plats = opts.get("platforms") or opts.get("platform")
    if plats is not None and plats.strings():
        props["platforms"] = ",".join(plats.strings())
    path_opt = _opt_str(opts.get("path"))
    if path_opt:
        local_path = path_opt
    return Declared(name, reqs, groups, line, props, local_path, unknown)


class GemfileExtractor(Extractor):
    name = "gem-gemfile"
    ecosystem = "gem"
    kind = "manifest"
    filenames = frozenset({"Gemfile", "gems.rb"})

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        decls, warnings = parse_gemfile(text)
        for w in warnings:
            result.issues.append(ParseIssue(path, w, severity="warning"))
        for d in decls:
            props = dict(d.properties)
            if d.unknown:
                props["best-effort"] = "true"
            if d.local_path is not None:
                props["source"] = f"path:{d.local_path}"
                props["first-party"] = "true"
            exact = exact_requirement(d.requirements) if "source" not in props else None
            if exact:
                comp = component("gem", d.name, exact, gem_purl(d.name, exact), path=path, line=d.line,
                                 scope=d.scope, direct=True, properties=props)
            else:
                comp = component("gem", d.name, ", ".join(d.requirements) or None, gem_purl(d.name), path=path,
                                 line=d.line, pinned=False, scope=d.scope, direct=True, properties=props)
            result.components.append(comp)
        return result
