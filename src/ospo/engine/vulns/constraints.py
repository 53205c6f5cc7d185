"""Native version-range syntaxes of advisory sources, evaluated with versions.py's orderings.

Why here and not in the converters: the range semantics are the matcher's business (the same ``~>`` or ``^``
must mean the same thing when the database helper converts rubysec/npm/Composer/victims records to OSV and
when a test checks them), and univers's range classes inherit the ordering bugs listed in versions.py.

A constraint is a disjunction of conjunctions of comparators ``(op, key)``; ``op`` is one of ``< <= > >= =
!=`` or ``prefix`` (victims' series: the version string starts with it). Parsers raise :class:`ValueError`
with a reason on syntax they cannot read; :func:`satisfies` never raises.

Prerelease policy: node-semver excludes prereleases from ranges unless a comparator of the same
``major.minor.patch`` has one; for vulnerability matching that would hide ``1.0.0-beta`` from ``<1.0.1``,
so ranges are evaluated with ``includePrerelease`` semantics (and ``<X`` desugared as ``<X-0``).
"""

from __future__ import annotations

import re
from typing import Any

from .versions import Key, version_key

Comparator = tuple[str, Any]
Constraint = list[list[Comparator]]

_OPS = ("<=", ">=", "!=", "==", "<", ">", "=")


def _cmp(purl_type: str, op: str, version: str) -> Comparator:
    if op == "prefix":
        return ("prefix", version)
    key = version_key(purl_type, version)
    if key[0] != 1:
        raise ValueError(f"unparseable version {version!r} in constraint")
    return ("=" if op == "==" else op, key)


def satisfies(purl_type: str, constraint: Constraint, version: str) -> bool:
    vkey = version_key(purl_type, version)
    if vkey[0] != 1:
        return False
    return any(all(_holds(c, vkey, version) for c in conj) for conj in constraint)


def _holds(c: Comparator, vkey: Key, version: str) -> bool:
    op, ref = c
    if op == "<":
        return vkey < ref
    if op == "<=":
        return vkey <= ref
    if op == ">":
        return vkey > ref
    if op == ">=":
        return vkey >= ref
    if op == "=":
        return vkey == ref
    if op == "!=":
        return vkey != ref
    v = version.strip()
    return v == ref or v.startswith((ref + ".", ref + "-"))


# ------------------------------------------------------------------------------------------------ npm
_NPM_PARTIAL = re.compile(
    r"^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$"
)
_NPM_TOKEN = re.compile(r"^(<=|>=|<|>|=|~>|~|\^)?\s*(.*)$")


def _partial(text: str) -> tuple[list[int | None], str | None]:
    m = _NPM_PARTIAL.match(text)
    if not m:
        raise ValueError(f"not a version: {text!r}")
    nums: list[int | None] = []
    for g in m.groups()[:3]:
        if g is None or g in "xX*":
            nums.append(None)
        else:
            nums.append(int(g))
    # 1.x.3 means 1.x
    for i in range(3):
        if nums[i] is None:
            nums[i + 1:] = [None] * (2 - i)
            break
    return nums, (m.group(4) if nums[2] is not None else None)


def _v(nums: list[int | None], pre: str | None = None) -> str:
    base = ".".join(str(n or 0) for n in nums)
    return f"{base}-{pre}" if pre else base


