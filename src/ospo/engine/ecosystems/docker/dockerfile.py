"""Dockerfile / Containerfile: base images (``FROM``) and images files are copied from (``--from=``).

Read with a line parser that follows the Dockerfile reference: parser directives (``# syntax=`` names the
BuildKit frontend image, ``# escape=`` changes the continuation character), continuation lines, here-documents
(skipped, so that a ``FROM`` inside a heredoc script is not mistaken for an instruction), global ``ARG``
defaults substituted into ``FROM``, and stage names (``FROM builder`` and ``COPY --from=builder`` refer to an
earlier stage, not to an image; ``scratch`` is the empty image).

Scope: the final stage and the stages it is built from end up in the shipped image (RUNTIME); images used
only by other build stages are build tooling (DEVELOPMENT).
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.ecosystems.base import Extractor, Tree
from ospo.engine.ecosystems.docker._image import image_component, substitute
from ospo.engine.model import Component, FileResult, ParseIssue, Scope
from ospo.engine.safeparse import decode_text

_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")
_INSTR = re.compile(r"^\s*([A-Za-z]+)(?:\s+(.*))?$", re.S)
_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_FLAG = re.compile(r"^--([a-z-]+)(?:=(\S*))?$")
_MOUNT_FROM = re.compile(r"(?:^|,)from=([^,\s]+)")
_ARG_ITEM = re.compile(r"""([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?""")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# "Dockerfile.prod" is a Dockerfile; "dockerfile.py" (this very module) and friends are not.
_NOT_DOCKERFILES = (
    ".dockerignore", ".md", ".rst", ".txt", ".bak", ".orig", ".sh", ".py", ".pyc", ".js", ".ts", ".go", ".rs",
    ".java", ".kt", ".rb", ".php", ".cs", ".json", ".yml", ".yaml", ".toml", ".lock", ".html", ".j2", ".jinja",
    ".tpl", ".tmpl", ".erb", ".mustache", ".ps1", ".bat",
)


class _Stage:
    __slots__ = ("base_stage", "name", "refs")

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.base_stage: int | None = None  # index of the stage this one is built FROM
        # (component, stage index it depends on or None for an image)
        self.refs: list[Component] = []


class DockerfileExtractor(Extractor):
    name = "docker-dockerfile"
    ecosystem = "docker"
    kind = "manifest"

    def wants(self, path: str) -> bool:
        base = posixpath.basename(path).lower()
        if base.endswith(_NOT_DOCKERFILES):
            return False
        return (
            base in ("dockerfile", "containerfile")
            or base.startswith(("dockerfile.", "dockerfile-", "containerfile."))
            or base.endswith((".dockerfile", ".containerfile"))
        )

    def extract(self, path: str, data: bytes, tree: Tree) -> FileResult:
        text = decode_text(data)
        result = self.result(path)
        lines = text.splitlines()
        escape = "\\"
        syntax: tuple[str, int] | None = None
        i = 0
        # Parser directives: only at the very top, before any instruction, comment or blank line.
        while i < len(lines):
            m = _DIRECTIVE.match(lines[i].strip())
            if not m:
                break
            key, value = m.group(1).lower(), m.group(2)
            if key == "escape" and value in ("\\", "`"):
                escape = value
            elif key == "syntax":
                syntax = (value, i + 1)
            i += 1

        global_args: dict[str, str] = {}
        stages: list[_Stage] = []
        stage_index: dict[str, int] = {}
        for start, instr, rest in self._instructions(lines, i, escape):
            if instr == "ARG":
                if not stages:
                    for m in _ARG_ITEM.finditer(rest):
                        if m.group(2) is not None:
                            global_args[m.group(1)] = _unquote(m.group(2))
                continue
            if instr == "FROM":
                self._from(path, start, rest, global_args, stages, stage_index, result)
            elif instr in ("COPY", "ADD", "RUN") and stages:
                self._copy_from(path, start, instr, rest, global_args, stages, stage_index, result)

        runtime: set[int] = set()
        idx: int | None = len(stages) - 1 if stages else None
        while idx is not None and idx not in runtime:
            runtime.add(idx)
            idx = stages[idx].base_stage
        for n, stage in enumerate(stages):
            for comp in stage.refs:
                if n not in runtime:
                    comp.scope = Scope.DEVELOPMENT
                result.components.append(comp)
        if syntax:
            comp = image_component(syntax[0], path=path, line=syntax[1], scope=Scope.DEVELOPMENT,
                                   properties={"dockerfile-syntax": "true"})
            if comp:
                result.components.append(comp)
        return result

    @staticmethod
    def _instructions(lines: list[str], i: int, escape: str):  # type: ignore[no-untyped-def]
        """Yield (line number, INSTRUCTION, arguments) with continuations joined and heredocs skipped."""
        n = len(lines)
        while i < n:
            line = lines[i]
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                i += 1
                continue
            start = i + 1
            parts = []
            while True:
                body = line.rstrip()
                if body.endswith(escape) and i + 1 < n:
                    parts.append(body[:-1])
                    i += 1
                    line = lines[i]
                    # comment lines inside a continuation are dropped by the Dockerfile parser
                    while i + 1 < n and line.strip().startswith("#"):
                        i += 1
                        line = lines[i]
                    continue
                parts.append(body[:-1] if body.endswith(escape) else body)
                i += 1
                break
            full = " ".join(p.strip() for p in parts)
            m = _INSTR.match(full)
            if not m:
                continue
            instr, rest = m.group(1).upper(), (m.group(2) or "").strip()
            for hd in _HEREDOC.finditer(rest) if instr in ("RUN", "COPY", "ADD") else ():
                strip_tabs, delim = hd.group(1) == "-", hd.group(3)
                while i < n:
                    candidate = lines[i].lstrip("\t") if strip_tabs else lines[i]
                    i += 1
                    if candidate.rstrip("\r") == delim:
                        break
            yield start, instr, rest

    @staticmethod
    def _from(path: str, line: int, rest: str, args: dict[str, str], stages: list[_Stage],
              stage_index: dict[str, int], result: FileResult) -> None:
        words = rest.split()
        platform = None
        while words and words[0].startswith("--"):
            fm = _FLAG.match(words.pop(0))
            if fm and fm.group(1) == "platform":
                platform = fm.group(2)
        name = None
        if len(words) >= 3 and words[1].lower() == "as":
            name = words[2]
        stage = _Stage(name)
        stages.append(stage)
        if name:
            stage_index[name.lower()] = len(stages) - 1
        if not words:
            result.issues.append(ParseIssue(path, f"line {line}: FROM without an image", "warning"))
            return
        ref, ok = substitute(words[0], args)
        if not ok:
            result.issues.append(ParseIssue(
                path, f"line {line}: FROM {words[0]} uses a build argument with no default; image unknown",
                "warning"))
            return
        if ref.lower() in stage_index and stage_index[ref.lower()] < len(stages) - 1:
            stage.base_stage = stage_index[ref.lower()]
            return
        if ref.lower() == "scratch":
            return
        props = {"stage": name} if name else {}
        if platform:
            props["platform"] = platform
        comp = image_component(ref, path=path, line=line, properties=props)
        if comp is None:
            result.issues.append(ParseIssue(path, f"line {line}: not an image reference: {ref[:80]}", "warning"))
            return
        stage.refs.append(comp)

    @staticmethod
    def _copy_from(path: str, line: int, instr: str, rest: str, args: dict[str, str], stages: list[_Stage],
                   stage_index: dict[str, int], result: FileResult) -> None:
        sources: list[str] = []
        for word in rest.split():
            if not word.startswith("--"):
                break
            fm = _FLAG.match(word)
            if not fm or fm.group(2) is None:
                continue
            if fm.group(1) == "from" and instr in ("COPY", "ADD"):
                sources.append(fm.group(2))
            elif fm.group(1) == "mount":
                mm = _MOUNT_FROM.search(fm.group(2))
                if mm:
                    sources.append(mm.group(1))
        for src in sources:
            ref, ok = substitute(_unquote(src), args)
            if not ok or ref.isdigit() or ref.lower() in stage_index:
                continue
            comp = image_component(ref, path=path, line=line, properties={"copy-from": "true"})
            if comp is not None:
                stages[-1].refs.append(comp)
