"""Identify the license(s) of a text: ``identify_text`` / ``identify_file`` and the ``ospo license identify`` CLI.

Tiered for speed, cheapest first (design and figures in docs/recall-notes/licenses.md):

1. ``SPDX-License-Identifier:`` tags, in any comment syntax, parsed with ``license-expression``; then the
   SHA-256 of the whole normalised text against the reference texts (most LICENSE files end here).
2. Word-bigram similarity against every SPDX license and exception text. Candidates come from an inverted
   index of rare bigrams; for each, the densest region of the file that agrees with it is found (maximum-sum
   segment, +1 per bigram the reference has, -1 per bigram it lacks) and scored by the Dice coefficient
   between the region and the reference. The best region is claimed and the search repeats on what is left,
   so "MIT + Apache-2.0" gives two matches and a preamble before a license is left over as ``extra_text``.
   Dice, not containment, is what separates close variants: BSD-2-Clause is wholly contained in
   BSD-3-Clause, but only BSD-3-Clause also covers the non-endorsement clause, so only it scores ~1.0.
3. Notice rules (``rules.py``) on the lines no text match claimed: "GPL version 2 or any later version",
   "Licensed under the Apache License, Version 2.0", CC, EUPL, MPL Exhibit B, public-domain dedications.

Nothing is executed; every failure of the optional expression parser turns into a ``LicenseRef-``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ospo.engine.licenses import discussion, rules
from ospo.engine.licenses.index import Index, Similarity, codes_of, get_index, text_hash
from ospo.engine.licenses.normalize import split_lines, split_words, word_bytes, word_line_span
from ospo.engine.licenses.references import disk_sibling_reader, follow
from ospo.engine.safeparse import ParseFailure, decode_text

MIN_SCORE = 0.75  # Dice below this is not a match of that text (measured: true matches in the corpus >= 0.9)
MIN_COVERAGE = 0.6  # share of the reference that the aligned span must reach (or MIN_SPAN bigrams) ...
MIN_SPAN = 400  # ... so a long text with an optional appendix (LGPL-3.0 + GPL-3.0) still matches on its body
MAX_ROUNDS = 8  # licenses found in one file at most
MAX_TOKENS = 200_000  # longer texts are analysed on their first words only (a warning-free, documented cap)
CANDIDATES = 12
NOTICE_SCORE = 0.9

_TAG = re.compile(r"SPDX-License-Identifier\s*:\s*(?P<expr>.+?)\s*(?:\*/|-->|\*\)|-\}|\"\"\"|'''|$)", re.IGNORECASE)
_TAG_WORD = re.compile(r"spdx-license-identifier", re.IGNORECASE)  # cheap test before the per-line scan
_REF_CHARS = re.compile(r"[^A-Za-z0-9.-]+")
_GNU_FAMILY = re.compile(r"^(?:A|L)?GPL-\d\.\d-only$")
_GNU_HEAD_END = re.compile(r"preamble|terms and conditions", re.IGNORECASE)
_GNU_ONLY = re.compile(r"^((?:A|L)?GPL-\d\.\d)-only$")


@dataclass(slots=True)
class Match:
    """One finding: which expression, where (1-based inclusive lines), how sure, and which tier found it."""

    expression: str
    start_line: int
    end_line: int
    score: float
    kind: str = "text"  # "tag", "exact", "text", "notice", "reference" or "mention" (in a discussion)


@dataclass(slots=True)
class Identification:
    expression: str | None
    confidence: float
    matches: list[Match] = field(default_factory=list)
    extra_text: list[tuple[int, int]] = field(default_factory=list)
    # None for an ordinary result; "discussion" for a text that discusses licenses without granting one (a FAQ):
    # its expression is None and its matches are the licenses it mentions, at a low score (see discussion.py).
    kind: str | None = None


# --- tier 1: SPDX tags -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _licensing():  # type: ignore[no-untyped-def]
    """``license-expression``'s SPDX licensing, loaded only when a file carries a tag (it costs ~0.2 s)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def license_ref(text: str) -> str:
    """A ``LicenseRef-`` id carrying the original words (SPDX idstring: letters, digits, '.' and '-')."""
    ref = _REF_CHARS.sub("-", text).strip("-.")[:100]
    return f"LicenseRef-{ref or 'unknown'}"


