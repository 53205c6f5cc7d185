"""poetry.lock (v1, v2), uv.lock, pdm.lock and Pipfile.lock: pins, scopes, direct flags, hashes, edges."""

from __future__ import annotations

import json

from ospo.engine.model import Scope
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.memory import MemoryTree

from fuzzing import fuzz, json_documents
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

PYPI = FIXTURES / "pypi"
POETRY1 = (PYPI / "poetry-v1.lock").read_bytes()
POETRY2 = (PYPI / "poetry-v2.lock").read_bytes()
POETRY_PYPROJECT = (PYPI / "pyproject-poetry.toml").read_bytes()
UV = (PYPI / "uv.lock").read_bytes()
PDM = (PYPI / "pdm.lock").read_bytes()
PDM_PYPROJECT = (PYPI / "pdm-pyproject.toml").read_bytes()
PIPFILE = (PYPI / "Pipfile").read_bytes()
PIPFILE_LOCK = (PYPI / "Pipfile.lock").read_bytes()


def _run(name: str, path: str, content: bytes, others=None):  # type: ignore[no-untyped-def]
    fr = run_extractor(name, path, content, others)
    assert_no_internal_errors(fr)
    return fr


def _edges(fr):  # type: ignore[no-untyped-def]
    return {(e.source, e.target) for e in fr.edges}


def test_poetry_lock_v1_with_pyproject():
    fr = _run("pypi-poetry-lock", "poetry.lock", POETRY1, {"pyproject.toml": POETRY_PYPROJECT})
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/benefits-service@0.9.0"
    assert "internal-lib" not in comps  # directory source
    django = comps["django"][0]
    assert django.purl == "pkg:pypi/django@4.2.11" and django.direct is True and django.location.line == 17
    assert django.hashes == [("SHA-256", "ddc24a0a8280a0430baa37aff11f28574720af05888c62b7cfe71d219f4599d3")]
    assert comps["asgiref"][0].direct is False and len(comps["asgiref"][0].hashes) == 2  # [metadata.files]
    assert comps["black"][0].scope is Scope.DEVELOPMENT and comps["boto3"][0].scope is Scope.OPTIONAL
    assert ("pkg:pypi/django@4.2.11", "pkg:pypi/sqlparse@0.5.0") in _edges(fr)
    assert ("pkg:pypi/benefits-service@0.9.0", "pkg:pypi/django@4.2.11") in _edges(fr)


def test_poetry_lock_v2_groups_and_sources():
    fr = _run("pypi-poetry-lock", "poetry.lock", POETRY2)
    comps = by_name(fr)
    assert all(c.direct is None for c in fr.components)  # no pyproject: unknown, not false
    assert comps["certifi"][0].scope is Scope.RUNTIME  # main beats test
    assert comps["pytest"][0].scope is Scope.TEST and comps["sphinx"][0].scope is Scope.DEVELOPMENT
    saml = comps["pysaml2"][0]
    assert saml.version == "7.5.0" and saml.properties["source"] == "https://github.com/gov/pysaml2.git"
    assert "vcs_url=git%2Bhttps://github.com/gov/pysaml2.git%40a1b2c3d4" in saml.purl
    assert "repository_url=" in comps["private-sdk"][0].purl
    assert (saml.purl, "pkg:pypi/requests@2.31.0") in _edges(fr)


def test_uv_lock_root_scopes_extras_and_sources():
    fr = _run("pypi-uv-lock", "uv.lock", UV)
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/gov-portal@1.0.0"
    assert "gov-portal" not in comps and "workspace-helper" not in comps
    assert comps["httpx"][0].direct is True and comps["httpx"][0].scope is Scope.RUNTIME
    assert comps["anyio"][0].direct is False and comps["anyio"][0].scope is Scope.RUNTIME
    assert comps["h2"][0].scope is Scope.OPTIONAL  # only reached through the root's http2 extra
    assert comps["ruff"][0].scope is Scope.DEVELOPMENT and comps["pytest"][0].scope is Scope.TEST
    assert comps["iniconfig"][0].scope is Scope.TEST
    assert comps["idna"][0].scope is Scope.RUNTIME  # runtime wins over test
    assert [h[0] for h in comps["anyio"][0].hashes] == ["SHA-256", "SHA-256"]
    assert comps["anyio"][0].location.line == 5
    assert "vcs_url=" in comps["sniffio"][0].purl and comps["sniffio"][0].version == "1.3.1"
    edges = _edges(fr)
    assert ("pkg:pypi/httpx@0.27.0", "pkg:pypi/anyio@4.3.0") in edges
    assert ("pkg:pypi/gov-portal@1.0.0", "pkg:pypi/httpx@0.27.0") in edges


