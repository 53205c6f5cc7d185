"""Per-ecosystem version ordering: one comparable key per (purl type, version string).

Why hand-written keys rather than one library for everything: matching compares each component against every
range event of every advisory of its package, so the key must be cheap (an lru_cached tuple compares in C) and
exactly the ecosystem's rule. ``packaging`` is used for PEP 440 (it *is* the reference implementation). univers
was checked (tests/test_vuln_versions_univers.py records the cases) and is wrong where it matters here:

* ``ComposerVersion``: ``1.0.0-beta > 1.0.0-RC1``, ``1.0.0-dev > 1.0.0-alpha``, ``1.0.0 > 1.0.0-patch1`` —
  Composer's order is dev < alpha < beta < RC < stable < patch;
* ``SemverVersion``: ``1.0.0+build > 1.0.0`` — SemVer 2.0 §10 says build metadata has no precedence;
* ``MavenVersion``: ``1.0.RELEASE > 1.0`` — Maven's ComparableVersion aliases ``release`` to ``""`` (= ``1.0``);
* all of them cost 15-80 µs per parse (attrs objects), ten times a tuple key.

Every key is ``(1, ...)`` when the version parses and ``(0, text)`` when it does not, so unparseable versions
sort deterministically before every real one and never raise; :func:`is_parseable` reports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from packaging.version import InvalidVersion, Version

Key = tuple[Any, ...]

# --------------------------------------------------------------------------------------------- SemVer family
_SEMVER = re.compile(
    r"^\s*[=v]*\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?"
    r"(?:-?((?:[0-9A-Za-z-]+)(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\s*$"
)


def _prerelease(pre: str | None, fold: bool = False) -> tuple[Any, ...]:
    """SemVer §11: a release sorts after its prereleases; identifiers compare numerically when numeric,
    numbers before letters, and a shorter list of equal prefix first. ``(1,)`` marks "no prerelease"."""
    if not pre:
        return (1,)
    ids: list[tuple[int, Any]] = []
    for part in pre.split("."):
        if part.isdigit():
            ids.append((0, int(part)))
        else:
            ids.append((1, part.lower() if fold else part))
    return (0, *ids)


def _semver(version: str, *, build: bool = False) -> Key | None:
    """node-semver (loose: a leading ``v``/``=`` and missing minor/patch are accepted, as npm's coercion
    does for advisories written by hand), Cargo's semver, Hex, and the base of Go. Build metadata is
    ignored (SemVer §10) unless ``build`` (pub orders ``1.0.0+1`` after ``1.0.0``)."""
    m = _SEMVER.match(version)
    if not m:
        return None
    major, minor, patch, pre, meta = m.groups()
    key: tuple[Any, ...] = (int(major), int(minor or 0), int(patch or 0), _prerelease(pre))
    if build:
        key += (_prerelease(meta) if meta else (),)
    return key


# --------------------------------------------------------------------------------------------- Go
_GO_TOOLCHAIN = re.compile(r"^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(alpha|beta|rc)(\d+))?$")


def _golang(version: str) -> Key | None:
    """Go modules: semver with a mandatory ``v`` (tolerated without), ``+incompatible`` is build metadata
    and so ignored; pseudo-versions (``v1.2.4-0.20200101000000-abcdef123456``, ``v0.0.0-2020…-abc``,
    ``v1.2.3-pre.0.2020…``) are prereleases whose timestamp (fixed width) orders them chronologically, which
    plain semver precedence already gives. The ``stdlib``/``toolchain`` modules write ``go1.21.3`` in go.mod
    and ``1.21.3`` in OSV; ``go1.21rc2`` is ``1.21.0-rc.2``; ``go1.20`` is the 1.20.0 release."""
    m = _GO_TOOLCHAIN.match(version.strip())
    if m:
        major, minor, patch, pre, n = m.groups()
        pre_key = _prerelease(f"{pre}.{n}") if pre else (1,)
        return (int(major), int(minor or 0), int(patch or 0), pre_key)
    return _semver(version)


# --------------------------------------------------------------------------------------------- NuGet
_NUGET = re.compile(
    r"^\s*[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?\s*$"
)


def _nuget(version: str) -> Key | None:
    """NuGetVersion: up to four numeric parts (missing = 0, leading zeros allowed: ``01.0`` = ``1.0.0.0``),
    release labels compared case-insensitively (``1.0.0-ALPHA`` = ``1.0.0-alpha``), metadata ignored."""
    m = _NUGET.match(version)
    if not m:
        return None
    a, b, c, d, pre = m.groups()
    return (int(a), int(b or 0), int(c or 0), int(d or 0), _prerelease(pre, fold=True))


# --------------------------------------------------------------------------------------------- RubyGems
_GEM_VALID = re.compile(r"^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$")
_GEM_SEG = re.compile(r"[0-9]+|[a-z]+", re.IGNORECASE)


def _gem_cmp(a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
    """Gem::Version#<=> on canonical segments: missing segments are 0, a letter segment sorts before any
    number (so ``1.0.a`` < ``1.0``), letters compare as strings."""
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else 0
        y = b[i] if i < len(b) else 0
        if x == y:
            continue
        xs, ys = isinstance(x, str), isinstance(y, str)
        if xs and not ys:
            return -1
        if ys and not xs:
            return 1
        return -1 if x < y else 1
    return 0


class _CmpKey:
    """Orders by an ecosystem's three-way comparison. Always paired with the canonical tuple in a key
    ``(_CmpKey, canonical)``: the tuple supplies hashing and breaks the rare ties of a comparison that is
    coarser than structure, so the whole key stays a hashable total order."""

    __slots__ = ("canon", "cmp")

    def __init__(self, canon: tuple[Any, ...], cmp: Callable[[Any, Any], int]) -> None:
        self.canon = canon
        self.cmp = cmp

    def __lt__(self, other: _CmpKey) -> bool:
        return self.cmp(self.canon, other.canon) < 0

    def __gt__(self, other: _CmpKey) -> bool:
        return self.cmp(self.canon, other.canon) > 0

    def __le__(self, other: _CmpKey) -> bool:
        return self.cmp(self.canon, other.canon) <= 0

    def __ge__(self, other: _CmpKey) -> bool:
        return self.cmp(self.canon, other.canon) >= 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _CmpKey) and self.cmp(self.canon, other.canon) == 0

    def __hash__(self) -> int:
        return 0  # equal keys must hash alike; the paired canonical tuple does the discriminating

    def __repr__(self) -> str:
        return f"_CmpKey({self.canon!r})"


def _gem(version: str) -> Key | None:
    """Gem::Version: ``-`` means ``.pre.``; segments are runs of digits or letters; canonical form drops
    trailing zeros of the numeric part and of the prerelease part (``1.0.0`` = ``1``, ``1.0.a`` = ``1.a``)."""
    if not _GEM_VALID.match(version):
        return None
    segs: list[Any] = [int(s) if s.isdigit() else s for s in _GEM_SEG.findall(version.strip().replace("-", ".pre."))]
    first_str = next((i for i, s in enumerate(segs) if isinstance(s, str)), len(segs))
    num, strs = segs[:first_str], segs[first_str:]
    while num and num[-1] == 0:
        num.pop()
    while strs and strs[-1] == 0:
        strs.pop()
    canon = tuple(num + strs)
    return (_CmpKey(canon, _gem_cmp), canon)  # the canonical tuple keeps the key hashable and equality exact


# --------------------------------------------------------------------------------------------- Maven
_MAVEN_QUALIFIERS = {"alpha": 0, "beta": 1, "milestone": 2, "rc": 3, "snapshot": 4, "": 5, "sp": 6}
_MAVEN_ALIASES = {"ga": "", "final": "", "release": "", "cr": "rc"}
_MAVEN_SHORT = {"a": "alpha", "b": "beta", "m": "milestone"}
_RELEASE = (5, "")


def _qual(s: str) -> tuple[int, str]:
    """ComparableVersion.StringItem.comparableQualifier: known qualifiers by rank, unknown ones after all of
    them and between themselves lexically (``7-foo`` in Maven's own string form)."""
    s = _MAVEN_ALIASES.get(s, s)
    rank = _MAVEN_QUALIFIERS.get(s)
    return (rank, "") if rank is not None else (7, s)


# Items: ("i", int) | ("s", (rank, str)) | ("l", [items])
def _maven_cmp_item(x: Any, y: Any) -> int:  # one branch per item type, as in the Java original
    if x is None:
        return -_maven_cmp_item(y, None) if y is not None else 0
    kx = x[0]
    if y is None:
        if kx == "i":
            return 0 if x[1] == 0 else 1
        if kx == "s":
            return (x[1] > _RELEASE) - (x[1] < _RELEASE)
        return 0 if not x[1] else _maven_cmp_item(x[1][0], None)
    ky = y[0]
    if kx == "i":
        if ky == "i":
            return (x[1] > y[1]) - (x[1] < y[1])
        return 1
    if kx == "s":
        if ky == "i" or ky == "l":
            return -1
        return (x[1] > y[1]) - (x[1] < y[1])
    if ky == "i":
        return -1
    if ky == "s":
        return 1
    xs, ys = x[1], y[1]
    for i in range(max(len(xs), len(ys))):
        a = xs[i] if i < len(xs) else None
        b = ys[i] if i < len(ys) else None
        r = _maven_cmp_item(a, b)
        if r:
            return r
    return 0


def _maven_item(tok: str, followed_by_digit: bool) -> tuple[str, Any]:
    if tok.isdigit():
        return ("i", int(tok))
    if followed_by_digit and len(tok) == 1:
        tok = _MAVEN_SHORT.get(tok, tok)
    return ("s", _qual(tok))


def _is_null(item: tuple[str, Any]) -> bool:
    kind, val = item
    return (kind == "i" and val == 0) or (kind == "s" and val == _RELEASE) or (kind == "l" and not val)


def _normalize(items: list[Any]) -> None:
    i = len(items) - 1
    while i >= 0:
        if _is_null(items[i]):
            del items[i]
        elif items[i][0] != "l":
            break
        i -= 1


def _freeze(items: list[Any]) -> tuple[Any, ...]:
    return tuple(("l", _freeze(v)) if k == "l" else (k, v) for k, v in items)


def _maven_parse(version: str) -> tuple[Any, ...]:
    """ComparableVersion.parseVersion (Maven 3.x): ``.`` separates items, ``-`` and digit/letter transitions
    open a sub-list; trailing null items (0, "", "ga", "final", "release") are dropped, so ``1.0`` = ``1``."""
    v = version.strip().lower()
    root: list[Any] = []
    cur = root
    stack = [root]
    start = 0
    is_digit = False
    n = len(v)
    for i, c in enumerate(v):
        if c == ".":
            cur.append(("i", 0) if i == start else _maven_item(v[start:i], False))
            start = i + 1
        elif c == "-":
            cur.append(("i", 0) if i == start else _maven_item(v[start:i], False))
            start = i + 1
            new: list[Any] = []
            cur.append(("l", new))
            cur = new
            stack.append(new)
        elif c.isdigit():
            if not is_digit and i > start:
                cur.append(_maven_item(v[start:i], True))
                start = i
                new = []
                cur.append(("l", new))
                cur = new
                stack.append(new)
            is_digit = True
        else:
            if is_digit and i > start:
                cur.append(_maven_item(v[start:i], False))
                start = i
                new = []
                cur.append(("l", new))
                cur = new
                stack.append(new)
            is_digit = False
    if n > start:
        cur.append(_maven_item(v[start:], False))
    for lst in reversed(stack):
        _normalize(lst)
    return _freeze(root)


def _maven_cmp(a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
    return _maven_cmp_item(("l", a), ("l", b))


def _maven(version: str) -> Key | None:
    if not version.strip() or not any(ch.isalnum() for ch in version):
        return None
    items = _maven_parse(version)
    return (_CmpKey(items, _maven_cmp), items)


# --------------------------------------------------------------------------------------------- Composer
_STABILITY = r"(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?"
_COMPOSER_CLASSIC = re.compile(r"^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?[._-]?" + _STABILITY + "$", re.I)
_COMPOSER_DATE = re.compile(r"^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})[._-]?" + _STABILITY + "$", re.I)
_COMPOSER_BRANCH = re.compile(r"^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?[.-]?dev$", re.I)
_EXPAND = {"a": "alpha", "b": "beta", "p": "patch", "pl": "patch", "rc": "RC"}
_PHP_SPECIAL = (("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4),
                ("pl", 5), ("p", 5))
_PHP_CANON = re.compile(r"\d+|[^\d.]+")


def composer_normalize(version: str) -> str | None:
    """Composer's VersionParser::normalize (the subset a version, not a constraint, can take): four numeric
    parts, the stability suffix expanded (``b`` → ``beta``, ``p``/``pl`` → ``patch``, ``rc`` → ``RC``),
    ``2.0.x-dev`` → ``2.0.9999999.9999999-dev``, ``dev-master``/``dev-main`` → ``9999999-dev``."""
    v = re.sub(r"\s+as\s+.*$", "", version.strip())
    v = re.sub(r"@(?:stable|RC|beta|alpha|dev)$", "", v, flags=re.I)
    if re.fullmatch(r"(?:dev-)?(?:master|trunk|default|main)", v, re.I):
        return "9999999-dev"
    if v[:4].lower() == "dev-":
        return None  # a branch name: not ordered against releases
    m = _COMPOSER_CLASSIC.match(v)
    if m:
        nums = [m.group(1)] + [(g[1:] if g else "0") for g in m.groups()[1:4]]
        idx = 5
    else:
        m = _COMPOSER_DATE.match(v)
        if m:
            nums = [re.sub(r"\D", ".", m.group(1))]
            idx = 2
        else:
            b = _COMPOSER_BRANCH.match(v)
            if not b:
                return None
            parts = [b.group(1)] + [(g[1:] if g else "x") for g in b.groups()[1:4]]
            return ".".join("9999999" if p in {"x", "X", "*"} else p for p in parts) + "-dev"
    out = ".".join(nums)
    stability, num, dev = m.group(idx), m.group(idx + 1), m.group(idx + 2)
    if stability and stability.lower() != "stable":
        out += "-" + _EXPAND.get(stability.lower(), stability.lower()) + (num or "").lstrip(".-")
    if dev:
        out += "-dev"
    return out


def _php_part(p: str) -> tuple[int, int]:
    if p.isdigit():
        return (4, int(p))
    for name, rank in _PHP_SPECIAL:
        if p.startswith(name):  # PHP matches special forms by prefix: "patch" is "p"
            return (rank, 0)
    return (-6, 0)


def php_version_key(normalized: str) -> tuple[tuple[int, int], ...]:
    """PHP's version_compare as a key: ``-_+`` become ``.``, digit/letter transitions split; numbers are
    ``#`` (rank 4) between RC and patch; a missing part compares as ``#`` below any number, hence the
    ``(4, -1)`` terminator."""
    parts = _PHP_CANON.findall(re.sub(r"[-_+]", ".", normalized))
    return (*(_php_part(p) for p in parts if p != "."), (4, -1))


def _composer(version: str) -> Key | None:
    norm = composer_normalize(version)
    return None if norm is None else php_version_key(norm)


# --------------------------------------------------------------------------------------------- PyPI
_LEGACY_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+\-:!]*$")
_LEGACY_PART = re.compile(r"(\d+|[a-z]+|\.|-)")
_LEGACY_MAP = {"pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"}


def _legacy(version: str) -> tuple[str, ...]:
    """packaging < 22's LegacyVersion key (setuptools' old parse_version): what PyPI, pip and osv.dev used for
    versions that are not PEP 440 (``0.7.1.fix1``, ``0.3m1``, ``2.0.0-final``). They sort before every PEP 440
    version, as LegacyVersion's epoch -1 made them."""
    parts: list[str] = []
    for raw in _LEGACY_PART.split(version.lower()):
        part = _LEGACY_MAP.get(raw, raw)
        if not part or part == ".":
            continue
        part = part.zfill(8) if part[:1].isdigit() else "*" + part
        if part.startswith("*"):
            if part < "*final":
                while parts and parts[-1] == "*final-":
                    parts.pop()
            while parts and parts[-1] == "00000000":
                parts.pop()
        parts.append(part)
    parts.append("*final")
    return tuple(parts)


def _pypi(version: str) -> Key | None:
    """PEP 440 by ``packaging`` (epochs, pre/post/dev, local segments), the reference implementation; other
    version-like tokens by the legacy scheme (an operator, space or comma means a constraint: unparseable)."""
    v = version.strip()
    try:
        return (1, Version(v))
    except InvalidVersion:
        pass
    return (0, _legacy(v)) if _LEGACY_OK.match(v) else None


_PARSERS = {
    "npm": _semver,
    "cargo": _semver,
    "hex": _semver,
    "pub": lambda v: _semver(v, build=True),
    "golang": _golang,
    "nuget": _nuget,
    "gem": _gem,
    "maven": _maven,
    "composer": _composer,
    "pypi": _pypi,
    "semver": _semver,  # OSV ranges of type SEMVER, whatever the ecosystem
}
SUPPORTED = frozenset(_PARSERS)


@lru_cache(maxsize=262_144)
def version_key(purl_type: str, version: str) -> Key:
    """The sort key of ``version`` in ``purl_type``'s ordering; never raises.

    Unknown ecosystems fall back to the generic semver-ish parse, then to the raw text.
    """
    if not isinstance(version, str):
        return (0, repr(version))
    parser = _PARSERS.get(purl_type, _semver)
    try:
        key = parser(version)
    except (ValueError, TypeError, RecursionError):  # defensive: a parser bug must not stop a scan
        key = None
    return (0, version) if key is None else (1, key)


def is_parseable(purl_type: str, version: str) -> bool:
    return version_key(purl_type, version)[0] == 1


def compare(purl_type: str, a: str, b: str) -> int:
    """-1, 0 or 1 as ``a`` sorts before, equal to or after ``b``."""
    ka, kb = version_key(purl_type, a), version_key(purl_type, b)
    return (ka > kb) - (ka < kb)


def sort_versions(purl_type: str, versions: list[str]) -> list[str]:
    return sorted(versions, key=lambda v: version_key(purl_type, v))


# --------------------------------------------------------------------------------------------- version or not
# Characters that only range syntax uses (npm ``^ ~ >= || x``, PEP 440 ``== != ~= *``, Maven ``[1.0,2.0)``,
# RubyGems ``~>``, Composer ``^ || ,``): an exact version never contains them.
_CONSTRAINT_CHARS = re.compile(r"[<>=~^*,|()\[\]{}\s]")
_WILDCARD_PART = re.compile(r"(?:^|[.])[xX](?:$|[.-])")
_PYPI_EPOCH = re.compile(r"^\d+![^!]*$")
_SUSPECT = re.compile(r"[<>=~^*,|()\[\]{}\s!]|(?:^|[.])[xX](?:$|[.-])|^dev-", re.I)  # one pass for the usual case
_DIGIT = re.compile(r"\d")


def version_problem(purl_type: str, version: object) -> str | None:
    """Why ``version`` is not one exact version of ``purl_type`` (``None`` when it is one).

    Why this exists: a constraint that reaches the matcher in place of a version (``^1.2.0``, ``>=2,<3``,
    ``[1.0,2.0)``, ``1.x``) would otherwise be parsed by a lenient ecosystem parser (Maven's ComparableVersion
    accepts any text, the legacy PyPI scheme accepts ``1.x``) and placed somewhere in the ranges — a finding,
    or an absence of one, that means nothing. Reasons: ``empty``, ``constraint``, ``wildcard``, ``no-digit``
    (``latest``, ``RELEASE``: tags, not versions), ``branch`` (Composer ``dev-main``).
    """
    if not isinstance(version, str):
        return "empty"
    return _version_problem(purl_type, version)


@lru_cache(maxsize=262_144)
def _version_problem(purl_type: str, version: str) -> str | None:
    v = version.strip()
    if not v:
        return "empty"
    if not _SUSPECT.search(v):  # the usual case: one regex pass and a digit test
        return None if _DIGIT.search(v) else "no-digit"
    if _CONSTRAINT_CHARS.search(v):
        return "constraint"
    if "!" in v and not (purl_type == "pypi" and _PYPI_EPOCH.match(v)):
        return "constraint"
    if _WILDCARD_PART.search(v):
        return "wildcard"
    if not any(ch.isdigit() for ch in v):
        return "no-digit"
    if purl_type == "composer" and v.lower().startswith("dev-"):
        return "branch"
    return None


# --------------------------------------------------------------------------------------------- prereleases
_MAVEN_PRE = re.compile(r"^(.*?\d)[.-]?(?:alpha|beta|milestone|rc|cr|snapshot|[abm](?=\d))(?:[.\-\d].*)?$", re.I)


def _release_text(purl_type: str, version: str) -> str | None:
    v = version.strip()
    if purl_type == "pypi":
        try:
            ver = Version(v)
        except InvalidVersion:
            return None
        if not ver.is_prerelease:
            return None
        epoch = f"{ver.epoch}!" if ver.epoch else ""
        post = f".post{ver.post}" if ver.post is not None else ""
        return f"{epoch}{'.'.join(map(str, ver.release))}{post}"
    if purl_type == "gem":
        segs = _GEM_SEG.findall(v)
        nums = []
        for s in segs:
            if not s.isdigit():
                break
            nums.append(s)
        return ".".join(nums) if nums and len(nums) < len(segs) else None
    if purl_type == "maven":
        m = _MAVEN_PRE.match(v)
        return m.group(1) if m else None
    if purl_type == "composer":
        m = _COMPOSER_CLASSIC.match(v)
        if not m:
            return None
        stability, dev = (m.group(5) or "").lower(), m.group(7)
        if stability not in ("beta", "b", "rc", "alpha", "a") and not dev:
            return None
        return ("v" if v[:1] in "vV" else "") + "".join(g for g in m.groups()[:4] if g)
    if purl_type == "nuget":
        m = _NUGET.match(v)
        if not m or not m.group(5):
            return None
        return ".".join(g for g in m.groups()[:4] if g is not None)
    if purl_type == "golang":
        m = _GO_TOOLCHAIN.match(v)
        if m:
            major, minor, patch, pre, _n = m.groups()
            return f"go{major}.{minor or 0}.{patch or 0}" if pre else None
    m = _SEMVER.match(v)
    if not m or not m.group(4):
        return None
    lead = "v" if v.lstrip("=").startswith("v") else ""
    major, minor, patch = m.group(1), m.group(2) or "0", m.group(3) or "0"
    return f"{lead}{major}.{minor}.{patch}"


@lru_cache(maxsize=262_144)
def release_of(purl_type: str, version: str) -> str | None:
    """The release a prerelease leads to (``0.4.21-0`` → ``0.4.21``, ``2.0rc1`` → ``2.0``, ``2.0-beta9`` →
    ``2.0``); ``None`` when ``version`` is not a prerelease in ``purl_type``'s ordering.

    Why: a recommended fix must be something a cautious operator would install. Advisories write fixes as
    prerelease floors (RustSec's ``fixed: 0.4.21-0`` means "every 0.4.21 build, prereleases included"), and
    recommending the floor itself would steer a stable dependency onto a prerelease. The result is checked to
    sort above ``version`` in the ecosystem's own order, so an odd syntax never yields a step backwards.
    """
    if not isinstance(version, str):
        return None
    rel = _release_text(purl_type, version)
    if rel is None:
        return None
    k_rel, k_v = version_key(purl_type, rel), version_key(purl_type, version)
    return rel if k_rel[0] == 1 and k_v[0] == 1 and k_rel > k_v else None


def is_prerelease(purl_type: str, version: str) -> bool:
    return release_of(purl_type, version) is not None
