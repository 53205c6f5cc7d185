"""The stored inventory carries what the engine knows: platform SBOM downloads equal ``ospo scan``'s documents.

For every fixture repository (the platform's git fixtures, the demo repositories covering every ecosystem, a
hand-written diamond with hashes and license texts, and the shared corpus when present) the CycloneDX and SPDX
downloads equal the engine's writers' output for the same tree, serial/timestamp/namespace aside, and are valid.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from graph_helpers import (
    FIXTURES,
    assert_valid_cdx,
    assert_valid_spdx,
    engine_documents,
    engine_result,
    normal_cdx,
    normal_spdx,
    store,
)

from ospo.engine.model import Component as EngineComponent
from ospo.engine.model import Edge, Location, ParseIssue, ScanResult, Scope
from ospo.platform.estate.models import Repository, Source, SourceKind
from ospo.platform.inventory.models import Component, RepositoryGraph, Usage
from ospo.platform.scans import ingest as ingest_mod
from ospo.platform.scans.ingest import ingest
from ospo.platform.scans.models import Scan, ScanStatus
from ospo.platform.web import sbom

pytestmark = pytest.mark.django_db


def _source(estate, path: Path) -> Source:  # type: ignore[no-untyped-def]
    return Source.objects.create(agency=estate, kind=SourceKind.LOCAL, location=str(path), subdirectories=True)


def _repo(source: Source, path: Path, branch: str = "") -> Repository:
    return Repository.objects.create(source=source, name=path.name, location=str(path), default_branch=branch)


def _downloads(client, repo: Repository) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    out = []
    for fmt in ("cyclonedx", "spdx"):
        resp = client.get(reverse(f"web:sbom_{fmt}", args=[repo.pk]))
        assert resp.status_code == 200
        out.append(resp.content.decode())
    return out[0], out[1]


def _assert_equal_to_engine(client, repo: Repository) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    cdx_text, spdx_text = _downloads(client, repo)
    assert_valid_cdx(cdx_text)
    assert_valid_spdx(spdx_text)
    want_cdx, want_spdx = engine_documents(engine_result(repo))
    got_cdx, got_spdx = normal_cdx(cdx_text), normal_spdx(spdx_text)
    assert got_cdx == want_cdx, repo.name
    assert got_spdx == want_spdx, repo.name
    return got_cdx, got_spdx


@pytest.fixture
def diamond(estate, tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "trees"
    shutil.copytree(FIXTURES / "diamond", root / "tax-portal")
    return _repo(_source(estate, root), root / "tax-portal")


def test_platform_fixture_repositories_download_what_the_engine_writes(admin_client, local_source):
    for repo in local_source.repositories.all():  # git repositories, read at their default branch
        store(repo)
        _assert_equal_to_engine(admin_client, repo)


def test_every_ecosystem_of_the_demo_estate_round_trips(admin_client, estate, tmp_path):
    from ospo.platform.demo import generate

    made = generate(tmp_path / "demo")
    source = _source(estate, made.root)
    seen: set[str] = set()
    for path in made.repositories:
        repo = _repo(source, path, "main")
        store(repo)
        cdx, _ = _assert_equal_to_engine(admin_client, repo)
        seen.update(p["value"] for c in cdx["components"] for p in c["properties"] if p["name"] == "ospo:ecosystem")
    assert len(seen) >= 15  # every ecosystem the demo covers actually went through the round trip


def test_diamond_keeps_every_edge_hashes_and_license_texts(admin_client, diamond):
    store(diamond)
    cdx, spdx_doc = _assert_equal_to_engine(admin_client, diamond)
    core = "pkg:npm/pad-core@3.1.4"
    parents = {d["ref"] for d in cdx["dependencies"] if core in d["dependsOn"]}
    assert parents == {"pkg:npm/left-pad-ui@1.2.0", "pkg:npm/right-pad-ui@2.0.1", "pkg:npm/%40gov/test-kit@0.3.1"}
    by_ref = {c["bom-ref"]: c for c in cdx["components"]}
    assert [h["alg"] for h in by_ref["pkg:npm/right-pad-ui@2.0.1"]["hashes"]] == ["SHA-512", "SHA-1"]
    assert by_ref["pkg:pypi/flask@3.0.3"]["name"] == "Flask"
    assert {"name": "ospo:extras", "value": "socks"} in by_ref["pkg:pypi/requests"]["properties"]
    extracted = {x["extractedText"] for x in spdx_doc["hasExtractedLicensingInfos"]}
    assert "SEE LICENSE IN LICENSE.txt" in extracted
    depends = [r for r in spdx_doc["relationships"] if r["relationshipType"] == "DEPENDS_ON"
               and r["relatedSpdxElement"].startswith("SPDXRef-npm-pad-core")]
    assert len(depends) == 3
    graph = RepositoryGraph.objects.get(repository=diamond)
    assert graph.tree_hash == engine_result(diamond).tree_hash
    assert _edges_into(graph, core) == 3


def _edges_into(graph: RepositoryGraph, purl: str) -> int:
    return sum(1 for _, b in graph.edges if graph.nodes[b] == purl)


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_shared_components_keep_each_repositorys_own_view(admin_client, diamond, tmp_path):
    """Two repositories name the same purls but their files say different things: each download is its own
    engine's document; the shared Component row holds the best knowledge (filled in by the later one)."""
    twin_path = Path(diamond.location).parent / "tax-portal-twin"
    shutil.copytree(diamond.location, twin_path)
    lock = twin_path / "package-lock.json"
    _rewrite(lock, '"license": "SEE LICENSE IN LICENSE.txt"', '"license": ""')
    _rewrite(lock, '"resolved": "https://registry.npmjs.org/pad-core/-/pad-core-3.1.4.tgz",\n', "")
    doc = json.loads(lock.read_text(encoding="utf-8"))
    for entry in doc["packages"].values():
        entry.pop("integrity", None)
    lock.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    _rewrite(twin_path / "service" / "requirements.txt", "Flask==3.0.3", "flask==3.0.3")
    twin = _repo(diamond.source, twin_path)

    store(twin)  # first: knows no license and no hash for pad-core
    store(diamond)
    for repo in (twin, diamond):
        _assert_equal_to_engine(admin_client, repo)
    core = Component.objects.get(purl="pkg:npm/pad-core@3.1.4")
    assert core.license == "SEE LICENSE IN LICENSE.txt" and core.hashes and core.hashes[0][0] == "SHA-512"
    assert Component.objects.get(purl="pkg:pypi/flask@3.0.3").name == "flask"  # the first spelling
    flask = Usage.objects.get(repository=diamond, component__purl="pkg:pypi/flask@3.0.3")
    assert flask.as_declared == {"name": "Flask"}
    assert Usage.objects.get(repository=twin, component__purl="pkg:npm/pad-core@3.1.4").hashes == []


