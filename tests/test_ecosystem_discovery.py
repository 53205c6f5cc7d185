"""Every ecosystem package loads, and extractor names are unique."""

from __future__ import annotations

from ospo.engine.ecosystems import all_extractors, discovery_errors


def test_every_ecosystem_loads():
    assert discovery_errors() == []


def test_extractors_are_well_formed():
    extractors = all_extractors()
    assert len({ex.name for ex in extractors}) == len(extractors)
    for ex in extractors:
        assert ex.name and ex.ecosystem and ex.kind in {"manifest", "lockfile"}, ex
    ecosystems = {ex.ecosystem for ex in extractors}
    # The minimum coverage: every major ecosystem has at least one extractor.
    assert {"npm", "pypi", "maven", "golang", "cargo", "composer", "gem", "nuget"} <= ecosystems
