"""The copyright check ignores lines of a license's own text and keeps the project's notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from ospo.engine.hygiene.checks.licensing import license_text_lines
from ospo.engine.hygiene.context import Options
from ospo.engine.hygiene.model import Verdict
from ospo.engine.hygiene.runner import hygiene
from ospo.engine.licenses.identify import identify_text
from ospo.engine.publish.prepare import PrepareError, license_text

NOW = 1_780_000_000


def _text(spdx: str) -> str:
    try:
        return license_text(spdx)[1]
    except PrepareError:  # pragma: no cover - the license data is a dependency
        pytest.skip(f"no installed text for {spdx}")


def _copyright(root: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for rel, content in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(content, encoding="utf-8")
    report = hygiene(str(root), Options(now=NOW), only={"copyright"})
    return next(c for c in report.checks if c.id == "copyright")


def test_eupl_own_line_is_not_the_projects_notice(tmp_path: Path) -> None:
    eupl = _text("EUPL-1.2")
    assert "EUPL © the European Union 2007, 2016" in eupl  # the line the check must not take
    check = _copyright(tmp_path, {"LICENSE": eupl})
    assert check.verdict == Verdict.WARN and check.score == 2, check.evidence


def test_eupl_with_notice_in_readme_uses_the_readme(tmp_path: Path) -> None:
    check = _copyright(tmp_path, {"LICENSE": _text("EUPL-1.2"),
                                  "README.md": "# Portal\n\nCopyright © 2025 Agencia Digital de Datos\n"})
    assert (check.verdict, check.score) == (Verdict.PASS, 8)
    assert [(e.path, e.line) for e in check.evidence] == [("README.md", 3)]


def test_notice_above_eupl_text_counts_and_eupl_line_does_not(tmp_path: Path) -> None:
    text = "Copyright (c) 2025 Ministerio de Hacienda\n\n" + _text("EUPL-1.2")
    check = _copyright(tmp_path, {"LICENSE": text})
    assert (check.verdict, check.score) == (Verdict.PASS, 10)
    assert [e.line for e in check.evidence] == [1]
    assert not any("European Union" in e.note for e in check.evidence)


def test_filled_in_mit_notice_inside_the_mit_region_still_counts(tmp_path: Path) -> None:
    mit = _text("MIT").replace("<year> <copyright holders>", "2024 Prefeitura de Recife")
    ident = identify_text(mit)
    assert ident.expression == "MIT"
    line = next(n for n, ln in enumerate(mit.splitlines(), 1) if "Prefeitura" in ln)
    assert any(m.start_line <= line <= m.end_line for m in ident.matches)  # inside the license region
    check = _copyright(tmp_path, {"LICENSE": mit})
    assert (check.verdict, check.score) == (Verdict.PASS, 10)
    assert check.evidence[0].line == line


def test_license_text_lines_only_inside_text_regions() -> None:
    eupl = _text("EUPL-1.2")
    number = next(n for n, ln in enumerate(eupl.splitlines(), 1) if "European Union 2007" in ln)
    ident = identify_text(eupl)
    lines = [(number, "EUPL © the European Union 2007, 2016")]
    assert license_text_lines(ident, lines) == {number}
    # The same words outside every license region (a README quoting them) are not the license's text.
    assert license_text_lines(identify_text("EUPL © the European Union 2007, 2016\n"), [(1, lines[0][1])]) == set()
    assert license_text_lines(None, lines) == set()


def test_source_headers_count_only_notice_shaped_lines(tmp_path: Path) -> None:
    talk = ('"""Checks.\n\n*Copyright*: a line that says "Copyright"/"©"/"(c)" with a year (2020) counts.\n"""\n'
            'PATTERN = "Copyright (c) 2020"\n')
    check = _copyright(tmp_path, {"talk.py": talk})
    assert check.verdict == Verdict.WARN, check.evidence  # prose and string literals about copyright
    for header, line in (("# Copyright (c) 2021 Ayuntamiento de Madrid\n", 1),
                         ("/*\n * © 2022 Prefeitura de Recife\n */\n", 2),
                         ("// SPDX-FileCopyrightText: 2023 Agence du numérique\n", 1)):
        (tmp_path / "talk.py").unlink(missing_ok=True)
        check = _copyright(tmp_path, {"main.c": header + "int main(void) { return 0; }\n"})
        assert (check.verdict, check.score) == (Verdict.PASS, 8), header
        assert (check.evidence[0].path, check.evidence[0].line) == ("main.c", line)


def test_corpus_notices_are_never_a_license_texts_own_line(corpus_repos: Path) -> None:
    """Over the corpus: no copyright evidence taken from a license file is a line of that license's own text.

    Before the fix, the AGPL-3.0 text's "... Article 11 of the WIPO copyright treaty adopted on 20 December 1996"
    was taken as the notice of decidim-barcelona, transpo-rt and developers-italia-api.
    """
    from ospo.engine.hygiene.checks.licensing import _COPYRIGHT, _reference_words

    refs = _reference_words()
    assert refs, "license data not installed"
    checked = 0
    for repo in sorted(p for p in corpus_repos.iterdir() if p.is_dir()):
        report = hygiene(str(repo), Options(now=NOW), only={"copyright"})
        check = next(c for c in report.checks if c.id == "copyright")
        for ev in check.evidence:
            if ev.path and ev.line and check.score == 10 and _COPYRIGHT.search(ev.note):
                ident = identify_text((repo / ev.path).read_text(encoding="utf-8", errors="replace"))
                own = license_text_lines(ident, [(ev.line, ev.note)])
                assert not own, (repo.name, ev)
                checked += 1
        if repo.name in ("AjuntamentdeBarcelona__decidim-barcelona", "etalab__transpo-rt"):
            assert check.verdict == Verdict.WARN, (repo.name, check.evidence)  # no notice: AGPL text only
        if repo.name == "italia__developers-italia-api":
            assert check.evidence[0].path == "README.md", check.evidence
    assert checked >= 15
