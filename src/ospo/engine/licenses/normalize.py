"""License text normalisation after the SPDX Matching Guidelines (https://spdx.github.io/spdx-spec/, annex B).

Why these rules: two copies of one license differ in ways the guidelines declare immaterial — case, white
space, punctuation and quote styles, hyphens, bullets and clause numbering, British/American spelling
("licence"), comment markers when the text sits in a source header, "http" versus "https", and the copyright
notice itself. Normalising both the reference texts and the scanned file the same way lets an exact hash and a
word-bigram similarity compare what matters: the words of the terms.

The output is a list of word tokens with the 1-based line each came from, so matches can name line ranges.
"""

from __future__ import annotations

import itertools
import operator
import re

# Comment leaders of common languages, removed at the start of each line (guideline B.3.5 "code comment
# indicators"): #, //, /*, */, *, --, ;, %, !, REM, ", ', <!--, -->, dnl, {-, -}, (*, *).
_COMMENT = re.compile(
    r"^\s*(?:(?:/\*+|\*+/|\*+|//+|#+|--+|;+|%+|!+|rem\b|dnl\b|\"\"\"|'''|<!--|-->|\{-|-\}|\(\*|\*\))\s*)+",
    re.IGNORECASE,
)
# Bullets and clause numbers at the start of a line (guideline B.3.6): "1.", "2.1", "(a)", "iv)", "-", "•".
_BULLET = re.compile(
    r"^\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})[.)]\s+|\(\s*(?:\d{1,3}|[a-z])\s*\)\s*|[-•·*+>]\s+)"
)
# The copyright notice is not part of the license (guideline B.3.9); its lines are skipped entirely.
# Only notice-shaped lines: "Copyright (c) 2020 ...", "Copyright 2020", "Copyright: ...", "© ...", "Copyright
# [yyyy] ..." — not a wrapped sentence that happens to start with "copyright notice and this permission...".
_COPYRIGHT = re.compile(
    r"^\s*(?:copyright\s*(?:\(c\)|©|\d|\[|<|:|\{)|©|\(c\)\s*(?:\d|<|\[)|all rights reserved\.?\s*$)", re.IGNORECASE
)
# Hyphenated words count as one word ("sub-license" = "sublicense", "non-commercial" = "noncommercial").
_HYPHEN_IN_WORD = re.compile(r"(?<=[a-z])[-\u2010\u2011\u2012\u2013](?=[a-z])")
_WORD = re.compile(r"[a-z0-9]+")

# Varietal spellings (SPDX equivalentwords.txt, the pairs that occur in license texts), mapped to one form.
EQUIVALENT_WORDS: dict[str, str] = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licensor": "licensor",
    "licencor": "licensor",
    "licencee": "licensee",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "analogue": "analog",
    "analyse": "analyze",
    "artefact": "artifact",
    "authorisation": "authorization",
    "authorised": "authorized",
    "calibre": "caliber",
    "cancelled": "canceled",
    "capitalisations": "capitalizations",
    "catalogue": "catalog",
    "categorise": "categorize",
    "centre": "center",
    "emphasised": "emphasized",
    "favour": "favor",
    "favourite": "favorite",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "initialise": "initialize",
    "judgement": "judgment",
    "labelling": "labeling",
    "labour": "labor",
    "maximise": "maximize",
    "modelled": "modeled",
    "modelling": "modeling",
    "offence": "offense",
    "optimise": "optimize",
    "organisation": "organization",
    "organise": "organize",
    "practise": "practice",
    "programme": "program",
    "realise": "realize",
    "recognise": "recognize",
    "signalling": "signaling",
    "utilisation": "utilization",
    "whilst": "while",
    "wilful": "wilfull",
    "percent": "percent",
    "https": "http",
    "copyleft": "copyleft",
}
# Tokens that carry no meaning for matching: URL schemes and "www" (guideline B.3.8 treats http/https alike).
_DROP = frozenset({"http", "www"})


def clean_line(line: str) -> str:
    """One line, lower-cased, without comment leader, bullet or clause number. Empty for copyright lines.

    The rules one line at a time: the readable statement of what :func:`word_bytes` does to a whole text at
    once (``tests/test_license_normalize.py`` holds the two to the same output).
    """
    line = _COMMENT.sub("", line)
    if _COPYRIGHT.match(line):
        return ""
    line = _BULLET.sub("", line.lower())
    return _HYPHEN_IN_WORD.sub("", line)


_PREFIX = re.compile(r"^\s*[^\w\s]+[\w-]*:?")


def common_prefix(lines: list[str]) -> str:
    """A leader repeated on (nearly) every line, e.g. PostScript's ``%%Copyright:``: stripped before anything else.

    Without this, a BSD text quoted as ``%%Copyright: Redistribution and use...`` reads as one long copyright
    notice and vanishes.
    """
    sample = [ln for ln in lines[:400] if ln.strip()]
    if len(sample) < 3:
        return ""
    m = _PREFIX.match(sample[0])
    if not m or not any(ch.isalpha() for ch in m.group(0)):
        return ""  # plain comment leaders ("#", "*", "//") are handled line by line already
    prefix = m.group(0).lstrip()
    hits = sum(1 for ln in sample if ln.lstrip().startswith(prefix))
    return prefix if hits >= 0.8 * len(sample) else ""


