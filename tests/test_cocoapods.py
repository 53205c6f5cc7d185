"""Podfile.lock extraction."""

from __future__ import annotations

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

LOCK = (FIXTURES / "cocoapods" / "Podfile.lock").read_bytes()


def test_pods_subspecs_direct_checksums_edges():
    fr = run_extractor("cocoapods-podfile-lock", "ios/Podfile.lock", LOCK)
    comps = {c.purl: c for c in fr.components}
    assert "pkg:cocoapods/Firebase@10.18.0#Messaging" in comps
    assert "pkg:cocoapods/GoogleUtilities@7.12.0#NSData%2Bzlib" in comps
    assert not any("LocalKit" in p for p in comps)  # :path development pod
    alamo = comps["pkg:cocoapods/Alamofire@5.8.1"]
    assert alamo.direct is True and alamo.location.line == 2
    assert alamo.hashes == [("SHA-1", "3ca42e259043ee0dc5c0cdd76c4bc568b8e42af7")]
    assert comps["pkg:cocoapods/FirebaseCore@10.18.0"].direct is False
    assert comps["pkg:cocoapods/Firebase@10.18.0#Messaging"].direct is True
    keychain = comps["pkg:cocoapods/KeychainAccess@4.2.2"]
    assert keychain.properties == {"source": "https://github.com/kishikawakatsumi/KeychainAccess.git", "tag": "v4.2.2"}
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:cocoapods/Firebase@10.18.0#Messaging", "pkg:cocoapods/FirebaseMessaging@10.18.0") in edges
    assert ("pkg:cocoapods/FirebaseMessaging@10.18.0", "pkg:cocoapods/GoogleUtilities@7.12.0#NSData%2Bzlib") in edges
    assert len(fr.components) == 9 and fr.issues == []


def test_odd_shapes_warn_instead_of_crashing():
    doc = (b"PODS:\n  - 42\n  - {a: 1, b: 2}\n  - NoVersion\n  - Good (1.0):\n    - 7\n"
           b"DEPENDENCIES: 5\nSPEC CHECKSUMS: []\n")
    fr = run_extractor("cocoapods-podfile-lock", "Podfile.lock", doc)
    assert [c.purl for c in fr.components] == ["pkg:cocoapods/Good@1.0"]
    assert len(fr.issues) == 3 and all(i.severity == "warning" for i in fr.issues)
    for bad in (b"PODS: 3", b"[]", b"PODS:\n  - [", b"\x00"):
        fr = run_extractor("cocoapods-podfile-lock", "Podfile.lock", bad)
        assert fr.components == [] and fr.issues
        assert_no_internal_errors(fr)


test_fuzz_podfile_lock = fuzz("cocoapods-podfile-lock", "Podfile.lock", [LOCK])


def test_entry_without_pod_name_is_a_warning():
    fr = run_extractor("cocoapods-podfile-lock", "Podfile.lock", b"PODS:\n  - /Sub (1.0)\n")
    assert fr.components == [] and fr.issues[0].severity == "warning"
    assert_no_internal_errors(fr)
