"""bench/hygiene_section.py keeps working (the figures themselves are measured by `make bench`, not here)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_section_without_corpus_reports_history_and_publish(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import hygiene_section
    finally:
        sys.path.remove(str(ROOT / "bench"))
    figures = hygiene_section.collect(tmp_path, peers=False, commits=600)  # tmp_path: no ../shared corpus
    h = figures["secrets_history"]
    assert h["commits"] == 600 and h["planted"] == 3 and h["planted_found"] == 3
    assert figures["hygiene_history"]["raised"] == []
    assert "secrets_tree" not in figures and figures["publiccode"] is None
    pb = figures["publish"]
    assert pb["before_rc"] == 1 and {"license", "required-files"} <= set(pb["failing_before"])
    assert pb["rc"] == 0 and pb["failing"] == [], pb
    text = hygiene_section.render(figures)
    assert "commits/s" in text and "every automatable criterion passes" in text
