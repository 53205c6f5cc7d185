"""CI configured; SAST configured; fuzzing configured — from configuration files and source markers.

What the repository alone cannot show (and the notes say so): CodeQL "default setup" and forge-side
scanners configured in the forge's settings, and OSS-Fuzz projects whose ``project.yaml`` lives in the
oss-fuzz repository. Property-based tests (Hypothesis, fast-check) are not fuzzing here.
"""

from __future__ import annotations

import posixpath
import re

from ospo.engine.hygiene.context import Context
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check

# (system, test on a path)
_CI: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("GitHub Actions", r"^\.github/workflows/[^/]+\.ya?ml$"),
    ("GitLab CI", r"^\.gitlab-ci\.ya?ml$"),
    ("Jenkins", r"(?:^|/)Jenkinsfile(?:\.[\w-]+)?$"),
    ("Azure Pipelines", r"^(?:\.azure-pipelines/.+\.ya?ml|azure-pipelines[\w.-]*\.ya?ml|\.azure/pipelines/.+\.ya?ml)$"),
    ("CircleCI", r"^\.circleci/config\.ya?ml$"),
    ("Woodpecker", r"^(?:\.woodpecker\.ya?ml|\.woodpecker/[^/]+\.ya?ml)$"),
    ("Forgejo/Gitea Actions", r"^\.(?:forgejo|gitea)/workflows/[^/]+\.ya?ml$"),
    ("Travis CI", r"^\.travis\.ya?ml$"),
    ("Bitbucket Pipelines", r"^bitbucket-pipelines\.ya?ml$"),
    ("Drone", r"^\.drone\.ya?ml$"),
    ("Buildkite", r"^\.buildkite/.+\.ya?ml$"),
    ("AppVeyor", r"^\.?appveyor\.ya?ml$"),
    ("Cirrus CI", r"^\.cirrus\.ya?ml$"),
    ("Semaphore", r"^\.semaphore/.+\.ya?ml$"),
    ("Tekton", r"^\.tekton/.+\.ya?ml$"),
    ("Google Cloud Build", r"^cloudbuild\.ya?ml$"),
    ("AWS CodeBuild", r"^buildspec\.ya?ml$"),
))

_SAST: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("CodeQL", r"github/codeql-action|\bcodeql\b"),
    ("Semgrep", r"\bsemgrep\b"),
    ("SonarQube/SonarCloud", r"sonarqube|sonarcloud|sonar-scanner|sonarsource/|\bsonar\.projectKey"),
    ("GitLab SAST", r"SAST\.gitlab-ci\.yml|Jobs/SAST|\bsast:"),
    ("gosec", r"\bgosec\b"),
    ("Bandit", r"\bbandit\b"),
    ("Brakeman", r"\bbrakeman\b"),
    ("Snyk Code", r"snyk code|snyk/actions"),
    ("Checkmarx", r"checkmarx"),
    ("Fortify", r"\bfortify\b"),
    ("SpotBugs/Find Security Bugs", r"findsecbugs|find-sec-bugs"),
    ("njsscan", r"\bnjsscan\b"),
    ("Horusec", r"\bhorusec\b"),
    ("DevSkim", r"\bdevskim\b"),
    ("Flawfinder", r"\bflawfinder\b"),
    ("Psalm taint analysis", r"psalm.*--taint-analysis"),
))
_SAST_FILES = ((".github/codeql", "CodeQL"), (".semgrep.yml", "Semgrep"), (".semgrep.yaml", "Semgrep"),
               (".semgrep", "Semgrep"), ("sonar-project.properties", "SonarQube/SonarCloud"), (".bandit", "Bandit"),
               ("bandit.yaml", "Bandit"), ("bandit.yml", "Bandit"), ("config/brakeman.yml", "Brakeman"))

_FUZZ_MARKERS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # (tool, which paths to read, what to look for)
    ("Go native fuzzing", re.compile(r"_test\.go$"), re.compile(r"^func Fuzz\w*\(\s*\w+ \*testing\.F\s*\)", re.M)),
    ("Atheris", re.compile(r"fuzz[^/]*\.py$|/fuzz[^/]*/.+\.py$", re.I),
     re.compile(r"^\s*(?:import|from) atheris", re.M)),
    ("Jazzer", re.compile(r"fuzz[^/]*\.(?:java|kt)$|/fuzz[^/]*/.+\.(?:java|kt)$", re.I),
     re.compile(r"com\.code_intelligence\.jazzer|@FuzzTest")),
    ("Jazzer.js", re.compile(r"(?:^|/)package\.json$"), re.compile(r"\"@jazzer\.js/")),
    ("libFuzzer", re.compile(r"fuzz[^/]*\.(?:c|cc|cpp|cxx)$|/fuzz[^/]*/.+\.(?:c|cc|cpp|cxx)$", re.I),
     re.compile(r"LLVMFuzzerTestOneInput")),
    ("cargo-fuzz", re.compile(r"(?:^|/)fuzz/Cargo\.toml$"), re.compile(r"libfuzzer-sys|cargo-fuzz\s*=\s*true")),
)
MAX_FUZZ_FILES = 3000
FUZZ_READ = 256 * 1024


