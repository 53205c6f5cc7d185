"""Hygiene and secrets of a repository read by URL (a depth-1 blobless partial clone, deepened for the history
windows) give the verdicts a local read of the same repository gives. Served through file:// with the server
options a forge has (filters, any-SHA wants); never the internet."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ospo.engine.api import ScanOptions, open_tree
from ospo.engine.hygiene.context import Options
from ospo.engine.hygiene.model import Verdict
from ospo.engine.hygiene.runner import history_since, hygiene, hygiene_store
from ospo.engine.secrets.detectors import github_checksum
from ospo.engine.secrets.tree import scan_commit
from ospo.engine.sources import remote

DAY = 86_400
NOW = 1_790_000_000  # a fixed clock: the windows do not depend on when the test runs
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
BODY = "Yq3Rt7Wm1Kp5Xz9Vc2Ln8Hd4Mf6Gj0"
FAKE_KEY = "ghp_" + BODY + github_checksum(BODY)  # a well-formed GitHub token shape, built at run time


def git(cwd: Path, *args: str, when: int | None = None, who: str = "Ana <ana@agency.gov.example>") -> str:
    name, email = who[:-1].split(" <")
    env = {
        **ENV,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True, text=True).stdout


def commit(
    repo: Path,
    path: str,
    content: str | bytes,
    when: int,
    who: str = "Ana <ana@agency.gov.example>",
    message: str = "change",
) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    git(repo, "add", "-A", when=when, who=who)
    git(repo, "commit", "-q", "-m", message, when=when, who=who)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with three years of history: old commits (outside every window) by other people, a tag
    on an old commit and one on a recent one, files read by the file checks, a binary and a planted key."""
    repo = tmp_path_factory.mktemp("hygremote") / "app"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    start = NOW - 3 * 365 * DAY
    for i in range(12):  # old history: another organisation, long before the windows
        commit(repo, f"old/{i}.txt", f"{i}\n", start + i * 10 * DAY, who="Old <old@former.org.example>")
    git(repo, "tag", "-a", "v0.1", "-m", "old release", when=start + 120 * DAY)
    commit(repo, "README.md", "# App\n\nWhat it does, how to install it and how to use it.\n" * 5, NOW - 200 * DAY)
    commit(repo, "LICENSE", "MIT License\n\nCopyright (c) 2024 Agency\n", NOW - 190 * DAY)
    commit(repo, "CONTRIBUTING.md", "Sign off your commits (DCO): Signed-off-by.\n", NOW - 180 * DAY)
    commit(repo, "package.json", '{"name": "app", "version": "1.0.0", "license": "MIT"}\n', NOW - 100 * DAY)
    commit(repo, "tools/helper.bin", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, NOW - 60 * DAY)
    commit(repo, "config/settings.py", f'TOKEN = "{FAKE_KEY}"\n', NOW - 40 * DAY, who="Bo <bo@other.gov.example>")
    for i in range(35):  # more first-parent changesets than the review check reads, inside the year
        commit(
            repo,
            f"src/m{i}.py",
            f"x = {i}\n",
            NOW - 30 * DAY + i * 3600,
            who="Bo <bo@other.gov.example>" if i % 2 else "Ana <ana@agency.gov.example>",
            message=f"change {i}\n\nSigned-off-by: someone <s@agency.gov.example>",
        )
    git(repo, "tag", "-a", "v1.0", "-m", "release", when=NOW - 2 * DAY)
    bare = repo.parent / "app.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], env=ENV, check=True)
    for key in ("uploadpack.allowFilter", "uploadpack.allowAnySHA1InWant"):
        git(bare, "config", key, "true")
    return bare


def _verdicts(report) -> dict[str, tuple[Verdict, int | None]]:
    return {c.id: (c.verdict, c.score) for c in report.checks}


