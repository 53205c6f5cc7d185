"""Validation of plain documents (parsed JSON/YAML) with every problem reported at its path.

Why our own small checker instead of a JSON Schema: the errors must be in the reader's language (the four
catalogs), must all be reported at once with a path a person can find in the file (``$.clusters[2].criteria[0]
.title.fr``), and the checks go beyond a schema (ids unique across clusters, levels consecutive, a criterion
named in results must exist in the template). A checker returns typed values so that the caller builds
dataclasses from them without a second pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ospo.engine.i18n import LANGUAGES
from ospo.engine.safeparse import ParseFailure, load_json, load_yaml
from ospo.programme.messages import CATALOG

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_TEXT = 20_000
MAX_ITEMS = 2_000

_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "integer", bool: "boolean", float: "number",
               type(None): "null"}


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    key: str
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str | None = None) -> str:
        return f"{self.path}: {CATALOG.get(self.key, lang, **dict(self.params))}"


class InvalidDocument(Exception):
    """A template, assessment or other programme document that does not validate. ``problems`` lists all."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        super().__init__("; ".join(p.message() for p in problems[:5]) + (" …" if len(problems) > 5 else ""))

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]


def parse_document(data: bytes, fmt: str = "json") -> Any:
    """Bytes → plain data through safeparse only; a parse failure becomes an :class:`InvalidDocument`."""
    try:
        return load_yaml(data) if fmt == "yaml" else load_json(data)
    except ParseFailure as exc:
        raise InvalidDocument([Problem("$", "v.parse", (("reason", str(exc)),))]) from None


@dataclass
class Checker:
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, key: str, **params: object) -> None:
        self.problems.append(Problem(path, key, tuple(params.items())))

    def raise_if_any(self, source: str = "") -> None:
        if self.problems:
            raise InvalidDocument(self.problems, source)

    def _type_error(self, path: str, expected: str, value: object) -> None:
        self.add(path, "v.type", expected=expected, found=_TYPE_NAMES.get(type(value), type(value).__name__))

    def obj(self, value: object, path: str, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
        """An object with known keys: missing required keys and unknown keys are problems. Returns {} if wrong type."""
        if not isinstance(value, dict):
            self._type_error(path, "object", value)
            return {}
        req, opt = tuple(required), tuple(optional)
        for key in req:
            if key not in value:
                self.add(f"{path}.{key}", "v.missing")
        allowed = set(req) | set(opt)
        for key in value:
            if key not in allowed:
                self.add(f"{path}.{key}" if isinstance(key, str) else f"{path}[{key!r}]", "v.unknown-key",
                         allowed=", ".join(req + opt))
        return value

    def lst(self, value: object, path: str, non_empty: bool = False) -> list:
        if not isinstance(value, list):
            self._type_error(path, "array", value)
            return []
        if non_empty and not value:
            self.add(path, "v.empty")
        if len(value) > MAX_ITEMS:
            self.add(path, "v.too-many", limit=MAX_ITEMS)
            return value[:MAX_ITEMS]
        return value

    def string(self, value: object, path: str, non_empty: bool = True, limit: int = MAX_TEXT) -> str | None:
        if not isinstance(value, str):
            self._type_error(path, "string", value)
            return None
        if non_empty and not value.strip():
            self.add(path, "v.empty")
        if len(value) > limit:
            self.add(path, "v.too-long", limit=limit)
        return value

    def ident(self, value: object, path: str) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # YAML reads an unquoted 3 as an integer; ids are always text
        text = self.string(value, path)
        if text is not None and not ID_RE.match(text):
            self.add(path, "v.id", value=text)
            return None
        return text

    def integer(self, value: object, path: str, low: int | None = None, high: int | None = None) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self._type_error(path, "integer", value)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(path, "v.range", value=value, low=low if low is not None else "", high=high if high is not None
                     else "")
            return None
        return value

    def boolean(self, value: object, path: str) -> bool | None:
        if not isinstance(value, bool):
            self._type_error(path, "boolean", value)
            return None
        return value

    def choice(self, value: object, path: str, choices: Iterable[str]) -> str | None:
        options = tuple(choices)
        if not isinstance(value, str) or value not in options:
            self.add(path, "v.choice", value=value if isinstance(value, str | int | float | bool) else type(value)
                     .__name__, choices=", ".join(options))
            return None
        return value

    def date(self, value: object, path: str) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value  # YAML reads an unquoted date as a date
        if isinstance(value, str):
            try:
                if len(value) == 10:
                    return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.add(path, "v.date", value=value if isinstance(value, str) else type(value).__name__)
        return None

    def text(self, value: object, path: str) -> dict[str, str]:
        """A text in the four languages: ``{"en": …, "es": …, "pt-BR": …, "fr": …}``, all required, none other."""
        if not isinstance(value, dict):
            self._type_error(path, "object", value)
            return {}
        out: dict[str, str] = {}
        for lang in LANGUAGES:
            if lang not in value:
                self.add(path, "v.language-missing", language=lang)
                continue
            got = self.string(value[lang], f"{path}.{lang}")
            if got is not None:
                out[lang] = got
        for key in value:
            if key not in LANGUAGES:
                self.add(f"{path}.{key}", "v.unknown-key", allowed=", ".join(LANGUAGES))
        return out

    def unique(self, ids: list[str | None], paths: list[str]) -> None:
        seen: set[str] = set()
        for ident, path in zip(ids, paths, strict=True):
            if ident is None:
                continue
            if ident in seen:
                self.add(path, "v.duplicate", value=ident)
            seen.add(ident)


def text_in(text: Mapping[str, str], lang: str | None) -> str:
    """A four-language text in one language, English when missing."""
    from ospo.engine.i18n import normalize_language

    return text.get(normalize_language(lang)) or text.get("en") or next(iter(text.values()), "")
