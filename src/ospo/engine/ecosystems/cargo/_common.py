"""Helpers shared by the Cargo extractors: purls, sources, version requirements, TOML line numbers."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

CRATES_IO = frozenset({
    "registry+https://github.com/rust-lang/crates.io-index",
    "sparse+https://index.crates.io/",
})

# "=1.2.3", "= 1.2.3-rc.1": the only requirement that admits exactly one version.
_EXACT = re.compile(r"^=\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")
_HEADER = re.compile(r"^\s*\[\[?\s*(.*?)\s*\]\]?\s*(?:#.*)?$")
_KEYLINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-"' ]+?)\s*=""")
_PART = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.\s"\']+)')


def cargo_purl(name: str, version: str | None = None, qualifiers: dict[str, str] | None = None) -> str:
    return make_purl("cargo", name, version, qualifiers=qualifiers)


def source_qualifiers(source: str) -> tuple[dict[str, str] | None, dict[str, str]]:
    """Purl qualifiers and properties for a Cargo.lock ``source``.

    crates.io needs neither; another registry is named with ``repository_url``; a git source with
    ``vcs_url`` at the locked commit (the part after ``#``), so that a fork is never mistaken for the
    crates.io crate of the same name and version.
    """
    if source in CRATES_IO:
        return None, {}
    props = {"source": source}
    kind, _, url = source.partition("+")
    if kind == "git":
        base, _, commit = url.partition("#")
        base = base.split("?", 1)[0]
        return {"vcs_url": f"git+{base}@{commit}" if commit else f"git+{base}"}, props
    if kind in ("registry", "sparse"):
        return {"repository_url": url}, props
    return None, props


def exact_requirement(req: str) -> str | None:
    """The version when a Cargo requirement pins exactly one (``=1.2.3``); ``1.2.3`` means ``^1.2.3``."""
    m = _EXACT.match(req.strip())
    return m.group(1) if m else None


def _keys(text: str) -> tuple[str, ...]:
    return tuple(a or b or c for a, b, c in _PART.findall(text))


class TomlLines:
    """1-based lines of TOML tables and keys, from one pass over the text (tomllib gives no positions).

    ``line(("dependencies",), "serde")`` finds ``serde = …`` under ``[dependencies]`` or the table
    ``[dependencies.serde]``. Array-of-tables headers (``[[package]]``) are listed in order.
    """

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, ...], int] = {}
        self.keys: dict[tuple[tuple[str, ...], str], int] = {}
        self.arrays: dict[tuple[str, ...], list[int]] = {}
        current: tuple[str, ...] = ()
        in_multiline = False
        for lineno, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if in_multiline:
                if '"""' in stripped or "'''" in stripped:
                    in_multiline = False
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                m = _HEADER.match(stripped)
                if m:
                    current = _keys(m.group(1))
                    if stripped.startswith("[["):
                        self.arrays.setdefault(current, []).append(lineno)
                    else:
                        self.tables.setdefault(current, lineno)
                continue
            m = _KEYLINE.match(raw)
            if m:
                dotted = _keys(m.group(1))
                if dotted:
                    self.keys.setdefault((current + dotted[:-1], dotted[-1]), lineno)
                    if len(dotted) > 1:
                        self.keys.setdefault((current, dotted[0]), lineno)
                rest = raw[m.end():]
                if rest.count('"""') == 1 or rest.count("'''") == 1:
                    in_multiline = True

    def line(self, table: tuple[str, ...], key: str) -> int | None:
        return self.keys.get((table, key)) or self.tables.get((*table, key))
