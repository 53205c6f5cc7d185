"""Every hygiene text exists in en, es, pt-BR and fr, and every key the checks use is in the catalog."""

from __future__ import annotations

import re
from pathlib import Path

from ospo.engine.hygiene.messages import CATALOG, CHECK_MESSAGES
from ospo.engine.hygiene.registry import all_checks, discovery_errors
from ospo.engine.i18n import LANGUAGES

SRC = Path(__file__).resolve().parent.parent / "src" / "ospo" / "engine" / "hygiene"


def test_catalog_is_complete() -> None:
    assert CATALOG.missing() == []
    assert discovery_errors() == []


def test_every_check_has_title_and_remediation() -> None:
    for check in all_checks():
        assert {"title", "remediation"} <= CHECK_MESSAGES[check.id], check.id
        for lang in LANGUAGES:
            assert CATALOG.get(f"{check.id}.title", lang) != f"{check.id}.title"


def test_every_key_used_in_code_exists() -> None:
    """Summary keys (ctx.result(id, …, "key")) and ctx.msg("…") keys, read from the sources."""
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        used |= set(re.findall(r"ctx\.msg\(\"([a-z0-9.-]+)\"", text))
        for check_id, key in re.findall(r"ctx\.result\(\"([a-z-]+)\",[^\"]*?\"([a-z-]+)\"", text, re.S):
            used.add(f"{check_id}.{key}")
        for check_id in re.findall(r"_missing\(ctx, \"([a-z-]+)\"", text):
            used.add(f"{check_id}.missing")
    used |= {"common.no-history", "common.internal-error", "common.not-a-directory", "common.no-commits"}
    assert len(used) > 60
    missing = sorted(k for k in used if k not in CATALOG.messages)
    assert missing == []


def test_placeholders_agree_across_languages() -> None:
    for key, entry in CATALOG.messages.items():
        names = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in entry.items()}
        assert len({frozenset(v) for v in names.values()}) == 1, (key, names)
