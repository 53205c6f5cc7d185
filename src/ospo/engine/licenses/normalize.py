"""License text normalisation after the SPDX Matching Guidelines (https://spdx.github.io/spdx-spec/, annex B).

Why these rules: two copies of one license differ in ways the guidelines declare immaterial — case, white
space, punctuation and quote styles, hyphens, bullets and clause numbering, British/American spelling
("licence"), comment markers when the text sits in a source header, "http" versus "https", and the copyright
notice itself. Normalising both the reference texts and the scanned file the same way lets an exact hash and a
word-bigram similarity compare what matters: the words of the terms.

The output is a list of word tokens with the 1-based line each came from, so matches can name line ranges.
"""

from __future__ import annotations

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
    "licence": "license", "licences": "licenses", "licenced": "licensed", "licencing": "licensing",
    "licensor": "licensor", "licencor": "licensor", "licencee": "licensee",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "analogue": "analog", "analyse": "analyze", "artefact": "artifact", "authorisation": "authorization",
    "authorised": "authorized", "calibre": "caliber", "cancelled": "canceled", "capitalisations": "capitalizations",
    "catalogue": "catalog", "categorise": "categorize", "centre": "center", "emphasised": "emphasized",
    "favour": "favor", "favourite": "favorite", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "initialise": "initialize", "judgement": "judgment", "labelling": "labeling", "labour": "labor",
    "maximise": "maximize", "modelled": "modeled", "modelling": "modeling", "offence": "offense",
    "optimise": "optimize", "organisation": "organization", "organise": "organize", "practise": "practice",
    "programme": "program", "realise": "realize", "recognise": "recognize", "signalling": "signaling",
    "utilisation": "utilization", "whilst": "while", "wilful": "wilfull", "percent": "percent",
    "https": "http", "copyleft": "copyleft",
}
# Tokens that carry no meaning for matching: URL schemes and "www" (guideline B.3.8 treats http/https alike).
_DROP = frozenset({"http", "www"})


def clean_line(line: str) -> str:
    """One line, lower-cased, without comment leader, bullet or clause number. Empty for copyright lines."""
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


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """Normalised words of ``text`` and, for each, its 1-based line number."""
    words: list[str] = []
    lines: list[int] = []
    eq = EQUIVALENT_WORDS.get
    drop = _DROP
    all_lines = text.splitlines()
    prefix = common_prefix(all_lines)
    cut = len(prefix)
    for lineno, raw in enumerate(all_lines, 1):
        if not raw or raw.isspace():
            continue
        if cut:
            stripped = raw.lstrip()
            if stripped.startswith(prefix):
                raw = stripped[cut:]
        line = clean_line(raw)
        if not line:
            continue
        for w in _WORD.findall(line):
            w = eq(w, w)
            if w in drop:
                continue
            words.append(w)
            lines.append(lineno)
    return words, lines


def normalized_text(text: str) -> str:
    """The words of ``text`` joined by single spaces: the form that is hashed for the exact tier."""
    return " ".join(tokenize(text)[0])