def tag_expression(raw: str) -> str:
    """Parse a tag's expression; unknown ids become LicenseRef-<id>, an unparseable one LicenseRef-<text>."""
    raw = raw.strip()
    try:
        lic = _licensing()
        parsed = lic.parse(raw, validate=False, strict=False)
        if parsed is None:
            return license_ref(raw)
        expr = str(parsed)
        unknown = lic.unknown_license_keys(parsed)
    except Exception:
        return license_ref(raw)
    for key in sorted(set(unknown), key=len, reverse=True):
        if key.startswith(("LicenseRef-", "DocumentRef-")):
            continue
        expr = re.sub(rf"(?<![\w.+-]){re.escape(key)}(?![\w.+-])", license_ref(key), expr)
    return expr


def _tags(lines: list[str]) -> list[Match]:
    out = []
    for n, line in enumerate(lines, 1):
        if "spdx-license-identifier" not in line.lower():
            continue
        m = _TAG.search(line)
        if m and m.group("expr").strip():
            out.append(Match(tag_expression(m.group("expr")), n, n, 1.0, "tag"))
    return out


# --- tier 2: similarity ------------------------------------------------------------------------------------
#
# Everything per query position runs in C (map, itertools.accumulate, set operations): a scanned file has
# thousands of bigrams and each of its dozen candidates is compared with it, so a Python loop per position would
# be the whole cost of identification.

_ONES = re.compile(rb"\x01+")


def _densest(flags: bytes) -> tuple[int, int, int]:
    """Maximum-sum segment with +1 per set flag and -1 per clear one: (sum, start, end) inclusive, end -1 if none.

    Walks the runs of set flags (a regex finds them in C), not the positions: a good candidate has a few long
    runs, so this costs a few steps instead of one Python step per bigram. Same segment as the per-position
    scan that restarts whenever its running sum drops to zero, earliest best end first.
    """
    best = cur = start = bs = prev = 0
    be = -1
    for m in _ONES.finditer(flags):
        s, e = m.span()
        cur -= s - prev
        if cur <= 0:
            cur, start = 0, s
        cur += e - s
        if cur > best:
            best, bs, be = cur, start, e - 1
        prev = e
    return best, bs, be


def _alive_runs(alive: bytearray) -> list[tuple[int, int]]:
    """Maximal runs of unclaimed positions, as [start, end) pairs."""
    runs = []
    i, n = 0, len(alive)
    while i < n:
        s = alive.find(1, i)
        if s < 0:
            break
        e = alive.find(0, s)
        e = n if e < 0 else e
        runs.append((s, e))
        i = e
    return runs


def _candidates(sim: Similarity, alive_codes: set[int]) -> list[int]:
    counts = sim.hits(alive_codes)
    if not counts:
        return []
    rare = sim.rare_counts
    by_share = sorted(counts, key=lambda c: (-counts[c] / rare[c], c))[:CANDIDATES]
    by_hits = sorted(counts, key=lambda c: (-counts[c], c))[:4]
    # A reference sharing less than half the best one's share of rare bigrams cannot win on this region.
    floor = max(0.2, 0.5 * counts[by_share[0]] / rare[by_share[0]])
    return [c for c in dict.fromkeys(by_share + by_hits) if counts[c] / rare[c] >= floor]


