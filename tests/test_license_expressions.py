"""Declared license strings → SPDX expressions: the alias table, URLs, unknown texts, AND/OR/WITH."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.expressions import And, Lic, Or, leaves, normalize

from fuzzing import FUZZ_SETTINGS

ALIASES = [
    ("Apache 2.0", "Apache-2.0"),
    ("Apache License, Version 2.0", "Apache-2.0"),
    ("Apache License 2.0", "Apache-2.0"),
    ("GPLv3+", "GPL-3.0-or-later"),
    ("GPLv2", "GPL-2.0-only"),
    ("GPL-2.0", "GPL-2.0-only"),  # deprecated SPDX id
    ("GPL-2.0+", "GPL-2.0-or-later"),
    ("GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
    ("GNU GPL v2 only", "GPL-2.0-only"),
    ("GNU Lesser General Public License v2 or later (LGPLv2+)", "LGPL-2.0-or-later"),
    ("LGPL v2.1 or later", "LGPL-2.1-or-later"),
    ("GNU Affero General Public License v3 or later", "AGPL-3.0-or-later"),
    ("MIT/X11", "MIT"),
    ("The MIT License", "MIT"),
    ("License :: OSI Approved :: MIT License", "MIT"),
    ("BSD 3-Clause", "BSD-3-Clause"),
    ("New BSD License", "BSD-3-Clause"),
    ("Simplified BSD", "BSD-2-Clause"),
    ("Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
    ("Eclipse Public License - v 2.0", "EPL-2.0"),
    ("European Union Public Licence 1.2", "EUPL-1.2"),
    ("EUPL 1.2", "EUPL-1.2"),
    ("Public Domain", "LicenseRef-scancode-public-domain"),
    ("CC0", "CC0-1.0"),
    ("UNLICENSED", "LicenseRef-scancode-proprietary-license"),  # npm: no permission granted
    ("https://opensource.org/licenses/MIT", "MIT"),
    ("http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
    ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
    ("https://spdx.org/licenses/Apache-2.0.html", "Apache-2.0"),
    ("https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"),
    ("https://opensource.org/licenses/BSD-3-Clause", "BSD-3-Clause"),
    ("mit", "MIT"),
]


@pytest.mark.parametrize(("text", "expected"), ALIASES)
def test_alias_table(text, expected):
    assert normalize(text).expression == expected


def test_unversioned_gpl_notes_the_assumption():
    n = normalize("GPLv2")
    assert next(note.key for note in n.notes) == "only-assumed"
    assert not normalize("GPL-2.0-only").notes


@pytest.mark.parametrize("text", ["BSD", "BSD License", "GPL", "Apache Software License", "LGPL"])
def test_ambiguous_names_are_kept_with_a_note(text):
    n = normalize(text)
    assert n.expression.startswith("LicenseRef-ospo-")
    assert n.refs == {n.expression: text}
    assert n.notes[0].key.startswith("ambiguous-")


def test_unknown_text_keeps_original_and_hash():
    text = "Copyright Foo Corp, internal use only"
    n = normalize(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert n.expression == f"LicenseRef-ospo-{digest[:8]}"
    assert n.refs[n.expression] == text
    assert dict(n.notes[0].params)["hash"] == digest
    assert normalize(text).expression == normalize(f"  {text} ").expression  # stable


def test_semantics_are_preserved():
    n = normalize("(MIT AND BSD-3-Clause) OR GPL-2.0+ WITH Classpath-exception-2.0")
    assert n.expression == "(MIT AND BSD-3-Clause) OR GPL-2.0-or-later WITH Classpath-exception-2.0"
    assert n.tree == Or((And((Lic("MIT"), Lic("BSD-3-Clause"))),
                         Lic("GPL-2.0-or-later", "Classpath-exception-2.0")))
    assert normalize("MIT AND (Apache-2.0 OR GPL-3.0-only)").expression == "MIT AND (Apache-2.0 OR GPL-3.0-only)"


def test_unknown_parts_inside_an_expression():
    n = normalize("Apache 2.0 OR Foo Public License")
    assert isinstance(n.tree, Or)
    assert n.tree.items[0] == Lic("Apache-2.0")
    assert n.tree.items[1].id.startswith("LicenseRef-ospo-")
    assert list(n.refs.values()) == ["Foo Public License"]


def test_free_text_separators():
    assert normalize("GPL-3.0/MIT").expression == "GPL-3.0-only OR MIT"
    n = normalize("MIT, Apache 2.0")
    assert n.expression == "MIT AND Apache-2.0"
    assert "list-read-as-and" in [x.key for x in n.notes]
    assert normalize("MIT or Apache 2.0 and GPL-2.0").expression.startswith("LicenseRef-ospo-") is False


def test_existing_license_refs_are_kept():
    assert normalize("LicenseRef-acme-internal").expression == "LicenseRef-acme-internal"
    assert normalize("LicenseRef-acme-internal").refs == {}


def test_empty_and_huge():
    assert normalize("").expression is None
    assert normalize(None).expression is None
    n = normalize("x" * 5000)
    assert n.expression.startswith("LicenseRef-ospo-") and n.notes[0].key == "too-long"


_WORDS = st.sampled_from(["MIT", "Apache 2.0", "GPLv3+", "BSD", "(", ")", "AND", "OR", "WITH", "and", "or", "/",
                          ",", ";", "LicenseRef-x", "Classpath-exception-2.0", "http://", "GPL-2.0", "+", "é", ""])


@FUZZ_SETTINGS
@given(st.text(max_size=80) | st.lists(_WORDS, max_size=12).map(" ".join))
def test_fuzz_normalize_never_raises(text):
    n = normalize(text)
    if n.expression is None:
        assert not text.strip()
        return
    for leaf in leaves(n.tree):
        assert leaf.id and " " not in leaf.id
    for ref, original in n.refs.items():
        assert ref in n.expression and original
    # What we render parses back to the same expression.
    assert normalize(n.expression).expression == n.expression
