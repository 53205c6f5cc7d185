"""Parsers hardened against malformed, hostile and huge input.

Every extractor goes through these helpers instead of calling ``json``/``yaml``/``xml`` directly, so that
one rule holds everywhere: a bad file raises :class:`ParseFailure` with a reason a human can act on, and
nothing else escapes. Why each guard exists:

* size: a 50 MB cap, checked before decoding, keeps one giant generated file from exhausting memory;
* binary: a NUL byte in the first kilobytes means the "manifest" is not text;
* JSON: deeply nested documents raise ``RecursionError`` inside the stdlib parser, turned into a failure;
* YAML: only the safe loader; documents that use anchors are parsed by a guarded loader that caps how many
  alias expansions a document may make (the "billion laughs" bomb is a handful of aliases per level);
* XML: ``defusedxml`` refuses entity declarations and external references;
* TOML: ``tomllib`` is safe by construction; only size and decoding are checked.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

# yaml, defusedxml and tomllib are imported by the function that needs them: a command that only decodes text
# (``ospo license identify``) should not pay ~15 ms of start-up for parsers it never calls.

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_YAML_ALIASES = 10_000
MAX_DEPTH = 200


class ParseFailure(Exception):
    """A file could not be read as the format it claims to be. The message names the reason."""


def check_size(data: bytes, limit: int | None = None) -> None:
    limit = MAX_FILE_BYTES if limit is None else limit  # read at call time: tests and callers may lower it
    if len(data) > limit:
        raise ParseFailure(f"file too large ({len(data):,} bytes; limit {limit:,})")


def decode_text(data: bytes) -> str:
    """Decode a manifest: UTF-8 (with or without BOM), else UTF-16 with BOM, else fail as binary."""
    check_size(data)
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseFailure(f"invalid UTF-16 text: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        raise ParseFailure("binary content (NUL bytes) where text was expected")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old manifests are sometimes Latin-1; every byte sequence decodes, so names survive.
        return data.decode("latin-1")


def _depth_ok(obj: Any, limit: int = MAX_DEPTH) -> bool:
    stack = [(obj, 0)]
    while stack:
        cur, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(cur, dict):
            stack.extend((v, depth + 1) for v in cur.values())
        elif isinstance(cur, list):
            stack.extend((v, depth + 1) for v in cur)
    return True


def load_json(data: bytes) -> Any:
    text = decode_text(data)
    try:
        return json.loads(text)
    except RecursionError:
        raise ParseFailure("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ParseFailure(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")


@lru_cache(maxsize=1)
def _loaders():  # type: ignore[no-untyped-def]
    """(guarded loader class, fast loader class), built on first use."""
    import yaml

    class _GuardedLoader(yaml.SafeLoader):
        """SafeLoader that stops after too many aliases: an alias bomb costs nothing to write, a lot to walk."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._aliases = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_YAML_ALIASES:
                    raise ParseFailure(f"YAML uses more than {MAX_YAML_ALIASES:,} aliases (alias bomb?)")
            return super().compose_node(parent, index)

    return _GuardedLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(data: bytes) -> Any:
    """Load one YAML document safely. Files without anchors take the fast C loader."""
    import yaml

    text = decode_text(data)
    guarded_loader, fast_loader = _loaders()
    try:
        if _ANCHOR.search(text):
            loader = guarded_loader(text)
            try:
                obj = loader.get_single_data()
            finally:
                loader.dispose()
            # Aliases share objects; a structure that is still enormous once expanded is refused.
            if not _bounded_size(obj, 2_000_000):
                raise ParseFailure("YAML expands to too many nodes (alias bomb?)")
        else:
            obj = yaml.load(text, Loader=fast_loader)
    except ParseFailure:
        raise
    except RecursionError:
        raise ParseFailure("YAML nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParseFailure(f"invalid YAML{where}: {problem}") from None
    if not _depth_ok(obj):
        raise ParseFailure("YAML nested too deeply")
    return obj


def _bounded_size(obj: Any, limit: int) -> bool:
    count = 0
    stack = [obj]
    while stack:
        cur = stack.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(cur, dict):
            stack.extend(cur.values())
            stack.extend(cur.keys())
        elif isinstance(cur, list):
            stack.extend(cur)
    return True


def load_toml(data: bytes) -> dict[str, Any]:
    import tomllib

    text = decode_text(data)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ParseFailure("TOML nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        raise ParseFailure(f"invalid TOML: {exc}") from None


def parse_xml(data: bytes):  # type: ignore[no-untyped-def]
    """Parse XML with entity expansion and external references refused. Returns the root element."""
    from defusedxml import ElementTree as DefusedET
    from defusedxml.common import DefusedXmlException

    check_size(data)
    try:
        return DefusedET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseFailure(f"refused hostile XML: {type(exc).__name__}") from None
    except DefusedET.ParseError as exc:
        raise ParseFailure(f"invalid XML: {exc}") from None
    except RecursionError:
        raise ParseFailure("XML nested too deeply") from None


def line_index(text: str):  # type: ignore[no-untyped-def]
    """Return a function mapping a character offset to a 1-based line number (binary search)."""
    import bisect

    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    return line_of
