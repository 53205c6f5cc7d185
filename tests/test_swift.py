"""Package.resolved (v1, v3) and Package.swift extraction."""

from __future__ import annotations

import json

from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz, json_documents
from util import FIXTURES, assert_no_internal_errors, run_extractor

S = FIXTURES / "swift"
RESOLVED = (S / "Package.resolved").read_bytes()
RESOLVED_V1 = (S / "Package.resolved.v1").read_bytes()
MANIFEST = (S / "Package.swift").read_bytes()


def test_resolved_v3_versions_revisions_registry_and_local():
    fr = run_extractor("swift-package-resolved", "Package.resolved", RESOLVED)
    comps = {c.purl: c for c in fr.components}
    assert list(comps) == [
        "pkg:swift/github.com/Alamofire/Alamofire@5.8.1",
        "pkg:swift/github.com/gov-org/crypto-kit@0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
        "pkg:swift/github.com/apple/swift-collections@1.0.6",
        "pkg:swift/mona/linkedlist@1.2.0",
    ]
    alamo = comps["pkg:swift/github.com/Alamofire/Alamofire@5.8.1"]
    assert alamo.location.line == 5 and alamo.properties["revision"].startswith("3dc6a42c")
    assert comps["pkg:swift/github.com/gov-org/crypto-kit@0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"
                 ].properties["branch"] == "main"
    # a registry pin without a scope has no identity: warned; the fileSystem pin is local: skipped silently
    assert len(fr.issues) == 1 and "linkedlist" in fr.issues[0].message


def test_resolved_v1():
    fr = run_extractor("swift-package-resolved", "Package.resolved", RESOLVED_V1)
    assert [(c.purl, c.location.line) for c in fr.components] == [
        ("pkg:swift/github.com/Alamofire/Alamofire@5.4.3", 5),
        ("pkg:swift/github.com/ReactiveX/RxSwift@6.5.0", 14),
    ]


def test_package_swift_requirements():
    fr = run_extractor("swift-package-swift", "Package.swift", MANIFEST)
    got = [(c.purl, c.version, c.pinned, c.location.line) for c in fr.components]
    assert got == [
        ("pkg:swift/github.com/Alamofire/Alamofire", "from: 5.8.0", False, 11),
        ("pkg:swift/github.com/apple/swift-collections@1.0.6", "1.0.6", True, 12),
        ("pkg:swift/github.com/pointfreeco/swift-snapshot-testing", ".upToNextMinor(from: 1.15.0)", False, 13),
        ("pkg:swift/github.com/gov-org/crypto-kit", "branch: main", False, 14),
        ("pkg:swift/gitlab.gov.example/mobile/eid-sdk@8a1f5c2d9e7b3a4f6c0d1e2f3a4b5c6d7e8f9012",
         "8a1f5c2d9e7b3a4f6c0d1e2f3a4b5c6d7e8f9012", True, 15),
        ("pkg:swift/github.com/apple/swift-log", "1.4.0..<2.0.0", False, 16),
        ("pkg:swift/mona/linkedlist", ".upToNextMajor(from: 1.0.0)", False, 18),
        ("pkg:swift/github.com/old/Legacy@2.1.0", "2.1.0", True, 20),
    ]
    assert all(c.direct for c in fr.components)


def test_manifest_ranges_merge_into_resolved_pins():
    result = scan_tree(MemoryTree({"Package.swift": MANIFEST, "Package.resolved": RESOLVED}), "t", "mem")
    purls = {c.purl for c in result.components}
    assert "pkg:swift/github.com/Alamofire/Alamofire@5.8.1" in purls
    assert "pkg:swift/github.com/Alamofire/Alamofire" not in purls
    alamo = next(c for c in result.components if c.purl == "pkg:swift/github.com/Alamofire/Alamofire@5.8.1")
    assert alamo.direct is True


def test_bad_resolved_files():
    for bad in (b"{", b"[]", b'{"pins": 3}', b'{"pins": [1, "x", {"state": 5}]}', b"\x00"):
        fr = run_extractor("swift-package-resolved", "Package.resolved", bad)
        assert fr.components == []
        assert_no_internal_errors(fr)


test_fuzz_resolved = fuzz("swift-package-resolved", "Package.resolved", [RESOLVED, RESOLVED_V1],
                          json_documents(json.loads(RESOLVED)))
test_fuzz_package_swift = fuzz("swift-package-swift", "Package.swift", [MANIFEST])


def test_registry_identity_without_name_is_a_warning():
    doc = b'{"pins": [{"identity": "mona.", "kind": "registry", "location": "", "state": {"version": "1.0.0"}}]}'
    fr = run_extractor("swift-package-resolved", "Package.resolved", doc)
    assert fr.components == [] and fr.issues
    assert_no_internal_errors(fr)
