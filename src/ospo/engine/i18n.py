"""Messages in the four languages of ospo's users: English, Spanish, Brazilian Portuguese, French.

The engine has no Django, so no gettext catalogs: each domain keeps its messages next to its code as a
:class:`Catalog` — ``{key: {"en": …, "es": …, "pt-BR": …, "fr": …}}`` with ``str.format`` placeholders.
Keeping the four translations of a message together makes a missing one visible in review, and
``Catalog.missing()`` lets a test require completeness. The platform reuses the same catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("en", "es", "pt-BR", "fr")
DEFAULT_LANGUAGE = "en"


def normalize_language(lang: str | None) -> str:
    """``es_AR.UTF-8`` → ``es``; ``pt``/``pt_BR`` → ``pt-BR``; anything unknown → English."""
    if not lang:
        return DEFAULT_LANGUAGE
    base = lang.split(".", 1)[0].replace("_", "-")
    if base in LANGUAGES:
        return base
    primary = base.split("-", 1)[0].lower()
    if primary == "pt":
        return "pt-BR"
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


class Catalog:
    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        self.messages = messages

    def get(self, key: str, lang: str | None = None, **params: object) -> str:
        entry = self.messages.get(key)
        if entry is None:
            return key
        text = entry.get(normalize_language(lang)) or entry.get(DEFAULT_LANGUAGE) or key
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text

    def missing(self) -> list[tuple[str, str]]:
        """(key, language) pairs without a translation: a test asserts this is empty for every catalog."""
        return [(k, lang) for k, entry in self.messages.items() for lang in LANGUAGES if not entry.get(lang)]


def language_from_env() -> str:
    import os

    for var in ("OSPO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalize_language(os.environ[var])
    return DEFAULT_LANGUAGE
