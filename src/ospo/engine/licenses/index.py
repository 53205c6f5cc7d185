"""The similarity index over the SPDX reference texts, built once and cached on disk.

Why an index of word bigrams: a set of adjacent word pairs keeps enough word order to tell close variants
apart (BSD-2 from BSD-3, MIT from X11) while staying cheap to intersect with C-level set operations. Only the
*rare* bigrams (found in few reference texts) go into the inverted index used to pick candidates, so picking
candidates costs a few dictionary look-ups per query word instead of one comparison per reference text.

Tokenising the ~800 reference texts costs about a second, so the token sequences are written once to the
user cache directory (``marshal``, keyed by the installed data's fingerprint) and reloaded in milliseconds.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import os
import re
import tempfile
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from ospo.engine.licenses import data
from ospo.engine.licenses.normalize import tokenize

FORMAT = 5
SHIFT = 21  # bigram = (left << SHIFT) | right; vocabularies stay far below 2**21 words
RARE_DF = 40  # a bigram in at most this many reference texts is "rare" and indexed for candidate search
MIN_POSTINGS = 12  # a reference with fewer rare bigrams indexes its least frequent ones instead


def _canonical_key(t: data.LicenseText) -> tuple[bool, bool, bool, int, str]:
    """Among references with identical normalised texts, which id to report.

    Non-deprecated first; licenses before exceptions; ``-only`` before ``-or-later`` (ScanCode and the SPDX
    list give a bare GPL-family text without a notice as -only: the text alone grants no "later version").
    """
    return (t.deprecated, t.is_exception, not t.id.endswith("-only"), len(t.id), t.id)


@dataclass(slots=True)
class Index:
    ids: list[str]
    is_exception: list[bool]
    seqs: list[array]  # token ids per reference
    vocab: dict[str, int]
    bigrams: list[frozenset[int]] = field(default_factory=list)
    exact: dict[bytes, int] = field(default_factory=dict)
    postings: dict[int, list[int]] = field(default_factory=dict)
    rare_counts: list[int] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)  # canonical id -> every id with the same text

    def derived(self) -> dict:
        """The parts worth caching too (building them costs more than unmarshalling them)."""
        return {"bigrams": self.bigrams, "exact": self.exact, "postings": self.postings, "rare": self.rare_counts}

    def finish(self) -> None:
        """Derive the bigram sets, exact-hash table and inverted index from the token sequences."""
        df: dict[int, int] = {}
        for seq in self.seqs:
            bs = frozenset(bigrams_of(seq))
            self.bigrams.append(bs)
            for b in bs:
                df[b] = df.get(b, 0) + 1
        words = {v: k for k, v in self.vocab.items()}
        for i, seq in enumerate(self.seqs):
            self.exact.setdefault(text_hash(" ".join(words[t] for t in seq)), i)
        self.rare_counts = [0] * len(self.ids)
        postings: dict[int, list[int]] = {}
        for i, bs in enumerate(self.bigrams):
            rare = [b for b in bs if df[b] <= RARE_DF]
            if len(rare) < MIN_POSTINGS:
                rare = sorted(bs, key=df.__getitem__)[:MIN_POSTINGS]
            self.rare_counts[i] = len(rare)
            for b in rare:
                postings.setdefault(b, []).append(i)
        self.postings = postings


def bigrams_of(seq: array | list[int]) -> list[int]:
    return [(a << SHIFT) | b for a, b in itertools.pairwise(seq) if a and b]


def text_hash(normalized: str) -> bytes:
    return hashlib.sha256(normalized.encode()).digest()


# Deprecated ids that stand for a GNU license (with its "+" or an exception folded into the id): their texts are
# the current license's text, sometimes with the exception appended. Indexing them would make the matcher
# report "GPL-2.0+" instead of GPL-2.0-or-later, so they are left out; the current ids (and exceptions, found
# as a second region) cover them.
_COMPOSITE_DEPRECATED = re.compile(r"^(?:A|L)?GPL-\d\.\d(?:\+|-with-.*)?$|^GFDL-1\.\d$|^eCos-2\.0$|^wxWindows$")


def _build_raw() -> dict:
    """Tokenise every reference text; identical normalised texts collapse onto one canonical entry."""
    by_text: dict[tuple[str, ...], list[data.LicenseText]] = {}
    for t in data.load_texts():
        if t.deprecated and _COMPOSITE_DEPRECATED.match(t.id):
            continue
        words = tuple(tokenize(t.text)[0])
        if words:
            by_text.setdefault(words, []).append(t)
    vocab: dict[str, int] = {}
    ids, exc, seqs, groups = [], [], [], {}
    for words, members in by_text.items():
        members.sort(key=_canonical_key)
        head = members[0]
        ids.append(head.id)
        exc.append(head.is_exception)
        seqs.append(array("I", [vocab.setdefault(w, len(vocab) + 1) for w in words]).tobytes())
        groups[head.id] = [m.id for m in members]
    return {"format": FORMAT, "fingerprint": data.data_fingerprint(), "ids": ids, "exc": exc, "seqs": seqs,
            "vocab": list(vocab), "groups": groups}


def _cache_path():  # type: ignore[no-untyped-def]
    return data.cache_dir() / f"license-index-v{FORMAT}.marshal"


def _load_cached() -> dict | None:
    path = _cache_path()
    try:
        raw = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("fingerprint") != data.data_fingerprint():
        return None
    return raw


def _save(raw: dict) -> None:
    """Write atomically; a read-only or missing home directory only costs the rebuild next time."""
    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".license-index-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(raw))
        os.replace(tmp, path)
        for old in path.parent.glob("license-index-v*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


@lru_cache(maxsize=1)
def get_index() -> Index:
    """The process-wide index: from the disk cache when it matches the installed data, else built and saved."""
    raw = _load_cached()
    if raw is None:
        raw = _build_raw()
    vocab = {w: i for i, w in enumerate(raw["vocab"], 1)}
    seqs = []
    for blob in raw["seqs"]:
        a = array("I")
        a.frombytes(blob)
        seqs.append(a)
    idx = Index(list(raw["ids"]), list(raw["exc"]), seqs, vocab, groups=dict(raw["groups"]))
    derived = raw.get("derived")
    if derived is None:
        idx.finish()
        raw["derived"] = idx.derived()
        _save(raw)
    else:
        idx.bigrams, idx.exact, idx.postings, idx.rare_counts = (
            derived["bigrams"], derived["exact"], derived["postings"], derived["rare"])
    return idx
