"""REUSE data: ``.reuse/dep5`` (Debian copyright format 1.0) and ``REUSE.toml`` annotations.

Both say "these paths are under this license". Why our own small dep5 reader: the format is a handful of
RFC 822-style paragraphs, and python-debian would be a large dependency for it; the reader is fuzzed.
REUSE.toml is TOML, read through :func:`safeparse.load_toml`; its shape is checked field by field because a
file in a repository is input like any other. Neither reader raises anything but ``ParseFailure``.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from ospo.engine.safeparse import ParseFailure, decode_text, load_toml

MAX_PARAGRAPHS = 10_000


@dataclass(slots=True)
class Annotation:
    """Paths (globs, as written) covered by one license expression, with the line where it is declared."""

    paths: list[str]
    license: str
    line: int
    copyright: list[str] = field(default_factory=list)
    precedence: str = "closest"

    def covers_everything(self) -> bool:
        """True when the annotation is about the whole repository (``*``, ``**``, ``**/*``, ``.``)."""
        return any(p.strip().lstrip("./") in ("", "*", "**", "**/*") for p in self.paths)

    def matches(self, path: str) -> bool:
        return any(fnmatch.fnmatchcase(path, p.lstrip("./")) for p in self.paths)


_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:(.*)$")


def parse_dep5(data: bytes) -> list[Annotation]:
    """Files paragraphs of a machine-readable debian/copyright file (the header paragraph is skipped).

    Continuation lines start with a space or tab; a line of only " ." is an empty line inside a value.
    """
    text = decode_text(data)
    paragraphs: list[tuple[int, dict[str, str]]] = []
    cur: dict[str, str] = {}
    start = 0
    key: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            if cur:
                paragraphs.append((start, cur))
                if len(paragraphs) > MAX_PARAGRAPHS:
                    raise ParseFailure(f"dep5 file has more than {MAX_PARAGRAPHS:,} paragraphs")
            cur, key = {}, None
            continue
        if line.startswith("#"):
            continue
        if line[0] in " \t":
            if key is None:
                raise ParseFailure(f"dep5 line {n}: continuation line without a field")
            cur[key] += "\n" + ("" if line.strip() == "." else line.strip())
            continue
        m = _FIELD.match(line)
        if not m:
            raise ParseFailure(f"dep5 line {n}: expected 'Field: value'")
        if not cur:
            start = n
        key = m.group(1).lower()
        cur[key] = m.group(2).strip()
    if cur:
        paragraphs.append((start, cur))
    out = []
    for line_no, para in paragraphs:
        if "files" not in para:
            continue  # the header, or a stand-alone License paragraph (full text of a license)
        files = para["files"].split()
        lic = para.get("license", "").split("\n", 1)[0].strip()
        if not files or not lic:
            raise ParseFailure(f"dep5 line {line_no}: a Files paragraph needs Files and License")
        cr = [c for c in para.get("copyright", "").split("\n") if c.strip()]
        out.append(Annotation(files, lic, line_no, cr))
    return out


def _strings(value: object, what: str, index: int) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise ParseFailure(f"REUSE.toml annotation {index}: {what} must be a string or a list of strings")


def parse_reuse_toml(data: bytes) -> list[Annotation]:
    """``[[annotations]]`` of a REUSE.toml (version 1). Lines are found by counting ``[[annotations]]`` headers."""
    doc = load_toml(data)
    version = doc.get("version")
    if version != 1:
        raise ParseFailure(f"REUSE.toml: unsupported version {version!r} (expected 1)")
    raw = doc.get("annotations", [])
    if not isinstance(raw, list):
        raise ParseFailure("REUSE.toml: 'annotations' must be an array of tables")
    text = decode_text(data)
    header_lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[[annotations]]")]
    out = []
    for i, ann in enumerate(raw):
        if not isinstance(ann, dict):
            raise ParseFailure(f"REUSE.toml annotation {i + 1}: not a table")
        if "path" not in ann:
            raise ParseFailure(f"REUSE.toml annotation {i + 1}: 'path' is required")
        paths = _strings(ann["path"], "path", i + 1)
        lic = ann.get("SPDX-License-Identifier")
        if lic is None:
            continue  # copyright-only annotation: nothing about licenses
        lic_list = _strings(lic, "SPDX-License-Identifier", i + 1)
        cr = ann.get("SPDX-FileCopyrightText", [])
        copyright_ = _strings(cr, "SPDX-FileCopyrightText", i + 1) if cr else []
        precedence = ann.get("precedence", "closest")
        if precedence not in ("closest", "aggregate", "override"):
            raise ParseFailure(f"REUSE.toml annotation {i + 1}: unknown precedence {precedence!r}")
        line = header_lines[i] if i < len(header_lines) else 0
        out.append(Annotation(paths, " AND ".join(f"({x})" if " OR " in x else x for x in lic_list), line,
                              copyright_, precedence))
    return out
