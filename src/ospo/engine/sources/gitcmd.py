"""Run git on repositories we do not own, safely: no prompts, no pager, no config-driven programs, a time-out.

The repositories scanned are someone else's. Their ``config`` is attacker-controlled, so every call:

* names the repository explicitly (``--git-dir``): git never walks up into a parent repository, and the
  "dubious ownership" check (which exists to stop untrusted config from running programs in the user's
  prompt) does not apply; we do not disable it globally with ``safe.directory=*`` but instead make sure no
  command we run executes anything the repository's config names: ``core.fsmonitor`` is forced off, hooks
  point at ``/dev/null``, there is no pager, and only the plain transports are allowed (``ext::`` runs a
  command; remote helpers are programs);
* starts from a clean environment: inherited ``GIT_*`` variables (``GIT_DIR``, ``GIT_CONFIG_PARAMETERS``,
  ``GIT_OBJECT_DIRECTORY`` …) could silently redirect the read, so they are dropped; the system config is
  ignored (``GIT_CONFIG_NOSYSTEM``); the user's global config is kept because it holds their credential
  helper and proxy for private remotes;
* never prompts (``GIT_TERMINAL_PROMPT=0``, ssh in batch mode) and is killed after a time-out;
* never leaks a token: URLs are stripped of their user-info before they reach a message.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Sequence

GIT_TIMEOUT_S = 120.0  # local plumbing commands
NETWORK_TIMEOUT_S = 600.0  # clone / fetch

# Inherited variables kept: how to reach remotes, not where the repository is.
_KEEP_GIT_VARS = frozenset({"GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_PROXY_COMMAND"})

SAFE_CONFIG: tuple[str, ...] = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.pager=cat",
    # Transports: the plain ones only; never ext:: (runs a command) or fd::, nor any remote helper.
    "-c", "protocol.allow=never",
    "-c", "protocol.https.allow=always",
    "-c", "protocol.http.allow=always",
    "-c", "protocol.ssh.allow=always",
    "-c", "protocol.git.allow=always",
    "-c", "protocol.file.allow=always",
    "-c", "credential.interactive=false",
    # No detached background work (auto gc after many lazy fetches) writing into a directory being removed.
    "-c", "gc.auto=0",
    "-c", "maintenance.auto=false",
    "-c", "fetch.recurseSubmodules=false",
)  # fmt: skip

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")


class GitError(Exception):
    """A git command failed, timed out or git is missing. The message is safe to show (no credentials)."""


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEEP_GIT_VARS}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",  # reads must not write the repository (index refresh locks)
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        LC_ALL="C",  # stable, parseable messages
    )
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def git_argv(git_dir: str | os.PathLike[str] | None, *args: str) -> list[str]:
    base = ["git", "--no-pager", *SAFE_CONFIG]
    if git_dir is not None:
        base.append(f"--git-dir={os.fspath(git_dir)}")
    return [*base, *args]


def redact(text: str) -> str:
    """Remove user-info (tokens, passwords) from every URL in ``text``."""
    return _USERINFO.sub(r"\g<scheme>", text)


def run_git(
    git_dir: str | os.PathLike[str] | None,
    *args: str,
    stdin: bytes | None = None,
    timeout: float = GIT_TIMEOUT_S,
    secrets: Sequence[str] = (),
) -> bytes:
    """Run one git command and return its stdout; raise :class:`GitError` with a redacted reason otherwise."""
    argv = git_argv(git_dir, *args)
    try:
        proc = subprocess.run(
            argv,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=git_env(),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} timed out after {timeout:.0f} s") from None
    except OSError as exc:
        raise _not_run(exc) from None
    if proc.returncode != 0:
        raise GitError(f"git {args[0]} failed: {clean_stderr(proc.stderr, secrets)}")
    return proc.stdout


def _not_run(exc: OSError) -> GitError:
    """Why git could not be started at all."""
    if isinstance(exc, FileNotFoundError):
        return GitError("git is not installed (no 'git' on PATH)")
    return GitError(f"git could not be run: {exc.strerror}")


def _tree_bytes(root: str) -> int:
    """Bytes of the files below ``root`` (an object store: a few pack files and at most ~100 loose objects)."""
    total = 0
    stack = [root]
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_file(follow_symlinks=False):
                        total += entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return total


def run_git_capped(
    git_dir: str | os.PathLike[str],
    *args: str,
    stdin: bytes,
    max_bytes: int,
    timeout: float = NETWORK_TIMEOUT_S,
    secrets: Sequence[str] = (),
) -> None:
    """Run a fetch into ``git_dir`` and stop it when the object store grows by more than ``max_bytes``.

    Why a watchdog: blobs asked for by id are sent whatever their size (git's ``blob:limit`` filter spares only
    objects reached by traversal), and a blobless clone does not know blob sizes before fetching them, so the
    only bound on what a fetch writes to the worker's disk is watching the object store while it runs. On a stop
    the temporary pack is removed and :class:`GitError` says why.
    """
    objects = os.path.join(os.fspath(git_dir), "objects")
    start = _tree_bytes(objects)
    argv = git_argv(git_dir, *args)
    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=git_env()
        )
    except OSError as exc:
        raise _not_run(exc) from None
    import threading
    import time

    err: list[bytes] = []  # drained by a thread so that a chatty git never blocks on a full pipe
    pump = threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else b""), daemon=True)
    pump.start()
    try:
        assert proc.stdin is not None
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + timeout
        reason = ""
        while proc.poll() is None:
            if time.monotonic() > deadline:
                reason = f"git {args[0] if args else ''} timed out after {timeout:.0f} s"
            elif _tree_bytes(objects) - start > max_bytes:
                reason = f"git fetch stopped: more than {max_bytes // (1024 * 1024)} MiB to download"
            if reason:
                proc.kill()
                proc.wait()
                _remove_temporary_packs(objects)
                raise GitError(reason)
            time.sleep(0.1)
        pump.join(timeout=5)
        if proc.returncode != 0:
            raise GitError(f"git {args[0] if args else ''} failed: {clean_stderr(b''.join(err), secrets)}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _remove_temporary_packs(objects: str) -> None:
    pack = os.path.join(objects, "pack")
    try:
        names = os.listdir(pack)
    except OSError:
        return
    for name in names:
        if name.startswith(("tmp_pack", "tmp_idx", "tmp_rev")):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(pack, name))


def clean_stderr(stderr: bytes, secrets: Sequence[str] = ()) -> str:
    """The meaningful lines of git's stderr (fatal/error first), redacted, on one line."""
    text = stderr.decode("utf-8", "replace")
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    important = [ln for ln in lines if ln.startswith(("fatal:", "error:"))] or lines
    return redact("; ".join(important)[:500]) or "no message"
