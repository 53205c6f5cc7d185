"""Git sources: a local object store read at a ref, and a remote partial clone — all offline (file://)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine import api
from ospo.engine.api import ScanOptions
from ospo.engine.ecosystems.npm import EXTRACTORS as NPM
from ospo.engine.model import ScanResult
from ospo.engine.scanner import scan_tree
from ospo.engine.sources import gitstore, remote
from ospo.engine.sources.directory import DirectoryTree
from ospo.engine.sources.gitcmd import GitError, redact
from ospo.engine.sources.gitstore import GitTree, scan_git
from ospo.engine.sources.remote import check_url, clone_partial, prefetch_blobs, public_url, scan_remote
from ospo.engine.sources.skip import SkipRules

from fuzzing import FUZZ_SETTINGS, mutations
from util import FIXTURES_NPM

NPM_EX = tuple(NPM)  # other ecosystems are developed concurrently; these tests pin the extractor set
PKG = (FIXTURES_NPM / "package.json").read_bytes()
LOCK = (FIXTURES_NPM / "package-lock.json").read_bytes()
GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(cwd: Path, *args: str, input: bytes | None = None) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, input=input, capture_output=True, check=True)
    return out.stdout.decode().strip()


@dataclasses.dataclass
class Repo:
    path: Path
    first: str  # commit tagged v1: only the root manifests
    head: str
    big_blob: str  # an unwanted 2 MB blob a partial clone must not fetch


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    root = tmp_path_factory.mktemp("src")
    git(root, "init", "-q", "-b", "main")
    (root / "package.json").write_bytes(PKG)
    (root / "package-lock.json").write_bytes(LOCK)
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    first = git(root, "rev-parse", "HEAD")
    git(root, "tag", "-a", "v1", "-m", "release 1")
    # Second commit: a sub-project, installed deps, a symlink out of the tree, a submodule, a big binary.
    (root / "app").mkdir()
    (root / "app" / "package.json").write_text('{"name": "app", "dependencies": {"left-pad": "1.3.0"}}\n')
    (root / "node_modules" / "ms").mkdir(parents=True)
    (root / "node_modules" / "ms" / "package.json").write_text('{"name": "ms", "version": "2.1.3"}\n')
    (root / "fixtures").mkdir()
    (root / "fixtures" / "package.json").write_text('{"dependencies": {"evil": "1.0.0"}}\n')
    (root / "evil").mkdir()
    os.symlink("/etc/passwd", root / "evil" / "package.json")
    (root / "assets").mkdir()
    (root / "assets" / "big.bin").write_bytes(os.urandom(2 * 1024 * 1024))
    git(root, "add", ".")
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{first},sub")
    git(root, "commit", "-qm", "second")
    big_blob = git(root, "rev-parse", "HEAD:assets/big.bin")
    (root / "package.json").write_bytes(PKG.replace(b'"~29.7.0"', b'"30.0.0"'))
    git(root, "commit", "-qam", "third")
    git(root, "config", "uploadpack.allowFilter", "true")
    git(root, "config", "uploadpack.allowAnySHA1InWant", "true")
    return Repo(root, first, git(root, "rev-parse", "HEAD"), big_blob)


def summary(result: ScanResult) -> dict:
    """Everything a scan reports, minus where it came from and how long it took."""
    return {
        "files": [(f.path, f.extractor, f.root, len(f.components), [i.message for i in f.issues])
                  for f in result.files],
        "components": sorted(
            (c.purl, c.version, c.scope, c.direct, c.license, tuple(c.hashes), tuple(map(str, c.locations)),
             tuple(sorted(c.properties.items())))
            for c in result.components),
        "edges": sorted((e.source, e.target) for e in result.edges),
        "issues": [i.message for i in result.issues],
    }


def checkout_scan(repo: Repo, commit: str, tmp_path: Path) -> ScanResult:
    work = tmp_path / f"checkout-{commit[:8]}"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(repo.path), str(work)], env=GIT_ENV, check=True)
    git(work, "checkout", "-q", commit)
    return scan_tree(DirectoryTree(work), name="x", source=str(work), extractors=NPM_EX)


# -- GitTree ---------------------------------------------------------------------------------------------

def test_tree_lists_regular_files_only_and_applies_skip_rules(repo: Repo):
    with GitTree(repo.path / ".git") as tree:
        paths = tree.paths()
        assert tree.commit == repo.head
        assert {"package.json", "package-lock.json", "app/package.json", "assets/big.bin"} <= set(paths)
        assert not [p for p in paths if p.startswith(("node_modules/", "fixtures/"))]
        assert "evil/package.json" not in paths  # symlink to /etc/passwd: never followed
        assert "sub" not in paths  # submodule
        assert tree.read("evil/package.json") is None and tree.read("sub") is None and tree.read("nope") is None
        assert tree.read("package.json") == PKG.replace(b'"~29.7.0"', b'"30.0.0"')
    with GitTree(repo.path / ".git", skip=SkipRules().with_changes(remove=["node_modules"])) as tree:
        assert "node_modules/ms/package.json" in tree.paths()
    with GitTree(repo.path / ".git", skip=SkipRules(prefixes=("app",))) as tree:
        assert "app/package.json" not in tree.paths()


def test_tree_reads_at_older_refs(repo: Repo):
    for ref in ("v1", repo.first, repo.first[:10], "main~2"):
        with GitTree(repo.path / ".git", ref) as tree:
            assert tree.commit == repo.first
            assert tree.paths() == ["package-lock.json", "package.json"]
            assert tree.read("package.json") == PKG


def test_one_long_lived_cat_file_process_closed_on_exit(repo: Repo):
    with GitTree(repo.path / ".git") as tree:
        tree.read("package.json")
        proc = tree._proc
        assert proc is not None
        for path in ("package-lock.json", "app/package.json", "assets/big.bin", "package.json"):
            assert tree.read(path)
            assert tree._proc is proc  # no process per file
    assert tree._proc is None and proc.poll() is not None
    with pytest.raises(RuntimeError), GitTree(repo.path / ".git") as tree2:
        tree2.read("package.json")
        proc2 = tree2._proc
        raise RuntimeError
    assert proc2 is not None and proc2.poll() is not None


def test_oversized_blob_yields_max_plus_one_bytes_and_restarts(repo: Repo, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(gitstore, "MAX_FILE_BYTES", 1000)
    with GitTree(repo.path / ".git") as tree:
        data = tree.read("assets/big.bin")
        assert data is not None and len(data) == 1001
        assert tree._proc is None  # dropped rather than drained
        assert tree.read("app/package.json") == b'{"name": "app", "dependencies": {"left-pad": "1.3.0"}}\n'
        assert tree._proc is not None  # restarted


def test_real_size_limit_is_reported_by_the_parser(tmp_path: Path):
    git(tmp_path, "init", "-q")
    big = b'{"name": "big", "description": "' + b"x" * (50 * 1024 * 1024) + b'"}'
    (tmp_path / "package.json").write_bytes(big)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "big")
    result = scan_git(tmp_path, "big", ScanOptions(ref="HEAD"), extractors=NPM_EX)
    assert result.files[0].issues[0].message.startswith("file too large")


@pytest.mark.parametrize("ref", ["HEAD", "v1", "first"])
def test_git_scan_equals_directory_scan_of_a_checkout(repo: Repo, ref: str, tmp_path: Path):
    ref = repo.first if ref == "first" else ref
    result = scan_git(repo.path, "x", ScanOptions(ref=ref), extractors=NPM_EX)
    commit = repo.first if ref != "HEAD" else repo.head
    assert result.revision == commit and result.source == f"{repo.path}@{ref}"
    expected = checkout_scan(repo, commit, tmp_path)
    assert summary(result) == summary(expected)
    assert result.components  # not vacuous
    if ref == "HEAD":
        assert {f.path for f in result.files} == {"package.json", "package-lock.json", "app/package.json"}


def test_bare_repository_is_scanned_at_head_by_default(repo: Repo, tmp_path: Path):
    bare = tmp_path / "mirror.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], env=GIT_ENV, check=True)
    result = api.scan_input(str(bare))
    assert result.revision == repo.head and result.source.endswith("@HEAD")
    assert {f.path for f in result.files} >= {"package.json", "app/package.json"}
    assert api.scan_input(str(bare), ScanOptions(ref="v1")).revision == repo.first


# -- bad input: always an issue, never an exception -----------------------------------------------------

def test_not_a_repository_unknown_ref_and_bad_refs(repo: Repo, tmp_path: Path):
    (tmp_path / "plain").mkdir()
    r = scan_git(tmp_path / "plain", "x", ScanOptions(ref="HEAD"))
    assert "not a git repository" in r.issues[0].message and not r.files
    r = scan_git(repo.path, "x", ScanOptions(ref="no-such-branch"))
    assert "unknown ref 'no-such-branch'" in r.issues[0].message
    r = scan_git(repo.path, "x", ScanOptions(ref="--output=/tmp/x"))
    assert "invalid ref" in r.issues[0].message
    r = scan_git(repo.path, "x", ScanOptions(ref=f"{repo.head}:package.json"))  # a blob, not a commit
    assert r.issues and r.revision is None


def test_corrupt_repository_and_missing_blob(repo: Repo, tmp_path: Path):
    fake = tmp_path / "fake.git"
    (fake / "objects").mkdir(parents=True)
    (fake / "HEAD").write_text("garbage\n")
    r = api.scan_input(str(fake))
    assert r.issues and r.issues[0].severity == "error"
    # A repository whose app/package.json blob was deleted: that file is an issue, the rest is scanned.
    broken = tmp_path / "broken"
    broken.mkdir()
    git(broken, "init", "-q")
    (broken / "package.json").write_bytes(PKG)
    (broken / "app").mkdir()
    (broken / "app" / "package.json").write_text('{"name": "app"}\n')
    git(broken, "add", ".")
    git(broken, "commit", "-qm", "x")  # loose objects: one file per object
    blob = git(broken, "rev-parse", "HEAD:app/package.json")
    (broken / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    r = scan_git(broken, "x", ScanOptions(ref="HEAD"), extractors=NPM_EX)
    by_path = {f.path: f for f in r.files}
    assert by_path["app/package.json"].issues and not by_path["package.json"].issues
    assert any("missing" in i.message for i in r.issues)


def test_git_missing_is_an_issue(repo: Repo, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    r = scan_git(repo.path, "x", ScanOptions(ref="HEAD"))
    assert "git is not installed" in r.issues[0].message
    r = scan_remote(repo.path.as_uri(), "x", ScanOptions())
    assert "git is not installed" in r.issues[0].message


def test_repository_config_cannot_run_programs(repo: Repo, tmp_path: Path):
    evil = tmp_path / "evil"
    subprocess.run(["git", "clone", "-q", str(repo.path), str(evil)], env=GIT_ENV, check=True)
    marker = tmp_path / "ran"
    for key in ("core.fsmonitor", "core.pager", "core.sshCommand", "diff.external"):
        git(evil, "config", key, f"touch {marker}")
    hooks = evil / ".git" / "hooks"
    for hook in ("post-checkout", "pre-command", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    r = scan_git(evil, "x", ScanOptions(ref="HEAD"), extractors=NPM_EX)
    assert r.revision == repo.head and not marker.exists()


# -- remote: partial clone over file:// -----------------------------------------------------------------

def objects_by_type(git_dir: Path) -> dict[str, set[str]]:
    out = subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "--batch-check", "--batch-all-objects"],
                         capture_output=True, env=GIT_ENV, check=True).stdout.decode()
    found: dict[str, set[str]] = {}
    for line in out.splitlines():
        oid, kind, _ = line.split()
        found.setdefault(kind, set()).add(oid)
    return found


def test_partial_clone_omits_blobs_and_prefetch_fetches_only_wanted(repo: Repo, tmp_path: Path):
    dest = tmp_path / "c.git"
    rev = clone_partial(repo.path.as_uri(), dest, None)
    assert rev == "HEAD"
    before = objects_by_type(dest)
    assert "blob" not in before and before["commit"] == {repo.head}  # blobless and shallow
    with GitTree(dest, rev) as tree:
        assert "assets/big.bin" in tree.paths()  # listing needs no blob
        wanted = [tree.blob_id(p) for p in ("package.json", "package-lock.json", "app/package.json")]
        prefetch_blobs(dest, [w for w in wanted if w])
        after = objects_by_type(dest)
        assert after["blob"] == set(wanted)
        assert repo.big_blob not in after["blob"]
        assert tree.read("package-lock.json") == LOCK


@pytest.mark.parametrize("ref", [None, "v1", "main", "first", "short"])
def test_remote_scan_equals_local_scan(repo: Repo, ref: str | None, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch):
    ref = {"first": repo.first, "short": repo.first[:9]}.get(ref or "", ref)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    result = scan_remote(repo.path.as_uri(), "x", ScanOptions(ref=ref), extractors=NPM_EX)
    local = scan_git(repo.path, "x", ScanOptions(ref=ref or "HEAD"), extractors=NPM_EX)
    assert result.revision == local.revision == (repo.head if ref in (None, "main") else repo.first)
    assert summary(result) == summary(local)
    assert list(temp_root.iterdir()) == []  # the clone is gone


def test_remote_credentials_never_shown(repo: Repo):
    token = "ghp_SECRETtoken1234567890"
    url = f"https://x-access-token:{token}@127.0.0.1:9/org/repo.git"
    assert public_url(url) == "https://127.0.0.1:9/org/repo.git"
    assert public_url("git@github.com:org/repo.git") == "git@github.com:org/repo.git"
    assert redact(f"fatal: unable to access '{url}'") == "fatal: unable to access 'https://127.0.0.1:9/org/repo.git'"
    result = scan_remote(url, "repo", ScanOptions(ref="v1"))
    assert result.source == "https://127.0.0.1:9/org/repo.git@v1"
    assert result.issues and all(token not in str(i) for i in result.issues)
    # file:// with user-info: the clone works, nothing shows the password
    uri = repo.path.as_uri().replace("file://", f"file://user:{token}@localhost")
    result = scan_remote(uri, "repo", ScanOptions(ref="does-not-exist"))
    assert token not in result.source and all(token not in str(i) for i in result.issues)


def test_remote_refuses_command_transports_and_options():
    assert check_url("ext::sh -c 'touch /tmp/x'")
    assert check_url("--upload-pack=touch /tmp/x")
    assert check_url("fd::17")
    assert check_url("https://example.org/x.git") is None
    assert check_url("git@github.com:org/x.git") is None
    r = scan_remote("ext::sh -c touch% /tmp/ospo-pwned", "x", ScanOptions())
    assert r.issues and "refused" in r.issues[0].message and not Path("/tmp/ospo-pwned").exists()


def test_remote_unreachable_or_bad_ref_is_an_issue(repo: Repo, tmp_path: Path):
    r = scan_remote((tmp_path / "nothing").as_uri(), "x", ScanOptions())
    assert r.issues and r.issues[0].message.startswith("git clone failed")
    r = scan_remote(repo.path.as_uri(), "x", ScanOptions(ref="no-such-ref"))
    assert "unknown ref" in r.issues[0].message


def test_remote_falls_back_to_lazy_reads_when_batch_fetch_fails(repo: Repo, monkeypatch: pytest.MonkeyPatch):
    def broken(*_a: object, **_k: object) -> None:
        raise remote.GitError("git fetch failed: simulated")

    monkeypatch.setattr(remote, "prefetch_blobs", broken)
    r = scan_remote(repo.path.as_uri(), "x", ScanOptions(), extractors=NPM_EX)
    assert any(i.severity == "warning" and "lazily" in i.message for i in r.issues)
    assert r.components and not [i for f in r.files for i in f.issues]


def test_sha256_repository(tmp_path: Path):
    git(tmp_path, "init", "-q", "--object-format=sha256")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "package.json").write_bytes(PKG)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "x")
    with GitTree(tmp_path / ".git") as tree:
        assert len(tree.commit) == 64 and tree.paths() == ["app/package.json"]
        assert tree.read("app/package.json") == PKG


def test_a_hung_git_times_out_instead_of_hanging_the_scan(repo: Repo, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(gitstore, "git_argv", lambda *_a: ["sh", "-c", "sleep 30"])
    monkeypatch.setattr(gitstore, "READ_TIMEOUT_S", 0.3)
    started = time.monotonic()
    with GitTree(repo.path / ".git", read_timeout=0.3) as tree, pytest.raises(GitError, match="timed out"):
        tree.paths()
    assert time.monotonic() - started < 5
    r = gitstore.scan_git_dir(repo.path / ".git", "x", "src", "HEAD", SkipRules())
    assert r.issues and "timed out" in r.issues[0].message


_TREE_SEED = (b"100644 package.json\0" + bytes(range(20)) + b"40000 app\0" + bytes(20)
              + b"120000 link\0" + b"\xff" * 20 + b"160000 sub\0" + b"\x01" * 20)


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([_TREE_SEED]))
def test_fuzz_tree_object_parser(data: bytes):
    """A corrupt object store yields GitError (an issue), never another exception."""
    tree = GitTree.__new__(GitTree)
    tree.skip = SkipRules()
    blobs: dict[str, bytes] = {}
    deeper: list[tuple[str, bytes]] = []
    try:
        tree._entries("d/", data, 20, blobs, deeper)
    except GitError:
        return
    assert all(p.startswith("d/") and "/" not in p[2:] for p in blobs)
    assert all(len(o) == 20 for o in blobs.values()) and all(len(o) == 40 for _, o in deeper)


def test_tree_object_parser_on_seed():
    tree = GitTree.__new__(GitTree)
    tree.skip = SkipRules()
    blobs: dict[str, bytes] = {}
    deeper: list[tuple[str, bytes]] = []
    tree._entries("", _TREE_SEED, 20, blobs, deeper)
    assert blobs == {"package.json": bytes(range(20))} and deeper == [("app/", b"0" * 40)]
