"""License identification: tiers, variants, notices, tags, output shape.

Inputs are built from the installed SPDX data (never license texts committed here), reworded the way real
files are: real copyright lines, rewrapped paragraphs, comment leaders, preambles.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from ospo.engine.licenses.compare import agree, license_keys
from ospo.engine.licenses.data import load_texts
from ospo.engine.licenses.identify import identify_file, identify_main, identify_text, tag_expression
from ospo.engine.licenses.normalize import normalized_text, tokenize
from ospo.engine.safeparse import ParseFailure

TEXTS = {t.id: t.text for t in load_texts()}


def real_copy(lid: str, width: int = 72, leader: str = "") -> str:
    """The reference text as a project would ship it: its own copyright line, rewrapped, optionally commented."""
    out = [f"{leader}Copyright (c) 2024 Agencia Digital del Estado", leader.rstrip()]
    for para in TEXTS[lid].split("\n\n"):
        para = para.replace("<year>", "2024").replace("<copyright holders>", "Agencia Digital")
        out += [leader + line for line in textwrap.wrap(" ".join(para.split()), width)] + [leader.rstrip()]
    return "\n".join(out)


@pytest.mark.parametrize("lid", ["MIT", "MIT-0", "X11", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause",
                                 "BSD-3-Clause-Clear", "Apache-2.0", "MPL-2.0", "EUPL-1.2", "EUPL-1.1",
                                 "Unlicense", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "Zlib"])
def test_close_variants_identified_by_their_own_text(lid: str) -> None:
    ident = identify_text(real_copy(lid))
    assert ident.expression == lid, (lid, ident)
    assert ident.confidence >= 0.9


def test_commented_rewrapped_text_still_matches() -> None:
    ident = identify_text(real_copy("BSD-3-Clause", width=60, leader=" * "))
    assert ident.expression == "BSD-3-Clause"


def test_bsd2_is_not_bsd3_without_the_non_endorsement_clause() -> None:
    assert identify_text(real_copy("BSD-2-Clause")).expression == "BSD-2-Clause"
    assert identify_text(real_copy("BSD-3-Clause")).expression == "BSD-3-Clause"


def test_exact_text_is_tier_one() -> None:
    ident = identify_text(TEXTS["Apache-2.0"])
    assert ident.expression == "Apache-2.0"
    assert ident.matches[0].kind == "exact" and ident.confidence == 1.0


def test_preamble_reported_as_extra_text() -> None:
    pre = "Project Foo\n\nThis distribution is maintained by the Ministry.\nQuestions: ospo@example.gov\n\n"
    ident = identify_text(pre + real_copy("Apache-2.0"))
    assert ident.expression == "Apache-2.0"
    assert ident.extra_text and ident.extra_text[0][0] == 1
    m = ident.matches[0]
    assert m.start_line >= 4 and m.end_line > 100


def test_two_licenses_in_one_file() -> None:
    text = real_copy("MIT") + "\n\n-----\n\n" + real_copy("Apache-2.0")
    ident = identify_text(text)
    assert ident.expression == "MIT AND Apache-2.0"
    assert [m.expression for m in ident.matches] == ["MIT", "Apache-2.0"]
    assert ident.matches[0].end_line < ident.matches[1].start_line


GPL_OR_LATER = """This program is free software; you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation; either version 2 of the License, or
(at your option) any later version."""
GPL3_ONLY = """This program is free software: you can redistribute it and/or modify it under the terms of the
GNU General Public License as published by the Free Software Foundation, version 3."""


@pytest.mark.parametrize(("text", "expected"), [
    (GPL_OR_LATER, "GPL-2.0-or-later"),
    (GPL3_ONLY, "GPL-3.0-only"),
    ("Licensed under the GNU Lesser General Public License, version 2.1 or any later version.", "LGPL-2.1-or-later"),
    ("under the terms of the GNU Affero General Public License version 3 only", "AGPL-3.0-only"),
    ("This library is released under LGPLv3+", "LGPL-3.0-or-later"),
    ('Licensed under the Apache License, Version 2.0 (the "License");', "Apache-2.0"),
    ("This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.", "MPL-2.0"),
    ("This Source Code Form is \"Incompatible With Secondary Licenses\", as defined by\nthe Mozilla Public "
     "License, v. 2.0.", "MPL-2.0-no-copyleft-exception"),
    ("Licensed under the EUPL v1.2 or later", "EUPL-1.2"),
    ("Distributed under the European Union Public Licence version 1.1", "EUPL-1.1"),
    ("Content is available under Creative Commons Attribution-ShareAlike 4.0 International.", "CC-BY-SA-4.0"),
    ("Documentation: CC BY-NC-ND 3.0", "CC-BY-NC-ND-3.0"),
    ("Images licensed https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
    ("We waive copyright through the CC0 1.0 Universal public domain dedication.", "CC0-1.0"),
    ("This software is dedicated to the public domain.", "LicenseRef-PublicDomain"),
    ("Released under the MIT License.", "MIT"),
    ("Available under the terms of the Unlicense, see unlicense.org", "Unlicense"),
])
def test_notice_rules(text: str, expected: str) -> None:
    ident = identify_text(text)
    assert ident.expression == expected, ident
    assert ident.matches[0].kind == "notice"


def test_bare_gpl_text_is_only_and_notice_upgrades_it() -> None:
    assert identify_text(TEXTS["GPL-2.0-only"]).expression == "GPL-2.0-only"
    ident = identify_text(GPL_OR_LATER + "\n\n" + TEXTS["GPL-2.0-only"])
    assert ident.expression == "GPL-2.0-or-later"


def test_gpl_section_reference_is_not_a_version() -> None:
    assert identify_text("1. Exception to Section 3 of the GNU GPL.\n\n2. Conveying Modified Versions.").expression \
        is None


def test_license_with_exception() -> None:
    text = real_copy("GPL-2.0-only") + "\n\n" + TEXTS["Classpath-exception-2.0"]
    assert identify_text(text).expression == "GPL-2.0-only WITH Classpath-exception-2.0"


@pytest.mark.parametrize(("line", "expected"), [
    ("// SPDX-License-Identifier: MIT", "MIT"),
    ("# SPDX-License-Identifier: GPL-2.0+ OR Apache-2.0", "GPL-2.0-or-later OR Apache-2.0"),
    ("/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */", "Apache-2.0 WITH LLVM-exception"),
    ("<!-- SPDX-License-Identifier: EUPL-1.2 -->", "EUPL-1.2"),
    ("-- SPDX-License-Identifier: FooBar-1.0", "LicenseRef-FooBar-1.0"),
    ("SPDX-License-Identifier: ((( MIT", "LicenseRef-MIT"),
])
def test_spdx_tags(line: str, expected: str) -> None:
    ident = identify_text(f"#!/bin/sh\n{line}\necho hi\n")
    assert ident.expression == expected
    assert ident.matches[0].kind == "tag" and ident.matches[0].start_line == 2


def test_tag_inside_license_text_is_an_example() -> None:
    ident = identify_text(real_copy("Apache-2.0") + "\n\nSPDX-License-Identifier: GPL-3.0-only\n")
    assert ident.expression == "GPL-3.0-only AND Apache-2.0" or ident.expression == "Apache-2.0 AND GPL-3.0-only"
    assert tag_expression("LicenseRef-Mine") == "LicenseRef-Mine"


def test_nothing_found() -> None:
    for text in ["", "   \n", "def main():\n    return 42\n"]:
        ident = identify_text(text)
        assert ident.expression is None and ident.matches == [] and ident.confidence == 0.0


def test_identify_file_binary_fails_cleanly() -> None:
    with pytest.raises(ParseFailure):
        identify_file("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert identify_file("LICENSE", real_copy("MIT").encode("utf-16")).expression == "MIT"


def test_identify_main_json_lines(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    a = tmp_path / "LICENSE"
    a.write_text(real_copy("ISC"))
    b = tmp_path / "README"
    b.write_text("nothing here")
    assert identify_main([str(a), str(b), str(tmp_path / "missing"), "--format", "json"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["expression"] for r in rows] == ["ISC", None, None]
    assert set(rows[0]) == {"path", "expression", "confidence", "matches"}
    assert set(rows[0]["matches"][0]) == {"expression", "start_line", "end_line", "score"}
    assert "error" in rows[2]


def test_normalisation_follows_spdx_guidelines() -> None:
    a = "  * 1. The LICENCE is “free”—sub-license it.\n// (c) 2020 Someone\n"
    b = "The license is \"free\" - sublicense it.\n"
    assert normalized_text(a) == normalized_text(b)
    words, lines = tokenize("one\n\n# two three\n")
    assert words == ["one", "two", "three"] and lines == [1, 3, 3]
    assert normalized_text("%%Copyright: Redistribution and use\n%%Copyright: in source\n%%Copyright: x\n") \
        == "redistribution and use in source x"


def test_compare_expressions() -> None:
    assert agree("MIT AND CC0-1.0", "CC0-1.0 AND mit")
    assert agree("CC-BY-4.0", "LicenseRef-scancode-unknown-license-reference AND CC-BY-4.0")
    assert not agree("MIT", "MIT AND LicenseRef-scancode-proprietary-license")
    assert license_keys("(GPL-2.0-only WITH Classpath-exception-2.0) OR MIT") == {
        "gpl-2.0-only", "classpath-exception-2.0", "mit"}
    assert agree(None, None) and not agree(None, "MIT")
