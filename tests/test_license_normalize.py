"""The whole-text tokeniser gives exactly the words and lines of the line-by-line rules (``clean_line``).

Why: the whole-text form (a few regex passes, words cut from bytes) exists only for speed; the per-line rules
are the readable statement of the SPDX matching guidelines. Any drift would change exact hashes and bigrams,
so it is checked on tricky hand-written texts and on generated ones (line breaks of every kind, comment
leaders, bullets, copyright lines, hyphens, non-ASCII letters whose lower case is ASCII).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ospo.engine.licenses import normalize as N


def per_line_tokens(text: str) -> tuple[list[str], list[int]]:
    """The rules applied one line at a time, as the tokeniser was first written."""
    words: list[str] = []
    lines: list[int] = []
    all_lines = text.splitlines()
    prefix = N.common_prefix(all_lines)
    for lineno, raw in enumerate(all_lines, 1):
        if prefix and raw.lstrip().startswith(prefix):
            raw = raw.lstrip()[len(prefix) :]
        for w in N._WORD.findall(N.clean_line(raw)):
            w = N.EQUIVALENT_WORDS.get(w, w)
            if w not in N._DROP:
                words.append(w)
                lines.append(lineno)
    return words, lines


TRICKY = [
    "Copyright (c) 2024 Agency\nAll rights reserved.\n\n1. Redistributions of source code must retain...",
    "/*\n * Licensed under the Apache License, Version 2.0\n * https://www.apache.org/licenses/LICENSE-2.0\n */",
    "# sub-license, non\u2011commercial, Licence; licenced\r\n-- (a) first\r(iv) second\x0bthird\x0cfourth",
    "%%Copyright: Redistribution and use\n%%Copyright: in source and binary forms\n%%Copyright: are permitted",
    "1.\nnext line\n(c)\n2020 holder\ncopyright\n2021",
    "\u2028\u2029\x1c\x1d\x1e\x85 REM dnl {- -} (* *) <!-- --> \"\"\" '''",
    "\u212a\u0130stanbul \u017fpecial KELVIN\nhttp www https wWw",
]


@pytest.mark.parametrize("text", TRICKY)
def test_whole_text_tokens_equal_per_line_tokens(text: str) -> None:
    assert N.tokenize(text) == per_line_tokens(text)


PIECES = st.sampled_from(
    [
        "copyright",
        "Copyright (c) ",
        "(c) 2020",
        "©",
        "all rights reserved.",
        "licence",
        "https",
        "www",
        "-",
        "\u2013",
        "#",
        "//",
        "/*",
        "*/",
        " * ",
        "--",
        ";",
        "%",
        "!",
        "rem ",
        "dnl ",
        "1. ",
        "2.1 ",
        "(a) ",
        "iv) ",
        "• ",
        "> ",
        "\n",
        "\r\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        " ",
        "\t",
        "sub-license",
        "GPL-2.0+",
        "K",
        "\u212a",
        "\u0130",
        "\u017f",
        "word",
        "MIT",
        "é",
        "?",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES | st.text(max_size=6), max_size=40).map("".join))
def test_generated_texts_tokenise_alike(text: str) -> None:
    assert N.tokenize(text) == per_line_tokens(text)
