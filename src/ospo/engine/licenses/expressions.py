"""Declared license strings → SPDX expressions that policy code can reason about.

Manifests say "Apache 2.0", "GPLv3+", "BSD", a URL, or a real SPDX expression. Parsing is done by
``license-expression`` (the SPDX grammar, deprecated ids such as ``GPL-2.0`` → ``GPL-2.0-only``); what it
cannot read is first looked up in a table of common free-text spellings written here (:data:`ALIASES`,
:data:`URL_ALIASES`). Anything still unknown is kept, never guessed: it becomes ``LicenseRef-ospo-<hash8>``
and the original words and their hash travel with the result so that a human can decide later.

The result is also a small tree (:class:`Lic`, :class:`And`, :class:`Or`) so that the policy can apply
SPDX semantics — an OR is satisfied by one branch, an AND needs all, WITH keeps its exception — without
depending on ``boolean.py`` objects.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

MAX_LENGTH = 2000  # a "license" longer than this is a pasted text, not a declaration: kept as one LicenseRef

# --- the tree ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lic:
    """One license, possibly ``WITH`` an exception."""

    id: str
    exception: str | None = None

    def render(self) -> str:
        return f"{self.id} WITH {self.exception}" if self.exception else self.id


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]

    def render(self) -> str:
        return " AND ".join(f"({i.render()})" if isinstance(i, Or) else i.render() for i in self.items)


def _paren_and(node: Node) -> str:
    # AND binds tighter than OR in SPDX, but "(A AND B) OR C" is what a reader expects to see.
    return f"({node.render()})" if isinstance(node, And) else node.render()


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]

    def render(self) -> str:
        return " OR ".join(_paren_and(i) for i in self.items)


Node = Lic | And | Or


def leaves(node: Node) -> list[Lic]:
    if isinstance(node, Lic):
        return [node]
    return [leaf for item in node.items for leaf in leaves(item)]


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader should know about a normalisation; ``key`` is a message of ``licenses.messages``."""

    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Normalized:
    """A declared license after normalisation.

    ``expression`` is None only for an empty declaration. ``refs`` maps each ``LicenseRef-ospo-…`` made
    here to the original words (their SHA-256 is in the id). ``changed`` tells whether the text was not
    already the canonical SPDX expression.
    """

    original: str
    expression: str | None
    tree: Node | None
    refs: dict[str, str] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    @property
    def changed(self) -> bool:
        return self.expression != self.original.strip()


# --- alias tables ------------------------------------------------------------------------------------------

# Free-text spellings, matched against :func:`_canon` of the text. One row: (pattern, SPDX expression or a
# template using the pattern's named groups, note key or None). Rows are tried in order; the first wins.
_V = r"(?P<major>\d)(?:\.(?P<minor>\d))?(?:\.0)?"
_LATER = r"(?P<later>\+| or later| or any later(?: version)?| or newer| and later)?"
_ONLY = r"(?P<only> only)?"
AMBIGUOUS_BSD = "ambiguous-bsd"
AMBIGUOUS_GPL = "ambiguous-version"
ONLY_ASSUMED = "only-assumed"

ALIASES: tuple[tuple[str, str, str | None], ...] = (
    # Apache
    (rf"^apache(?: software)? {_V}$", "Apache-{major}.{minor0}", None),
    (r"^(?:apache|apache software|asl|asf)$", "", "ambiguous-apache"),
    (rf"^asl {_V}$", "Apache-{major}.{minor0}", None),
    # MIT family
    (r"^(?:mit|expat|mit x11|x11 mit|mit expat|the mit)$", "MIT", None),
    (r"^x11$", "X11", None),
    # BSD: the bare word names three different licenses
    (r"^(?:bsd|bsd style|bsd like)$", "", AMBIGUOUS_BSD),
    (r"^(?:new bsd|modified bsd|revised bsd|bsd 3 clause|bsd 3|3 clause bsd|bsd new)$", "BSD-3-Clause", None),
    (r"^(?:simplified bsd|freebsd|bsd 2 clause|bsd 2|2 clause bsd)$", "BSD-2-Clause", None),
    (r"^(?:original bsd|bsd 4 clause|bsd 4|4 clause bsd|bsd old)$", "BSD-4-Clause", None),
    (r"^(?:0bsd|zero clause bsd|bsd zero clause|bsd 0 clause)$", "0BSD", None),
    # GNU family; the qualifier decides -only / -or-later
    (rf"^(?P<fam>agpl|lgpl|gpl) {_V}{_LATER}{_ONLY}$", "{fam}", None),
    (r"^(?P<fam>agpl|lgpl|gpl)$", "", AMBIGUOUS_GPL),
    # Mozilla, Eclipse, EUPL, CDDL
    (rf"^mpl {_V}$", "MPL-{major}.{minor0}", None),
    (rf"^epl {_V}$", "EPL-{major}.{minor0}", None),
    (rf"^eupl {_V}$", "EUPL-{major}.{minor0}", None),
    (rf"^cddl {_V}$", "CDDL-{major}.{minor0}", None),
    # Public domain and friends
    (r"^(?:public domain|pd|public domain dedication)$", "LicenseRef-scancode-public-domain", None),
    (r"^(?:cc0|cc0 1.0|cc zero|cc0 1.0 universal)$", "CC0-1.0", None),
    (r"^(?:unlicense|the unlicense)$", "Unlicense", None),
    (r"^(?:isc|isc style)$", "ISC", None),
    (r"^(?:zlib|zlib libpng)$", "Zlib", None),
    (r"^(?:boost|bsl 1.0|boost software)$", "BSL-1.0", None),
    (r"^(?:python software foundation|psf|psf 2.0|psfl)$", "PSF-2.0", None),
    (r"^(?:wtfpl|do what the fuck you want to)$", "WTFPL", None),
    (r"^artistic 2.0$", "Artistic-2.0", None),
    # Proprietary declarations: npm's UNLICENSED means "no permission granted"
    (r"^(?:unlicensed|proprietary|commercial|all rights reserved|closed source|private)$",
     "LicenseRef-scancode-proprietary-license", None),
)

