"""Secrets in a repository given by URL: cloned into a temporary directory, scanned, always removed.

Why a real clone and not the inventory's blobless partial clone (``sources/remote.py``): the secrets scan reads
*every* blob — of one commit for the tree mode, of every commit for ``--history`` — so fetching blobs lazily or
by list would only add round trips. Tree mode clones ``--depth 1`` (one commit, its blobs); history mode clones
every branch and tag (``--bare``: all refs, no working tree). The URL is checked by the inventory's rules
(network transports and ``file://`` only, never ``ext::`` or an option), git runs without hooks, prompts or
pager and with a time-out (``sources/gitcmd.py``), and credentials in the URL appear in no output: the report's
source is the URL without user-info and git's messages are redacted.

A ``.ospo-secrets.yml`` committed at the root of the cloned commit is honoured like one in a local directory.
"""

from __future__ import annotations

import posixpath
import tempfile
from pathlib import Path

from ospo.engine.model import ParseIssue
from ospo.engine.secrets.allow import ALLOW_FILE, AllowRule, apply_allow, load_allow
from ospo.engine.secrets.history import scan_history
from ospo.engine.secrets.messages import CATALOG
from ospo.engine.secrets.model import SecretsReport
from ospo.engine.secrets.tree import SECRETS_SKIP, scan_files
from ospo.engine.sources.gitcmd import NETWORK_TIMEOUT_S, GitError, run_git
from ospo.engine.sources.remote import _SCP_LIKE, _secrets, check_url, public_url

_SCHEME = ("https://", "http://", "ssh://", "git://", "file://")


def is_url(spec: str) -> bool:
    """A repository address rather than a path (same forms as ``ospo scan``)."""
    return spec.lower().startswith(_SCHEME) or bool(_SCP_LIKE.match(spec))


def url_name(url: str) -> str:
    """The repository's name from its address: last path segment without ``.git``."""
    path = public_url(url).rstrip("/")
    base = posixpath.basename(path.split(":", 1)[-1] if _SCP_LIKE.match(path) else path)
    return base.removesuffix(".git") or path


def clone(url: str, dest: Path, history: bool, timeout: float = NETWORK_TIMEOUT_S) -> None:
    """Bare clone: the whole history (all branches and tags) or only the remote HEAD's commit."""
    shallow = [] if history else ["--depth", "1", "--single-branch", "--no-tags"]
    run_git(None, "clone", "--quiet", "--bare", "--template=", *shallow, "--", url, str(dest), timeout=timeout,
            secrets=_secrets(url))


def _committed_allow(git_dir: Path, tmp: Path, lang: str | None) -> tuple[list[AllowRule], list[ParseIssue]]:
    from ospo.engine.sources.gitstore import GitTree

    try:
        with GitTree(git_dir, "HEAD") as tree:
            data = tree.read(ALLOW_FILE) if ALLOW_FILE in tree.paths() else None
    except GitError:
        return [], []
    if data is None:
        return [], []
    path = tmp / ALLOW_FILE
    path.write_bytes(data)
    rules, issues = load_allow(path, lang)
    # The file is the repository's, not the temporary copy.
    return rules, [ParseIssue(ALLOW_FILE, i.message, i.severity) for i in issues]


def scan_url(url: str, history: bool = False, allow: str | Path | None = None, personal: bool = True,
             lang: str | None = None, timeout: float = NETWORK_TIMEOUT_S) -> SecretsReport:
    """Clone ``url``, scan its HEAD tree (or whole history), apply allow-lists. Never raises for bad input."""
    source = public_url(url)
    name = url_name(url)
    problem = check_url(url)
    if problem is not None:
        report = SecretsReport(name=name, source=source, history=history)
        report.issues.append(ParseIssue(source, CATALOG.get("clone_failed", lang, reason=problem)))
        return report
    with tempfile.TemporaryDirectory(prefix="ospo-secrets-") as tmp_name:
        tmp = Path(tmp_name)
        dest = tmp / "repo.git"
        try:
            clone(url, dest, history, timeout)
        except GitError as exc:
            report = SecretsReport(name=name, source=source, history=history)
            report.issues.append(ParseIssue(source, CATALOG.get("clone_failed", lang, reason=str(exc))))
            return report
        if history:
            report = scan_history(dest, name, source, personal, lang)
        else:
            from ospo.engine.sources.gitstore import GitTree

            try:
                with GitTree(dest, "HEAD", SECRETS_SKIP) as tree:
                    report = scan_files(tree, name, source, personal, lang)
            except GitError as exc:  # an empty repository has no HEAD
                report = SecretsReport(name=name, source=source)
                report.issues.append(ParseIssue(source, CATALOG.get("git_failed", lang, reason=str(exc))))
                return report
        rules, issues = _committed_allow(dest, tmp, lang)
        if allow:
            more, more_issues = load_allow(Path(allow), lang)
            rules += more
            issues += more_issues
    report.issues.extend(issues)
    apply_allow(report.findings, rules)
    return report
