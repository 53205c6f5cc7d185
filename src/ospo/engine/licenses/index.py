"""The indexes over the SPDX reference texts, built once and cached on disk, loaded only as far as a file needs.

Why word bigrams: a set of adjacent word pairs keeps enough word order to tell close variants apart (BSD-2 from
BSD-3, MIT from X11) while staying cheap to intersect with C-level set operations. Only the *rare* bigrams (found
in few reference texts) go into the inverted index used to pick candidates, so picking candidates costs a few
dictionary look-ups per query bigram instead of one comparison per reference text.

Why two levels: most LICENSE files end at the exact-hash tier, which needs only ~800 digests; the similarity
tier needs the vocabulary, the token sequences and the inverted index. The cache file holds both as a few flat
byte strings (``marshal`` of ``bytes``/``array`` buffers is a memory copy), and :class:`Similarity` decodes them
the first time a file needs that tier. The per-reference bigram sets are built on demand, for the few
candidates a query has, instead of being stored (430,000 integers cost 0.1 s to unmarshal, every run).

The cache lives in the user cache directory, keyed by the installed data's fingerprint; a read-only or missing
home directory only costs the rebuild (about a second of CPU) on every run.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import marshal
import operator
import os
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ospo.engine.licenses import data
from ospo.engine.licenses.normalize import split_words, word_bytes

FORMAT = 7
SHIFT = 21  # bigram = (left << SHIFT) | right; vocabularies stay far below 2**21 words
RARE_DF = 40  # a bigram in at most this many reference texts is "rare" and indexed for candidate search
MIN_POSTINGS = 12  # a reference with fewer rare bigrams indexes its least frequent ones instead


def _canonical_key(t: data.LicenseText) -> tuple[bool, bool, bool, int, str]:
    """Among references with identical normalised texts, which id to report.

    Non-deprecated first; licenses before exceptions; ``-only`` before ``-or-later`` (ScanCode and the SPDX
    list give a bare GPL-family text without a notice as -only: the text alone grants no "later version").
    """
    return (t.deprecated, t.is_exception, not t.id.endswith("-only"), len(t.id), t.id)


def codes_of(seq: array | list[int]) -> list[int]:
    """Bigram codes of every adjacent pair, unknown words included (computed in C: one code per position).

    A pair with an id 0 gets a code no reference has (reference ids start at 1), so it never counts as shared.
    """
    if len(seq) < 2:
        return []
    return list(
        map(operator.or_, map(operator.lshift, seq[:-1], itertools.repeat(SHIFT)), itertools.islice(seq, 1, None))
    )


def text_hash(normalized: bytes) -> bytes:
    """SHA-256 of the normalised words joined by single spaces (the exact tier's key)."""
    return hashlib.sha256(normalized).digest()


_is_slot = functools.partial(operator.is_not, None)


class Similarity:
    """Vocabulary, token sequences and the inverted index of rare bigrams (the similarity tier's data)."""

    __slots__ = (
        "_seq_codes",
        "_sets",
        "post_ends",
        "post_refs",
        "post_slot",
        "post_starts",
        "rare_counts",
        "seqs",
        "vocab",
    )

    def __init__(
        self,
        vocab: dict[bytes, int],
        seqs: list[array],
        post_keys: array,
        post_lens: array,
        post_refs: array,
        rare_counts: list[int],
    ) -> None:
        self.vocab = vocab
        self.seqs = seqs
        # The inverted index as flat arrays (loaded as one buffer each): slot of a rare bigram, then the
        # reference ids post_refs[post_starts[slot]:post_ends[slot]].
        self.post_slot = dict(zip(post_keys, itertools.count(), strict=False))
        self.post_ends = list(itertools.accumulate(post_lens))
        self.post_starts = [0, *self.post_ends[:-1]]
        self.post_refs = post_refs
        self.rare_counts = rare_counts
        self._sets: dict[int, frozenset[int]] = {}
        self._seq_codes: dict[int, list[int]] = {}

    def hits(self, codes: Iterable[int]) -> Counter[int]:
        """For each reference, how many of ``codes`` are among its rare bigrams (only references with any)."""
        slots = list(filter(_is_slot, map(self.post_slot.get, codes)))
        refs = map(
            self.post_refs.__getitem__,
            map(slice, map(self.post_starts.__getitem__, slots), map(self.post_ends.__getitem__, slots)),
        )
        return Counter(itertools.chain.from_iterable(refs))

    def bigrams(self, c: int) -> frozenset[int]:
        """Reference ``c``'s bigram set, built the first time a query has it as a candidate."""
        s = self._sets.get(c)
        if s is None:
            s = self._sets[c] = frozenset(self.seq_codes(c))
        return s

    def seq_codes(self, c: int) -> list[int]:
        """Reference ``c``'s bigram codes in text order (its ids are all known, so one code per position)."""
        s = self._seq_codes.get(c)
        if s is None:
            s = self._seq_codes[c] = codes_of(self.seqs[c])
        return s


@dataclass(slots=True)
class Index:
    """What every file needs (ids, exact hashes); the similarity data is decoded on first use."""

    ids: list[str]
    is_exception: list[bool]
    exact: dict[bytes, int]
    groups: dict[str, list[str]] = field(default_factory=dict)  # canonical id -> every id with the same text
    _raw: dict | None = None
    _sim: Similarity | None = None
    exceptions: frozenset[str] = frozenset()

    def similarity(self) -> Similarity:
        if self._sim is None:
            self._sim = _decode_similarity(self._raw or {})
            self._raw = None
        return self._sim


# Deprecated ids that stand for a GNU license (with its "+" or an exception folded into the id): their texts are
# the current license's text, sometimes with the exception appended. Indexing them would make the matcher
# report "GPL-2.0+" instead of GPL-2.0-or-later, so they are left out; the current ids (and exceptions, found
# as a second region) cover them.
_COMPOSITE_DEPRECATED = re.compile(r"^(?:A|L)?GPL-\d\.\d(?:\+|-with-.*)?$|^GFDL-1\.\d$|^eCos-2\.0$|^wxWindows$")


def _build() -> tuple[Index, dict]:
    """Tokenise every reference text and derive both tiers; returns the index and what to cache."""
    by_text: dict[tuple[bytes, ...], list[data.LicenseText]] = {}
    for t in data.load_texts():
        if t.deprecated and _COMPOSITE_DEPRECATED.match(t.id):
            continue
        words = tuple(split_words(word_bytes(t.text)))
        if words:
            by_text.setdefault(words, []).append(t)
    # Ids in order of first appearance (C-level: no per-word Python work).
    vocab = {w: i for i, w in enumerate(dict.fromkeys(itertools.chain.from_iterable(by_text)), 1)}
    ids, exc, seqs, exact, groups = [], [], [], {}, {}
    for i, (words, members) in enumerate(by_text.items()):
        members.sort(key=_canonical_key)
        head = members[0]
        ids.append(head.id)
        exc.append(head.is_exception)
        seqs.append(array("I", map(vocab.__getitem__, words)))
        exact.setdefault(text_hash(b" ".join(words)), i)
        groups[head.id] = [m.id for m in members]
    shift = itertools.repeat(SHIFT)
    code_sets = [set(map(operator.or_, map(operator.lshift, s, shift), itertools.islice(s, 1, None))) for s in seqs]
    df = Counter(itertools.chain.from_iterable(code_sets))
    common = set(itertools.compress(df.keys(), map(operator.lt, itertools.repeat(RARE_DF), df.values())))
    rares = []
    for bs in code_sets:
        rare = bs - common
        if len(rare) < MIN_POSTINGS:
            rare = set(sorted(bs, key=df.__getitem__)[:MIN_POSTINGS])
        rares.append(rare)
    rare_counts = list(map(len, rares))
    # The inverted index: references ascending within each bigram (a plain loop with a bound ``get`` measured
    # faster than packing and sorting the 264,000 pairs in C).
    postings: dict[int, list[int]] = {}
    get = postings.get
    for i, rare in enumerate(rares):
        for b in rare:
            refs = get(b)
            if refs is None:
                postings[b] = [i]
            else:
                refs.append(i)
    post_keys = array("q", postings.keys())
    post_lens = array("H", map(len, postings.values()))
    post_refs = array("H", itertools.chain.from_iterable(postings.values()))
    sim = Similarity(vocab, seqs, post_keys, post_lens, post_refs, rare_counts)
    idx = Index(ids, exc, exact, groups, exceptions=frozenset(i for i, x in zip(ids, exc, strict=True) if x))
    idx._sim = sim
    raw = {
        "format": FORMAT,
        "fingerprint": data.data_fingerprint(),
        "ids": ids,
        "exc": exc,
        "exact": exact,
        "groups": groups,
        "vocab": b"\n".join(vocab),
        "seq_lens": array("I", map(len, seqs)).tobytes(),
        "seqs": b"".join(s.tobytes() for s in seqs),
        "post_keys": post_keys.tobytes(),
        "post_lens": post_lens.tobytes(),
        "post_refs": post_refs.tobytes(),
        "rare": rare_counts,
    }
    return idx, raw


def _decode_similarity(raw: dict) -> Similarity:
    def arr(code: str, key: str) -> array:
        a = array(code)
        a.frombytes(raw.get(key, b""))
        return a

    vocab_list = raw["vocab"].split(b"\n") if raw.get("vocab") else []
    vocab = dict(zip(vocab_list, itertools.count(1), strict=False))
    lens = arr("I", "seq_lens")
    ends = list(itertools.accumulate(lens))
    flat = arr("I", "seqs")
    seqs = [flat[s:e] for s, e in zip([0, *ends[:-1]], ends, strict=True)]
    return Similarity(
        vocab, seqs, arr("q", "post_keys"), arr("H", "post_lens"), arr("H", "post_refs"), list(raw.get("rare", []))
    )


def _cache_path() -> Path:
    return data.cache_dir() / f"license-index-v{FORMAT}.marshal"


def installed_path() -> Path:
    """Where the installation keeps its index, built at install time by ``setup.py``'s ``build_py`` hook (every
    ``pip install``, wheel or editable) or by ``python -m ospo.engine.licenses.index --install``. Generated from
    the installed data, never committed.

    Why: building the index takes about half a second, more than identifying a hundred files; an index built
    when the package is installed makes the first run of every user as fast as later ones. ``OSPO_LICENSE_INDEX
    =build`` ignores it (the benchmark uses that to measure the first run of an installation that has none).
    """
    return Path(__file__).resolve().parent / "_installed" / f"license-index-v{FORMAT}.marshal"


def _load_cached() -> dict | None:
    """The user cache's index, else the installation's; None when neither matches the installed data."""
    raw = _load(_cache_path())
    if raw is None and os.environ.get("OSPO_LICENSE_INDEX") != "build":
        raw = _load(installed_path())
    return raw


def _load(path: Path) -> dict | None:
    try:
        raw = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("fingerprint") != data.data_fingerprint():
        return None
    # A cache file is input like any other: the wrong shape means a rebuild, never a crash.
    blobs = ("vocab", "seq_lens", "seqs", "post_keys", "post_lens", "post_refs")
    if not all(isinstance(raw.get(k), bytes) for k in blobs) or not all(
        isinstance(raw.get(k), t)
        for k, t in (("ids", list), ("exc", list), ("exact", dict), ("groups", dict), ("rare", list))
    ):
        return None
    return raw


def _save(raw: dict, path: Path | None = None) -> bool:
    """Write atomically; a read-only or missing home directory only costs the rebuild next time."""
    import tempfile  # only when writing: it imports shutil and the compression modules

    path = path or _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".license-index-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(raw))
        if path == installed_path():
            os.chmod(tmp, 0o644)  # every user of the installation reads it
        os.replace(tmp, path)
        for old in path.parent.glob("license-index-v*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True


@lru_cache(maxsize=1)
def get_index() -> Index:
    """The process-wide index: from the disk cache when it matches the installed data, else built and saved."""
    raw = _load_cached()
    if raw is None:
        idx, raw = _build()
        _save(raw)
        return idx
    ids, exc = list(raw["ids"]), list(raw["exc"])
    return Index(
        ids,
        exc,
        dict(raw["exact"]),
        dict(raw["groups"]),
        raw,
        exceptions=frozenset(i for i, x in zip(ids, exc, strict=True) if x),
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m ospo.engine.licenses.index --install``: build the installation's index (exit 1 if unwritable)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m ospo.engine.licenses.index")
    ap.add_argument("--install", action="store_true", help="write the index into the installed package")
    args = ap.parse_args(argv)
    _idx, raw = _build()
    return 0 if _save(raw, installed_path() if args.install else None) else 1


if __name__ == "__main__":
    raise SystemExit(main())
