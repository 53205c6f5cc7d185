"""Texts that *discuss* licenses without granting one: licensing FAQs, "which license should I use" pages.

Why this exists: a FAQ such as "Ubuntu Font Family Licensing FAQ" names the GPL, the OFL, CC-BY-SA and its own
font licence while explaining a choice; one sentence ("The GPL version 3 will be used for ... build scripts")
reads like a notice, but the file licenses nothing. Reporting that sentence's license as the file's
expression makes a policy gate deny (or allow) on words that grant nothing, and hides the other licenses the
text talks about. So a discussion is reported with ``expression`` None (no grant was found — what a policy
must see), every license it references as a low-score "mention" match (what a reviewer must see), and
``kind = "discussion"`` as the marker.

When a text is a discussion (all of it heuristic, tested on hand-written FAQs of several styles):

* it is not a license text: no full-text (similarity or exact) match — a license text names other licenses
  too (MPL-2.0's "Secondary Licenses" are three GNU licenses) and stays what it is;
* it references at least two different licenses, and either
  - it has the shape of a FAQ: a short heading line with "FAQ" / "Frequently Asked Questions", or at least two
    "Q:"/"Question:" lines and one "A:"/"Answer:" line, or at least three lines that end with a question mark;
  - or it references at least four different licenses and has no grant sentence ("licensed under",
    "released under", "Permission is hereby granted", "you can redistribute it and/or modify it").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ospo.engine.licenses import rules

MENTION_SCORE = 0.3  # a name in a discussion is evidence for review, never a grant
MIN_LICENSES = 2
MIN_LICENSES_WITHOUT_FAQ = 4
MIN_QUESTIONS = 3

_FAQ_HEADING = re.compile(
    r"^.{0,80}?(?:\bFAQs?\b|\bfrequently\s+asked\s+questions\b).{0,80}$", re.IGNORECASE | re.MULTILINE
)
_QUESTION_MARK = re.compile(
    r"^[ \t]*(?:q|question|p|pregunta|pergunta)[ \t]*\d*[ \t]*[:.)][ \t]", re.IGNORECASE | re.MULTILINE
)
_ANSWER_MARK = re.compile(
    r"^[ \t]*(?:a|answer|r|respuesta|resposta|réponse)[ \t]*\d*[ \t]*[:.)][ \t]", re.IGNORECASE | re.MULTILINE
)
_QUESTION_END = re.compile(r"\?[ \t]*$", re.MULTILINE)
_GRANT = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|made\s+available|available|provided)\s+under\b"
    r"|\bpermission\s+is\s+hereby\s+granted\b|\byou\s+can\s+redistribute\s+it\b|\bmay\s+be\s+used\s+under\b"
    r"|\bSPDX-License-Identifier\b",
    re.IGNORECASE,
)

# License families named without a version, on the flattened text (rules.flatten: lower case, punctuation as
# spaces). Versioned names are left to the notice rules, which run first and take precedence on overlaps.
# A bare GNU name means "any version ever published" (the GPL's own words: "If the Program does not specify a
# version number of this License, you may choose any version"), hence -or-later from the first version; other
# families without a version get a LicenseRef, because no version can honestly be chosen.
_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bubuntu font licen[cs]e(?: 1 0)?\b|\bufl(?: 1 0)?\b"), "Ubuntu-font-1.0"),
    (re.compile(r"\b(?:sil )?open font licen[cs]e(?: 1 1)?\b|\b(?:sil )?ofl(?: 1 1)?\b"), "OFL-1.1"),
    (re.compile(r"\b(?:gpl )?font exception\b"), "Font-exception-2.0"),
    (re.compile(r"\b(?:gnu )?lesser general public licen[cs]e\b|\blgpl\b"), "LGPL-2.0-or-later"),
    (re.compile(r"\b(?:gnu )?affero general public licen[cs]e\b|\bagpl\b"), "AGPL-3.0-or-later"),
    (re.compile(r"\b(?:gnu )?general public licen[cs]e\b|\b(?:gnu )?gpl\b"), "GPL-1.0-or-later"),
    (re.compile(r"\bcc by sa\b|\bcreative commons attribution share ?alike\b"), "LicenseRef-CC-BY-SA"),
    (re.compile(r"\bcc by\b|\bcreative commons(?: licen[cs]e| licensing)?\b"), "LicenseRef-CreativeCommons"),
    (re.compile(r"\bmit licen[cs]e\b"), "MIT"),
    (re.compile(r"\bapache licen[cs]e\b"), "LicenseRef-Apache"),
    (re.compile(r"\bmozilla public licen[cs]e\b|\bmpl\b"), "LicenseRef-MPL"),
    (re.compile(r"\bbsd licen[cs]e\b"), "LicenseRef-BSD"),
    (re.compile(r"\beuropean union public licen[cs]e\b|\beupl\b"), "LicenseRef-EUPL"),
)


@dataclass(slots=True)
class Mention:
    expression: str
    start: int  # offsets in the flat text
    end: int


def mentions(flat: str, line_starts: list[int] | None = None) -> list[Mention]:
    """Every license the flattened text names, versioned (notice rules) or not (families), in text order.

    ``line_starts`` (offsets of the lines in ``flat``) makes the notice rules also run line by line: in a list of
    names ("GNU General Public License version 3: strong copyleft." above "Mozilla Public License 2.0: ...")
    the GNU rule's look-ahead for "or later" wording swallows the next line's name in the joined text.
    """
    found = [Mention(h.expression, h.start, h.end) for h in rules.find_notices(flat)]
    if line_starts:
        known = {(m.expression, m.start) for m in found}
        for s, e in zip(line_starts, [*line_starts[1:], len(flat)], strict=True):
            for h in rules.find_notices(flat[s:e]):
                if (h.expression, s + h.start) not in known:
                    found.append(Mention(h.expression, s + h.start, s + h.end))
    taken = [(m.start, m.end) for m in found]
    for pattern, expression in _FAMILIES:
        for m in pattern.finditer(flat):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            found.append(Mention(expression, s, e))
            taken.append((s, e))
    found.sort(key=lambda m: m.start)
    return found


def looks_like_faq(text: str) -> bool:
    """A FAQ heading (a line of at most 160 characters naming it), question/answer markers, or several questions.

    Whole-text regex passes: this runs on every file that is not a license text, so it must cost next to nothing.
    """
    text = "\n".join(text.splitlines())  # one line ending, so "^" and "$" mean what splitlines() means
    if _FAQ_HEADING.search(text):
        return True
    if len(_QUESTION_MARK.findall(text)) >= 2 and _ANSWER_MARK.search(text):
        return True
    return len(_QUESTION_END.findall(text)) >= MIN_QUESTIONS


def is_discussion(text: str, distinct: set[str]) -> bool:
    """The decision described in the module docstring, given the distinct licenses the text references."""
    if len(distinct) < MIN_LICENSES:
        return False
    if looks_like_faq(text):
        return True
    return len(distinct) >= MIN_LICENSES_WITHOUT_FAQ and not _GRANT.search(text)
