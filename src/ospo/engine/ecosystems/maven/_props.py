"""``${property}`` interpolation the way Maven does it, without ever looping.

Properties may refer to other properties (``<spring.version>${spring-boot.version}</spring.version>``) and
a careless POM can make them refer to each other. Each name is resolved at most once (memoised) and a name
met again while it is being resolved is left as written, so a cycle costs nothing and a reference that
cannot be resolved offline (``${env.X}``, a property of a parent outside the tree) stays visible in the
output instead of silently becoming a wrong version.
"""

from __future__ import annotations

import re

_REF = re.compile(r"\$\{([^${}]+)\}")
_MAX_DEPTH = 32


class Interpolator:
    def __init__(self, values: dict[str, str]) -> None:
        self._raw = values
        self._done: dict[str, str | None] = {}
        self._active: set[str] = set()

    def value(self, name: str, depth: int = 0) -> str | None:
        """The fully resolved value of property ``name``; None when unknown or cyclic."""
        if name in self._done:
            return self._done[name]
        raw = self._raw.get(name)
        if raw is None or name in self._active or depth > _MAX_DEPTH:
            return None
        self._active.add(name)
        try:
            resolved = self.expand(raw, depth + 1)
        finally:
            self._active.discard(name)
        self._done[name] = resolved
        return resolved

    def expand(self, text: str, depth: int = 0) -> str:
        """``text`` with every resolvable ``${…}`` replaced; unresolvable references are kept as written."""
        if "${" not in text:
            return text

        def sub(m: re.Match[str]) -> str:
            v = self.value(m.group(1).strip(), depth)
            return m.group(0) if v is None else v

        return _REF.sub(sub, text)


def unresolved(text: str) -> bool:
    return "${" in text
