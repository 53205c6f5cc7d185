"""pub purls and line lookup shared by pubspec.lock and pubspec.yaml."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl

_DEFAULT_HOSTS = frozenset({"https://pub.dev", "https://pub.dartlang.org"})
_KEY2 = re.compile(r"^  ([A-Za-z0-9_]+)\s*:", re.M)


def pub_purl(name: str, version: str | None, hosted_url: str | None = None) -> str:
    qualifiers = None
    if hosted_url and hosted_url.rstrip("/") not in _DEFAULT_HOSTS:
        qualifiers = {"repository_url": hosted_url.rstrip("/")}
    return make_purl("pub", name, version, qualifiers=qualifiers)


def package_lines(text: str, section: str) -> dict[str, int]:
    """Lines of the two-space-indented keys under the top-level ``section:`` (first occurrence)."""
    out: dict[str, int] = {}
    m = re.search(rf"^{re.escape(section)}\s*:", text, re.M)
    if not m:
        return out
    end = re.compile(r"^\S", re.M).search(text, m.end())
    stop = end.start() if end else len(text)
    base = text.count("\n", 0, m.start()) + 1
    last, line = m.start(), base
    for k in _KEY2.finditer(text, m.end(), stop):
        line += text.count("\n", last, k.start())
        last = k.start()
        out.setdefault(k.group(1), line)
    return out
