"""Rule-based matcher for license *notices*: the sentences that name a license instead of reproducing it.

Why rules and not similarity: a notice such as "licensed under the GNU General Public License version 2 or
(at your option) any later version" is a dozen words; whether it grants -only or -or-later hangs on four of
them, which a similarity score cannot weigh. The rules run on a flat lower-case form of the lines that no
full-text match claimed, with punctuation turned into spaces (so "GPL-2.0", "GPL 2.0" and "gpl v2.0" read alike).

Conventions (documented in docs/recall-notes/licenses.md):
* a GNU license named with a version and no "or later" wording is ``-only``, as ScanCode reports it;
* "public domain" dedications without a named instrument give ``LicenseRef-PublicDomain`` (SPDX has no id
  for the bare statement); CC0, the Unlicense and 0BSD keep their SPDX ids;
* MPL-2.0 with the Exhibit B sentence "Incompatible With Secondary Licenses" is
  ``MPL-2.0-no-copyleft-exception``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_PUNCT = re.compile(r"[^a-z0-9+]+")

_GNU = re.compile(
    r"\b(?:gnu )?(?P<kind>affero |lesser |library )?general public licen[sc]e"
    r"(?: as published by the free software foundation)?(?: either)?(?: version| v)? ?v?(?P<v>[123])"
    r"(?: (?P<minor>[01]))?(?P<plus>\+)?(?P<tail>(?: [a-z0-9]+){0,10})"
)
_GNU_ABBR = re.compile(
    r"\b(?P<kind>a|l)?gpl(?: ?v| version |(?= [123] [01]\b) )(?P<v>[123])(?: (?P<minor>[01]))?\b"
    r"(?P<plus>\+| or later\b| only\b)?"
)
_LATER = re.compile(r"\bor (?:at your option )?(?:any )?later(?: version)?\b|\bor newer\b|\band later\b")
_APACHE = re.compile(
    r"\bapache (?:software )?licen[sc]e(?: version| v)? ?v?(?P<v>2|1)(?: (?P<minor>0|1))?\b"
    r"|\bapache (?P<v2>2) 0 licen[sc]e\b"
)
_MPL = re.compile(r"\bmozilla public licen[sc]e(?: version| v)? ?v?(?P<v>1 0|1 1|2 0)\b|\bmpl (?P<v2>1 1|2 0)\b")
_MPL_B = re.compile(r"\bincompatible with secondary licen[sc]es\b")
_EUPL = re.compile(r"\b(?:eupl|european union public licen[sc]e)(?: version| v)? ?v?1 (?P<m>[012])\b")
_EPL = re.compile(r"\beclipse public licen[sc]e(?: version| v)? ?v?(?P<v>[12]) 0\b")
_CC = re.compile(
    r"\b(?:creative ?commons|cc)(?: licen[sc]e)? (?P<by>attribution|by)"
    r"(?P<mods>(?: (?:non ?commercial|nc|share ?alike|sa|no ?derivatives|no ?derivs|nd))*)"
    r"(?: licen[sc]e| international| public licen[sc]e| generic| unported)*(?: version| v)? ?v?(?P<v>[1-4]) 0\b"
    r"|\bcreativecommons org licenses (?P<by2>by)(?P<mods2>(?: (?:nc|sa|nd))*) (?P<v2>[1-4]) 0\b"
)
_CC0 = re.compile(r"\bcc0\b|\bcreative ?commons zero\b|\bcc zero\b|\bpublicdomain zero 1 0\b")
_UNLICENSE = re.compile(r"\bthe unlicense\b|\bunlicense org\b")
_ZEROBSD = re.compile(r"\b0bsd\b|\bzero clause bsd\b|\bbsd zero clause\b")
_MIT = re.compile(
    r"\b(?:under|terms of|released under|licensed under|available under) (?:the )?(?:terms of the )?"
    r"(?:expat |mit )(?:licen[sc]e|terms)\b|\bmit licensed\b"
)
_BSD = re.compile(
    r"\bunder (?:the )?(?:terms of the )?(?:new |revised |modified |simplified )?bsd"
    r"(?: (?P<n>[23]) clause| (?P<w>two|three) clause)? licen[sc]e\b"
)
_ISC = re.compile(r"\bunder (?:the )?(?:terms of the )?isc licen[sc]e\b")
_PD = re.compile(
    r"\b(?:dedicated|released|placed|committed|is|are) (?:in|into|to) the (?:worldwide )?public domain\b"
    r"|\bpublic domain dedication\b|\bnot subject to copyright (?:protection )?in the united states\b"
)


@dataclass(slots=True)
class NoticeHit:
    expression: str
    start: int  # offset in the flat text
    end: int


def _gnu(m: re.Match[str], later: bool) -> str:
    kind = (m.group("kind") or "").strip()
    v, minor = m.group("v"), m.group("minor")
    if kind in ("a", "affero"):
        if v not in ("1", "3"):
            return ""
        base = f"AGPL-{v}.0"
    elif kind in ("l", "lesser", "library"):
        if v == "2":
            base = "LGPL-2.1" if minor == "1" or kind == "lesser" else "LGPL-2.0"
        elif v == "3":
            base = "LGPL-3.0"
        else:
            return ""
    else:
        base = f"GPL-{v}.0"
    return f"{base}-or-later" if later else f"{base}-only"


def _gnu_long(m: re.Match[str]) -> str:
    tail = m.group("tail") or ""
    return _gnu(m, bool(m.group("plus")) or bool(_LATER.search(tail[:60])))


def _gnu_abbr(m: re.Match[str]) -> str:
    plus = m.group("plus") or ""
    return _gnu(m, plus in ("+", " or later"))


def _apache(m: re.Match[str]) -> str:
    if m.group("v2"):
        return "Apache-2.0"
    v, minor = m.group("v"), m.group("minor")
    if v == "2":
        return "Apache-2.0"
    return "Apache-1.1" if minor == "1" else "Apache-1.0"


def _mpl(m: re.Match[str]) -> str:
    v = (m.group("v") or m.group("v2") or "").replace(" ", ".")
    return f"MPL-{v}" if v else ""


def _cc(m: re.Match[str]) -> str:
    mods = (m.group("mods") if m.group("by") else m.group("mods2")) or ""
    v = m.group("v") or m.group("v2")
    words = mods
    parts = ["CC-BY"]
    if re.search(r"non ?commercial|\bnc\b", words):
        parts.append("NC")
    if re.search(r"no ?deriv|\bnd\b", words):
        parts.append("ND")
    elif re.search(r"share ?alike|\bsa\b", words):
        parts.append("SA")
    return "-".join(parts) + f"-{v}.0"


def _bsd(m: re.Match[str]) -> str:
    n = m.group("n") or {"two": "2", "three": "3"}.get(m.group("w") or "", "")
    if not n:
        text = m.group(0)
        n = "2" if "simplified" in text else "3" if ("new" in text or "revised" in text or "modified" in text) else ""
    return f"BSD-{n}-Clause" if n else ""


RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_GNU, _gnu_long),
    (_GNU_ABBR, _gnu_abbr),
    (_APACHE, _apache),
    (_MPL, _mpl),
    (_EUPL, lambda m: f"EUPL-1.{m.group('m')}"),
    (_EPL, lambda m: f"EPL-{m.group('v')}.0"),
    (_CC, _cc),
    (_CC0, lambda m: "CC0-1.0"),
    (_UNLICENSE, lambda m: "Unlicense"),
    (_ZEROBSD, lambda m: "0BSD"),
    (_MIT, lambda m: "MIT"),
    (_BSD, _bsd),
    (_ISC, lambda m: "ISC"),
    (_PD, lambda m: "LicenseRef-PublicDomain"),
)


# Words without which a rule cannot match (each is a literal part of every alternative of its pattern): a rule
# whose words are all absent is not run. Most files mention two or three licenses, so most rules are skipped by
# a substring test instead of a regex scan of the whole text.
GATES: tuple[tuple[str, ...], ...] = (
    ("general public licen",),
    ("gpl",),
    ("apache",),
    ("mozilla", "mpl"),
    ("eupl", "european union"),
    ("eclipse",),
    ("cc", "creative"),
    ("cc0", "zero"),
    ("unlicense",),
    ("bsd",),
    ("mit", "expat"),
    ("bsd",),
    ("isc",),
    ("public domain", "not subject to copyright"),
)


def flatten(line: str) -> str:
    """A line lower-cased with punctuation (except '+', which means "or later" in "GPLv2+") as single spaces."""
    return _PUNCT.sub(" ", line.lower()).strip()


def find_notices(flat: str) -> list[NoticeHit]:
    """Every notice in ``flat`` (the flattened lines joined by spaces); overlapping hits keep the first rule's."""
    hits: list[NoticeHit] = []
    taken: list[tuple[int, int]] = []
    for (pattern, build), words in zip(RULES, GATES, strict=True):
        if not any(w in flat for w in words):
            continue
        for m in pattern.finditer(flat):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            expr = build(m)
            if not expr:
                continue
            if expr == "MPL-2.0" and _MPL_B.search(flat):
                expr = "MPL-2.0-no-copyleft-exception"
            hits.append(NoticeHit(expr, s, e))
            taken.append((s, e))
    hits.sort(key=lambda h: h.start)
    return hits
