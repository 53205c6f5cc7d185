"""Texts that discuss licenses without granting one (FAQs, comparisons): expression None, every license they
mention as a low-score match, and ``kind == "discussion"``; license texts and real notices are not affected.

The FAQs below are written for these tests in the styles found in projects: "Q:"/"A:" pairs, a Markdown FAQ
whose headings are questions, a prose "Licensing FAQ", and a license comparison page without a FAQ heading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ospo.engine.licenses.data import load_texts
from ospo.engine.licenses.identify import identify_file, identify_main, identify_text

from util import SHARED

TEXTS = {t.id: t.text for t in load_texts()}

QA_FAQ = """\
Font licensing: questions and answers

Q: Can I embed the font in a PDF that I sell?
A: Yes. The SIL Open Font License 1.1 lets you embed it; the document is not covered by the OFL.

Q: Why not the GNU GPL?
A: A plain GPL would reach every document that embeds the font, unless the GPL font exception is added.

Q: What about the build scripts?
A: They follow the project's usual terms.
"""

MARKDOWN_FAQ = """\
# Frequently Asked Questions

## Which license covers the documentation?

The handbook pages are offered to partners who also use Creative Commons Attribution 4.0 material.

## Can I combine this library with GPL version 2 code?

Linking with GPLv2-only code is a question for your lawyer; the Apache License, Version 2.0 is not
compatible with GPL-2.0-only according to the FSF.

## Is the Mozilla Public License 2.0 an option for plugins?

It is being discussed.
"""

PROSE_FAQ = """\
                    Widget Toolkit Licensing FAQ

  Background

   Choosing a licence is one of the first decisions of a project. We looked at
   the MIT License, the GNU Lesser General Public License and the European Union
   Public Licence before deciding.

   The GPL version 3 (GPLv3) will be used for the packaging scripts, and the
   EUPL 1.2 was discussed with the ministry's legal team for the core.
"""

COMPARISON = """\
Choosing a license for agency projects

MIT License: short and permissive.
Apache License 2.0: permissive, with an explicit patent grant.
GNU General Public License version 3: strong copyleft.
Mozilla Public License 2.0: file-level copyleft.
European Union Public Licence 1.2: copyleft with a compatibility list.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (QA_FAQ, {"OFL-1.1", "GPL-1.0-or-later", "Font-exception-2.0"}),
        (MARKDOWN_FAQ, {"CC-BY-4.0", "GPL-2.0-only", "Apache-2.0", "MPL-2.0"}),
        (PROSE_FAQ, {"MIT", "LGPL-2.0-or-later", "GPL-3.0-only", "EUPL-1.2"}),
        (COMPARISON, {"MIT", "Apache-2.0", "GPL-3.0-only", "MPL-2.0", "EUPL-1.2"}),
    ],
    ids=["q-and-a", "markdown-questions", "prose-faq-heading", "comparison-without-grant"],
)
def test_discussions_grant_nothing_and_list_every_license(text: str, expected: set[str]) -> None:
    ident = identify_text(text)
    assert ident.kind == "discussion"
    assert ident.expression is None and ident.confidence == 0.0
    got = {m.expression for m in ident.matches}
    assert expected <= got, got
    assert all(m.kind == "mention" and m.score < 0.5 for m in ident.matches)
    # One match per license, at its first mention, in text order.
    assert len(got) == len(ident.matches)
    assert [m.start_line for m in ident.matches] == sorted(m.start_line for m in ident.matches)


def test_sentence_that_reads_like_a_notice_does_not_become_the_files_license() -> None:
    ident = identify_text(PROSE_FAQ)
    line = next(m for m in ident.matches if m.expression == "GPL-3.0-only")
    assert "GPL version 3" in PROSE_FAQ.splitlines()[line.start_line - 1]
    assert ident.expression is None


@pytest.mark.parametrize(
    "text",
    [
        # A real notice with the licenses of bundled code: grant language, fewer than four licenses, no FAQ.
        "This project is licensed under the MIT License.\n"
        "It bundles code under the Apache License, Version 2.0 and under the BSD 3-clause license.\n",
        # A FAQ about one license only.
        "FAQ\n\nWhy is this released under the MIT License?\nBecause it is short.\n",
        # Dual licensing stated once.
        "Licensed under either of the Apache License, Version 2.0 or the MIT license, at your option.\n",
    ],
    ids=["readme-with-bundled-licenses", "faq-about-one-license", "dual-license-notice"],
)
def test_grants_and_single_license_texts_are_not_discussions(text: str) -> None:
    ident = identify_text(text)
    assert ident.kind is None
    assert ident.expression is not None


@pytest.mark.parametrize("lid", ["MPL-2.0", "GPL-3.0-only", "LGPL-3.0-only"])
def test_license_texts_that_name_other_licenses_stay_license_texts(lid: str) -> None:
    ident = identify_text(TEXTS[lid])
    assert ident.kind is None
    assert ident.expression == lid


def test_a_discussion_does_not_follow_its_license_pointer() -> None:
    faq = QA_FAQ + "\nSee LICENSE for the terms of this font.\n"
    siblings = {"LICENSE": TEXTS["MIT"].encode()}
    ident = identify_file("LICENCE-FAQ.txt", faq.encode(), siblings.get)
    assert ident.kind == "discussion" and ident.expression is None


def test_cli_keeps_the_contract_and_adds_the_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    faq, notice = tmp_path / "LICENSE-FAQ.md", tmp_path / "NOTICE"
    faq.write_text(MARKDOWN_FAQ, encoding="utf-8")
    notice.write_text("Licensed under the Apache License, Version 2.0.\n", encoding="utf-8")
    assert identify_main([str(faq), str(notice), "--format", "json"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert {"path", "expression", "confidence", "matches"} <= set(first) and first["kind"] == "discussion"
    assert first["expression"] is None and first["matches"]
    assert set(first["matches"][0]) == {"expression", "start_line", "end_line", "score"}
    assert "kind" not in second and second["expression"] == "Apache-2.0"


FONT = SHARED / "corpus" / "repos" / "cisagov__Malcolm" / "docs" / "images" / "hedgehog" / "logo" / "font"


@pytest.mark.skipif(not FONT.is_dir(), reason="../shared absent")
@pytest.mark.parametrize("family", ["ubuntu", "ubuntucondensed", "ubuntumono"])
def test_corpus_font_faq_is_a_discussion_and_the_licence_beside_it_is_not(family: str) -> None:
    folder = FONT / family
    faq = identify_file("LICENCE-FAQ.txt", (folder / "LICENCE-FAQ.txt").read_bytes())
    assert faq.kind == "discussion" and faq.expression is None
    assert {"GPL-3.0-only", "OFL-1.1", "Ubuntu-font-1.0"} <= {m.expression for m in faq.matches}
    licence = identify_file("LICENCE.txt", (folder / "LICENCE.txt").read_bytes())
    assert licence.kind is None and licence.expression == "Ubuntu-font-1.0"
