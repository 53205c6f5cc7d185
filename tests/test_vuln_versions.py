"""Version ordering per ecosystem: >= 100 hand-checked cases each, and total-order properties.

The cases live in tests/data/vuln_version_cases.txt, one rule per line with its source; a ``chain`` line
lists versions in documented increasing order (every ordered pair is a case).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.vulns.versions import compare, is_parseable, sort_versions, version_key

CASES_FILE = Path(__file__).parent / "data" / "vuln_version_cases.txt"
_OPS = {"<": -1, "==": 0, ">": 1}


def load_cases() -> list[tuple[str, str, str, str, str]]:
    cases = []
    for line in CASES_FILE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        eco, body, rule = (p.strip() for p in line.split("|", 2))
        if body.startswith("chain "):
            chain = body.split()[1:]
            for i, j in itertools.combinations(range(len(chain)), 2):
                cases.append((eco, chain[i], "<", chain[j], f"{rule} [{i}<{j}]"))
        else:
            a, op, b = body.split()
            cases.append((eco, a, op, b, rule))
    return cases


CASES = load_cases()
ECOSYSTEMS = ["npm", "cargo", "golang", "pypi", "maven", "gem", "nuget", "composer"]


def test_at_least_100_cases_per_ecosystem() -> None:
    counts = {eco: sum(1 for c in CASES if c[0] == eco) for eco in ECOSYSTEMS}
    assert all(n >= 100 for n in counts.values()), counts


@pytest.mark.parametrize(("eco", "a", "op", "b", "rule"), CASES, ids=[f"{c[0]}:{c[1]}{c[2]}{c[3]}" for c in CASES])
def test_documented_order(eco: str, a: str, op: str, b: str, rule: str) -> None:
    assert compare(eco, a, b) == _OPS[op], rule
    assert compare(eco, b, a) == -_OPS[op], rule  # antisymmetric on the documented pair


def test_unparseable_versions_sort_first_and_are_reported() -> None:
    assert not is_parseable("npm", "not a version")
    assert not is_parseable("pypi", ">=1.0, <2")  # a constraint, not a version
    assert is_parseable("pypi", "0.7.1.fix1")  # legacy PyPI versions are real versions
    assert not is_parseable("composer", "dev-feature/foo")  # a branch is not ordered against releases
    assert compare("npm", "garbage", "0.0.0") == -1
    assert compare("npm", "garbage-a", "garbage-b") == -1  # deterministic among themselves
    assert sort_versions("maven", ["1.0", "1.0-rc1", "0.9"]) == ["0.9", "1.0-rc1", "1.0"]


def test_non_string_versions_do_not_crash() -> None:
    assert version_key("npm", None)[0] == 0  # type: ignore[arg-type]
    assert version_key("nope", "1.2.3")[0] == 1  # unknown ecosystem: semver-ish fallback


PROPERTY_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck),
                             derandomize=True)
_version_like = st.text(alphabet="0123456789.-+abcrvxAPSgo_", max_size=14)
_versions = _version_like | st.text(max_size=12)


@pytest.mark.parametrize("eco", [*ECOSYSTEMS, "hex", "pub"])
def test_total_order_properties(eco: str) -> None:
    @PROPERTY_SETTINGS
    @given(_versions, _versions, _versions)
    def check(a: str, b: str, c: str) -> None:
        ka, kb, kc = (version_key(eco, x) for x in (a, b, c))
        assert (ka < kb) + (ka == kb) + (ka > kb) == 1  # trichotomy
        if ka <= kb and kb <= ka:
            assert ka == kb  # antisymmetry
        if ka <= kb and kb <= kc:
            assert ka <= kc  # transitivity
        if ka == kb:
            assert hash(ka) == hash(kb)

    check()
