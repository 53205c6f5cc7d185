"""The text the catalog search compares: lower case, accents removed (pure Python, shared by entries and queries).

Why fold accents: catalog entries and queries are written in Spanish, Portuguese and French by people who often
type without accents ("gestion" for "gestión", "educacao" for "educação") or with them where the entry has none.
Folding the stored text *and* the query the same way makes both directions match, on every database, without a
database extension (``unaccent`` is not always installable, SQLite has none); a substring match on the folded
text keeps the search's meaning (every word anywhere in the entry's name, description, license or category).
"""

from __future__ import annotations

import unicodedata

MAX_CHARS = 20_000
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
# letters that NFKD does not decompose into a base letter + combining mark
_EXTRA = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without diacritics: ``fold("Gestión Éducation") == "gestion education"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_EXTRA)


def entry_text(name: str, description: str, license: str, category: str) -> str:
    """What an entry's ``search_text`` holds (capped: a huge description must not make every search slower)."""
    return fold(" ".join((name, description, license, category)))[:MAX_CHARS]


def query_words(q: str) -> list[str]:
    """The words a query searches for: folded like the stored text, at most eight, from the first 200 characters."""
    return fold(q.strip()[:MAX_QUERY_CHARS]).split()[:MAX_WORDS]
