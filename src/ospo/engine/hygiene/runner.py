"""Run every hygiene check over one input: a directory, or a git repository (working tree or bare).

Source selection follows ``api.scan_input``: a bare repository, or any repository when a ref is given, is
read from its object store. One difference, on purpose: a working tree with a ``.git`` is read at HEAD by
default, because hygiene judges what is COMMITTED — a local ``dist/`` or ``.venv`` ignored by git must not
count as a committed build output. ``worktree=True`` reads the files on disk instead. A plain directory
has no history: the history checks answer "not evaluated", never a made-up score.

A check that raises costs that check only: it becomes "not evaluated" with the error as evidence.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path

from ospo.engine.api import input_name
from ospo.engine.hygiene.context import Context, Options
from ospo.engine.hygiene.messages import CATALOG
from ospo.engine.hygiene.model import CheckResult, Evidence, HygieneReport, Verdict
from ospo.engine.hygiene.registry import Check, all_checks, discovery_errors
from ospo.engine.sources.skip import SkipRules

# The hygiene listing skips only version-control internals: committed node_modules, fixtures and vendored
# code are part of what a repository publishes (each check decides what to count).
HYGIENE_SKIP = SkipRules(frozenset({".git", ".hg", ".svn"}))


def run_checks(
    ctx: Context, checks: tuple[Check, ...] | None = None, only: set[str] | None = None
) -> list[CheckResult]:
    results = []
    for check in checks if checks is not None else all_checks():
        if only and check.id not in only:
            continue
        results.append(run_one(ctx, check))
    return results


def run_one(ctx: Context, check: Check) -> CheckResult:
    if check.needs_history and ctx.history is None:
        return CheckResult(
            id=check.id,
            title=ctx.msg(f"{check.id}.title"),
            score=None,
            verdict=Verdict.NOT_EVALUATED,
            summary=ctx.msg("common.no-history"),
            remediation="",
        )
    try:
        return check.run(ctx)
    except Exception as exc:  # one broken check must not lose the report
        where = traceback.extract_tb(exc.__traceback__)[-1]
        note = f"{type(exc).__name__}: {exc} ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        return CheckResult(
            id=check.id,
            title=ctx.msg(f"{check.id}.title"),
            score=None,
            verdict=Verdict.NOT_EVALUATED,
            summary=ctx.msg("common.internal-error"),
            remediation="",
            evidence=[Evidence(note[:300])],
        )


def hygiene(
    spec: str,
    options: Options | None = None,
    ref: str | None = None,
    worktree: bool = False,
    only: set[str] | None = None,
) -> HygieneReport:
    """The hygiene report of one input. Never raises for bad input: problems go to ``report.issues``."""
    from ospo.engine.sources.directory import DirectoryTree
    from ospo.engine.sources.gitcmd import GitError
    from ospo.engine.sources.gitstore import GitTree, find_git_dir, is_bare_repository

    options = options or Options()
    name = input_name(spec)
    report = HygieneReport(name=name, source=spec, lang=options.lang)
    path = Path(spec)
    if not path.is_dir():
        report.issues.append(CATALOG.get("common.not-a-directory", options.lang, path=spec))
        return report
    report.issues.extend(discovery_errors())
    git_dir = find_git_dir(path)
    use_git = git_dir is not None and (ref is not None or is_bare_repository(path) or not worktree)
    if use_git:
        assert git_dir is not None
        try:
            tree = GitTree(git_dir, ref or "HEAD", HYGIENE_SKIP)
        except GitError as exc:
            if ref is not None or is_bare_repository(path):
                report.issues.append(str(exc))
                return report
            # A repository without commits: judge the files on disk, without history.
            report.issues.append(CATALOG.get("common.no-commits", options.lang, reason=str(exc)))
            use_git = False
    if use_git:
        with tree:
            ctx = Context(
                tree, name, f"{os.fspath(path)}@{ref or 'HEAD'}", git_dir=git_dir, commit=tree.commit, options=options
            )
            report.revision = tree.commit
            report.checks = run_checks(ctx, only=only)
            report.issues.extend(tree.issues)
    else:
        dtree = DirectoryTree(path, HYGIENE_SKIP)
        history_dir = git_dir if (git_dir is not None and worktree) else None
        commit = None
        if history_dir is not None:
            try:
                commit = GitTree(history_dir, "HEAD", HYGIENE_SKIP).commit
            except GitError:
                history_dir = None
        ctx = Context(
            dtree, name, os.fspath(path), git_dir=history_dir, commit=commit, options=options, disk_root=str(dtree.root)
        )
        report.revision = commit
        report.checks = run_checks(ctx, only=only)
    report.history = ctx.history is not None
    report.issues.extend(ctx.issues)
    if "inventory" in ctx.__dict__:  # only when a check needed the inventory
        report.issues.extend(str(i) for i in ctx.inventory.all_issues)
    return report


# How far back a shallow clone is deepened: the contributors, bus factor, DCO and signature windows (a year
# before the newest commit) and the maintained window (90 days before now), a day of margin for time zones.
HISTORY_WINDOW_S = (365 + 1) * 86_400
MAINTAINED_WINDOW_S = (90 + 1) * 86_400
REVIEW_CHANGESETS = 30  # checks/history.CHANGESETS: the review check reads this many first-parent changesets


def history_since(newest: int, now: float) -> int:
    """The oldest commit time the history checks can look at, for a commit made at ``newest``."""
    return int(min(newest - HISTORY_WINDOW_S, now - MAINTAINED_WINDOW_S))


def hygiene_store(
    git_dir: str | os.PathLike[str],
    ref: str,
    name: str,
    source: str,
    options: Options | None = None,
    only: set[str] | None = None,
    fetch: Callable[[list[str]], None] | None = None,
    deepen: Callable[[int, int], bool] | None = None,
) -> HygieneReport:
    """The hygiene report of a git object store at ``ref``: a bare repository, or a partial clone of a remote one.

    For a partial clone (``api.OpenedInput`` of a URL) the caller passes its ``deepen`` and ``fetch``: the
    history is fetched for the checks' windows (commits only, :func:`history_since`), then the blobs the checks
    read (``Context.wanted_files``) in ONE request, so the checks never fetch lazily one blob at a time. When
    the history fetch fails, the history checks say "not evaluated" with the reason in the issues — never a
    fail for commits that were merely not fetched. Never raises for bad input.
    """
    from ospo.engine.hygiene.history import parse_record
    from ospo.engine.sources.gitcmd import GitError, run_git
    from ospo.engine.sources.gitstore import GitTree

    options = options or Options()
    report = HygieneReport(name=name, source=source, lang=options.lang)
    report.issues.extend(discovery_errors())
    try:
        tree = GitTree(git_dir, ref, HYGIENE_SKIP)
    except GitError as exc:
        report.issues.append(str(exc))
        return report
    with tree:
        ctx = Context(tree, name, source, git_dir=git_dir, commit=tree.commit, options=options)
        if deepen is not None:
            try:
                raw = run_git(git_dir, "cat-file", "commit", tree.commit)
                tip = parse_record(f"commit {tree.commit}\n" + raw.decode("utf-8", "replace"))
                newest = tip.committer_time if tip is not None else 0
                ctx.shallow = deepen(history_since(newest, ctx.now), REVIEW_CHANGESETS)
            except GitError as exc:
                report.issues.append(f"git history could not be fetched: {exc}")
                ctx.git_dir = None  # the history checks then answer "not evaluated"
        if fetch is not None:
            try:
                fetch(ctx.wanted_files())
            except GitError as exc:
                report.issues.append(f"batched blob fetch failed, reading lazily: {exc}")
        report.revision = tree.commit
        report.checks = run_checks(ctx, only=only)
        report.issues.extend(tree.issues)
    report.history = ctx.history is not None
    report.issues.extend(ctx.issues)
    if "inventory" in ctx.__dict__:
        report.issues.extend(str(i) for i in ctx.inventory.all_issues)
    return report
