"""Position-aware, safe reading of a publiccode.yml: every value keeps its line and column.

``safeparse.load_yaml`` returns plain Python objects and loses positions; a validator that must say
*where* a key is wrong needs the node graph instead. This module composes the document with PyYAML's safe
composer (no constructors run, so no tag can execute anything), guards against alias bombs like
``safeparse`` does, and converts the nodes into small :class:`YNode` objects typed by the YAML 1.2 core
schema — the schema the reference parser (Go, yaml.v3) uses — so ``yes``/``on`` stay strings and
``2017-04-15`` stays a string, as the standard expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ospo.engine.safeparse import ParseFailure, check_size

MAX_PUBLICCODE_BYTES = 2 * 1024 * 1024  # a publiccode.yml is a few KB; 10,000-char descriptions × many languages fit
MAX_ALIASES = 1_000
MAX_NODES = 200_000  # nodes after alias expansion
MAX_DEPTH = 64

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class YamlError(ParseFailure):
    """The document is not readable YAML; carries the 1-based position when PyYAML gives one."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(slots=True, eq=False)
class YNode:
    """One YAML value. ``type`` is map, seq, str, int, float, bool or null; ``raw`` is a scalar's text."""

    type: str
    line: int
    column: int
    value: Any = None  # python value of a scalar; list[YNode] for seq; dict[str, YNode] for map
    raw: str = ""
    keys: dict[str, YNode] = field(default_factory=dict)  # map only: key name → the key's own node
    duplicates: list[YNode] = field(default_factory=list)  # map only: key nodes seen twice

    @property
    def is_scalar(self) -> bool:
        return self.type not in ("map", "seq")

    def get(self, name: str) -> YNode | None:
        return self.value.get(name) if self.type == "map" else None


class _Loader(yaml.SafeLoader):
    """Safe composer that counts aliases: an alias bomb costs nothing to write and a lot to walk."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlError(f"YAML uses more than {MAX_ALIASES:,} aliases (alias bomb?)")
        return super().compose_node(parent, index)


def _scalar(node: yaml.ScalarNode) -> tuple[str, Any]:
    """YAML 1.2 core schema for plain scalars; quoted and block scalars are always strings."""
    text = node.value
    if node.style:
        return "str", text
    if text in _NULLS:
        return "null", None
    if text in _TRUE:
        return "bool", True
    if text in _FALSE:
        return "bool", False
    if _INT.fullmatch(text):
        try:
            return "int", int(text, 0) if text.startswith(("0o", "0x")) else int(text)
        except ValueError:
            return "str", text
    if _FLOAT.fullmatch(text):
        return "float", float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                              .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
    return "str", text


class _Converter:
    def __init__(self) -> None:
        self.count = 0

    def convert(self, node: yaml.Node, depth: int = 0) -> YNode:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(f"YAML expands to more than {MAX_NODES:,} values (alias bomb?)")
        if depth > MAX_DEPTH:
            raise YamlError("YAML nested too deeply", node.start_mark.line + 1, node.start_mark.column + 1)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.MappingNode):
            out = YNode("map", line, col, {})
            for knode, vnode in node.value:
                # a complex key gets a readable name so the validator can report it as unknown
                kname = knode.value if isinstance(knode, yaml.ScalarNode) else f"<{type(knode).__name__}>"
                key = YNode("str", knode.start_mark.line + 1, knode.start_mark.column + 1, kname, kname)
                if kname in out.value:
                    out.duplicates.append(key)
                    continue
                out.keys[kname] = key
                out.value[kname] = self.convert(vnode, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return YNode("seq", line, col, [self.convert(v, depth + 1) for v in node.value])
        typ, value = _scalar(node)
        return YNode(typ, line, col, value, node.value)


def decode_utf8(data: bytes, limit: int = MAX_PUBLICCODE_BYTES) -> str:
    """Strict UTF-8 (BOM allowed): the standard requires UTF-8, so no Latin-1 fallback here."""
    check_size(data, limit)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError("binary content (NUL bytes) where text was expected")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlError(f"invalid UTF-8 at byte {exc.start}") from None


def read_yaml_nodes(data: bytes, limit: int = MAX_PUBLICCODE_BYTES) -> YNode | None:
    """Bytes → the document's root :class:`YNode` (``None`` for an empty document). Raises YamlError."""
    text = decode_utf8(data, limit)
    try:
        loader = _Loader(text)  # the reader refuses control characters already here
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {str(exc).splitlines()[0]}") from None
    try:
        root = loader.get_single_node()
    except YamlError:
        raise
    except RecursionError:
        raise YamlError("YAML nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlError(f"invalid YAML: {problem}") from None
        raise YamlError(f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'unreadable'}") from None
    finally:
        loader.dispose()
    if root is None:
        return None
    try:
        return _Converter().convert(root)
    except RecursionError:
        raise YamlError("YAML nested too deeply") from None