def ci_files(ctx: Context) -> list[tuple[str, str]]:
    """(path, CI system) of every CI configuration file."""
    out = []
    for path in ctx.paths:
        for name, pattern in _CI:
            if pattern.search(path):
                out.append((path, name))
                break
    return out


def check_ci(ctx: Context) -> CheckResult:
    found = ci_files(ctx)
    if not found:
        return ctx.result("ci", 0, Verdict.FAIL, "missing")
    systems = sorted({name for _, name in found})
    ev = [Evidence(ctx.msg("evidence.tool", tool=name), path) for path, name in found[:20]]
    return ctx.result("ci", 10, Verdict.PASS, "ok", ev, {"systems": systems}, systems=", ".join(systems))


def check_sast(ctx: Context) -> CheckResult:
    ev: list[Evidence] = []
    tools: set[str] = set()
    for marker, tool in _SAST_FILES:
        if marker in ctx.path_set or marker in ctx.dirs:
            tools.add(tool)
            ev.append(Evidence(ctx.msg("evidence.tool", tool=tool), marker))
    config = [p for p, _ in ci_files(ctx)] + [p for p in (".pre-commit-config.yaml", "Makefile", "tox.ini",
                                                           "pyproject.toml", "setup.cfg") if p in ctx.path_set]
    for path in config:
        text = ctx.text(path) or ""
        for tool, pattern in _SAST:
            if tool in tools:
                continue
            m = pattern.search(text)
            if m:
                tools.add(tool)
                ev.append(Evidence(ctx.msg("evidence.tool", tool=tool), path, text.count("\n", 0, m.start()) + 1))
    if tools:
        return ctx.result("sast", 10, Verdict.PASS, "ok", ev, {"tools": sorted(tools)}, tools=", ".join(sorted(tools)))
    return ctx.result("sast", 0, Verdict.WARN, "missing")


def check_fuzzing(ctx: Context) -> CheckResult:
    ev: list[Evidence] = []
    tools: set[str] = set()
    if ".clusterfuzzlite" in ctx.dirs:
        tools.add("ClusterFuzzLite")
        ev.append(Evidence(ctx.msg("evidence.tool", tool="ClusterFuzzLite"), ".clusterfuzzlite/"))
    for path in ctx.paths:
        if posixpath.basename(path) == "project.yaml" and path.count("/") <= 2 and "fuzz" in path.lower():
            tools.add("OSS-Fuzz")
            ev.append(Evidence(ctx.msg("evidence.tool", tool="OSS-Fuzz"), path))
            break
    for path, _ in ci_files(ctx):
        text = ctx.text(path) or ""
        pos = text.find("google/oss-fuzz/infra/cifuzz")
        if pos >= 0:
            tools.add("CIFuzz")
            ev.append(Evidence(ctx.msg("evidence.tool", tool="CIFuzz (OSS-Fuzz)"), path, text.count("\n", 0, pos) + 1))
            break
    read = 0
    for tool, wanted, marker in _FUZZ_MARKERS:
        if tool in tools:
            continue
        for path in ctx.paths:
            if read >= MAX_FUZZ_FILES:
                break
            if not wanted.search(path):
                continue
            read += 1
            text = ctx.text(path, FUZZ_READ) or ""
            m = marker.search(text)
            if m:
                tools.add(tool)
                ev.append(Evidence(ctx.msg("evidence.tool", tool=tool), path, text.count("\n", 0, m.start()) + 1))
                break
    details = {"tools": sorted(tools), "files_read": read}
    if tools:
        return ctx.result("fuzzing", 10, Verdict.PASS, "ok", ev, details, tools=", ".join(sorted(tools)))
    return ctx.result("fuzzing", 0, Verdict.WARN, "missing", details=details)


CHECKS = [Check("ci", check_ci), Check("sast", check_sast), Check("fuzzing", check_fuzzing)]