# Words removed or rewritten before matching, so that "GNU General Public License, version 3 or later"
# and "GPLv3+" meet as "gpl 3+".
_CANON_STEPS: tuple[tuple[str, str], ...] = (
    (r"\blicen[cs]e[sd]?\b", " "),
    (r"\bgnu\b", " "),
    (r"\b(?:the|a)\b", " "),
    (r"\baffero general public\b", "agpl"),
    (r"\b(?:lesser|library) general public\b", "lgpl"),
    (r"\bgeneral public\b", "gpl"),
    (r"\bmozilla public\b", "mpl"),
    (r"\beclipse public\b", "epl"),
    (r"\beuropean union public\b", "eupl"),
    (r"\bcommon development and distribution\b", "cddl"),
    (r"\b(agpl|lgpl|gpl|mpl|epl|eupl|apache|asl|cddl)v(?=\s*\d)", r"\1 "),
    (r"\bversion\b|\bver\b|\bv(?=\s*\d)", " "),
    (r"\b(?:osi approved|osi)\b", " "),
)


def _canon(text: str) -> str:
    s = text.lower().replace("_", " ")
    s = re.sub(r"^license\s*::\s*(?:osi approved\s*::\s*)?", "", s)  # PyPI trove classifiers
    for pattern, repl in _CANON_STEPS:
        s = re.sub(pattern, repl, s)
    s = re.sub(r"[,;:/\-]+", " ", s)
    s = re.sub(r"\s*\+", "+", s)
    return re.sub(r"\s+", " ", s).strip(" .")


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str, str | None], ...]:
    return tuple((re.compile(p), t, n) for p, t, n in ALIASES)


def _alias(text: str) -> tuple[str, str | None] | None:
    """(SPDX expression or "" for "deliberately unknown", note key) for a known free-text spelling.

    PyPI-style "GNU General Public License v3 (GPLv3)" repeats itself in parentheses: the text without
    the parenthesis is tried first, then the parenthesis alone.
    """
    bare = re.sub(r"\([^)]*\)", " ", text)
    inner = " ".join(re.findall(r"\(([^)]*)\)", text))
    for candidate in dict.fromkeys((text, bare, inner)):
        found = _alias_one(candidate) if candidate.strip() else None
        if found is not None:
            return found
    return None


def _alias_one(text: str) -> tuple[str, str | None] | None:
    canon = _canon(text)
    if not canon:
        return None
    for pattern, template, note in _compiled():
        m = pattern.match(canon)
        if not m:
            continue
        groups = m.groupdict()
        if template == "{fam}":
            fam = groups["fam"].upper()
            version = f"{groups['major']}.{groups['minor'] or '0'}"
            if groups.get("later"):
                return f"{fam}-{version}-or-later", None
            return f"{fam}-{version}-only", None if groups.get("only") else ONLY_ASSUMED
        if template:
            return template.format(major=groups.get("major"), minor0=groups.get("minor") or "0"), note
        return "", note
    return None