def _region(
    sim: Similarity, c: int, bg: list[int], runs: list[tuple[int, int]], unknown: set[int]
) -> tuple[float, float, float, int, int]:
    """The densest region of the file agreeing with reference ``c``, and how well it matches.

    The region is the file's densest segment of bigrams the reference has, within one unclaimed run. It is
    scored against the densest segment of the *reference* whose bigrams the region has — its aligned span —
    because SPDX texts carry optional leading titles and trailing appendices ("How to apply these terms", the
    GPL-3.0 text appended to LGPL-3.0) that real copies often omit. Returns (span Dice, whole-text Dice, share
    of the reference in the span, start, end).
    """
    ref = sim.bigrams(c)
    has = ref.__contains__
    best, bs, be = 0, 0, -1
    for rs, re_ in runs:
        gain, s, e = _densest(bytes(map(has, bg[rs:re_])))
        if gain > best:
            best, bs, be = gain, rs + s, rs + e
    if be < 0:
        return 0.0, 0.0, 0.0, 0, -1
    region = set(bg[bs : be + 1])
    region -= unknown
    inter = len(region & ref)
    whole = 2 * inter / (len(region) + len(ref))
    seq = sim.seq_codes(c)
    _gain, first, last = _densest(bytes(map(region.__contains__, seq)))
    span = set(seq[first : last + 1]) if last >= 0 else set()
    if not span:
        return 0.0, whole, 0.0, bs, be
    sinter = len(region & span)
    return 2 * sinter / (len(region) + len(span)), whole, len(span) / len(ref), bs, be


def _similar(idx: Index, words: list[bytes], wlines: list[int]) -> list[Match]:
    sim = idx.similarity()
    vocab = sim.vocab
    q = list(map(vocab.get, words, itertools.repeat(0)))
    bg = codes_of(q)
    if not bg:
        return []
    # Pairs with a word no reference has: excluded from a region's bigram set, as they can match nothing.
    unknown: set[int] = set()
    if 0 in q:
        unknown = {bg[j] for i, x in enumerate(q) if not x for j in (i - 1, i) if 0 <= j < len(bg)}
    alive = bytearray(b"\x01") * len(bg)
    out: list[Match] = []
    for _ in range(MAX_ROUNDS):
        runs = _alive_runs(alive)
        alive_codes = set(itertools.chain.from_iterable(bg[s:e] for s, e in runs))
        alive_codes -= unknown
        best: tuple[float, float, float, int, int, int] | None = None
        for c in _candidates(sim, alive_codes):
            ref = sim.bigrams(c)
            need = min(MIN_COVERAGE * len(ref), MIN_SPAN)
            # Cheap bounds from the bigrams the file shares with the reference at all (one C-level
            # intersection), which change no verdict: an accepted span shares >= 0.6 of its bigrams with the
            # region (Dice >= 0.75) and reaches ``need`` bigrams, so fewer shared bigrams can never pass; and a
            # candidate whose best possible key cannot beat the best one so far need not be aligned.
            shared = len(ref.intersection(alive_codes))
            if shared < 0.6 * need - 1e-9:
                continue
            if best is not None:
                dice_ub = 1.0 if shared >= need else 2 * shared / (shared + need)
                if (round(dice_ub, 2), 2 * shared / (shared + len(ref))) <= best[:2]:
                    continue
            dice, whole, share, s, e = _region(sim, c, bg, runs, unknown)
            if dice < MIN_SCORE or share * len(ref) < need:
                continue
            # Near-equal span scores are decided by the whole text: MIT and X11 align equally well on an MIT
            # text's span, but only MIT has no extra advertising clause.
            key = (round(dice, 2), whole, dice, s, e, c)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            break
        _r, _whole, dice, s, e, c = best
        out.append(Match(idx.ids[c], wlines[s], wlines[e + 1], round(dice, 4)))
        alive[s : e + 1] = bytes(e + 1 - s)
        if alive.count(1) < 8:
            break
    return out


# --- tier 3: notices ---------------------------------------------------------------------------------------


