"""GitHub Actions workflows and action metadata."""

from __future__ import annotations

from hypothesis import strategies as st

from ospo.engine.ecosystems import extractor_named
from ospo.engine.ecosystems.actions._uses import ref_kind
from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

A = FIXTURES / "actions"
WORKFLOW = (A / "ci.yml").read_bytes()
COMPOSITE = (A / "action.yml").read_bytes()
DOCKER_ACTION = (A / "docker-action.yml").read_bytes()
SHA = "b4ffde65f46336ab88eb53be808477a3936bae11"


def test_workflow_steps_refs_comments_and_lines():
    fr = run_extractor("actions-workflow", ".github/workflows/ci.yml", WORKFLOW)
    got = [(c.purl, c.location.line, c.pinned, c.properties.get("ref-kind")) for c in fr.components]
    assert got == [
        ("pkg:docker/python@3.12-slim", 15, True, None),
        ("pkg:docker/postgres@sha256:4aea012537edfad80f98d870a36e6b90b4c09b27be7f4b4759d72db863baeebb", 18, True,
         None),
        ("pkg:docker/redis", 22, False, None),
        (f"pkg:githubactions/actions/checkout@{SHA}", 24, True, "sha"),
        ("pkg:githubactions/actions/setup-node@v4", 26, True, "tag"),
        ("pkg:githubactions/github/codeql-action%2Finit@v3.24.0", 29, True, "tag"),
        ("pkg:githubactions/some-org/internal-action", 30, False, "branch"),
        ("pkg:docker/alpine@3.19", 32, True, None),
        ("pkg:githubactions/gov-uk/some.action@1.2", 34, True, "tag"),
        (f"pkg:githubactions/actions/checkout@{SHA}", 38, True, "sha"),
        ("pkg:githubactions/actions/cache@v3", 39, True, "tag"),
        ("pkg:githubactions/gov-org/shared-workflows%2F.github%2Fworkflows%2Fdeploy.yml"
         "@2f3a7b9c1d4e5f60718293a4b5c6d7e8f9012345", 42, True, "sha"),
    ]
    checkout = fr.components[3]
    assert checkout.properties == {"job": "test", "ref-kind": "sha", "ref-comment": "v4.1.1"}
    assert checkout.name == "actions/checkout" and checkout.version == SHA
    assert checkout.direct is True and checkout.scope is Scope.DEVELOPMENT
    branch = fr.components[6]
    assert branch.version == "main" and branch.pinned is False
    assert fr.components[11].properties["reusable-workflow"] == "true"
    assert fr.components[1].hashes[0][0] == "SHA-256"
    assert fr.issues == []  # ./local actions and local reusable workflows are first-party, silently skipped


def test_composite_and_docker_action_metadata():
    fr = run_extractor("actions-metadata", "action.yml", COMPOSITE)
    assert [(c.purl, c.location.line) for c in fr.components] == [
        ("pkg:githubactions/actions/setup-python@0a5c61591373683505ea898e09a3ea4f39ef2b9c", 11),
        ("pkg:githubactions/actions/upload-artifact@v4", 16),
    ]
    assert fr.components[0].properties["ref-comment"] == "v5.0.0"
    fr = run_extractor("actions-metadata", "lint/action.yaml", DOCKER_ACTION)
    assert [c.purl for c in fr.components] == ["pkg:docker/gov-org/linter@2.3.1?repository_url=ghcr.io"]
    # a JavaScript action declares nothing here
    fr = run_extractor("actions-metadata", "action.yml", b"name: x\nruns:\n  using: node20\n  main: index.js\n")
    assert fr.components == [] and fr.issues == []


def test_ref_kinds():
    assert ref_kind(SHA) == "sha"
    assert ref_kind("v4") == ref_kind("v4.1.0") == ref_kind("1.2") == ref_kind("v1.0.0-beta.1") == "tag"
    assert ref_kind("main") == ref_kind("release/v2") == "branch"
    assert ref_kind("b4ffde6") == "short-sha"


def test_wants_only_workflows_directly_in_the_folder():
    ex = extractor_named("actions-workflow")
    assert ex.wants(".github/workflows/ci.yml") and ex.wants("sub/.github/workflows/x.yaml")
    assert not ex.wants(".github/workflows/templates/x.yml") and not ex.wants(".github/dependabot.yml")


def test_odd_uses_values_warn():
    doc = (b"on: push\njobs:\n  a:\n    steps:\n      - uses: ${{ matrix.action }}\n      - uses: nonsense\n"
           b"      - uses: docker://Not Valid\n      - uses: 42\n      - uses: owner/repo\n")
    fr = run_extractor("actions-workflow", ".github/workflows/x.yml", doc)
    assert [c.purl for c in fr.components] == ["pkg:githubactions/owner/repo"]
    assert fr.components[0].properties["ref-kind"] == "none" and fr.components[0].pinned is False
    assert len(fr.issues) == 3 and all(i.severity == "warning" for i in fr.issues)


def test_bad_workflows_are_issues_not_crashes():
    for bad in (b"jobs: [", b"- a", b"jobs: 3", b"\x00\x00", b"a: &x [*x]"):
        fr = run_extractor("actions-workflow", ".github/workflows/ci.yml", bad)
        assert fr.components == [] and fr.issues, bad
        assert_no_internal_errors(fr)
    assert run_extractor("actions-workflow", ".github/workflows/e.yml", b"").issues == []


workflow_docs = st.lists(
    st.sampled_from(["      - uses: ", "    uses: ", "    container: ", "      image: ", "  j:\n    steps:\n"]),
    max_size=6,
).flatmap(lambda heads: st.lists(st.text(max_size=30), min_size=len(heads), max_size=len(heads)).map(
    lambda vals: ("jobs:\n  a:\n    steps:\n" + "".join(h + v + "\n" for h, v in zip(heads, vals,
                                                                                      strict=True))).encode()))

test_fuzz_workflow = fuzz("actions-workflow", ".github/workflows/ci.yml", [WORKFLOW], workflow_docs)
test_fuzz_action = fuzz("actions-metadata", "action.yml", [COMPOSITE, DOCKER_ACTION])
