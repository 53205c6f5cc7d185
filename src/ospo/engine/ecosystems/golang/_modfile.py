"""A static reader for the go.mod / go.work syntax (https://go.dev/ref/mod#go-mod-file).

Both files are lines of tokens: ``verb args…`` or a ``verb (`` … ``)`` block whose lines take the verb.
Comments start with ``//``; the ``// indirect`` comment on a require line is meaningful. Tokens may be
quoted with ``"…"`` (Go escapes) or backquotes. The reader is forgiving: an unknown verb is ignored (new Go
releases add verbs: ``godebug``, ``tool``, ``ignore``), and a line it cannot make sense of becomes a warning,
so one odd line never hides the rest of the build list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ospo.engine.safeparse import ParseFailure, decode_text

# Module paths are ASCII letters, digits and -._~/ (plus '+' and '!' in escaped forms); we accept any
# non-space, non-quote run and validate the shapes that matter (versions) separately.
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|=>|[()]|[^\s"`()]+(?:=>)?')
_VERSION = re.compile(
    r"^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
)
_LOCAL = re.compile(r"^(?:\.{1,2}(?:/|\\|$)|/|\\|[A-Za-z]:[\\/])")
_GO_VERSION = re.compile(r"^(?:go)?(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)$")


@dataclass(slots=True)
class Require:
    path: str
    version: str
    line: int
    indirect: bool = False


@dataclass(slots=True)
class Replace:
    old_path: str
    old_version: str | None  # None: every version of old_path is replaced
    new_path: str
    new_version: str | None  # None: a local directory
    line: int

    @property
    def is_local(self) -> bool:
        return self.new_version is None


@dataclass(slots=True)
class ModFile:
    module: str | None = None
    module_line: int | None = None
    go: str | None = None
    toolchain: str | None = None
    go_line: int | None = None
    toolchain_line: int | None = None
    requires: list[Require] = field(default_factory=list)
    replaces: list[Replace] = field(default_factory=list)
    excludes: set[tuple[str, str]] = field(default_factory=set)
    uses: list[tuple[str, int]] = field(default_factory=list)  # go.work
    warnings: list[str] = field(default_factory=list)

    def replacement_for(self, path: str, version: str) -> Replace | None:
        """A version-specific replace wins over a path-wide one, as in the go command."""
        wide = None
        for rep in self.replaces:
            if rep.old_path != path:
                continue
            if rep.old_version == version:
                return rep
            if rep.old_version is None:
                wide = rep
        return wide

    def build_list(self) -> list[tuple[Require, str, str, Replace | None]]:
        """(require, module path, version, replace) for every required module actually built.

        Excluded versions are dropped; a replaced module is the replacement; a local replacement is
        first-party code in the tree and yields nothing.
        """
        out = []
        for req in self.requires:
            if (req.path, req.version) in self.excludes:
                continue
            rep = self.replacement_for(req.path, req.version)
            if rep is None:
                out.append((req, req.path, req.version, None))
            elif not rep.is_local and rep.new_version:
                out.append((req, rep.new_path, rep.new_version, rep))
        return out


def is_version(token: str) -> bool:
    return _VERSION.match(token) is not None


def go_version(token: str) -> str | None:
    m = _GO_VERSION.match(token)
    return m.group(1) if m else None


def go_at_least(version: str | None, major: int, minor: int) -> bool:
    if not version:
        return False
    parts = re.findall(r"\d+", version)
    try:
        nums = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)
    except (IndexError, ValueError):
        return False
    return nums >= (major, minor)


def _unquote(tok: str) -> str:
    if tok.startswith("`") and tok.endswith("`") and len(tok) >= 2:
        return tok[1:-1]
    if tok.startswith('"') and tok.endswith('"') and len(tok) >= 2:
        body = tok[1:-1]
        # Go string escapes in module paths are rare; handle the common ones without eval.
        return re.sub(r"\\(.)", r"\1", body)
    return tok


def _split(line: str) -> tuple[list[str], str]:
    """Tokens of a line and its trailing comment (without ``//``)."""
    comment = ""
    tokens: list[str] = []
    pos = 0
    n = len(line)
    while pos < n:
        ch = line[pos]
        if ch in " \t\r\f\v":
            pos += 1
            continue
        if line.startswith("//", pos):
            comment = line[pos + 2 :].strip()
            break
        m = _TOKEN.match(line, pos)
        if m is None:  # an unterminated quote: take the rest as one token
            tokens.append(line[pos:].strip())
            break
        tok = m.group(0)
        if tok.endswith("=>") and tok != "=>":
            tokens.extend((tok[:-2], "=>"))
        else:
            tokens.append(tok)
        pos = m.end()
    return tokens, comment


def _is_indirect(comment: str) -> bool:
    # "// indirect" or "// indirect; some note"
    return comment == "indirect" or comment.startswith("indirect;")


def parse_modfile(data: bytes, *, work: bool = False) -> ModFile:
    """Parse go.mod (or go.work when ``work``). Raises ParseFailure when nothing is recognisable."""
    text = decode_text(data)
    mf = ModFile()
    block: str | None = None
    recognised = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        tokens, comment = _split(raw)
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
                continue
            verb, args = block, tokens
        else:
            verb, args = tokens[0], tokens[1:]
            if args == ["("]:
                block = verb
                recognised += 1
                continue
            if args[-1:] == ["("]:
                block = verb
                args = args[:-1]
        ok = _directive(mf, verb, [_unquote(a) for a in args], lineno, comment, work)
        if ok is None:
            continue  # verb we do not use
        if ok:
            recognised += 1
        else:
            mf.warnings.append(f"line {lineno}: cannot read {verb!r} directive: {raw.strip()[:80]!r}")
    if block is not None:
        mf.warnings.append(f"unterminated {block!r} block at end of file")
    if recognised == 0 and text.strip():
        what = "go.work" if work else "go.mod"
        raise ParseFailure(f"no {what} directive found (module, go, require, use…): not a {what} file")
    return mf


def _directive(mf: ModFile, verb: str, args: list[str], lineno: int, comment: str, work: bool) -> bool | None:
    """Apply one directive. True: understood; False: malformed; None: a verb we do not need."""
    if verb == "module":
        if len(args) != 1 or not args[0]:
            return False
        mf.module, mf.module_line = args[0], lineno
        return True
    if verb == "go":
        v = go_version(args[0]) if len(args) == 1 else None
        if v is None:
            return False
        mf.go, mf.go_line = v, lineno
        return True
    if verb == "toolchain":
        v = go_version(args[0]) if len(args) == 1 else None
        if v is None:
            # "toolchain default" (go.work) or a custom toolchain name: nothing to record.
            return len(args) == 1
        mf.toolchain, mf.toolchain_line = v, lineno
        return True
    if verb == "require":
        if len(args) != 2 or not is_version(args[1]):
            return False
        mf.requires.append(Require(args[0], args[1], lineno, _is_indirect(comment)))
        return True
    if verb == "exclude":
        if len(args) != 2 or not is_version(args[1]):
            return False
        mf.excludes.add((args[0], args[1]))
        return True
    if verb == "replace":
        return _replace(mf, args, lineno)
    if verb == "use" and work:
        if len(args) != 1:
            return False
        mf.uses.append((args[0], lineno))
        return True
    if verb in {"retract", "godebug", "tool", "ignore", "use"}:
        return True  # understood; no dependency information
    return None


def _replace(mf: ModFile, args: list[str], lineno: int) -> bool:
    if "=>" not in args:
        return False
    i = args.index("=>")
    left, right = args[:i], args[i + 1 :]
    if len(left) not in (1, 2) or len(right) not in (1, 2):
        return False
    old_version = left[1] if len(left) == 2 else None
    if old_version is not None and not is_version(old_version):
        return False
    if len(right) == 1:
        # One token on the right is a local directory (the go command requires it to look like one).
        if not _LOCAL.match(right[0]):
            return False
        mf.replaces.append(Replace(left[0], old_version, right[0], None, lineno))
        return True
    if not is_version(right[1]):
        return False
    mf.replaces.append(Replace(left[0], old_version, right[0], right[1], lineno))
    return True
