"""Converters from native advisory formats to OSV records, so that sources without an OSV export can be imported.

One function per format: :func:`convert_rubysec`, :func:`convert_friendsofphp`, :func:`convert_nodejs`,
:func:`convert_victims`; :func:`detect_format` tells which (if any) a loaded document is.

Range conversion rules (each native range becomes OSV ``ranges`` of type ECOSYSTEM; the text as written is kept in
``affected[].database_specific`` so that nothing is lost):

* a lower bound ``>= V`` is ``introduced: V``; no lower bound is ``introduced: "0"``;
* an upper bound ``< V`` is ``fixed: V``; ``<= V`` is ``last_affected: V``;
* ``= V`` (an exact version) goes to ``versions``;
* a union (``||`` in npm, several Composer branches, several victims lines) becomes several ranges: OSV says a
  version is affected when any range says so;
* rubysec lists what is *safe* (``patched_versions`` + ``unaffected_versions``); the affected set is their
  complement, computed with RubyGems' own ordering (Gem::Version#<=>), and ``~> 4.2.5`` is ``>= 4.2.5, < 4.3``;
* an exclusive lower bound ``> V`` cannot be written as an OSV event (``introduced`` is inclusive). For npm it is
  exact anyway (``> 1.2.3`` is ``>= 1.2.4-0`` in semver order); elsewhere it is written ``introduced: V`` — one
  extra version (V itself) reported rather than one missed — and the range carries
  ``database_specific.inexact`` naming the bound.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cmp_to_key
from typing import Any

from ospo.engine.safeparse import ParseFailure

EPOCH = "1970-01-01T00:00:00Z"  # for formats without any date: the content hash then decides updates
_SAFE_ID = re.compile(r"[^A-Za-z0-9._\-]+")


# --------------------------------------------------------------------------------------------- helpers


def _s(value: Any, field: str, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise ParseFailure(f"{field}: missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseFailure(f"{field}: expected text, got {type(value).__name__}")
    return str(value)


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ParseFailure(f"{field}: expected a list, got {type(value).__name__}")
    return value


def _stamp(value: Any) -> str | None:
    """A native date (YAML date/datetime or text) → RFC 3339 text; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    if isinstance(value, str):
        m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?", value)
        if m:
            hms = m.group(2) or "00:00:00"
            return f"{m.group(1)}T{hms if hms.count(':') == 2 else hms + ':00'}Z"
    return None


def _safe_id(*parts: str) -> str:
    return "-".join(_SAFE_ID.sub("-", p).strip("-") for p in parts if p)[:255]