def _npm_comparators(op: str, text: str) -> list[Comparator]:
    if text in {"", "*", "x", "X"}:
        return [(">=", version_key("npm", "0.0.0-0"))]
    nums, pre = _partial(text)
    major, minor, patch = nums
    c = lambda o, v: _cmp("npm", o, v)  # noqa: E731
    if op == "^":
        if major is None:
            return [c(">=", "0.0.0-0")]
        lower = c(">=", _v(nums, pre))
        if major != 0 or minor is None:
            return [lower, c("<", f"{major + 1}.0.0-0")]
        if minor != 0 or patch is None:
            return [lower, c("<", f"0.{minor + 1}.0-0")]
        return [lower, c("<", f"0.0.{patch + 1}-0")]
    if op in {"~", "~>"}:
        if major is None:
            return [c(">=", "0.0.0-0")]
        lower = c(">=", _v(nums, pre))
        if minor is None:
            return [lower, c("<", f"{major + 1}.0.0-0")]
        return [lower, c("<", f"{major}.{minor + 1}.0-0")]
    if major is None:
        return [c("<", "0.0.0-0")] if op in {"<", ">"} else [c(">=", "0.0.0-0")]
    if minor is None or patch is None:  # partial version: an X-range
        lo = _v(nums)
        hi = f"{major + 1}.0.0-0" if minor is None else f"{major}.{minor + 1}.0-0"
        if op in {"", "="}:
            return [c(">=", lo), c("<", hi)]
        if op == ">":
            return [c(">=", hi.removesuffix("-0"))]
        if op == ">=":
            return [c(">=", lo)]
        if op == "<":
            return [c("<", lo + "-0")]
        return [c("<", hi)]  # <=
    full = _v(nums, pre)
    if op == "<" and not pre:
        return [c("<", full + "-0")]
    return [c(op or "=", full)]


def parse_npm_range(text: str) -> Constraint:
    """node-semver range syntax: ``||``, hyphen ranges, X-ranges, ``~``, ``^``, comparators."""
    out: Constraint = []
    for alt in text.split("||"):
        alt = re.sub(r"(<=|>=|<|>|=|~>|~|\^)\s+", r"\1", alt.strip())
        conj: list[Comparator] = []
        hyphen = re.fullmatch(r"(\S+)\s+-\s+(\S+)", alt)
        if hyphen:
            lo, hi = hyphen.groups()
            conj += _npm_comparators(">=", lo)
            conj += _npm_comparators("<=", hi)  # a partial upper bound is an X-range: 1 - 2.3 = <2.4.0-0
        else:
            for tok in alt.split():
                m = _NPM_TOKEN.match(tok)
                assert m is not None  # the pattern matches any string
                conj += _npm_comparators(m.group(1) or "", m.group(2))
            if not conj:
                conj = _npm_comparators("", "*")
        out.append(conj)
    return out


# ------------------------------------------------------------------------------------------------ RubyGems
_GEM_REQ = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*([0-9][0-9A-Za-z.-]*)\s*$")


def _gem_bump(version: str) -> str:
    """Gem::Version#bump: drop prerelease segments, then the last segment, and increment the new last."""
    segs = version.replace("-", ".pre.").split(".")
    while segs and not segs[-1].isdigit():
        segs.pop()
    segs = [s for s in segs if s.isdigit()] if any(not s.isdigit() for s in segs) else segs
    if len(segs) > 1:
        segs.pop()
    if not segs:
        raise ValueError(f"cannot bump {version!r}")
    segs[-1] = str(int(segs[-1]) + 1)
    return ".".join(segs)


def parse_gem_requirement(text: str) -> list[Comparator]:
    """One Gem::Requirement string (``">= 1.2, < 2"`` or ``"~> 4.2.1"``): all its parts must hold."""
    conj: list[Comparator] = []
    for part in text.split(","):
        m = _GEM_REQ.match(part)
        if not m:
            raise ValueError(f"not a gem requirement: {part!r}")
        op, ver = m.group(1) or "=", m.group(2)
        if op == "~>":
            conj += [_cmp("gem", ">=", ver), _cmp("gem", "<", _gem_bump(ver))]
        else:
            conj.append(_cmp("gem", op, ver))
    return conj


def rubysec_vulnerable(patched: list[str], unaffected: list[str], version: str) -> bool:
    """bundler-audit's rule: vulnerable unless a patched or an unaffected requirement is satisfied."""
    reqs = [parse_gem_requirement(r) for r in (*patched, *unaffected)]
    return not satisfies("gem", reqs, version)


# ------------------------------------------------------------------------------------------------ Composer
_COMPOSER_CMP = re.compile(r"^(<=|>=|<>|!=|==|<|>|=|\^|~)?\s*v?(.+)$")