# License URLs. Keys are URLs without scheme, "www.", trailing "/" and ".html"/".php"/".txt", lower-cased.
URL_ALIASES: dict[str, str] = {
    "apache.org/licenses/license-2.0": "Apache-2.0",
    "apache.org/licenses/license-1.1": "Apache-1.1",
    "opensource.org/licenses/mit-license": "MIT",
    "opensource.org/licenses/bsd-license": "BSD-2-Clause",
    "opensource.org/licenses/gpl-license": "",
    "gnu.org/licenses/gpl-2.0": "GPL-2.0-only",
    "gnu.org/licenses/old-licenses/gpl-2.0": "GPL-2.0-only",
    "gnu.org/licenses/gpl-3.0": "GPL-3.0-only",
    "gnu.org/licenses/gpl": "",
    "gnu.org/licenses/lgpl-3.0": "LGPL-3.0-only",
    "gnu.org/licenses/old-licenses/lgpl-2.1": "LGPL-2.1-only",
    "gnu.org/licenses/lgpl": "",
    "gnu.org/licenses/agpl-3.0": "AGPL-3.0-only",
    "gnu.org/licenses/agpl": "AGPL-3.0-only",
    "mozilla.org/mpl/2.0": "MPL-2.0",
    "mozilla.org/en-us/mpl/2.0": "MPL-2.0",
    "eclipse.org/legal/epl-2.0": "EPL-2.0",
    "eclipse.org/legal/epl-v10": "EPL-1.0",
    "eclipse.org/org/documents/epl-v10": "EPL-1.0",
    "creativecommons.org/publicdomain/zero/1.0": "CC0-1.0",
    "creativecommons.org/licenses/by/4.0": "CC-BY-4.0",
    "creativecommons.org/licenses/by-sa/4.0": "CC-BY-SA-4.0",
    "creativecommons.org/licenses/by-sa/3.0": "CC-BY-SA-3.0",
    "unlicense.org": "Unlicense",
    "joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12": "EUPL-1.2",
    "eupl.eu/1.2/en": "EUPL-1.2",
    "json.org/license": "JSON",
}
_URL_NOTES = {"gnu.org/licenses/gpl-2.0": ONLY_ASSUMED, "gnu.org/licenses/old-licenses/gpl-2.0": ONLY_ASSUMED,
              "gnu.org/licenses/gpl-3.0": ONLY_ASSUMED, "gnu.org/licenses/lgpl-3.0": ONLY_ASSUMED,
              "gnu.org/licenses/old-licenses/lgpl-2.1": ONLY_ASSUMED, "gnu.org/licenses/agpl-3.0": ONLY_ASSUMED,
              "gnu.org/licenses/agpl": ONLY_ASSUMED}
_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?P<rest>[a-z0-9.-]+\.[a-z]{2,}(?:/\S*)?)$", re.I)
# Sites whose last path segment is an SPDX id: opensource.org/licenses/<id>, spdx.org/licenses/<id>, …
_ID_SITES = ("opensource.org/licenses/", "spdx.org/licenses/", "choosealicense.com/licenses/",
             "opensource.org/license/")


def _url_alias(text: str) -> tuple[str, str | None] | None:
    m = _URL.match(text.strip())
    if not m:
        return None
    rest = m.group("rest").lower().rstrip("/")
    rest = re.sub(r"\.(?:html?|php|txt|md)$", "", rest).rstrip("/")
    rest = rest.split("#", 1)[0].split("?", 1)[0]
    if rest in URL_ALIASES:
        target = URL_ALIASES[rest]
        return target, (_URL_NOTES.get(rest) if target else AMBIGUOUS_GPL)
    for site in _ID_SITES:
        if rest.startswith(site):
            tail = rest[len(site):]
            known = _spdx_ids().get(tail.lower())
            if known:
                return known, None
            found = _alias(tail)
            if found is not None:
                return found
    return None


# --- license-expression ------------------------------------------------------------------------------------


@cache
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@cache
def _spdx_ids() -> dict[str, str]:
    """Lower-cased SPDX id (and alias) → canonical id, from license-expression's licensedb index."""
    out: dict[str, str] = {}
    for sym in _licensing().known_symbols.values():
        out.setdefault(sym.key.lower(), sym.key)
        for alias in sym.aliases:
            out.setdefault(alias.lower(), sym.key)
    return out


@cache
def _spdx_keys() -> dict[str, str]:
    """Lower-cased canonical SPDX id → id (no aliases)."""
    return {sym.key.lower(): sym.key for sym in _licensing().known_symbols.values()}


_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.+-]+:)?LicenseRef-[A-Za-z0-9.+-]+$")


def ospo_ref(text: str) -> str:
    """The LicenseRef kept for words no table knows: stable (a hash of the words) and valid SPDX."""
    return f"LicenseRef-ospo-{text_hash(text)[:8]}"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8", "surrogatepass")).hexdigest()


