"""Third-party attribution (NOTICE) file: each component with its version and license, grouped by license
expression, each license's full text once, and a section for components whose license is unknown.

Why grouped by expression and texts by license id: a reader looks up "what is this package under?" (the
groups) and a lawyer needs every text that must ship (the ids, each once, even when several expressions share
them). Texts come from the installed SPDX data that identification uses (:mod:`.data`); a ``LicenseRef-`` made
from unknown declared words carries those words, and a repository's custom license file its own text.
Everything is sorted, so the same inventory always gives the same bytes (a NOTICE is committed and diffed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ospo.engine.licenses.attribution_messages import CATALOG
from ospo.engine.model import ScanResult

FORMATS = ("text", "markdown", "html")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+:-]*")
_OPS = frozenset({"AND", "OR", "WITH"})


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    version: str | None
    ecosystem: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@dataclass
class Notice:
    title: str
    groups: list[tuple[str, list[Entry]]] = field(default_factory=list)  # (expression, entries), sorted
    texts: list[tuple[str, str | None, str]] = field(default_factory=list)  # (id, text or None, kind)
    unknown: list[Entry] = field(default_factory=list)


@lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    from ospo.engine.licenses.data import load_texts

    return {t.id: t.text for t in load_texts()}


def _ids(expression: str) -> list[str]:
    return [t for t in _ID.findall(expression) if t not in _OPS]


def build_notice(scans: list[ScanResult], refs: dict[str, str] | None = None, title: str = "") -> Notice:
    """Collect every component of the scans (deduplicated by name, version and ecosystem)."""
    from ospo.engine.licenses.expressions import normalize

    refs = dict(refs or {})
    groups: dict[str, set[Entry]] = {}
    unknown: set[Entry] = set()
    for scan in scans:
        for c in scan.components:
            entry = Entry(c.name, c.version, c.ecosystem)
            norm = normalize(c.license) if c.license else None
            if norm is None or not norm.expression:
                unknown.add(entry)
                continue
            refs.update(norm.refs)
            groups.setdefault(norm.expression, set()).add(entry)
    key = lambda e: (e.name.lower(), e.name, e.version or "", e.ecosystem)  # noqa: E731
    notice = Notice(title or ", ".join(s.name for s in scans))
    notice.groups = [(expr, sorted(entries, key=key)) for expr, entries in sorted(groups.items())]
    notice.unknown = sorted(unknown, key=key)
    known = _texts()
    for lid in sorted({i for expr, _ in notice.groups for i in _ids(expr)}):
        if lid in refs:
            notice.texts.append((lid, refs[lid], "ref"))
        else:
            notice.texts.append((lid, known.get(lid), "spdx"))
    return notice


# --- rendering -------------------------------------------------------------------------------------------------


def _t(key: str, lang: str, **params: object) -> str:
    return CATALOG.get(key, lang, **params)


def render_text(n: Notice, lang: str = "en", markdown: bool = False) -> str:
    h1, h2, h3 = ("# ", "## ", "### ") if markdown else ("", "", "")
    rule = "" if markdown else "=" * 78
    out = [h1 + _t("notice.title", lang, name=n.title)]
    if rule:
        out.append(rule)
    out += ["", _t("notice.intro", lang), ""]
    if not n.groups and not n.unknown:
        out += [_t("notice.none", lang), ""]
    for expr, entries in n.groups:
        out.append(h2 + _t("notice.license", lang, expression=expr))
        out.append("")
        out += [f"- {e.label} ({e.ecosystem})" if markdown else f"  {e.label} ({e.ecosystem})" for e in entries]
        out.append("")
    for lid, text, kind in n.texts:
        out.append(h3 + _t("notice.text-of", lang, license=lid))
        if not markdown:
            out.append("-" * 78)
        out.append("")
        if kind == "ref" and text:
            out.append(_t("notice.ref-text", lang, license=lid))
            out.append("")
        body = text.strip("\n") if text else _t("notice.no-text", lang, license=lid)
        out += ["```", body, "```"] if markdown else [body]
        out.append("")
    if n.unknown:
        out.append(h2 + _t("notice.unknown", lang))
        out.append("")
        out.append(_t("notice.unknown-intro", lang))
        out.append("")
        out += [f"- {e.label} ({e.ecosystem})" if markdown else f"  {e.label} ({e.ecosystem})" for e in n.unknown]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_html(n: Notice, lang: str = "en") -> str:
    e = html.escape
    title = e(_t("notice.title", lang, name=n.title))
    out = [f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head><meta charset="utf-8"><title>{title}</title></head>',
           f"<body>\n<h1>{title}</h1>", f"<p>{e(_t('notice.intro', lang))}</p>"]
    if not n.groups and not n.unknown:
        out.append(f"<p>{e(_t('notice.none', lang))}</p>")
    for expr, entries in n.groups:
        out.append(f"<h2>{e(_t('notice.license', lang, expression=expr))}</h2>\n<ul>")
        out += [f"<li>{e(x.label)} ({e(x.ecosystem)})</li>" for x in entries]
        out.append("</ul>")
    for lid, text, kind in n.texts:
        anchor = re.sub(r"[^A-Za-z0-9.-]", "-", lid)
        out.append(f'<h3 id="{anchor}">{e(_t("notice.text-of", lang, license=lid))}</h3>')
        if kind == "ref" and text:
            out.append(f"<p>{e(_t('notice.ref-text', lang, license=lid))}</p>")
        body = text.strip("\n") if text else _t("notice.no-text", lang, license=lid)
        out.append(f"<pre>{e(body)}</pre>")
    if n.unknown:
        out.append(f"<h2>{e(_t('notice.unknown', lang))}</h2>\n<p>{e(_t('notice.unknown-intro', lang))}</p>\n<ul>")
        out += [f"<li>{e(x.label)} ({e(x.ecosystem)})</li>" for x in n.unknown]
        out.append("</ul>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def render(n: Notice, fmt: str = "text", lang: str = "en") -> str:
    if fmt == "html":
        return render_html(n, lang)
    return render_text(n, lang, markdown=fmt == "markdown")