def _composer_comparators(tok: str) -> list[Comparator]:
    m = _COMPOSER_CMP.match(tok.strip())
    if not m:
        raise ValueError(f"not a Composer constraint: {tok!r}")
    op, ver = m.group(1) or "=", m.group(2).strip()
    op = "!=" if op == "<>" else op
    wild = re.fullmatch(r"(\d+(?:\.\d+)*)\.[xX*]", ver)
    if wild or op in {"^", "~"}:
        base = wild.group(1) if wild else ver
        nums = [int(n) for n in re.findall(r"\d+", base.split("-")[0])][:4] or [0]
        if wild:
            upper = [*nums[:-1], nums[-1] + 1]
        elif op == "^":
            i = next((i for i, n in enumerate(nums) if n), len(nums) - 1)
            upper = [*nums[:i], nums[i] + 1]
        else:  # ~1.2.3 → <1.3; ~1.2 → <2
            upper = [*nums[:-2], nums[-2] + 1] if len(nums) > 1 else [nums[0] + 1]
        lo = base if not wild else ".".join(map(str, nums))
        return [_cmp("composer", ">=", lo), _cmp("composer", "<", ".".join(map(str, upper)) + "-dev")]
    return [_cmp("composer", op, ver)]


def parse_composer_constraint(text: str) -> Constraint:
    """Composer constraints: ``||``/``|`` alternatives, ``,``/space conjunctions, ``^ ~ .*`` forms."""
    out: Constraint = []
    for alt in re.split(r"\s*\|\|?\s*", text.strip()):
        alt = re.sub(r"(<=|>=|<>|!=|==|<|>|=)\s+", r"\1", alt)
        conj: list[Comparator] = []
        for tok in re.split(r"\s*,\s*|\s+", alt.strip()):
            if tok and tok != "*":
                conj += _composer_comparators(tok)
        out.append(conj)
    return out


def friendsofphp_vulnerable(branches: dict[str, Any], version: str) -> bool:
    """A FriendsOfPHP advisory: vulnerable when any branch's ``versions`` comparators all hold."""
    alts: Constraint = []
    for branch in branches.values():
        if isinstance(branch, dict) and isinstance(branch.get("versions"), list):
            conj: list[Comparator] = []
            for item in branch["versions"]:
                if isinstance(item, str):
                    for alt in parse_composer_constraint(item):
                        conj += alt
            alts.append(conj)
    return satisfies("composer", alts, version)


# ------------------------------------------------------------------------------------------------ Maven / victims
_VICTIMS = re.compile(r"^\s*(<=|>=|==|<|>|=)\s*([^,\s]+)\s*(?:,\s*([^,\s]+))?\s*$")
_MAVEN_INTERVAL = re.compile(r"([\[(])\s*([^,\[\]()]*?)\s*(?:,\s*([^,\[\]()]*?)\s*)?([\])])")


def parse_victims(text: str) -> list[Comparator]:
    """victims-cve-db: ``<=2.3.1,2.3`` = ``<= 2.3.1`` within the ``2.3`` series (a version-string prefix)."""
    m = _VICTIMS.match(text)
    if not m:
        raise ValueError(f"not a victims range: {text!r}")
    op, ver, series = m.groups()
    conj = [_cmp("maven", op, ver)]
    if series:
        conj.append(("prefix", series))
    return conj


def parse_maven_range(text: str) -> Constraint:
    """Maven version ranges: ``[1.0,2.0)``, ``(,1.0]``, ``[1.2]``, several intervals = union; a bare version
    is the soft requirement "= version" for matching purposes."""
    text = text.strip()
    if not text.startswith(("[", "(")):
        return [[_cmp("maven", "=", text)]]
    out: Constraint = []
    pos = 0
    for m in _MAVEN_INTERVAL.finditer(text):
        if text[pos:m.start()].strip(" ,"):
            raise ValueError(f"not a Maven range: {text!r}")
        pos = m.end()
        open_, lo, hi, close = m.groups()
        single = hi is None
        conj: list[Comparator] = []
        if single:
            if open_ != "[" or close != "]" or not lo:
                raise ValueError(f"not a Maven range: {text!r}")
            conj.append(_cmp("maven", "=", lo))
        else:
            if lo:
                conj.append(_cmp("maven", ">=" if open_ == "[" else ">", lo))
            if hi:
                conj.append(_cmp("maven", "<=" if close == "]" else "<", hi))
        out.append(conj)
    if not out or text[pos:].strip():
        raise ValueError(f"not a Maven range: {text!r}")
    return out