class _Builder:
    """Turns license-expression objects, or raw words, into our tree, collecting refs and notes."""

    def __init__(self) -> None:
        self.refs: dict[str, str] = {}
        self.notes: list[Note] = []

    def unknown(self, words: str, note: str | None = None) -> Lic:
        ref = ospo_ref(words)
        self.refs[ref] = words.strip()
        self.notes.append(Note(note or "unknown-license", (("text", words.strip()[:200]), ("ref", ref),
                                                             ("hash", text_hash(words)))))
        return Lic(ref)

    def words(self, words: str) -> Node:
        """A fragment license-expression does not know: aliases, URLs, else an ospo LicenseRef."""
        stripped = words.strip()
        known = _spdx_keys().get(stripped.lower())
        if known:
            return Lic(known)
        if _REF.match(stripped):
            return Lic(stripped)
        found = _url_alias(stripped) or _alias(stripped)
        if found is None:
            scancode = _spdx_ids().get(stripped.lower())  # ScanCode's own aliases, after ours
            return Lic(scancode) if scancode else self.unknown(stripped)
        target, note = found
        if not target:
            return self.unknown(stripped, note)
        if note:
            self.notes.append(Note(note, (("text", stripped[:200]), ("id", target))))
        if target != stripped:
            self.notes.append(Note("alias", (("text", stripped[:200]), ("id", target))))
        return _parse_plain(target) or Lic(target)

    def convert(self, expr) -> Node:  # type: ignore[no-untyped-def]
        from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

        if isinstance(expr, LicenseWithExceptionSymbol):
            base = self.symbol(expr.license_symbol)
            exc = expr.exception_symbol.key
            exc_id = _spdx_ids().get(exc.lower(), exc)
            if isinstance(base, Lic) and base.exception is None:
                return Lic(base.id, exc_id)
            return base  # an alias that expanded to an expression cannot carry an exception; kept as is
        if isinstance(expr, LicenseSymbol):
            return self.symbol(expr)
        items = tuple(self.convert(a) for a in expr.args)
        kind = And if type(expr).__name__ == "AND" else Or
        flat: list[Node] = []
        for item in items:
            flat.extend(item.items if isinstance(item, kind) else (item,))
        return kind(tuple(flat))

    def symbol(self, sym) -> Node:  # type: ignore[no-untyped-def]
        key = sym.key
        known = _licensing().known_symbols.get(key)
        if known is not None:
            return Lic(known.key)
        if _REF.match(key):
            return Lic(key)
        return self.words(key)


@cache
def _parse_plain(expression: str) -> Node | None:
    """Our tree for an expression made only of known ids (the alias table's targets)."""
    try:
        parsed = _licensing().parse(expression, validate=False, strict=True)
    except Exception:
        return None
    return None if parsed is None else _Builder().convert(parsed)




@lru_cache(maxsize=8192)
def normalize(text: str | None) -> Normalized:
    """Normalise one declared license. Never raises: the worst case is one ``LicenseRef-ospo-…``."""
    original = text or ""
    stripped = original.strip()
    if not stripped:
        return Normalized(original, None, None)
    b = _Builder()
    if len(stripped) > MAX_LENGTH:
        tree: Node = b.unknown(stripped, "too-long")
    else:
        tree = _whole(stripped, b)
    return Normalized(original, tree.render(), tree, dict(b.refs), tuple(b.notes))


def _whole(text: str, b: _Builder) -> Node:
    # 1. A whole-text alias or URL wins: "Apache License, Version 2.0" must not be split at the comma.
    found = _url_alias(text) or _alias(text)
    if found is not None:
        return b.words(text)
    # 2. An SPDX expression, possibly with unknown words as keys ("Apache 2.0 OR MIT").
    try:
        parsed = _licensing().parse(text, validate=False, strict=True)
    except Exception:
        parsed = None
    if parsed is not None:
        return b.convert(parsed)
    # 3. Free text joined by words or signs: each part on its own. "/" and "|" separate alternatives (npm's
    # "MIT/GPL"); "," and ";" list licenses without saying which applies, read as AND (the stricter reading).
    if _URL.match(text) or not _SEPARATORS.search(text):
        return b.words(text)
    ops = [(a or _SIGN_OP[c]).lower() for a, c in _SEPARATORS.findall(text)]
    parts = [p for p in _SEPARATORS.split(text) if p and p.strip() and p.lower() not in ("and", "or")
             and p not in _SIGN_OP]
    kinds = set(ops)
    if len(parts) < 2 or len(kinds) != 1:
        return b.unknown(text, "mixed" if len(kinds) > 1 else None)
    probe = _Builder()
    nodes = tuple(probe.words(p) for p in parts)
    if probe.refs:
        # A part nobody knows: this is a sentence, not a list of licenses; keep the words together.
        return b.words(text)
    b.notes.extend(probe.notes)
    if any(c in (",", ";") for c in text if c in _SIGN_OP):
        b.notes.append(Note("list-read-as-and", (("text", text[:200]),)))
    return (And if kinds == {"and"} else Or)(nodes)


_SEPARATORS = re.compile(r"\s+(and|or)\s+|\s*([/;|,])\s*", re.I)
_SIGN_OP = {"/": "or", "|": "or", ";": "and", ",": "and"}
