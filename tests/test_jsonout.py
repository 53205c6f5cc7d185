"""dumps_lines: valid JSON, equal to the standard encoder's data, one list element per line."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ospo.engine.jsonout import dumps_lines

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    max_leaves=20,
)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(values)
def test_round_trips(obj):
    assert json.loads(dumps_lines(obj)) == obj


def test_one_component_per_line():
    text = dumps_lines({"bomFormat": "CycloneDX", "components": [{"name": "a"}, {"name": "ñ"}], "empty": []})
    assert text.splitlines() == [
        "{", '  "bomFormat": "CycloneDX",', '  "components": [', '    {"name": "a"},', '    {"name": "ñ"}', "  ],",
        '  "empty": []', "}",
    ]
