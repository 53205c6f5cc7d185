"""The commit history, read with ONE ``git log`` and one ``git for-each-ref``, parsed in Python.

``git log -z --pretty=raw`` prints every commit object as stored: its headers (parents, author, committer
with timestamps, ``gpgsig`` when the commit carries a signature) and its message, so signatures, trailers
(``Signed-off-by``, ``Reviewed-by``, ``Co-authored-by``) and merges all come from the same process. A
signature header is *presence* only: nothing is verified, no gpg is run (``log.showSignature`` is forced
off so a repository's config cannot make git run it). The window is the newest ``max_commits`` commits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ospo.engine.sources.gitcmd import run_git

_PERSON = re.compile(r"^(?P<name>.*?) ?<(?P<email>[^<>]*)> (?P<time>-?\d+)(?: [+-]\d{4})?$")
_TRAILER = re.compile(r"^(?P<key>[A-Za-z][A-Za-z-]{1,40}):[ \t]*(?P<value>\S.*)$")
TRAILER_KEYS = frozenset({"signed-off-by", "reviewed-by", "co-authored-by", "acked-by", "approved-by",
                          "reviewed-on", "tested-by"})
_SIG_HEADERS = frozenset({"gpgsig", "gpgsig-sha256"})
_TAG_SIGNATURE = ("-----BEGIN PGP SIGNATURE-----", "-----BEGIN SSH SIGNATURE-----", "-----BEGIN SIGNED MESSAGE-----")


@dataclass(slots=True)
class Commit:
    sha: str
    parents: tuple[str, ...] = ()
    author_name: str = ""
    author_email: str = ""
    author_time: int = 0
    committer_name: str = ""
    committer_email: str = ""
    committer_time: int = 0
    signed: bool = False  # a gpgsig header is present (PGP, SSH or X.509); not verified
    message: str = ""
    trailers: list[tuple[str, str]] = field(default_factory=list)  # (lower-cased key, value)

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def trailer_values(self, key: str) -> list[str]:
        return [v for k, v in self.trailers if k == key]


@dataclass(slots=True)
class Tag:
    name: str
    annotated: bool
    time: int
    signed: bool


@dataclass(slots=True)
class History:
    commits: list[Commit]  # newest first (git log order)
    tags: list[Tag] = field(default_factory=list)
    truncated: bool = False  # the window was full: older commits exist but were not read
    malformed: int = 0  # records that could not be parsed (skipped, counted)

    @property
    def head(self) -> Commit | None:
        return self.commits[0] if self.commits else None


def _person(value: str) -> tuple[str, str, int] | None:
    m = _PERSON.match(value)
    if m is None:
        return None
    return m["name"], m["email"].strip().lower(), int(m["time"])


def parse_record(record: str) -> Commit | None:
    """One ``--pretty=raw`` record → a Commit, or None when it does not start like one."""
    header, _, body = record.partition("\n\n")
    lines = header.split("\n")
    first = lines[0].split()
    if len(first) < 2 or first[0] != "commit" or not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", first[1]):
        return None
    commit = Commit(sha=first[1])
    parents: list[str] = []
    current = ""
    for line in lines[1:]:
        if line.startswith(" "):  # continuation of a multi-line header (gpgsig, mergetag)
            continue
        key, _, value = line.partition(" ")
        current = key
        if key == "parent":
            parents.append(value.strip())
        elif key in ("author", "committer"):
            person = _person(value)
            if person is None:
                continue
            if key == "author":
                commit.author_name, commit.author_email, commit.author_time = person
            else:
                commit.committer_name, commit.committer_email, commit.committer_time = person
        elif current in _SIG_HEADERS:
            commit.signed = True
    commit.parents = tuple(parents)
    message = "\n".join(ln[4:] if ln.startswith("    ") else ln.lstrip() for ln in body.split("\n")).strip("\n")
    commit.message = message
    for line in message.split("\n"):
        m = _TRAILER.match(line.strip())
        if m and m["key"].lower() in TRAILER_KEYS:
            commit.trailers.append((m["key"].lower(), m["value"].strip()))
    return commit


def parse_log(output: bytes) -> tuple[list[Commit], int]:
    """The NUL-separated records of ``git log -z --pretty=raw`` → commits, and how many records were malformed."""
    commits: list[Commit] = []
    malformed = 0
    for raw in output.split(b"\x00"):
        if not raw.strip():
            continue
        commit = parse_record(raw.decode("utf-8", "replace").lstrip("\n"))
        if commit is None:
            malformed += 1
        else:
            commits.append(commit)
    return commits, malformed


def parse_tags(output: bytes) -> list[Tag]:
    """Records of ``for-each-ref --format=name US type US date US signature RS``."""
    tags: list[Tag] = []
    for raw in output.split(b"\x1e"):
        fields = raw.decode("utf-8", "replace").strip("\n").split("\x1f")
        if len(fields) != 4 or not fields[0]:
            continue
        name, kind, date, signature = fields
        tags.append(Tag(name=name, annotated=kind == "tag", time=int(date) if date.lstrip("-").isdigit() else 0,
                        signed=kind == "tag" and any(s in signature for s in _TAG_SIGNATURE)))
    return tags


def read_history(git_dir: str | os.PathLike[str], commit: str, max_commits: int = 5000) -> History:
    """Read the newest ``max_commits`` commits reachable from ``commit`` and every tag. Raises GitError."""
    out = run_git(git_dir, "-c", "log.showSignature=false", "-c", "log.mailmap=false", "--no-replace-objects",
                  "log", "-z", "--pretty=raw", "--no-color", "--no-decorate", "--no-notes", "--no-show-signature",
                  f"--max-count={max(1, max_commits)}", commit, "--")
    commits, malformed = parse_log(out)
    tags_out = run_git(git_dir, "--no-replace-objects", "for-each-ref",
                       "--format=%(refname:short)%1f%(objecttype)%1f%(creatordate:unix)%1f%(contents:signature)%1e",
                       "refs/tags")
    return History(commits=commits, tags=parse_tags(tags_out), truncated=len(commits) >= max_commits,
                   malformed=malformed)
