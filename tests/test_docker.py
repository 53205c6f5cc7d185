"""Dockerfile, compose and GitLab CI image extraction."""

from __future__ import annotations

from hypothesis import strategies as st

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

D = FIXTURES / "docker"
DOCKERFILE = (D / "Dockerfile").read_bytes()
EDGE = (D / "Dockerfile.edge").read_bytes()
WINDOWS = (D / "Containerfile.windows").read_bytes()
COMPOSE = (D / "docker-compose.yml").read_bytes()
DOTENV = (D / "dot-env").read_bytes()
GITLAB = (D / "gitlab-ci.yml").read_bytes()


def _by_purl(fr):  # type: ignore[no-untyped-def]
    return {c.purl: c for c in fr.components}


def test_dockerfile_stages_args_digests_and_scopes():
    fr = run_extractor("docker-dockerfile", "Dockerfile", DOCKERFILE)
    comps = _by_purl(fr)
    assert set(comps) == {
        "pkg:docker/node@20-alpine",
        "pkg:docker/gov-org/assets@1.4.0?repository_url=ghcr.io",
        "pkg:docker/python@sha256:2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743",
        "pkg:docker/base/runtime@2024.01?repository_url=registry.gov.example:5000",
        "pkg:docker/nginx",
        "pkg:docker/docker/dockerfile@1.6",
    }
    node = comps["pkg:docker/node@20-alpine"]
    assert node.version == "20-alpine" and node.pinned and node.location.line == 7
    assert node.properties == {"stage": "build", "platform": "$BUILDPLATFORM", "tag": "20-alpine"}
    assert node.scope is Scope.DEVELOPMENT  # build stage only
    py = comps["pkg:docker/python@sha256:2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743"]
    assert py.hashes == [("SHA-256", "2be8daddbb82756f7d1f2c7ece706aadcb284bf6ab6d769ea695cc3ed6016743")]
    assert py.properties["tag"] == "3.12-slim"
    # the final stage is built FROM the "base" stage: its image ships, as do files copied in from nginx
    runtime = comps["pkg:docker/base/runtime@2024.01?repository_url=registry.gov.example:5000"]
    assert runtime.scope is Scope.RUNTIME and runtime.location.line == 23
    nginx = comps["pkg:docker/nginx"]
    assert nginx.pinned is False and nginx.version == "latest" and nginx.scope is Scope.RUNTIME
    assert comps["pkg:docker/docker/dockerfile@1.6"].properties["dockerfile-syntax"] == "true"
    # COPY --from=build / --from=0 are stages; the heredoc's FROM line is script text
    assert not any("this-is-not" in p for p in comps)
    assert fr.issues == []


def test_dockerfile_edge_cases_warn_and_keep_going():
    fr = run_extractor("docker-dockerfile", "app/Dockerfile.edge", EDGE)
    comps = _by_purl(fr)
    assert set(comps) == {"pkg:docker/alpine@3.19", "pkg:docker/busybox@1.36"}
    assert comps["pkg:docker/busybox@1.36"].location.line == 9  # continuation with a comment inside
    assert comps["pkg:docker/alpine@3.19"].properties["stage"] == "Tools"
    messages = [i.message for i in fr.issues]
    assert all(i.severity == "warning" for i in fr.issues)
    assert any("DISTROLESS" in m for m in messages)
    assert any("FROM without an image" in m for m in messages)
    assert any("not an image reference" in m for m in messages)


def test_containerfile_with_backtick_escape_and_other_registry():
    fr = run_extractor("docker-dockerfile", "Containerfile.windows", WINDOWS)
    assert [c.purl for c in fr.components] == [
        "pkg:docker/windows/servercore@ltsc2022?repository_url=mcr.microsoft.com"]
    assert fr.components[0].scope is Scope.RUNTIME


def test_dockerfile_name_patterns():
    from ospo.engine.ecosystems import extractor_named

    ex = extractor_named("docker-dockerfile")
    for yes in ("Dockerfile", "a/Dockerfile.prod", "web.Dockerfile", "Containerfile", "dockerfile", "Dockerfile-dev"):
        assert ex.wants(yes), yes
    for no in ("Dockerfile.dockerignore", "docs/Dockerfile.md", "Dockerfiles/readme", "x.yml"):
        assert not ex.wants(no), no


