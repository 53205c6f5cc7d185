"""Stakeholder research: the interview guide as data, interviews with notes, tags and themes, and a synthesis.

The synthesis is deliberately simple counting — how many interviews raised each theme, which quotes support
it, which guide topics were never covered and which stakeholder groups were heard — because its job in the
method is to turn interviews into evidence for the canvas, and evidence must be traceable to the interviews.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ospo.programme.validate import Checker, parse_document

GROUPS = ("agency-technical", "cio-cdo", "procurement-legal", "subnational", "firms", "universities", "civic-tech",
          "international", "other")


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: dict[str, str]
    questions: tuple[dict[str, str], ...]


@dataclass(frozen=True, slots=True)
class InterviewGuide:
    id: str
    source: str
    topics: tuple[Topic, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    theme: str


@dataclass(slots=True)
class Interview:
    id: str
    held_on: dt.date
    group: str  # one of GROUPS
    notes: str = ""
    topics: list[str] = field(default_factory=list)  # guide topics covered
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def guide_from_data(doc: Any, source: str = "") -> InterviewGuide:
    ck = Checker()
    top = ck.obj(doc, "$", required=("id", "topics"), optional=("source",))
    topics = []
    for i, rt in enumerate(ck.lst(top.get("topics", []), "$.topics", non_empty=True)):
        p = f"$.topics[{i}]"
        td = ck.obj(rt, p, required=("id", "title", "questions"))
        qs = tuple(ck.text(q, f"{p}.questions[{j}]")
                   for j, q in enumerate(ck.lst(td.get("questions", []), f"{p}.questions", non_empty=True)))
        topics.append(Topic(ck.ident(td.get("id"), f"{p}.id") or "", ck.text(td.get("title"), f"{p}.title"), qs))
    ck.unique([t.id for t in topics], [f"$.topics[{i}].id" for i in range(len(topics))])
    ck.raise_if_any(source)
    return InterviewGuide(str(top["id"]), str(top.get("source", "")), tuple(topics))


@cache
def method_guide() -> InterviewGuide:
    data = (resources.files("ospo.programme") / "data" / "interview-guide.yaml").read_bytes()
    return guide_from_data(parse_document(data, "yaml"), "interview-guide.yaml")


@dataclass(frozen=True, slots=True)
class Synthesis:
    interviews: int
    theme_counts: tuple[tuple[str, int], ...]  # most raised first, then by name
    tag_counts: tuple[tuple[str, int], ...]
    quotes: dict[str, tuple[str, ...]]  # theme → quotes
    groups: dict[str, int]
    uncovered_topics: tuple[str, ...]


def synthesize(interviews: list[Interview], guide: InterviewGuide | None = None) -> Synthesis:
    """Themes counted once per interview (a theme repeated in one interview is one voice, not several)."""
    guide = guide or method_guide()
    themes: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    quotes: dict[str, list[str]] = defaultdict(list)
    groups: Counter[str] = Counter()
    covered: set[str] = set()
    for iv in interviews:
        themes.update(set(iv.themes) | {q.theme for q in iv.quotes})
        tags.update(set(iv.tags))
        groups[iv.group] += 1
        covered.update(iv.topics)
        for q in iv.quotes:
            quotes[q.theme].append(q.text)

    def ordered(c: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return Synthesis(len(interviews), ordered(themes), ordered(tags), {k: tuple(v) for k, v in sorted(quotes.items())},
                     dict(sorted(groups.items())), tuple(t.id for t in guide.topics if t.id not in covered))
