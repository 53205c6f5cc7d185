"""Property test: identify_text never raises and always returns a well-formed Identification (>= 1,000 inputs)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.data import load_texts
from ospo.engine.licenses.identify import Identification, identify_file, identify_text
from ospo.engine.safeparse import ParseFailure

from fuzzing import FUZZ_SETTINGS

_TEXTS = {t.id: t.text for t in load_texts()}
SEEDS = [
    _TEXTS["MIT"],
    _TEXTS["BSD-3-Clause"],
    _TEXTS["Apache-2.0"][:3000],
    "// SPDX-License-Identifier: (MIT OR Apache-2.0) AND GPL-2.0+ WITH Classpath-exception-2.0\n",
    "SPDX-License-Identifier: ((((\nSPDX-License-Identifier:   \n",
    "either version 2 of the License, or (at your option) any later version. GNU Lesser General Public License",
    "CC BY-SA 4.0 / CC0 / EUPL v1.2 / MPL 2.0 Incompatible With Secondary Licenses / public domain",
    "%%Copyright: a\n%%Copyright: b\n%%Copyright: c\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    seed = draw(st.sampled_from(SEEDS))
    cut = draw(st.integers(0, len(seed)))
    tail = draw(st.integers(cut, len(seed)))
    return seed[:cut] + draw(st.text(max_size=40)) + seed[tail:]


def _well_formed(ident: Identification, n_lines: int) -> None:
    assert isinstance(ident, Identification)
    assert ident.expression is None or (isinstance(ident.expression, str) and ident.expression)
    assert 0.0 <= ident.confidence <= 1.0
    # Matches without an expression only for a discussion (a FAQ grants nothing; it lists what it mentions).
    assert (
        (ident.expression is None) == (not ident.matches)
        or ident.expression is not None
        or (ident.kind == "discussion" and all(m.kind == "mention" for m in ident.matches))
    )
    assert ident.kind in (None, "discussion")
    for m in ident.matches:
        assert isinstance(m.expression, str) and m.expression
        assert 1 <= m.start_line <= m.end_line <= max(n_lines, 1)
        assert 0.0 <= m.score <= 1.0
    for s, e in ident.extra_text:
        assert 1 <= s <= e <= max(n_lines, 1)


@FUZZ_SETTINGS
@given(st.text(max_size=400) | mutated())
def test_identify_text_never_raises(text: str) -> None:
    _well_formed(identify_text(text), len(text.splitlines()))


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutated().map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_identify_file_only_parse_failure(data: bytes) -> None:
    try:
        ident = identify_file("LICENSE", data)
    except ParseFailure:
        return
    assert isinstance(ident, Identification)
