"""Where univers agrees and disagrees with the ecosystems' documented rules (why versions.py has own keys)."""

from __future__ import annotations

import pytest
from univers import versions as uv

from ospo.engine.vulns.versions import compare

# (univers class, ecosystem, a, b, documented result, rule); univers_ok says whether univers gets it right.
CASES = [
    (uv.ComposerVersion, "composer", "1.0.0-beta", "1.0.0-RC1", -1, "beta < RC", False),
    (uv.ComposerVersion, "composer", "1.0.0-dev", "1.0.0-alpha", -1, "dev < alpha", False),
    (uv.ComposerVersion, "composer", "1.0.0", "1.0.0-patch1", -1, "patch after stable", False),
    (uv.SemverVersion, "npm", "1.0.0+build", "1.0.0", 0, "SemVer §10 (univers: not <, >, ==)", False),
    (uv.MavenVersion, "maven", "1.0.RELEASE", "1.0", 0, "release = \"\"", False),
    (uv.MavenVersion, "maven", "1.0-cr1", "1.0-rc1", 0, "cr = rc", True),
    (uv.RubygemsVersion, "gem", "1.0.a", "1.0", -1, "prerelease letters", True),
    (uv.NugetVersion, "nuget", "1.0.0-ALPHA", "1.0.0-alpha", 0, "case-insensitive labels", True),
    (uv.GolangVersion, "golang", "v1.2.4-0.20200101000000-abcdef123456", "v1.2.4", -1, "pseudo-version", True),
    (uv.PypiVersion, "pypi", "1!0.5", "2.0", 1, "epoch", True),
]


def _cmp(x: object, y: object) -> int | None:
    """None when univers says neither <, > nor == (its SemverVersion does so for build metadata)."""
    if x < y:  # type: ignore[operator]
        return -1
    if x > y:  # type: ignore[operator]
        return 1
    return 0 if x == y else None


@pytest.mark.parametrize(("cls", "eco", "a", "b", "expected", "rule", "univers_ok"), CASES)
def test_univers_versus_rule(cls, eco, a, b, expected, rule, univers_ok) -> None:  # type: ignore[no-untyped-def]
    assert compare(eco, a, b) == expected, rule
    assert (_cmp(cls(a), cls(b)) == expected) is univers_ok, rule