def _prefixed(prefix: str, value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return value if value.upper().startswith(prefix) else f"{prefix}{value}"


def _events(lo: str | None, hi: str | None, hi_inclusive: bool) -> list[dict[str, str]]:
    events = [{"introduced": lo or "0"}]
    if hi is not None:
        events.append({"last_affected" if hi_inclusive else "fixed": hi})
    return events


class Interval:
    """A conjunction of comparators: lower/upper bound with inclusivity (None = unbounded)."""

    __slots__ = ("hi", "hi_inc", "inexact", "lo", "lo_inc")

    def __init__(self) -> None:
        self.lo: str | None = None
        self.lo_inc = True
        self.hi: str | None = None
        self.hi_inc = False
        self.inexact: list[str] = []

    def to_range(self, original: str) -> dict[str, Any]:
        rng: dict[str, Any] = {"type": "ECOSYSTEM", "events": _events(self.lo, self.hi, self.hi_inc)}
        spec: dict[str, Any] = {"native_range": original}
        if self.lo is not None and not self.lo_inc:
            self.inexact.append(f"exclusive lower bound > {self.lo} written as introduced: {self.lo}")
        if self.inexact:
            spec["inexact"] = list(self.inexact)
        rng["database_specific"] = spec
        return rng


_CMP = re.compile(r"^\s*(>=|<=|==|!=|~>|>|<|=)?\s*v?([0-9A-Za-z][^\s,]*)\s*$")


def _simple_interval(text: str, exact: list[str]) -> Interval | None:
    """``>=1.0,<1.2`` / ``>= 1.0, < 1.2`` (Composer, victims): a conjunction of plain comparators.

    An exact ``=V`` alone goes to *exact* and returns None.
    """
    iv = Interval()
    parts = [p for p in re.split(r"\s*,\s*|\s+(?=[<>=!~])", text.strip()) if p]
    if not parts:
        raise ParseFailure(f"empty version constraint {text!r}")
    for part in parts:
        m = _CMP.match(part)
        if not m:
            raise ParseFailure(f"unreadable version constraint {text!r}")
        op, ver = m.group(1) or "=", m.group(2)
        if op in ("=", "=="):
            if len(parts) == 1:
                exact.append(ver)
                return None
            iv.lo, iv.lo_inc, iv.hi, iv.hi_inc = ver, True, ver, True
        elif op == ">=":
            iv.lo, iv.lo_inc = ver, True
        elif op == ">":
            iv.lo, iv.lo_inc = ver, False
        elif op == "<":
            iv.hi, iv.hi_inc = ver, False
        elif op == "<=":
            iv.hi, iv.hi_inc = ver, True
        else:
            raise ParseFailure(f"operator {op!r} is not expressible as an OSV range in {text!r}")
    return iv


def _affected(ecosystem: str, name: str, ranges: list[dict[str, Any]], versions: list[str],
              spec: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"package": {"ecosystem": ecosystem, "name": name}}
    if ranges:
        entry["ranges"] = ranges
    if versions:
        entry["versions"] = list(dict.fromkeys(versions))
    entry["database_specific"] = spec
    return entry


def _record(rid: str, modified: str | None, published: str | None, aliases: list[str | None], summary: str | None,
            details: str | None, affected: list[dict[str, Any]], refs: list[str], spec: dict[str, Any]) -> dict:
    rec: dict[str, Any] = {"schema_version": "1.6.0", "id": rid, "modified": modified or published or EPOCH}
    if published:
        rec["published"] = published
    clean_aliases = list(dict.fromkeys(a for a in aliases if a))
    if clean_aliases:
        rec["aliases"] = clean_aliases
    if summary:
        rec["summary"] = summary.strip()[:1000]
    if details:
        rec["details"] = details
    rec["affected"] = affected
    urls = [u for u in dict.fromkeys(refs) if isinstance(u, str) and u]
    if urls:
        rec["references"] = [{"type": "WEB", "url": u} for u in urls]
    rec["database_specific"] = spec
    return rec


# --------------------------------------------------------------------------------------------- rubysec


_GEM_SEG = re.compile(r"[0-9]+|[a-zA-Z]+")


def gem_segments(version: str) -> list[int | str]:
    """Gem::Version segments: ``1.2.0.rc1`` → [1, 2, 0, 'rc', 1]."""
    if not re.fullmatch(r"[0-9]+(?:[.\-]?[0-9A-Za-z]+)*", version.strip()):
        raise ParseFailure(f"not a RubyGems version: {version!r}")
    return [int(s) if s.isdigit() else s for s in _GEM_SEG.findall(version)]


def gem_compare(a: str, b: str) -> int:
    """Gem::Version#<=>: missing segments are 0; a letter segment (prerelease) sorts before any number."""
    sa, sb = gem_segments(a), gem_segments(b)
    for i in range(max(len(sa), len(sb))):
        x = sa[i] if i < len(sa) else 0
        y = sb[i] if i < len(sb) else 0
        if x == y:
            continue
        if isinstance(x, str) and isinstance(y, int):
            return -1
        if isinstance(x, int) and isinstance(y, str):
            return 1
        return -1 if x < y else 1  # type: ignore[operator]
    return 0


def gem_bump(version: str) -> str:
    """Gem::Version#bump, the upper end of ``~> V``: drop prerelease parts and the last segment, add 1."""
    segs = gem_segments(version)
    while any(isinstance(s, str) for s in segs):
        segs.pop()
    if len(segs) > 1:
        segs.pop()
    if not segs:
        raise ParseFailure(f"cannot bump {version!r}")
    segs[-1] = int(segs[-1]) + 1
    return ".".join(str(s) for s in segs)


def _gem_interval(text: str) -> Interval:
    iv = Interval()
    for part in (p for p in text.split(",") if p.strip()):
        m = _CMP.match(part)
        if not m:
            raise ParseFailure(f"unreadable RubyGems requirement {text!r}")
        op, ver = m.group(1) or "=", m.group(2)
        gem_segments(ver)
        bounds: list[tuple[str, str, bool]] = []
        if op == "~>":
            bounds = [("lo", ver, True), ("hi", gem_bump(ver), False)]
        elif op in ("=", "=="):
            bounds = [("lo", ver, True), ("hi", ver, True)]
        elif op in (">=", ">"):
            bounds = [("lo", ver, op == ">=")]
        elif op in ("<", "<="):
            bounds = [("hi", ver, op == "<=")]
        else:
            raise ParseFailure(f"operator {op!r} is not expressible as an OSV range in {text!r}")
        for side, v, inc in bounds:  # intersect: the tighter bound wins
            if side == "lo":
                c = 1 if iv.lo is None else gem_compare(v, iv.lo)
                if c > 0 or (c == 0 and not inc):
                    iv.lo, iv.lo_inc = v, inc
            else:
                c = -1 if iv.hi is None else gem_compare(v, iv.hi)
                if c < 0 or (c == 0 and not inc):
                    iv.hi, iv.hi_inc = v, inc
    return iv


def _gem_complement(safe: list[Interval]) -> tuple[list[dict[str, str]], list[str]]:
    """Events for every version outside the union of *safe* intervals, in RubyGems order."""

    def lo_key(iv: Interval) -> tuple[int, Any]:
        return (0, "") if iv.lo is None else (1, iv.lo)

    def cmp(a: Interval, b: Interval) -> int:
        ka, kb = lo_key(a), lo_key(b)
        if ka[0] != kb[0]:
            return ka[0] - kb[0]
        if ka[0] == 0:
            return 0
        c = gem_compare(ka[1], kb[1])
        return c if c else (0 if a.lo_inc == b.lo_inc else (-1 if a.lo_inc else 1))

    merged: list[Interval] = []
    for iv in sorted(safe, key=cmp_to_key(cmp)):
        if iv.lo is not None and iv.hi is not None:
            c = gem_compare(iv.lo, iv.hi)
            if c > 0 or (c == 0 and not (iv.lo_inc and iv.hi_inc)):
                continue  # empty
        if merged:
            cur = merged[-1]
            if cur.hi is None:
                continue
            touch = 1 if iv.lo is None else gem_compare(iv.lo, cur.hi)
            if iv.lo is None or touch < 0 or (touch == 0 and (iv.lo_inc or cur.hi_inc)):
                if iv.hi is None:
                    cur.hi = None
                else:
                    c = gem_compare(iv.hi, cur.hi)
                    if c > 0 or (c == 0 and iv.hi_inc):
                        cur.hi, cur.hi_inc = iv.hi, iv.hi_inc
                continue
        copy = Interval()
        copy.lo, copy.lo_inc, copy.hi, copy.hi_inc = iv.lo, iv.lo_inc, iv.hi, iv.hi_inc
        merged.append(copy)

    events: list[dict[str, str]] = []
    inexact: list[str] = []
    start: str | None = "0"  # the lower end of the current affected gap; None once a safe interval is unbounded
    start_note: str | None = None
    for iv in merged:
        at_zero = start == "0" and iv.lo is not None and gem_compare(iv.lo, "0") == 0 and iv.lo_inc
        if iv.lo is not None and start is not None and not at_zero:
            events.append({"introduced": start})
            if start_note:
                inexact.append(start_note)
            events.append({"fixed": iv.lo} if iv.lo_inc else {"last_affected": iv.lo})
        if iv.hi is None:
            start = None
            break
        start = iv.hi
        start_note = None if not iv.hi_inc else f"affected from > {iv.hi} written as introduced: {iv.hi}"
    if start is not None:
        events.append({"introduced": start})
        if start_note:
            inexact.append(start_note)
    return events, inexact


def convert_rubysec(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A ruby-advisory-db ``gems/<gem>/<id>.yml`` record → OSV (ecosystem RubyGems)."""
    gem = _s(doc.get("gem"), "gem", required=True)
    assert gem is not None
    patched = [_s(v, "patched_versions") or "" for v in _list(doc.get("patched_versions"), "patched_versions")]
    unaffected = [_s(v, "unaffected_versions") or "" for v in _list(doc.get("unaffected_versions"), "unaffected")]
    safe = [_gem_interval(t) for t in patched + unaffected if t.strip()]
    events, inexact = _gem_complement(safe)
    ranges: list[dict[str, Any]] = []
    if events:
        rng: dict[str, Any] = {"type": "ECOSYSTEM", "events": events}
        if inexact:
            rng["database_specific"] = {"inexact": inexact}
        ranges.append(rng)
    spec: dict[str, Any] = {"patched_versions": patched, "unaffected_versions": unaffected}
    for key in ("platform", "framework", "library", "cvss_v2", "cvss_v3", "cvss_v4"):
        if doc.get(key) is not None:
            spec[key] = doc[key] if isinstance(doc[key], int | float | str) else str(doc[key])
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    cve, ghsa, osvdb = _s(doc.get("cve"), "cve"), _s(doc.get("ghsa"), "ghsa"), _s(doc.get("osvdb"), "osvdb")
    related = doc.get("related")
    refs = [_s(doc.get("url"), "url") or ""]
    if isinstance(related, dict):
        refs += [u for u in _list(related.get("url"), "related.url") if isinstance(u, str)]
    published = _stamp(doc.get("date"))
    return _record(
        _safe_id("RUBYSEC", gem, stem), published, published,
        [_prefixed("CVE-", cve), _prefixed("GHSA-", ghsa), _prefixed("OSVDB-", osvdb)],
        _s(doc.get("title"), "title"), _s(doc.get("description"), "description"),
        [_affected("RubyGems", gem, ranges, [], spec)], refs, {"source": "rubysec", "path": path},
    )


# --------------------------------------------------------------------------------------------- FriendsOfPHP


def convert_friendsofphp(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A FriendsOfPHP/security-advisories ``<vendor>/<pkg>/<id>.yaml`` record → OSV (ecosystem Packagist).

    Each branch is an independent interval (``['>=3.6.0', '<3.6.15']``) and becomes its own range.
    """
    ref = _s(doc.get("reference"), "reference", required=True) or ""
    if not ref.startswith("composer://") or "/" not in ref[len("composer://"):]:
        raise ParseFailure(f"reference: expected composer://vendor/package, got {ref[:60]!r}")
    name = ref[len("composer://"):].strip()
    branches = doc.get("branches")
    if not isinstance(branches, dict) or not branches:
        raise ParseFailure("branches: expected a non-empty mapping")
    ranges: list[dict[str, Any]] = []
    exact: list[str] = []
    times: list[str] = []
    native: dict[str, Any] = {}
    for bname, branch in branches.items():
        if not isinstance(branch, dict):
            raise ParseFailure(f"branches.{bname}: expected a mapping")
        constraints = [_s(v, f"branches.{bname}.versions") or "" for v in _list(branch.get("versions"), "versions")]
        if not constraints:
            raise ParseFailure(f"branches.{bname}.versions: empty")
        native[str(bname)] = {"versions": constraints, "time": _stamp(branch.get("time"))}
        if (t := _stamp(branch.get("time"))) is not None:
            times.append(t)
        iv = _simple_interval(",".join(constraints), exact)
        if iv is not None:
            ranges.append(iv.to_range(",".join(constraints)))
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    cve = _s(doc.get("cve"), "cve")
    spec = {"branches": native}
    if doc.get("composer-repository") is not None:
        spec["composer-repository"] = str(doc["composer-repository"])
    newest = max(times) if times else None
    return _record(
        _safe_id("FRIENDSOFPHP", name, stem), newest, None, [_prefixed("CVE-", cve) if cve and cve != "~" else None],
        _s(doc.get("title"), "title"), None, [_affected("Packagist", name, ranges, exact, spec)],
        [_s(doc.get("link"), "link") or ""], {"source": "friendsofphp", "path": path},
    )


# --------------------------------------------------------------------------------------------- npm (node-semver)


_SEMVER = re.compile(
    r"^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.\-]+))?(?:\+[0-9A-Za-z.\-]+)?$"
)


def _semver_parts(text: str) -> tuple[list[int | None], str | None]:
    m = _SEMVER.match(text.strip())
    if not m:
        raise ParseFailure(f"not a semver version: {text!r}")
    nums: list[int | None] = []
    for g in m.group(1, 2, 3):
        if g is None or g in ("x", "X", "*"):
            break
        nums.append(int(g))
    return nums, m.group(4)


def _v(nums: list[int], pre: str | None = None) -> str:
    return ".".join(str(n) for n in nums) + (f"-{pre}" if pre else "")


def _npm_comparator(op: str, text: str, iv: Interval) -> None:
    """Apply one node-semver comparator (x-ranges, ~, ^ included) to an interval (last one wins per side)."""
    nums, pre = _semver_parts(text)
    full = len(nums) == 3
    nums_i: list[int] = [n for n in nums if n is not None]
    padded = nums_i + [0] * (3 - len(nums_i))

    def upper_of_partial() -> str | None:  # first version after the partial range 1.2 → 1.3.0
        if not nums_i:
            return None
        bumped = [*nums_i[:-1], nums_i[-1] + 1]
        return _v(bumped + [0] * (3 - len(bumped)))

    if op in ("", "="):
        if full:
            iv.lo, iv.lo_inc, iv.hi, iv.hi_inc = _v(padded, pre), True, _v(padded, pre), True
        else:
            iv.lo, iv.lo_inc = (_v(padded), True) if nums_i else (None, True)
            iv.hi, iv.hi_inc = upper_of_partial(), False
    elif op == ">=":
        iv.lo, iv.lo_inc = (_v(padded, pre), True) if nums_i else (None, True)
    elif op == ">":
        if full:  # exact in semver order: nothing lies between 1.2.3 and 1.2.4-0 (or 1.2.3-a and 1.2.3-a.0)
            iv.lo = _v(padded, f"{pre}.0") if pre else _v([padded[0], padded[1], padded[2] + 1], "0")
        else:
            up = upper_of_partial()
            if up is None:
                raise ParseFailure("'>*' matches nothing")
            iv.lo = up
        iv.lo_inc = True
    elif op == "<":
        iv.hi, iv.hi_inc = _v(padded, pre), False
    elif op == "<=":
        if full:
            iv.hi, iv.hi_inc = _v(padded, pre), True
        else:
            iv.hi, iv.hi_inc = upper_of_partial(), False
    elif op == "~":
        iv.lo, iv.lo_inc = _v(padded, pre), True
        if len(nums_i) >= 2:
            iv.hi = _v([padded[0], padded[1] + 1, 0])
        elif nums_i:
            iv.hi = _v([padded[0] + 1, 0, 0])
        iv.hi_inc = False
    elif op == "^":
        iv.lo, iv.lo_inc = _v(padded, pre), True
        if padded[0] != 0 or len(nums_i) == 1:
            iv.hi = _v([padded[0] + 1, 0, 0])
        elif padded[1] != 0 or len(nums_i) == 2:
            iv.hi = _v([0, padded[1] + 1, 0])
        else:
            iv.hi = _v([0, 0, padded[2] + 1])
        iv.hi_inc = False
    else:
        raise ParseFailure(f"unknown semver operator {op!r}")


_NPM_TOKEN = re.compile(r"(>=|<=|>|<|=|~>|~|\^)?\s*(v?[0-9xX*][0-9A-Za-z.\-+xX*]*)")


def npm_range_to_osv(spec: str) -> tuple[list[dict[str, Any]], list[str]]:
    """A node-semver range (``<1.2.3 || >=2.0.0 <2.0.5``) → OSV ranges (one per ``||`` part) and exact versions."""
    ranges: list[dict[str, Any]] = []
    exact: list[str] = []
    for part in spec.split("||"):
        text = part.strip()
        if text in ("", "*", "x", "X", "latest"):
            ranges.append({"type": "ECOSYSTEM", "events": [{"introduced": "0"}],
                           "database_specific": {"native_range": text or "*"}})
            continue
        iv = Interval()
        hyphen = re.fullmatch(r"(\S+)\s+-\s+(\S+)", text)
        if hyphen:
            _npm_comparator(">=", hyphen.group(1), iv)
            _npm_comparator("<=", hyphen.group(2), iv)
        else:
            pos = 0
            for m in _NPM_TOKEN.finditer(text):
                if text[pos:m.start()].strip():
                    raise ParseFailure(f"unreadable npm range {spec[:80]!r}")
                op = m.group(1) or ""
                _npm_comparator("~" if op == "~>" else op, m.group(2), iv)
                pos = m.end()
            if pos == 0 or text[pos:].strip():
                raise ParseFailure(f"unreadable npm range {spec[:80]!r}")
        if iv.lo is not None and iv.lo == iv.hi and iv.lo_inc and iv.hi_inc:
            exact.append(iv.lo)
            continue
        ranges.append(iv.to_range(text))
    return ranges, exact


def convert_nodejs(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A nodejs/security-wg ``vuln/npm/<n>.json`` record (old Node Security Platform format) → OSV (npm)."""
    num = _s(doc.get("id"), "id", required=True)
    name = _s(doc.get("module_name"), "module_name", required=True)
    assert name is not None and num is not None
    vulnerable = _s(doc.get("vulnerable_versions"), "vulnerable_versions")
    ranges, exact = npm_range_to_osv(vulnerable or "*")
    patched = _s(doc.get("patched_versions"), "patched_versions")
    cves = [_prefixed("CVE-", _s(c, "cves")) for c in _list(doc.get("cves"), "cves")]
    spec: dict[str, Any] = {"vulnerable_versions": vulnerable, "patched_versions": patched}
    record = _record(
        f"NSWG-ECO-{num}", _stamp(doc.get("updated_at")), _stamp(doc.get("publish_date") or doc.get("created_at")),
        list(cves), _s(doc.get("title"), "title"),
        "\n\n".join(t for t in (_s(doc.get("overview"), "overview"), _s(doc.get("recommendation"), "rec")) if t),
        [_affected("npm", name, ranges, exact, spec)],
        [u for u in _list(doc.get("references"), "references") if isinstance(u, str)],
        {"source": "nodejs-security-wg", "path": path, "cvss_score": doc.get("cvss_score")
         if isinstance(doc.get("cvss_score"), int | float) else None},
    )
    vector = _s(doc.get("cvss_vector"), "cvss_vector")
    if vector and vector.startswith("CVSS:3"):
        record["severity"] = [{"type": "CVSS_V3", "score": vector}]
    return record


# --------------------------------------------------------------------------------------------- victims


def _series_end(prefix: str) -> str:
    """The first version after the series *prefix*: ``2.7`` → ``2.8``; ``1.2.1-`` (a text prefix) → ``1.2.2``."""
    parts = prefix.rstrip(".-_").split(".")
    if not parts[-1].isdigit():
        raise ParseFailure(f"series prefix {prefix!r} is not numeric")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def victims_ranges(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """victims ``version`` lines (``<=2.7.12,2``: at most 2.7.12 within the 2 series) → OSV ranges."""
    ranges: list[dict[str, Any]] = []
    exact: list[str] = []
    for line in lines:
        m = re.fullmatch(r"\s*(<=|>=|==|<|>)\s*([^,\s]+)\s*(?:,\s*([^,\s]+))?\s*", line)
        if not m:
            raise ParseFailure(f"unreadable victims version line {line[:60]!r}")
        op, ver, series = m.groups()
        iv = Interval()
        if op == "==":
            exact.append(ver)
            continue
        if op in ("<=", "<"):
            iv.lo, iv.hi, iv.hi_inc = series, ver, op == "<="
        else:
            iv.lo, iv.lo_inc = ver, op == ">="
            if series:
                iv.hi, iv.hi_inc = _series_end(series), False
        ranges.append(iv.to_range(line.strip()))
    return ranges, exact


def convert_victims(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A victims-cve-db ``database/<lang>/<year>/<n>.yaml`` record → OSV (Maven for java, PyPI for python)."""
    cve = _s(doc.get("cve"), "cve", required=True)
    assert cve is not None
    affected_in = doc.get("affected")
    if not isinstance(affected_in, list) or not affected_in:
        raise ParseFailure("affected: expected a non-empty list")
    affected: list[dict[str, Any]] = []
    lang = "python"
    for i, entry in enumerate(affected_in):
        if not isinstance(entry, dict):
            raise ParseFailure(f"affected[{i}]: expected a mapping")
        if entry.get("groupId") is not None:
            group = _s(entry.get("groupId"), "groupId", required=True)
            artifact = _s(entry.get("artifactId"), "artifactId", required=True)
            eco, name, lang = "Maven", f"{group}:{artifact}", "java"
        else:
            eco, name = "PyPI", _s(entry.get("name"), f"affected[{i}].name", required=True) or ""
        lines = [_s(v, "version") or "" for v in _list(entry.get("version"), "version")]
        ranges, exact = victims_ranges(lines)
        spec = {"version": lines}
        for key in ("fixedin", "unaffected"):
            if entry.get(key) is not None:
                spec[key] = [str(v) for v in _list(entry.get(key), key)]
        affected.append(_affected(eco, name, ranges, exact, spec))
    cve_id = _prefixed("CVE-", cve) or cve
    refs = [u for u in _list(doc.get("references"), "references") if isinstance(u, str)]
    spec: dict[str, Any] = {"source": "victims", "path": path}
    for key in ("cvss_v2", "cvss_v3"):
        if isinstance(doc.get(key), int | float | str):
            spec[key] = doc[key]
    return _record(
        _safe_id("VICTIMS", lang, cve_id), None, None, [cve_id], _s(doc.get("title"), "title"),
        _s(doc.get("description"), "description"), affected, refs, spec,
    )


# --------------------------------------------------------------------------------------------- detection


def detect_format(doc: Any) -> str | None:
    """Which format a loaded document is: ``osv``, ``rubysec``, ``friendsofphp``, ``nodejs``, ``victims``;
    ``skip:<why>`` for a known format with nothing to import (interpreter advisories); None when unknown."""
    if not isinstance(doc, dict):
        return None
    if "id" in doc and "modified" in doc and ("affected" in doc or "withdrawn" in doc or "aliases" in doc
                                                or "summary" in doc or "details" in doc):
        return "osv"
    if "gem" in doc:
        return "rubysec"
    if "engine" in doc and ("patched_versions" in doc or "unaffected_versions" in doc):
        return "skip:rubysec interpreter advisory (Ruby engine, not a gem: no OSV package ecosystem)"
    if "reference" in doc and "branches" in doc:
        return "friendsofphp"
    if "module_name" in doc and "vulnerable_versions" in doc:
        return "nodejs"
    if "vulnerable" in doc and "patched" in doc and "module_name" not in doc:
        return "skip:Node.js core advisory (the runtime, not an npm package: no OSV package ecosystem)"
    if "cve" in doc and "affected" in doc and isinstance(doc.get("affected"), list):
        return "victims"
    return None


CONVERTERS = {
    "rubysec": convert_rubysec,
    "friendsofphp": convert_friendsofphp,
    "nodejs": convert_nodejs,
    "victims": convert_victims,
}
