"""Catalog search: matching entries and facet counts, with the text match cached per catalog state.

Why a cache and what it holds: a common word matches most of the catalog, so every page needs one pass over
thousands of rows to count facets (each facet's counts within the *other* selections). The rows of a text match
(id + the five facet columns, in display order) depend only on the words and on the catalog's state, so they
are kept in Django's cache under a key made of the words and the catalog *generation*. Facet selections are then
applied in Python on the cached rows (no query), and the final answer per full query is cached as well.

The generation is read from the database on every request (entry count, newest ``updated_at``, newest agency
id), not from signals alone: entries written by another process (the Celery worker's crawl, ``ospo catalog
import``) must invalidate the web process's cache. A ``QuerySet.update()`` that does not touch ``updated_at``
is the one write this misses; the catalog code never does it (``Entry.save`` refreshes ``updated_at``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet

from ospo.platform.catalog.models import Entry
from ospo.platform.estate.models import Agency

FACETS = (("category", "category"), ("license", "license"), ("status", "status"),
          ("agency", "publisher__name"), ("language", "language"))
FACET_LIMIT = 30
CACHE_SECONDS = 600
MAX_WORDS = 8


def words(q: str) -> list[str]:
    """The words a query searches for (lower case, at most eight, each at most 200 characters in total)."""
    return q.strip().lower()[:200].split()[:MAX_WORDS]


def filtered(params: dict[str, str]) -> QuerySet[Entry]:
    """Entries matching ``q`` (every word, anywhere in the precomputed ``search_text``) and the selected facets."""
    qs = Entry.objects.all()
    for word in words(params.get("q", "")):
        qs = qs.filter(search_text__contains=word)
    for name, column in FACETS:
        if params.get(name):
            qs = qs.filter(**{column: params[name]})
    return qs.order_by("name", "pk")


def generation() -> str:
    """What the cached answers depend on: changes whenever an entry is added, removed or saved, or an agency
    is added (agency names are facet values)."""
    row = Entry.objects.aggregate(n=Count("id"), t=Max("updated_at"), m=Max("id"))
    agencies = Agency.objects.aggregate(n=Count("id"), m=Max("id"))
    return f"{row['n']}:{row['t'].isoformat() if row['t'] else '-'}:{row['m']}:{agencies['n']}:{agencies['m']}"


def _key(kind: str, gen: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join((gen, *parts)).encode("utf-8")).hexdigest()[:40]
    return f"ospo-catalog-{kind}-{digest}"


def text_rows(q: str, gen: str | None = None) -> list[tuple[Any, ...]]:
    """(pk, category, license, status, publisher_id, language) of every entry matching the words, in order."""
    gen = gen if gen is not None else generation()
    ws = words(q)
    key = _key("rows", gen, *ws)
    rows = cache.get(key)
    if rows is None:
        columns = [c if c != "publisher__name" else "publisher_id" for _, c in FACETS]
        rows = list(filtered({"q": " ".join(ws)}).values_list("pk", *columns))
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def _counts(rows: list[tuple[Any, ...]], column: int) -> Counter[Any]:
    return Counter(r[column] for r in rows)


def search_entries(params: dict[str, str], use_cache: bool = True) -> tuple[list[int], dict[str, list[dict]]]:
    """Matching entry ids (in display order) and each facet's counts within the other selections."""
    gen = generation()
    selected = [str(params.get(name, ""))[:500] for name, _ in FACETS]
    final_key = _key("page", gen, *words(params.get("q", "")), *selected)
    if use_cache and (hit := cache.get(final_key)) is not None:
        return hit
    if not use_cache:
        cache.delete(_key("rows", gen, *words(params.get("q", ""))))
    raw = text_rows(params.get("q", ""), gen)
    names = dict(Agency.objects.values_list("pk", "name")) if raw else {}
    ai = [c for _, c in FACETS].index("publisher__name") + 1
    # the agency facet is selected by name: compare on ids (a name may be shared by none or several agencies)
    wanted_agency = {pk for pk, n in names.items() if n == selected[ai - 1]} if selected[ai - 1] else set()
    chosen = [(i, v) for i, v in enumerate(selected) if v]

    def miss(row: tuple[Any, ...], i: int, v: str) -> bool:
        return (row[ai] not in wanted_agency) if i == ai - 1 else row[i + 1] != v

    full: list[tuple[Any, ...]] = []
    partial: dict[int, list[tuple[Any, ...]]] = {i: [] for i, _ in chosen}
    if not chosen:
        full = raw
    else:
        for row in raw:
            misses = [i for i, v in chosen if miss(row, i, v)]
            if not misses:
                full.append(row)
            elif len(misses) == 1:
                partial[misses[0]].append(row)
    facets: dict[str, list[dict]] = {}
    for i, (name, _) in enumerate(FACETS):
        counter = _counts(full, i + 1)
        if i in partial:
            counter.update(_counts(partial[i], i + 1))
        if i == ai - 1:
            by_name: Counter[str] = Counter()
            for pk, n in counter.items():
                if pk is not None:
                    by_name[names.get(pk, "")] += n
            counter = by_name
        items = sorted(((v, n) for v, n in counter.items() if v), key=lambda t: (-t[1], t[0]))[:FACET_LIMIT]
        facets[name] = [{"value": v, "n": n, "selected": v == selected[i]} for v, n in items]
    answer = ([r[0] for r in full], facets)
    if use_cache:
        cache.set(final_key, answer, CACHE_SECONDS)
    return answer
