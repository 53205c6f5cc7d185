"""Fuzz the publiccode.yml validator and the code.json reader: never an exception, always well-formed results."""

from __future__ import annotations

import json

import yaml
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.publiccode import validate_publiccode
from ospo.engine.publiccode.codejson import read_code_json, release_from_scan

from fuzzing import FUZZ_SETTINGS, json_documents, json_values, mutations
from util import FIXTURES

SEEDS = [(FIXTURES / "publiccode" / name).read_bytes() for name in ("valid.yml", "invalid.yml")]
SEED_DOC = yaml.safe_load(SEEDS[0])


@st.composite
def perturbed_yaml(draw: st.DrawFn) -> bytes:
    """The valid fixture with random values swapped in: exercises type checks deep in the tree."""
    doc = json.loads(json.dumps(SEED_DOC, default=str))
    stack = [doc]
    while stack:
        cur = stack.pop()
        items = list(cur.items()) if isinstance(cur, dict) else list(enumerate(cur)) if isinstance(cur, list) else []
        for k, v in items:
            if draw(st.integers(0, 6)) == 0:
                cur[k] = draw(json_values)
            elif isinstance(v, dict | list):
                stack.append(v)
    return yaml.safe_dump(doc, allow_unicode=True).encode()


def check(data: bytes) -> None:
    r = validate_publiccode(data)
    d = r.as_dict()
    assert d["valid"] == (not d["errors"])
    for f in [*d["errors"], *d["warnings"]]:
        assert isinstance(f["key"], str) and isinstance(f["message"], str) and f["message"]
        assert isinstance(f["line"], int) and isinstance(f["column"], int) and f["line"] >= 0
    json.dumps(d)


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(SEEDS) | perturbed_yaml())
def test_fuzz_validator(data):
    check(data)


_RELEASE = release_from_scan(None, name="a", url="https://x.gob/a.git", license="MIT", description="d",
                             email="a@x.gob")


@FUZZ_SETTINGS
@given(st.binary(max_size=200) | json_documents({"version": "2.0.0", "agency": "X", "releases": [_RELEASE]}))
def test_fuzz_code_json(data):
    releases, findings = read_code_json(data)
    assert isinstance(releases, list)
    assert all(isinstance(f.key, str) and f.message for f in findings)
