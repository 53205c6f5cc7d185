"""mix.lock extraction and the Elixir term reader."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from ospo.engine.ecosystems.hex._terms import Atom, read_term
from ospo.engine.safeparse import ParseFailure

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

LOCK = (FIXTURES / "hex" / "mix.lock").read_bytes()


def test_mix_lock_packages_checksums_edges():
    fr = run_extractor("hex-mix-lock", "mix.lock", LOCK)
    comps = {c.name: c for c in fr.components}
    assert len(comps) == 12 and fr.issues == []
    cowboy = comps["cowboy"]
    assert cowboy.purl == "pkg:hex/cowboy@2.10.0" and cowboy.location.line == 3
    assert cowboy.hashes == [("SHA-256", "3afdccb7183cc6f143cb14d3cf51fa00e53db9ec80cdcd525482f5e99bc41d6b")]
    assert cowboy.properties["inner-checksum"].startswith("ff9ffeff")
    assert comps["gov_auth"].purl == "pkg:hex/govorg/gov_auth@0.4.2"
    assert comps["old_style"].hashes[0][1].startswith("c9d2a4ad")
    live = comps["phoenix_live_view"]
    assert live.version == "6c4a2f1e9d8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c" and live.properties["branch"] == "main"
    assert "vcs_url=" in live.purl
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:hex/cowboy@2.10.0", "pkg:hex/ranch@1.8.0") in edges
    assert ("pkg:hex/ecto@3.11.1", "pkg:hex/jason@1.4.1") in edges  # optional deps are edges too
    assert not any(t.endswith("yamerl") for _, t in edges)  # not in the lock
    assert len(edges) == 7


def test_term_reader():
    term = read_term('%{"a" => {:hex, :"odd name", "1.0", [x: 1, y: nil]}, b: [true]} # c')
    values = list(term.values())
    assert values[0] == (Atom("hex"), "odd name", "1.0", [("x", "1"), ("y", None)])
    assert values[1] == [True]
    for bad in ("%{", '%{"a" {}}', "{1, 2", "@", "[" * 200 + "]" * 200, '%{"a": 1} extra'):
        with pytest.raises(ParseFailure):
            read_term(bad)


def test_bad_mix_locks():
    for bad in (b"[]", b'%{"a": 3, "b": {:path, "x"}, "c": {:hex}}', b"\x00", b"%{"):
        fr = run_extractor("hex-mix-lock", "mix.lock", bad)
        assert fr.components == [] and fr.issues
        assert_no_internal_errors(fr)


terms = st.recursive(
    st.sampled_from(['"s"', ":a", "1", "nil", '"1.0.0"', ":hex"]),
    lambda c: st.lists(c, max_size=4).map(lambda xs: "{" + ", ".join(xs) + "}")
    | st.lists(c, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
    max_leaves=12,
)
lock_docs = st.lists(st.tuples(st.sampled_from(['"a"', '"b"', '"c"']), terms), max_size=4).map(
    lambda kv: ("%{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}").encode())

test_fuzz_mix_lock = fuzz("hex-mix-lock", "mix.lock", [LOCK], lock_docs)


def test_empty_names_are_warnings():
    fr = run_extractor("hex-mix-lock", "mix.lock", b'%{"": {:hex, :a, "1.0"}, "b": {:hex, :"", "1.0"}}')
    assert fr.components == [] and len(fr.issues) == 2
    assert_no_internal_errors(fr)
