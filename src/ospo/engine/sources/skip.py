"""Which directories a scan does not descend into.

Installed dependencies (``node_modules``, ``vendor``), virtual environments and test fixtures describe
other people's projects, not this one: counting them would inflate the inventory with components the
repository does not itself declare. The defaults are configurable per scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_SKIP_DIRS: frozenset[str] = frozenset(
    {
        ".git", ".hg", ".svn",
        "node_modules", "bower_components", "jspm_packages", ".yarn", ".pnpm-store",
        "vendor", "third_party", "third-party", "Pods", "Carthage",
        ".venv", "venv", "site-packages", "__pypackages__", ".tox", ".nox", ".eggs",
        "fixtures", "__fixtures__", "test-fixtures", "test_fixtures", "testdata", "__mocks__",
        ".gradle", ".m2", ".cargo", ".bundle", ".dart_tool", ".pub-cache", "_build", "deps",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SkipRules:
    dirs: frozenset[str] = DEFAULT_SKIP_DIRS
    # Relative path prefixes to skip in addition (e.g. "docs/examples").
    prefixes: tuple[str, ...] = field(default_factory=tuple)

    def skips_dir(self, name: str, relpath: str) -> bool:
        if name in self.dirs:
            return True
        return any(relpath == p or relpath.startswith(p.rstrip("/") + "/") for p in self.prefixes)

    def skips_path(self, relpath: str) -> bool:
        """For sources that list whole paths at once (git trees): is any parent directory skipped?"""
        parts = relpath.split("/")[:-1]
        return any(self.skips_dir(name, "/".join(parts[:i + 1])) for i, name in enumerate(parts))

    def with_changes(self, add: list[str] | None = None, remove: list[str] | None = None) -> SkipRules:
        dirs = (set(self.dirs) | set(add or ())) - set(remove or ())
        return SkipRules(frozenset(dirs), self.prefixes)