def test_unchanged_tree_writes_only_the_scan_row_and_keeps_the_graph(diamond):
    store(diamond)
    graph = RepositoryGraph.objects.get(repository=diamond)
    result = engine_result(diamond)
    scan = Scan.objects.create(repository=diamond, status=ScanStatus.RUNNING)
    with CaptureQueriesContext(connection) as ctx:
        stats = ingest(scan, result)
    writes = [q["sql"] for q in ctx.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert stats.unchanged and len(writes) == 1 and "scans_scan" in writes[0]
    assert RepositoryGraph.objects.get(repository=diamond).updated_at == graph.updated_at


def test_inventory_stored_before_graphs_is_completed_by_its_next_scan(admin_client, diamond):
    store(diamond)
    RepositoryGraph.objects.filter(repository=diamond).delete()
    Usage.objects.filter(repository=diamond).update(hashes=[], properties={}, license="")
    # meanwhile: the old behaviour — a spanning tree from the stored paths, still a valid document
    cdx_text, spdx_text = _downloads(admin_client, diamond)
    assert_valid_cdx(cdx_text)
    assert_valid_spdx(spdx_text)
    parents = [d for d in json.loads(cdx_text)["dependencies"] if "pkg:npm/pad-core@3.1.4" in d["dependsOn"]]
    assert len(parents) == 1
    scan = Scan.objects.create(repository=diamond, status=ScanStatus.RUNNING)
    stats = ingest(scan, engine_result(diamond))  # same tree hash, but no graph: ingested in full
    assert not stats.unchanged and stats.usages_updated > 0
    _assert_equal_to_engine(admin_client, diamond)
    again = ingest(Scan.objects.create(repository=diamond, status=ScanStatus.RUNNING), engine_result(diamond))
    assert again.unchanged


def test_changed_tree_replaces_the_graph(admin_client, diamond):
    store(diamond)
    lock = Path(diamond.location) / "package-lock.json"
    doc = json.loads(lock.read_text(encoding="utf-8"))
    doc["packages"]["node_modules/right-pad-ui"].pop("dependencies")
    lock.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    stats = ingest(Scan.objects.create(repository=diamond, status=ScanStatus.RUNNING), engine_result(diamond))
    assert not stats.unchanged
    cdx, _ = _assert_equal_to_engine(admin_client, diamond)
    assert len([d for d in cdx["dependencies"] if "pkg:npm/pad-core@3.1.4" in d["dependsOn"]]) == 2
    assert _edges_into(RepositoryGraph.objects.get(repository=diamond), "pkg:npm/pad-core@3.1.4") == 2


def test_graph_is_written_in_the_ingest_transaction(diamond, monkeypatch):
    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_mod.RepositoryGraph.objects, "update_or_create", boom)
    with pytest.raises(RuntimeError):
        store(diamond)
    diamond.refresh_from_db()
    assert diamond.last_tree_hash == "" and not Usage.objects.exists() and not RepositoryGraph.objects.exists()