def test_compose_images_env_defaults_and_build_outputs():
    fr = run_extractor("docker-compose", "deploy/docker-compose.yml", COMPOSE, {"deploy/.env": DOTENV})
    comps = _by_purl(fr)
    assert set(comps) == {
        "pkg:docker/postgres@15",
        "pkg:docker/redis@7.2-alpine",
        "pkg:docker/elasticsearch/elasticsearch@8.12.2?repository_url=docker.elastic.co",
        "pkg:docker/traefik",
        "pkg:docker/axllent/mailpit@sha256:a1ac5b28d6e1a4a4e5ae4b49b6e7b8a2d2c8b0a4b6f0e2c2a5d8a3b4c7e9f0a1",
    }
    assert comps["pkg:docker/postgres@15"].properties["image-as-written"] == "postgres:${PG_VERSION:-15}"
    assert comps["pkg:docker/postgres@15"].location.line == 7
    assert comps["pkg:docker/traefik"].pinned is False
    assert comps["pkg:docker/redis@7.2-alpine"].location.line == 9
    # web has build: → its image is first-party output; worker's variable is unset → warning
    assert not any("portal" in p for p in comps)
    assert [i.severity for i in fr.issues] == ["warning"] and "WORKER_IMAGE" in fr.issues[0].message


def test_compose_without_env_file_warns_for_unset_variable():
    fr = run_extractor("docker-compose", "docker-compose.yml", COMPOSE)
    assert any("ES_VERSION" in i.message for i in fr.issues)


def test_gitlab_ci_images_services_variables_and_reference_tags():
    fr = run_extractor("docker-gitlab-ci", ".gitlab-ci.yml", GITLAB)
    got = [(c.purl, c.location.line, c.properties["job"], c.properties["gitlab-ci"]) for c in fr.components]
    assert got == [
        ("pkg:docker/ruby@3.2", 1, "(global)", "image"),
        ("pkg:docker/postgres@15", 13, "(default)", "service"),
        ("pkg:docker/redis@7", 25, "rspec", "service"),
        ("pkg:docker/docker@24.0.5", 30, "build", "image"),
        ("pkg:docker/docker@24.0.5-dind", 33, "build", "service"),
    ]
    assert all(c.scope is Scope.DEVELOPMENT for c in fr.components)
    assert len(fr.issues) == 1 and "CI_REGISTRY" in fr.issues[0].message


def test_bad_files_are_issues_not_crashes():
    for name, path in (("docker-compose", "compose.yaml"), ("docker-gitlab-ci", ".gitlab-ci.yml")):
        for bad in (b"services: [", b"- a\n- b\n", b"\x00\x01", b"a: *unknown"):
            fr = run_extractor(name, path, bad)
            assert fr.components == [] and fr.issues, (name, bad)
            assert_no_internal_errors(fr)
    fr = run_extractor("docker-dockerfile", "Dockerfile", b"\x00binary")
    assert fr.issues and fr.components == []


dockerfile_lines = st.lists(
    st.sampled_from([b"FROM node:20 AS a", b"FROM a", b"ARG X=1", b"FROM ${X}", b"COPY --from=a / /", b"RUN <<E",
                     b"E", b"FROM \\", b"# syntax=docker/dockerfile:1", b"FROM --platform=x y@sha256:zz", b"FROM"]),
    max_size=12,
).map(b"\n".join)
compose_docs = st.sampled_from([b"services:\n  a:\n    image: ", b"a:\n  image: ", b"services: "]).flatmap(
    lambda head: st.text(max_size=40).map(lambda t: head + t.encode()))

test_fuzz_dockerfile = fuzz("docker-dockerfile", "Dockerfile", [DOCKERFILE, EDGE, WINDOWS], dockerfile_lines)
test_fuzz_compose = fuzz("docker-compose", "docker-compose.yml", [COMPOSE], compose_docs)
test_fuzz_gitlab = fuzz("docker-gitlab-ci", ".gitlab-ci.yml", [GITLAB])
