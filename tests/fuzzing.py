"""Property-based fuzzing shared by every parser test: >= 1,000 generated inputs per parser.

Inputs are random bytes, truncations and byte-level mutations of real-looking seeds, and (for structured
formats) random documents of the right syntax. The property: the extractor either returns a FileResult
or raises ParseFailure — never anything else — and every component it returns is well formed.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.ecosystems import extractor_named
from ospo.engine.safeparse import ParseFailure
from ospo.engine.sources.memory import MemoryTree

FUZZ_SETTINGS = settings(
    max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=5),
    max_leaves=30,
)


def mutations(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Seeds cut at random points, with random byte runs spliced in."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        seed = draw(st.sampled_from(seeds))
        if not seed:
            return draw(st.binary(max_size=200))
        cut = draw(st.integers(0, len(seed)))
        insert = draw(st.binary(max_size=16) | st.sampled_from([b"\n", b"\"", b"{", b"[", b":", b"  ", b"#", b"@"]))
        tail = draw(st.integers(cut, len(seed)))
        return seed[:cut] + insert + seed[tail:]

    return mutate()


def check_extractor(name: str, path: str, data: bytes, others: dict[str, bytes] | None = None) -> None:
    ex = extractor_named(name)
    tree = MemoryTree({path: data, **(others or {})})
    try:
        fr = ex.extract(path, data, tree)
    except ParseFailure:
        return
    for c in fr.components:
        assert isinstance(c.name, str) and c.name, c
        assert c.purl.startswith("pkg:"), c
        assert c.version is None or isinstance(c.version, str), c


def fuzz(name: str, path: str, seeds: list[bytes], structured: st.SearchStrategy[bytes] | None = None):  # type: ignore[no-untyped-def]
    """Build a hypothesis test for one extractor. Use: ``test_fuzz_x = fuzz("x", "file", [seed])``."""
    strategy = st.binary(max_size=300) | mutations(seeds)
    if structured is not None:
        strategy = strategy | structured

    @FUZZ_SETTINGS
    @given(strategy)
    def test(data: bytes) -> None:
        check_extractor(name, path, data)

    return test


def json_documents(template: dict | None = None) -> st.SearchStrategy[bytes]:
    """Random JSON, and the template with random values replacing some of its members."""
    plain = json_values.map(lambda v: json.dumps(v).encode())
    if template is None:
        return plain

    @st.composite
    def perturbed(draw: st.DrawFn) -> bytes:
        doc = json.loads(json.dumps(template))
        stack = [doc]
        while stack:
            cur = stack.pop()
            if isinstance(cur, dict):
                items = list(cur.items())
            elif isinstance(cur, list):
                items = list(enumerate(cur))
            else:
                items = []
            for k, v in items:
                if draw(st.integers(0, 9)) == 0:
                    cur[k] = draw(json_values)
                elif isinstance(v, dict | list):
                    stack.append(v)
        return json.dumps(doc).encode()

    return plain | perturbed()