# The same rules written for the whole text at once, so tokenising costs a handful of C-level passes instead of
# several regex calls per line (the ~800 reference texts are tokenised on every index build). Each line-start rule
# begins with a literal newline (the text gets one in front) because the regex engine scans for a literal far
# faster than it tries ``^`` at every position; ``[^\S\n]`` is white space that does not end the line.
_SP = r"[^\S\n]"
_COMMENT_M = re.compile(
    rf"\n{_SP}*(?:(?:/\*+|\*+/|\*+|//+|#+|--+|;+|%+|!+|rem\b|dnl\b|\"\"\"|'''|<!--|-->|\{{-|-\}}|\(\*|\*\)){_SP}*)+",
    re.IGNORECASE,
)
_COPYRIGHT_M = re.compile(
    rf"\n{_SP}*(?:copyright{_SP}*(?:\(c\)|©|\d|\[|<|:|\{{)|©|\(c\){_SP}*(?:\d|<|\[)|all rights reserved\.?{_SP}*$).*",
    re.IGNORECASE | re.MULTILINE,  # MULTILINE for "$" only
)
_BULLET_M = re.compile(
    rf"\n{_SP}*(?:\(?(?:\d{{1,3}}(?:\.\d{{1,3}})*|[a-z]|[ivx]{{1,5}})[.)]{_SP}+|\({_SP}*(?:\d{{1,3}}|[a-z]){_SP}*\){_SP}*"
    rf"|[-•·*+>]{_SP}+)",
)
# A hyphen between letters, found by the hyphen first (the look-behind after it), which is what makes it fast.
_HYPHEN_M = re.compile(r"[-\u2010-\u2013](?<=[a-z][-\u2010-\u2013])(?=[a-z])")


def _normal_form(text: str) -> str:
    """The text after every rule except splitting into words; lines stay where they were (one per newline)."""
    all_lines = text.splitlines()
    prefix = common_prefix(all_lines)
    if prefix:
        cut = len(prefix)
        all_lines = [ln.lstrip()[cut:] if ln.lstrip().startswith(prefix) else ln for ln in all_lines]
    flat = "\n" + "\n".join(all_lines)
    flat = _COMMENT_M.sub("\n", flat)
    flat = _COPYRIGHT_M.sub("\n", flat)
    flat = _BULLET_M.sub("\n", flat.lower())
    return _HYPHEN_M.sub("", flat)[1:]


# Words are cut out of the normal form as bytes: every byte that is not [a-z0-9] or a newline becomes a space
# (``bytes.translate``), then ``split``. A non-ASCII character is all bytes >= 0x80 in UTF-8, so it separates
# words exactly as it does for the regex ``[a-z0-9]+`` on the string, at a fraction of the cost; the words stay
# bytes inside the engine (the index vocabulary is bytes too).
_WORD_BYTES = bytes(c if 48 <= c <= 57 or 97 <= c <= 122 or c == 10 else 32 for c in range(256))
_B_EQUIVALENT = {k.encode(): v.encode() for k, v in EQUIVALENT_WORDS.items() if k != v}
_B_DROP = frozenset(w.encode() for w in _DROP)
_B_CHANGED = frozenset(_B_EQUIVALENT) | _B_DROP


def word_bytes(text: str) -> bytes:
    """The normal form of ``text`` as bytes holding only ``[a-z0-9]``, spaces and one newline per line."""
    return _normal_form(text).encode("utf-8", "surrogatepass").translate(_WORD_BYTES)


def _fix(words: list[bytes]) -> list[bytes]:
    if _B_CHANGED.isdisjoint(words):
        return words
    return list(itertools.filterfalse(_B_DROP.__contains__, map(_B_EQUIVALENT.get, words, words)))


def split_words(wb: bytes) -> list[bytes]:
    """The words of :func:`word_bytes` output."""
    return _fix(wb.split())


def split_lines(wb: bytes) -> tuple[list[bytes], list[int]]:
    """The words of :func:`word_bytes` output and, for each, its 1-based line number.

    Each newline becomes a ``|`` token (a byte no word has); a running count of them is every word's line.
    """
    toks = wb.replace(b"\n", b" | ").split()
    bars = list(map(b"|".__eq__, toks))
    keep = list(map(operator.not_, bars))
    words = list(itertools.compress(toks, keep))
    lines = list(itertools.compress(itertools.accumulate(bars, initial=1), keep))
    if not _B_CHANGED.isdisjoint(words):
        mapped = list(map(_B_EQUIVALENT.get, words, words))
        keep = list(map(operator.not_, map(_B_DROP.__contains__, mapped)))
        words, lines = list(itertools.compress(mapped, keep)), list(itertools.compress(lines, keep))
    return words, lines


def word_line_span(wb: bytes) -> tuple[int, int]:
    """1-based lines of the first and last word of :func:`word_bytes` output ((0, 0) when it has none)."""
    rows = wb.split(b"\n")
    has = [i for i in range(len(rows)) if split_words(rows[i])] if len(rows) < 8 else None
    if has is not None:
        return (has[0] + 1, has[-1] + 1) if has else (0, 0)
    first = next((i for i, row in enumerate(rows) if split_words(row)), -1)
    if first < 0:
        return 0, 0
    last = next(i for i in range(len(rows) - 1, -1, -1) if split_words(rows[i]))
    return first + 1, last + 1


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """Normalised words of ``text`` and, for each, its 1-based line number."""
    words, lines = split_lines(word_bytes(text))
    return [w.decode() for w in words], lines


def normalized_text(text: str) -> str:
    """The words of ``text`` joined by single spaces: the form that is hashed for the exact tier."""
    return " ".join(tokenize(text)[0])
