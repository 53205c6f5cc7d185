"""Scan a remote git repository by URL: a blobless partial clone, then only the wanted blobs, in one fetch.

Steps, and why:

1. ``git clone --bare --filter=blob:none --depth 1 --single-branch [--branch REF]`` into a temporary
   directory: commits and trees only, no working tree; a few hundred KB even for large repositories.
   A ref that is a full commit id is fetched by id (``git fetch --depth 1 origin <sha>``); any other ref
   that is not a branch or tag (a short id, ``v2~3``) falls back to a blobless clone of the whole history.
2. The tree is listed (:class:`GitTree`, no blob needed) and the scanner's :func:`wanted_files` says which
   paths the extractors will read.
3. Those blobs are fetched in ONE request, the way git's own promisor code batches a checkout:
   ``git fetch --filter=blob:none --stdin origin`` with the blob ids on stdin. Letting ``cat-file`` fetch
   them lazily costs one fetch (one connection, one negotiation) per file.
4. The scan reads the blobs locally; the temporary directory is always removed.

Credentials in the URL are used for the clone and never shown: ``ScanResult.source`` and every message
carry the URL without its user-info. Every git call has a time-out and cannot prompt.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from ospo.engine.model import ParseIssue, ScanResult
from ospo.engine.scanner import scan_tree, wanted_files
from ospo.engine.sources.gitcmd import NETWORK_TIMEOUT_S, GitError, redact, run_git, run_git_capped
from ospo.engine.sources.gitstore import GitTree

if TYPE_CHECKING:
    from ospo.engine.api import ScanOptions
    from ospo.engine.ecosystems.base import Extractor

_SCHEMES = frozenset({"https", "http", "ssh", "git", "file"})
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")
_FULL_SHA = re.compile(r"^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")


def public_url(url: str) -> str:
    """The URL without user-info (tokens, passwords), query or fragment: safe for results and logs."""
    if _SCP_LIKE.match(url):
        return url  # user@host:path — the user is an ssh login name, there is no secret in it
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return redact(url)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _secrets(url: str) -> list[str]:
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    # Very short user names ("git", "u") are not secrets, and masking them would garble every message.
    return [s for s in (parts.password, parts.username) if s and len(s) >= 6]


def check_url(url: str) -> str | None:
    """Why ``url`` is refused, or None. Only network transports and file:// — never ``ext::`` or an option."""
    if url.startswith("-") or any(c in url for c in "\0\n\r"):
        return "refused URL: not a repository address"
    if _SCP_LIKE.match(url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return "refused URL: malformed"
    if scheme not in _SCHEMES:
        return f"refused URL scheme {scheme or '(none)'!r}: only {', '.join(sorted(_SCHEMES))}"
    return None


def clone_partial(url: str, dest: Path, ref: str | None, timeout: float = NETWORK_TIMEOUT_S) -> str:
    """Blobless bare clone of ``url`` into ``dest``; return the revision expression to read (``HEAD`` or ref)."""
    secrets = _secrets(url)
    common = ["clone", "--quiet", "--bare", "--filter=blob:none", "--template="]
    shallow = ["--depth", "1", "--single-branch", "--no-tags"]
    if ref is None:
        run_git(None, *common, *shallow, "--", url, str(dest), timeout=timeout, secrets=secrets)
        return "HEAD"
    if _FULL_SHA.match(ref):
        run_git(None, *common, *shallow, "--", url, str(dest), timeout=timeout, secrets=secrets)
        run_git(
            dest,
            "fetch",
            "--quiet",
            "--depth",
            "1",
            "--no-tags",
            "--filter=blob:none",
            "origin",
            ref,
            timeout=timeout,
            secrets=secrets,
        )
        return ref
    try:
        run_git(None, *common, *shallow, "--branch", ref, "--", url, str(dest), timeout=timeout, secrets=secrets)
        return "HEAD"
    except GitError as exc:
        if "not found in upstream" not in str(exc):
            raise
    # Not a branch or tag name: a short commit id or an expression; it needs the history.
    shutil.rmtree(dest, ignore_errors=True)
    run_git(None, *common, "--", url, str(dest), timeout=timeout, secrets=secrets)
    return ref


MAX_FETCH_BYTES = 512 * 1024 * 1024  # what one batched blob fetch may write to the worker's disk


def prefetch_blobs(
    git_dir: Path, oids: list[str], url: str = "", timeout: float = NETWORK_TIMEOUT_S, max_bytes: int = MAX_FETCH_BYTES
) -> None:
    """Fetch these blobs from the promisor remote in one request (what ``git checkout`` does internally).

    Stopped (:class:`GitError`) when the download passes ``max_bytes``: a repository full of large media must not
    fill the worker's disk for a scan that reads its text files.
    """
    unique = sorted(set(oids))
    if not unique:
        return
    run_git_capped(
        git_dir,
        "-c",
        "fetch.negotiationAlgorithm=noop",
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--recurse-submodules=no",
        "--filter=blob:none",
        "--stdin",
        "origin",
        stdin="".join(f"{o}\n" for o in unique).encode("ascii"),
        max_bytes=max_bytes,
        timeout=timeout,
        secrets=_secrets(url),
    )


def is_shallow(git_dir: Path) -> bool:
    """Whether older commits exist on the remote that this clone does not have."""
    out = run_git(git_dir, "rev-parse", "--is-shallow-repository")
    return out.strip() == b"true"


def deepen_history(
    git_dir: Path, url: str, want: str, commit: str, since: int, changesets: int = 0, timeout: float = NETWORK_TIMEOUT_S
) -> bool:
    """Fetch the history of ``commit`` (the tip of ``want`` on the remote) that a history-reading pass needs
    into a depth-1 partial clone; True when it is still cut (older commits exist and were not fetched).

    What is fetched, and why this way rather than ``--unshallow`` or a fixed ``--deepen``:

    * commits only (``--filter=tree:0``: no trees, no blobs). The history checks read commit objects (authors,
      dates, parents, trailers, signature headers) with ``git log --pretty=raw``, which touches no tree; the
      commit's own tree is already here from the clone. A year of commits of a very busy repository is a few
      MB; its trees would be orders of magnitude more.
    * the tags first, each at depth 1 (the tag object and its commit): the signature check reads the tags.
      Fetched before the branch is deepened, because a tag fetched afterwards at depth 1 would mark a commit
      inside the fetched window as a shallow boundary and cut ``git log`` there.
    * ``--shallow-since=since``: every commit newer than the window's start — the windows are defined in time
      (a year before the newest commit, 90 days before now), so a count (``--deepen``) would be too short for a
      busy project and needlessly long for a quiet one, and ``--unshallow`` has no cap at all.
    * then, only when the first-parent chain holds fewer than ``changesets`` commits and the clone is still
      shallow, ``--deepen=changesets``: the review check reads the last N changesets whatever their age.

    The transfers are bounded by the window (not the repository's age) and each has the network time-out;
    git's own size limits apply. Raises ``GitError`` (the caller reports the history as not evaluated).
    """
    # ``want`` is the scan's ref, which forge discovery copies from the forge's answer: git reads options after
    # the remote name, so "--upload-pack=…" would run a command here (over file://). Refused, and the fetches
    # mark the end of their options as well.
    if not want or want.startswith("-") or any(c in want for c in "\0\n\r"):
        raise GitError(f"invalid ref {want!r}")
    if not is_shallow(git_dir):
        return False  # a full clone (a ref that needed the history) already has everything
    secrets = _secrets(url)
    common = ["fetch", "--quiet", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=tree:0"]
    try:
        run_git(git_dir, *common, "--depth=1", "origin", "+refs/tags/*:refs/tags/*", timeout=timeout, secrets=secrets)
    except GitError:
        # git fails a deepening fetch that has nothing to fetch: a repository without tags is not an error
        if run_git(git_dir, "ls-remote", "--tags", "--refs", "origin", timeout=timeout, secrets=secrets).strip():
            raise

    def deepen(limit: str) -> None:  # one deepening fetch of ``want``, tags left alone
        run_git(
            git_dir, *common, limit, "--no-tags", "--end-of-options", "origin", want, timeout=timeout, secrets=secrets
        )

    deepen(f"--shallow-since={int(since)}")
    if changesets > 0 and is_shallow(git_dir):
        chain = run_git(
            git_dir, "rev-list", "--first-parent", f"--max-count={changesets + 1}", commit, "--", timeout=timeout
        )
        if len(chain.split()) <= changesets:
            deepen(f"--deepen={changesets}")
    return is_shallow(git_dir)


def scan_remote(
    url: str, name: str, options: ScanOptions, extractors: tuple[Extractor, ...] | None = None
) -> ScanResult:
    """Scan ``url`` at ``options.ref`` (default: the remote's HEAD). Never raises; failures are issues."""
    shown = public_url(url)
    source = f"{shown}@{options.ref}" if options.ref else shown
    refused = check_url(url)
    if refused:
        return _failed(name, source, refused)
    tmp = Path(tempfile.mkdtemp(prefix="ospo-clone-"))
    try:
        git_dir = tmp / "repo.git"
        rev = clone_partial(url, git_dir, options.ref)
        with GitTree(git_dir, rev, options.skip) as tree:
            pairs = wanted_files(tree, extractors)
            warning = None
            try:
                prefetch_blobs(git_dir, [oid for p, _ in pairs if (oid := tree.blob_id(p))], url)
            except GitError as exc:  # the reads fall back to git's lazy, one-blob-per-fetch path
                warning = ParseIssue(source, f"batched blob fetch failed, reading lazily: {exc}", "warning")
            result = scan_tree(tree, name=name, source=source, revision=tree.commit, extractors=extractors)
            result.issues.extend(tree.issues)
            if warning:
                result.issues.append(warning)
            return result
    except GitError as exc:
        return _failed(name, source, str(exc))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _failed(name: str, source: str, message: str) -> ScanResult:
    result = ScanResult(name=name, source=source)
    result.issues.append(ParseIssue(source, message))
    return result