def test_strings_a_database_refuses_are_stored_replaced_and_documents_stay_valid(admin_client, diamond):
    """NUL and lone surrogates come out of hostile lockfiles as legitimate Python text; PostgreSQL refuses NUL and
    neither backend can encode a lone surrogate. They are replaced once, everywhere, so references still agree."""
    bad = "evil\x00name\ud800"
    purl = "pkg:npm/evil%00name@1.0.0\ud800"
    result = ScanResult(
        name="tax\x00portal", source=diamond.location, tree_hash="e" * 64,
        components=[EngineComponent("npm", bad, "1.0.0", purl, direct=True, license="MIT\x00",
                                    hashes=[("SHA-1", "a" * 40)], locations=[Location("lock\x00.json", 3)],
                                    properties={"resolved": "https://x.invalid/\x00", "k\ud800": "v"}),
                    EngineComponent("npm", "dep", "2.0.0", "pkg:npm/dep@2.0.0", scope=Scope.DEVELOPMENT)],
        edges=[Edge(purl, "pkg:npm/dep@2.0.0")], issues=[ParseIssue("a\x00", "bad \ud800 text")],
    )
    ingest(Scan.objects.create(repository=diamond, status=ScanStatus.RUNNING), result)
    stored = Component.objects.get(name__startswith="evil")
    assert "\x00" not in stored.name and "\ufffd" in stored.purl
    cdx_text, spdx_text = _downloads(admin_client, diamond)
    assert_valid_cdx(cdx_text)
    assert_valid_spdx(spdx_text)
    deps = {d["ref"]: d["dependsOn"] for d in json.loads(cdx_text)["dependencies"]}
    assert deps[stored.purl] == ["pkg:npm/dep@2.0.0"]  # the edge follows the replaced purl


def test_hand_edited_rows_never_break_a_download(admin_client, diamond):
    store(diamond)
    u = Usage.objects.filter(repository=diamond).first()
    u.hashes = [["SHA-1"], "junk", [1, 2], ["SHA-1", "zz"]]
    u.properties = ["not", "a", "dict"]
    u.as_declared = {"version": 7, "pinned": "yes", "license": 3}
    u.save()
    RepositoryGraph.objects.filter(repository=diamond).update(nodes=["a", 5], edges=[[0, 1], [0, 9], "x", [0]])
    cdx_text, spdx_text = _downloads(admin_client, diamond)
    assert_valid_cdx(cdx_text)
    assert_valid_spdx(spdx_text)


# ~80 s on 2 loaded cores (one engine scan + two SBOM documents per corpus repository): not essential for a quick
# run — the hand-written fixtures above pin the same round trip; `-m "not corpus"` leaves it out.
@pytest.mark.corpus
def test_corpus_repositories_round_trip(admin_client, estate, corpus_repos):
    """Every corpus repository: thousands of components, hashes, licenses, diamonds (skips without ../shared)."""
    source = _source(estate, corpus_repos)
    checked = 0
    for path in sorted(p for p in corpus_repos.iterdir() if p.is_dir()):
        repo = _repo(source, path)
        store(repo)
        cdx_text, spdx_text = (sbom.cyclonedx_json(repo), sbom.spdx_json(repo))
        want_cdx, want_spdx = engine_documents(engine_result(repo))
        assert normal_cdx(cdx_text) == want_cdx, path.name
        assert normal_spdx(spdx_text) == want_spdx, path.name
        assert_valid_cdx(cdx_text)
        checked += 1
    assert checked >= 10
