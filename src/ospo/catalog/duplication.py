"""Duplication finder: repositories in different agencies that do the same job, with the reasons.

Three signals, each a Jaccard similarity so the reason is explainable ("12 of 15 dependencies shared"):
dependency sets (component purls from the inventory, versions dropped — two agencies on different versions of
the same stack still match), description words and name words. Candidate pairs come from inverted indexes
(only pairs sharing at least one token are compared), so the cost follows the overlaps, not n². Tokens present
in more than ``max_df`` of the repositories (every project depends on a test runner) are ignored for candidate
generation and for the score: they say nothing about the job the software does. Exact Jaccard over the pruned
sets is affordable at estate sizes (thousands of repositories); MinHash/LSH would be the step beyond.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = """the and for with from this that una los las del con para por que une des les pour avec
dans est are was www http https com org app application software system service portal api web project
repository tool tools"""
STOP_WORDS = frozenset(_STOP.split())

WEIGHTS = {"dependencies": 0.6, "description": 0.25, "name": 0.15}


@dataclass(slots=True)
class RepoProfile:
    key: str  # repository id
    agency: str
    name: str
    description: str = ""
    purls: frozenset[str] = frozenset()


@dataclass(slots=True)
class DuplicateCandidate:
    a: str
    b: str
    score: float
    similarity: dict[str, float] = field(default_factory=dict)  # signal → Jaccard
    shared_dependencies: list[str] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)


def package_key(purl: str) -> str:
    """pkg:npm/%40scope/name@1.2.3?x=y#sub → pkg:npm/%40scope/name (version, qualifiers and subpath dropped)."""
    base = purl.split("#", 1)[0].split("?", 1)[0]
    head, sep, _ = base.rpartition("@")
    return head if sep and "/" in head else base


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text[:20_000])) if w not in STOP_WORDS)


def name_words(name: str) -> frozenset[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return frozenset(w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if len(w) >= 3) - STOP_WORDS


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _prune(sets: dict[str, frozenset[str]], max_df: float, min_repos: int = 20) -> dict[str, frozenset[str]]:
    """Drop tokens in more than ``max_df`` of the repositories; below ``min_repos`` frequencies mean nothing."""
    if len(sets) < min_repos:
        return sets
    df: dict[str, int] = defaultdict(int)
    for s in sets.values():
        for t in s:
            df[t] += 1
    limit = max(2, int(max_df * len(sets)))
    common = {t for t, n in df.items() if n > limit}
    return {k: s - common for k, s in sets.items()} if common else sets


def _candidates(sets: dict[str, frozenset[str]]) -> set[tuple[str, str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for k, s in sets.items():
        for t in s:
            index[t].append(k)
    pairs: set[tuple[str, str]] = set()
    for keys in index.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def find_duplicates(repos: Iterable[RepoProfile], threshold: float = 0.5, max_df: float = 0.5,
                    weights: dict[str, float] | None = None) -> list[DuplicateCandidate]:
    """Pairs of repositories of different agencies scoring ≥ threshold, best first."""
    weights = weights or WEIGHTS
    profiles = {r.key: r for r in repos}
    signals = {
        "dependencies": _prune({k: frozenset(package_key(p) for p in r.purls) for k, r in profiles.items()}, max_df),
        "description": _prune({k: words(r.description) for k, r in profiles.items()}, max_df),
        "name": {k: name_words(r.name) for k, r in profiles.items()},
    }
    pairs: set[tuple[str, str]] = set()
    for sets in signals.values():
        pairs |= _candidates(sets)
    out = []
    for a, b in pairs:
        if profiles[a].agency == profiles[b].agency:
            continue
        sim = {s: jaccard(sets[a], sets[b]) for s, sets in signals.items()}
        # signals a repository lacks (no description) are left out of the weighting, not counted as 0
        present = [s for s, sets in signals.items() if sets[a] and sets[b]]
        total_w = sum(weights[s] for s in present)
        score = sum(weights[s] * sim[s] for s in present) / total_w if total_w else 0.0
        if score >= threshold:
            out.append(DuplicateCandidate(
                a, b, round(score, 4), {s: round(v, 4) for s, v in sim.items()},
                sorted(signals["dependencies"][a] & signals["dependencies"][b])[:50],
                sorted((signals["description"][a] & signals["description"][b]) | (signals["name"][a]
                                                                                  & signals["name"][b]))[:30]))
    out.sort(key=lambda c: (-c.score, c.a, c.b))
    return out
