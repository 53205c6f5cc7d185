"""Helpers shared by the RubyGems extractors: purls, platform suffixes, requirement strings, groups."""

from __future__ import annotations

import re

from ospo.engine.ecosystems.base import make_purl
from ospo.engine.model import Scope

# A gem version is dot-separated alphanumerics; Bundler appends "-<platform>" for native builds.
_VERSION = re.compile(r"^[0-9][0-9A-Za-z.]*$")
# One requirement: optional operator, then a version ("~> 1.2", "= 1.0", "1.2.3").
_REQ = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*([0-9][0-9A-Za-z.\-]*)\s*$")


def gem_purl(name: str, version: str | None = None, platform: str | None = None) -> str:
    quals = {"platform": platform} if platform and platform != "ruby" else None
    return make_purl("gem", name, version, qualifiers=quals)


def split_platform(raw: str) -> tuple[str, str | None]:
    """``1.15.4-x86_64-linux`` → ("1.15.4", "x86_64-linux"). Gem versions never contain "-" themselves
    (RubyGems rewrites "1.0-rc" to "1.0.pre.rc"), so the first dash starts the platform."""
    version, sep, platform = raw.strip().partition("-")
    return version, (platform if sep and platform else None)


def is_version(text: str) -> bool:
    return bool(_VERSION.match(text))


def exact_requirement(reqs: list[str]) -> str | None:
    """The version when the requirements pin exactly one: a single ``= x`` or a bare ``x``."""
    if len(reqs) != 1:
        return None
    m = _REQ.match(reqs[0])
    if m and (m.group(1) in (None, "=")) and is_version(m.group(2)):
        return m.group(2)
    return None


_DEV_GROUPS = {"development", "dev", "lint", "linting", "rubocop", "doc", "docs", "tools", "debug", "ci"}
_TEST_GROUPS = {"test", "tests", "testing", "spec", "system_test", "cucumber"}
_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEVELOPMENT: 2, Scope.TEST: 3}


def scope_of_groups(groups: list[str]) -> Scope:
    """The broadest scope among Bundler groups: a gem in any group that is not dev/test tooling is loaded
    by ``Bundler.require`` in production, so it counts as runtime."""
    if not groups:
        return Scope.RUNTIME
    best = Scope.TEST
    for g in groups:
        g = g.lower()
        s = Scope.TEST if g in _TEST_GROUPS else Scope.DEVELOPMENT if g in _DEV_GROUPS else Scope.RUNTIME
        if _RANK[s] < _RANK[best]:
            best = s
    return best


def broadest(a: Scope, b: Scope) -> Scope:
    return a if _RANK[a] <= _RANK[b] else b


def github_url(repo: str) -> str:
    """Bundler's ``github: "org/repo"`` shorthand (``github: "repo"`` means ``repo/repo``)."""
    repo = repo.strip()
    if "/" not in repo:
        repo = f"{repo}/{repo}"
    return f"https://github.com/{repo}.git"
