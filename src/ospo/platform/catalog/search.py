"""Catalog search: matching entries and facet counts, computed by the database, the answer cached per query.

What a page needs: the ids of the entries matching the words and the facet selections (in display order), and
for each of the five facets its value counts *within the other selections*. A common word matches most of the
catalog, so the cost is per matching row, not the text match itself (measured on 10,000 entries: the
``LIKE '%word%'`` scan is ~3 ms; carrying ~7,000 rows of six columns into Python and counting them there was
~55 ms). So the rows never leave the database: one statement counts the five facets (``GROUP BY`` per facet,
``UNION ALL``, over a common table expression holding the text match — materialized once because it is used
five times, by SQLite ≥ 3.35 and PostgreSQL ≥ 12), and one reads the matching ids in index order.

Text: every query word must occur in the entry's ``search_text`` (name, description, license, category), both
folded the same way (lower case, no diacritics: :mod:`ospo.catalog.searchtext`), so "gestion" finds "gestión" and
the reverse on every database. A substring match keeps partial words ("permit" finds "permits").

The answer per full query is cached under a key made of the query and the catalog *generation*, read from the
database on every request (entry count, newest ``updated_at``, newest id, agency count and newest id) so that
entries written by another process (the worker's crawl, ``ospo catalog import``) invalidate the web process's
cache. A ``QuerySet.update()`` that does not touch ``updated_at`` is the one write this misses; the catalog code
never does it for a searched field (``Entry.save`` refreshes ``updated_at``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from ospo.catalog.searchtext import MAX_WORDS, query_words
from ospo.platform.catalog.models import Entry
from ospo.platform.estate.models import Agency

FACETS = (
    ("category", "category"),
    ("license", "license"),
    ("status", "status"),
    ("agency", "publisher__name"),
    ("language", "language"),
)
COLUMNS = ("category", "license", "status", "publisher_id", "language")  # the stored column of each facet
AGENCY = 3  # index of the agency facet: selected by name, counted by publisher id
TOTAL = len(COLUMNS)  # the facet statement's row holding the number of entries matching every selection
FACET_LIMIT = 30
CACHE_SECONDS = 600
__all__ = ["FACETS", "MAX_WORDS", "Answer", "Matches", "filtered", "generation", "search", "search_entries", "words"]


def words(q: str) -> list[str]:
    """The words a query searches for (folded like ``search_text``, at most eight, from its first 200 characters)."""
    return query_words(q)


def _text(qs: QuerySet[Entry], q: str) -> QuerySet[Entry]:
    for word in words(q):
        qs = qs.filter(search_text__contains=word)
    return qs


def filtered(params: dict[str, str]) -> QuerySet[Entry]:
    """Entries matching ``q`` (every word, anywhere in the precomputed ``search_text``) and the selected facets."""
    qs = _text(Entry.objects.all(), params.get("q", ""))
    for name, column in FACETS:
        if params.get(name):
            qs = qs.filter(**{column: params[name]})
    return qs.order_by("name", "pk")


def generation() -> str:
    """What the cached answers depend on: changes whenever an entry is added, removed or saved, or an agency
    is added (agency names are facet values). One round trip: it runs on every request."""
    entries, agencies = (connection.ops.quote_name(m._meta.db_table) for m in (Entry, Agency))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT (SELECT COUNT(*) FROM {entries}), (SELECT MAX(updated_at) FROM {entries}), "
            f"(SELECT MAX(id) FROM {entries}), (SELECT COUNT(*) FROM {agencies}), (SELECT MAX(id) FROM {agencies})"
        )
        row = cur.fetchone()
    return ":".join("-" if v is None else str(v) for v in row)


def _key(kind: str, gen: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join((gen, *parts)).encode("utf-8")).hexdigest()[:40]
    return f"ospo-catalog-{kind}-{digest}"


def _condition(i: int, value: str, agency_ids: list[int]) -> tuple[str, list[Any]]:
    """SQL (on the text-match CTE ``m``) for one facet selection; an agency name no agency has matches nothing."""
    if i != AGENCY:
        return f"{COLUMNS[i]} = %s", [value]
    if not agency_ids:
        return "1 = 0", []
    return f"publisher_id IN ({', '.join(['%s'] * len(agency_ids))})", list(agency_ids)


def facet_counts(q: str, selected: list[str], agency_ids: list[int]) -> tuple[list[dict[Any, int]], int]:
    """Per facet (in ``COLUMNS`` order), value → number of entries matching the words and every *other* selection;
    and the number matching everything. One statement: the text match is a CTE, each facet a ``GROUP BY`` over it,
    the total one more ``COUNT`` over it."""
    base = _text(Entry.objects.all(), q).order_by().values_list(*COLUMNS)
    base_sql, base_params = base.query.sql_with_params()
    branches: list[str] = []
    params: list[Any] = list(base_params)
    for i, column in enumerate(COLUMNS):
        conds: list[str] = []
        for j, value in enumerate(selected):
            if j != i and value:
                sql, p = _condition(j, value, agency_ids)
                conds.append(sql)
                params.extend(p)
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        branches.append(f"SELECT {i}, CAST({column} AS TEXT), COUNT(*) FROM m{where} GROUP BY {column}")
    every = [_condition(j, value, agency_ids) for j, value in enumerate(selected) if value]
    branches.append(
        f"SELECT {TOTAL}, CAST(NULL AS TEXT), COUNT(*) FROM m"
        + (f" WHERE {' AND '.join(c for c, _ in every)}" if every else "")
    )
    for _, p in every:
        params.extend(p)
    sql = f"WITH m ({', '.join(COLUMNS)}) AS ({base_sql}) {' UNION ALL '.join(branches)}"
    counts: list[dict[Any, int]] = [{} for _ in COLUMNS]
    total = 0
    with connection.cursor() as cur:
        cur.execute(sql, params)
        for i, value, n in cur.fetchall():
            if i == TOTAL:
                total = n
            elif value is not None and value != "":
                counts[i][int(value) if i == AGENCY else value] = n
    return counts, total


class Matches(Sequence[int]):
    """The matching ids in display order, read a slice at a time: a page needs 50 ids, not the ~7,000 a common word
    matches (``Paginator`` takes ``len`` — the count the facet statement already gives — and one slice)."""

    def __init__(self, qs: QuerySet[Entry], count: int) -> None:
        self._qs = qs.order_by("name", "pk").values_list("pk", flat=True)
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            if index.step not in (None, 1):
                return list(self._qs)[index]
            start, stop, _ = index.indices(self._count)
            return list(self._qs[start:stop]) if stop > start else []
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._qs[index % self._count]


@dataclass(slots=True)
class Answer:
    """One search: the matching ids (lazy, in display order), the facets, and the cache key of this query at this
    generation (the page keeps derived output, such as the rendered facet block, under it)."""

    ids: Matches
    facets: dict[str, list[dict]]
    key: str


def _matching(q: str, selected: list[str], agency_ids: list[int]) -> QuerySet[Entry]:
    qs = _text(Entry.objects.all(), q)
    for i, value in enumerate(selected):
        if value:
            qs = qs.filter(publisher_id__in=agency_ids) if i == AGENCY else qs.filter(**{COLUMNS[i]: value})
    return qs


def search(params: dict[str, str], use_cache: bool = True) -> Answer:
    """Matching entries (in display order) and each facet's counts within the other selections."""
    gen = generation()
    q = params.get("q", "")
    selected = [str(params.get(name, ""))[:500] for name, _ in FACETS]
    final_key = _key("page", gen, *words(q), *selected)
    # the agency facet is selected by name: compare on ids (a name may be shared by none or several agencies)
    agency_ids = (
        list(Agency.objects.filter(name=selected[AGENCY]).values_list("pk", flat=True)) if selected[AGENCY] else []
    )
    if use_cache and (hit := cache.get(final_key)) is not None:
        return Answer(Matches(_matching(q, selected, agency_ids), hit[0]), hit[1], final_key)
    counts, total = facet_counts(q, selected, agency_ids)
    names = dict(Agency.objects.filter(pk__in=list(counts[AGENCY])).values_list("pk", "name")) if counts[AGENCY] else {}
    by_name: dict[str, int] = {}
    for pk, n in counts[AGENCY].items():
        if pk in names:
            by_name[names[pk]] = by_name.get(names[pk], 0) + n
    counts[AGENCY] = by_name  # two agencies with the same name are counted together under that name
    facets: dict[str, list[dict]] = {}
    for i, (name, _) in enumerate(FACETS):
        items = sorted(counts[i].items(), key=lambda t: (-t[1], t[0]))[:FACET_LIMIT]
        facets[name] = [{"value": v, "n": n, "selected": v == selected[i]} for v, n in items]
    if use_cache:
        cache.set(final_key, (total, facets), CACHE_SECONDS)
    return Answer(Matches(_matching(q, selected, agency_ids), total), facets, final_key)


def search_entries(params: dict[str, str], use_cache: bool = True) -> tuple[list[int], dict[str, list[dict]]]:
    """``search`` with every matching id (in display order) as a list."""
    answer = search(params, use_cache)
    return answer.ids[:], answer.facets