def test_remote_hygiene_matches_the_local_read(served: Path) -> None:
    options = Options(lang="en", now=NOW)
    local = hygiene(str(served), options)
    with open_tree(f"file://{served}", ScanOptions()) as opened:
        assert opened.deepen is not None and opened.git_dir is not None
        report = hygiene_store(
            opened.git_dir,
            opened.revision,
            opened.name,
            opened.source,
            options,
            fetch=opened.fetch,
            deepen=opened.deepen,
        )
        # the clone holds the window, not the repository's first commits: older history really was left behind
        shallow_count = len(remote.run_git(opened.git_dir, "rev-list", "HEAD").split())
    assert report.revision == local.revision
    assert report.history and local.history
    assert shallow_count < 12 + 41  # the old commits (three years back) were not fetched
    remote_v, local_v = _verdicts(report), _verdicts(local)
    assert remote_v == local_v, {k: (remote_v.get(k), local_v.get(k)) for k in local_v if remote_v.get(k) != local_v[k]}
    # the history checks were judged, not skipped, and the file checks read the fetched blobs
    for check in ("maintained", "contributors", "bus-factor", "code-review", "dco", "signed"):
        assert remote_v[check][0] not in (Verdict.NOT_EVALUATED,), check
    assert remote_v["binaries"][0] == Verdict.FAIL  # the ELF in tools/ was read
    signed = next(c for c in report.checks if c.id == "signed")
    assert signed.details["tags"] == 2  # both tags, the old one included, without the old history


def test_history_window_covers_the_year_and_the_maintained_window() -> None:
    newest = NOW - 10 * DAY
    assert history_since(newest, NOW) <= newest - 365 * DAY
    stale = NOW - 400 * DAY  # the last commit is old: the 90 days before now reach further than its year
    assert history_since(stale, NOW) <= NOW - 90 * DAY


def test_failed_history_fetch_is_not_evaluated_never_a_fail(served: Path) -> None:
    def refuse(_since: int, _changesets: int) -> bool:
        raise remote.GitError("the server refused the shallow fetch")

    with open_tree(f"file://{served}", ScanOptions()) as opened:
        report = hygiene_store(
            opened.git_dir,
            opened.revision,
            opened.name,
            opened.source,
            Options(lang="en", now=NOW),
            fetch=opened.fetch,
            deepen=refuse,
        )
    verdicts = _verdicts(report)
    for check in ("maintained", "contributors", "bus-factor", "code-review", "dco", "signed"):
        assert verdicts[check][0] == Verdict.NOT_EVALUATED, check
    assert any("could not be fetched" in i for i in report.issues)


def test_remote_secrets_of_the_committed_tree_one_batched_fetch(served: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_tree(f"file://{served}", ScanOptions()) as opened:
        fetches: list[tuple[str, ...]] = []
        real, real_capped = remote.run_git, remote.run_git_capped

        def counting(git_dir, *args, **kwargs):
            if "fetch" in args:
                fetches.append(args)
            return real(git_dir, *args, **kwargs)

        def counting_capped(git_dir, *args, **kwargs):  # blob fetches go through the byte-capped runner
            fetches.append(args)
            return real_capped(git_dir, *args, **kwargs)

        monkeypatch.setattr(remote, "run_git", counting)
        monkeypatch.setattr(remote, "run_git_capped", counting_capped)
        report = scan_commit(opened.git_dir, opened.revision, opened.name, opened.source, fetch=opened.fetch)
        missing = [
            line
            for line in real(opened.git_dir, "rev-list", "--objects", "--missing=print", opened.revision)
            .decode()
            .splitlines()
            if line.startswith("?")
        ]
    assert len(fetches) == 1 and "--stdin" in fetches[0]  # one batched request for the blobs
    assert missing == []  # and every blob the scan read came with it (none fetched lazily, one by one)
    local = scan_commit(served, "HEAD", "app", str(served))
    assert [(f.kind, f.path, f.fingerprint) for f in report.findings] == [
        (f.kind, f.path, f.fingerprint) for f in local.findings
    ]
    assert any(f.path == "config/settings.py" for f in report.findings)
    assert report.files_scanned == local.files_scanned
    text = repr(report)
    assert FAKE_KEY not in text and BODY not in text  # nothing of the value is kept
