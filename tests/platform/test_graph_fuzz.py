"""Property test of the stored-inventory round trip: any ScanResult, ingested over the previous one into the same
repository (components shared with earlier examples, spelt and licensed differently), downloads as exactly the
documents the engine's writers give for it — after the one replacement of strings no database can hold."""

from __future__ import annotations

import itertools

import pytest
from graph_helpers import normal_cdx, normal_spdx
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.model import Component, Edge, Location, ParseIssue, ScanResult, Scope
from ospo.engine.sbom import cyclonedx, spdx
from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.inventory import codec
from ospo.platform.scans.ingest import ingest
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.web import sbom

from fuzzing import FUZZ_SETTINGS

pytestmark = pytest.mark.django_db
_HOSTILE = st.sampled_from(["\x00", "\ud800", "\udfff", "é", "😀", "\n", '"', "<", "%", "@", " "])
text = st.text(alphabet=st.characters(codec="utf-8") | _HOSTILE, max_size=12)
long_text = st.one_of(text, st.builds(lambda t, n: (t or "x") * n, text, st.integers(1, 120)))
PURLS = [f"pkg:npm/p{i}@1.{i}" for i in range(6)] + [f"pkg:pypi/q{i}" for i in range(4)]
_hex = st.sampled_from("0123456789abcdefABCDEF")
hashes = st.lists(st.tuples(
    st.sampled_from(["SHA-1", "SHA-256", "SHA-512", "MD5", "sha256", "BLAKE3"]),
    st.one_of(st.text(_hex, min_size=32, max_size=32), st.text(_hex, min_size=40, max_size=40),
              st.text(_hex, min_size=64, max_size=64), text)), max_size=3)


@st.composite
def components(draw: st.DrawFn) -> Component:
    purl = draw(st.sampled_from(PURLS) | text.map(lambda t: f"pkg:generic/{t}"))
    return Component(
        ecosystem=draw(st.sampled_from(["npm", "pypi", "maven", "golang", "docker"]) | text),
        name=draw(long_text), version=draw(st.none() | long_text), purl=purl, pinned=draw(st.booleans()),
        scope=draw(st.sampled_from(list(Scope))), direct=draw(st.none() | st.booleans()),
        license=draw(st.none() | st.sampled_from(["MIT", "", "Apache-2.0 OR MIT", "SEE LICENSE"]) | text),
        hashes=draw(hashes),
        locations=draw(st.lists(st.builds(Location, text, st.none() | st.integers(0, 10**6)), max_size=3)),
        properties=draw(st.dictionaries(st.sampled_from(["resolved", "source", "extras"]) | text,
                                        st.sampled_from(["https://registry.npmjs.org/a.tgz"]) | text, max_size=3)),
    )


@st.composite
def results(draw: st.DrawFn) -> ScanResult:
    # unique purls: the merged inventory's contract (engine.merge), which ingest and both writers rely on
    comps = draw(st.lists(components(), max_size=8, unique_by=lambda c: c.purl))
    ends = [c.purl for c in comps] + ["pkg:npm/root@1", draw(text)]
    edges = draw(st.lists(st.builds(Edge, st.sampled_from(ends), st.sampled_from(ends)), max_size=12))
    return ScanResult(
        name=draw(text.filter(bool)), source=draw(text), revision=draw(st.none() | st.text("0123456789abcdef",
                                                                                           max_size=40)),
        components=comps, edges=edges,
        issues=draw(st.lists(st.builds(ParseIssue, text, text, st.sampled_from(["error", "warning"])), max_size=3)),
    )


def test_any_result_round_trips_through_the_store(estate):
    source = Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location="/nowhere")
    repo = Repository.objects.create(source=source, name="fuzz", location="/nowhere/fuzz")
    serial = itertools.count()

    @FUZZ_SETTINGS
    @given(result=results())
    def check(result: ScanResult) -> None:
        result.tree_hash = f"{next(serial):064x}"  # always a new tree: every example is a real (diffed) ingest
        ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING), result)
        repo.refresh_from_db()
        want = codec.storable(result)
        assert normal_cdx(sbom.cyclonedx_json(repo)) == normal_cdx(cyclonedx.to_json(want))
        assert normal_spdx(sbom.spdx_json(repo)) == normal_spdx(spdx.to_json(want))

    check()