def _flat(lines: list[str], covered: set[int]) -> tuple[str, Callable[[int], int], list[int]]:
    """The uncovered lines flattened (``rules.flatten``) and joined, offset -> 1-based line, line offsets."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []  # (offset in flat, line number)
    pos = 0
    for n, line in enumerate(lines, 1):
        if n in covered:
            continue
        flat = rules.flatten(line)
        if not flat:
            continue
        starts.append((pos, n))
        parts.append(flat)
        pos += len(flat) + 1
    offsets = [s for s, _ in starts]

    def line_at(off: int) -> int:
        return starts[max(0, bisect.bisect_right(offsets, off) - 1)][1]

    return " ".join(parts), line_at, offsets


def _notices(lines: list[str], covered: set[int]) -> list[Match]:
    flat_all, line_at, _offsets = _flat(lines, covered)
    if not flat_all:
        return []
    return [
        Match(h.expression, line_at(h.start), line_at(max(h.start, h.end - 1)), NOTICE_SCORE, "notice")
        for h in rules.find_notices(flat_all)
    ]


def _discussion(text: str, lines: list[str]) -> Identification | None:
    """The text as a discussion of licenses (:mod:`.discussion`), or None when it is not one."""
    flat_all, line_at, offsets = _flat(lines, set())
    found = discussion.mentions(flat_all, offsets) if flat_all else []
    first: dict[str, Match] = {}
    for m in found:
        if m.expression not in first:
            first[m.expression] = Match(
                m.expression, line_at(m.start), line_at(max(m.start, m.end - 1)), discussion.MENTION_SCORE, "mention"
            )
    if not discussion.is_discussion(text, set(first)):
        return None
    return Identification(
        None, 0.0, sorted(first.values(), key=lambda m: (m.start_line, m.end_line)), kind="discussion"
    )


# --- combining ---------------------------------------------------------------------------------------------


def _combine(matches: list[Match], idx: Index | None) -> str | None:
    """One SPDX expression: licenses ANDed in order of appearance, exceptions attached WITH the license before."""
    exprs = [m.expression for m in sorted(matches, key=lambda m: (m.start_line, m.end_line))]
    later = {e[: -len("-or-later")] for e in exprs if e.endswith("-or-later")}
    parts: list[str] = []
    exc = idx.exceptions if idx is not None else frozenset()
    for e in exprs:
        g = _GNU_ONLY.match(e)
        if g and g.group(1) in later:  # a text (-only by default) plus a notice granting "or later"
            continue
        if e in exc and parts and " WITH " not in parts[-1] and " " not in parts[-1]:
            parts[-1] = f"{parts[-1]} WITH {e}"
            continue
        if e not in parts:
            parts.append(e)
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return " AND ".join(f"({p})" if " OR " in p or (" AND " in p) else p for p in parts)


def _ranges(lines: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in lines:
        if out and n <= out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def identify_text(text: str) -> Identification:
    """Identify the license(s) in ``text``. Never raises on any string; finds nothing → expression None."""
    if not isinstance(text, str) or not text.strip():
        return Identification(None, 0.0)
    idx = get_index()
    wb = word_bytes(text)
    words = split_words(wb)
    if words and len(words) <= MAX_TOKENS:
        # The exact tier needs no line numbers but those of the first and last word.
        hit = idx.exact.get(text_hash(b" ".join(words)))
        if hit is not None:
            first, last = word_line_span(wb)
            m = Match(idx.ids[hit], first, last, 1.0, "exact")
            return Identification(m.expression, 1.0, [m])
    lines = text.splitlines()
    tags = _tags(lines) if _TAG_WORD.search(text) else []
    matches: list[Match] = []
    wlines: list[int] = []
    if words:
        words, wlines = split_lines(wb)
        if len(words) > MAX_TOKENS:
            words, wlines = words[:MAX_TOKENS], wlines[:MAX_TOKENS]
            hit = idx.exact.get(text_hash(b" ".join(words)))
            if hit is not None:
                m = Match(idx.ids[hit], wlines[0], wlines[-1], 1.0, "exact")
                return Identification(m.expression, 1.0, [m])
        matches = _similar(idx, words, wlines)
    # A tag inside a matched license text is that license's own example ("How to apply": SPDX-License-Identifier:
    # Apache-2.0 WITH SHL-2.1), not a statement about this file.
    tags = [t for t in tags if not any(m.start_line <= t.start_line <= m.end_line for m in matches)]
    if tags:
        return Identification(_combine(tags + matches, idx), min(m.score for m in tags + matches), tags + matches)
    covered = {n for m in matches for n in range(m.start_line, m.end_line + 1)}
    for m in matches:
        if _GNU_FAMILY.match(m.expression):
            # The region of a GNU text can start on a notice above the title, because the text's own "How to
            # apply" appendix has the same words; the head before "Preamble" stays open to the notice rules.
            for n in range(m.start_line, min(m.end_line, m.start_line + 40) + 1):
                if _GNU_HEAD_END.search(lines[n - 1]):
                    break
                covered.discard(n)
    # A notice that only repeats a text match ("GNU GENERAL PUBLIC LICENSE Version 2" above the GPL text) is
    # dropped; one that adds "or later" to a text's default -only is kept and wins in _combine.
    texts = {m.expression for m in matches}
    bases = {e.removesuffix("-only") for e in texts}
    notices = [
        n
        for n in _notices(lines, covered)
        if n.expression not in texts and not (n.expression.endswith("-only") and n.expression[:-5] in bases)
    ]
    # When the file names CC0 or the Unlicense, that is the instrument of its public-domain dedication ("in the
    # public domain within the United States ... and worldwide through CC0"): no separate LicenseRef.
    if any(m.expression in ("CC0-1.0", "Unlicense") for m in matches + notices):
        notices = [n for n in notices if n.expression != "LicenseRef-PublicDomain"]
    # Not a license text: a FAQ or a comparison of licenses is reported as a discussion (discussion.py).
    # Only worth looking when the notices already name several licenses or the text has the shape of a FAQ.
    if not matches and (
        len({n.expression for n in notices}) >= discussion.MIN_LICENSES or discussion.looks_like_faq(text)
    ):
        talk = _discussion(text, lines)
        if talk is not None:
            return talk
    seen: set[tuple[str, int, int]] = set()
    for n in notices:
        if (n.expression, n.start_line, n.end_line) not in seen:
            seen.add((n.expression, n.start_line, n.end_line))
            matches.append(n)
    matches.sort(key=lambda m: (m.start_line, m.end_line))
    for m in matches:
        covered.update(range(m.start_line, m.end_line + 1))
    extra = _ranges(sorted({n for n in wlines if n not in covered})) if matches else []
    expression = _combine(matches, idx)
    confidence = min((m.score for m in matches), default=0.0)
    return Identification(expression, round(confidence, 4) if expression else 0.0, matches, extra)


def identify_file(path: str, data: bytes, read_sibling: Callable[[str], bytes | None] | None = None) -> Identification:
    """Identify a file's license; raises ``ParseFailure`` when the bytes are not text (binary or too large).

    With ``read_sibling`` (name → bytes of a file in the same directory, or None), a text that names no license
    but points to one ("See LICENSE file") gets the license of the file it names (:mod:`.references`).
    """
    del path  # the name is not used for matching: a NOTICE and a LICENSE are read alike
    text = decode_text(data)
    ident = identify_text(text)
    if read_sibling is not None and ident.expression is None and ident.kind is None:
        ident = follow(ident, text, read_sibling, lambda b: identify_text(decode_text(b)))
    return ident


def to_json(path: str, ident: Identification) -> dict:
    """The issue's contract ``{"path", "expression", "confidence", "matches"}``; a discussion adds ``"kind"``."""
    out = {
        "path": path,
        "expression": ident.expression,
        "confidence": ident.confidence,
        "matches": [{k: v for k, v in asdict(m).items() if k != "kind"} for m in ident.matches],
    }
    if ident.kind is not None:
        out["kind"] = ident.kind
    return out


def identify_main(argv: list[str] | None = None) -> int:
    """``ospo license identify FILE... [--format json]``: one JSON object per line and per file."""
    ap = argparse.ArgumentParser(prog="ospo license identify", description="Identify license texts and notices.")
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--format", choices=["json"], default="json")
    args = ap.parse_args(argv)
    status = 0
    for name in args.files:
        try:
            data = Path(name).read_bytes()
            obj = to_json(name, identify_file(name, data, disk_sibling_reader(name)))
        except (OSError, ParseFailure) as exc:
            obj = {"path": name, "expression": None, "confidence": 0.0, "matches": [], "error": str(exc)}
            status = 1
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return status