def test_pdm_lock():
    fr = _run("pypi-pdm-lock", "pdm.lock", PDM, {"pyproject.toml": PDM_PYPROJECT})
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/cli-tool@0.3.0" and "my-plugin" not in comps
    assert comps["click"][0].direct is True and comps["colorama"][0].direct is False
    assert comps["flake8"][0].scope is Scope.DEVELOPMENT and comps["pytest"][0].scope is Scope.TEST
    assert comps["click"][0].hashes[0][0] == "SHA-256"
    assert ("pkg:pypi/click@8.1.7", "pkg:pypi/colorama@0.4.6") in _edges(fr)


def test_pipfile_lock():
    fr = _run("pypi-pipfile-lock", "Pipfile.lock", PIPFILE_LOCK, {"Pipfile": PIPFILE})
    comps = by_name(fr)
    assert comps["certifi"][0].purl == "pkg:pypi/certifi@2024.2.2" and comps["certifi"][0].direct is False
    assert len(comps["certifi"][0].hashes) == 2 and comps["certifi"][0].location.line == 19
    assert comps["django"][0].direct is True
    assert comps["pytest"][0].scope is Scope.DEVELOPMENT
    assert comps["records"][0].version == "5941ab2798cb91455b6424a9564c9cd680ad59b1" and comps["records"][0].pinned
    assert "local-lib" not in comps


def test_merge_folds_manifest_ranges_into_lock_pins():
    tree = MemoryTree({"pyproject.toml": POETRY_PYPROJECT, "poetry.lock": POETRY2})
    result = scan_tree(tree, "t", "mem")
    purls = {c.purl for c in result.components if c.ecosystem == "pypi"}
    assert "pkg:pypi/pysaml2" not in purls and any(p.startswith("pkg:pypi/pysaml2@7.5.0") for p in purls)
    assert "pkg:pypi/requests" not in purls and "pkg:pypi/requests@2.31.0" in purls


def test_bad_lockfiles_are_issues_not_crashes():
    cases = [
        ("pypi-poetry-lock", "poetry.lock", b"[[package]\n"),
        ("pypi-poetry-lock", "poetry.lock", b"package = 5\n"),
        ("pypi-poetry-lock", "poetry.lock", b"x = 1\n"),
        ("pypi-uv-lock", "uv.lock", b"package = 'x'\n"),
        ("pypi-uv-lock", "uv.lock", b"[[package]]\nname = 5\n"),
        ("pypi-pdm-lock", "pdm.lock", b"\x00"),
        ("pypi-pipfile-lock", "Pipfile.lock", b"[]"),
        ("pypi-pipfile-lock", "Pipfile.lock", b'{"default": {"x": 5, "y": {"version": 3, "hashes": 7}}}'),
        ("pypi-pipfile-lock", "Pipfile.lock", b"[" * 100_000),
    ]
    for name, path, data in cases:
        fr = _run(name, path, data)
        assert fr.components == [], (name, data)


test_fuzz_poetry_lock = fuzz("pypi-poetry-lock", "poetry.lock", [POETRY1, POETRY2])
test_fuzz_uv_lock = fuzz("pypi-uv-lock", "uv.lock", [UV])
test_fuzz_pdm_lock = fuzz("pypi-pdm-lock", "pdm.lock", [PDM])
test_fuzz_pipfile_lock = fuzz("pypi-pipfile-lock", "Pipfile.lock", [PIPFILE_LOCK],
                              json_documents(json.loads(PIPFILE_LOCK)))
