"""The platform bench's generated estate is what the bench claims (bench/platform_bench.py): engine results with
exactly the requested distinct components, a few direct, every transitive one reachable over the edges — and the
real ingestion path stores them with their dependency paths. A small estate here; the bench loads 1,000 × 200."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import platform_bench

pytestmark = pytest.mark.django_db


def test_generated_results_have_the_promised_shape():
    rng = random.Random(1)
    pool = platform_bench.make_pool(2_000, rng)
    results = [platform_bench.make_result(f"r{i}", pool, 120, rng) for i in range(30)]
    for r in results:
        purls = [c.purl for c in r.components]
        assert len(purls) == len(set(purls)) == 120
        assert sum(1 for c in r.components if c.direct) == 12
        reached = {c.purl for c in r.components if c.direct}
        for e in r.edges:  # edges go from an earlier component to a later one: all transitive ones are reached
            assert e.source in reached
            reached.add(e.target)
        assert reached == set(purls)
    # popularity is skewed: the most used package appears in far more repositories than the median one
    uses = Counter(c.purl for r in results for c in r.components)
    counts = sorted(uses.values())
    assert counts[-1] >= 10 * counts[len(counts) // 2]
    # deterministic for a seed (the figures of two runs describe the same estate)
    again = platform_bench.make_result("r0", platform_bench.make_pool(2_000, random.Random(1)), 120,
                                       random.Random(1))
    first = platform_bench.make_result("r0", platform_bench.make_pool(2_000, random.Random(1)), 120,
                                       random.Random(1))
    assert [c.purl for c in again.components] == [c.purl for c in first.components]


def test_generated_estate_goes_through_the_ingestion_path(estate):
    from ospo.platform.estate.models import Repository, Source, SourceKind
    from ospo.platform.inventory.models import Usage
    from ospo.platform.scans.ingest import ingest
    from ospo.platform.scans.models import Scan, ScanStatus

    rng = random.Random(2)
    pool = platform_bench.make_pool(500, rng)
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location="/bench")
    for i in range(5):
        repo = Repository.objects.create(source=source, agency=estate, name=f"g{i}", location=f"/bench/g{i}")
        result = platform_bench.make_result(repo.name, pool, 50, rng)
        stats = ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), result)
        assert stats.usages_created == 50
        assert not ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), result).usages_created
    assert Usage.objects.count() == 250
    transitive = Usage.objects.filter(direct=False)
    assert transitive.exists() and all(len(u.dependency_path) >= 2 for u in transitive)


def test_page_paths_cover_the_pages_the_issue_names():
    pages = platform_bench.page_paths(1, [2, 3], [4, 5])
    assert {"overview", "agency (roll-up)", "repository", "component (where used)"} <= set(pages)
    assert any(label.startswith("API") for label in pages)
    assert platform_bench.pct([float(i) for i in range(1, 101)], 95) == pytest.approx(95.05, abs=0.1)
