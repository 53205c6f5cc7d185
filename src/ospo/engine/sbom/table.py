"""A plain-text table of an inventory, for terminals."""

from __future__ import annotations

from ospo.engine.model import ScanResult


def to_table(result: ScanResult) -> str:
    rows = [("ECOSYSTEM", "NAME", "VERSION", "SCOPE", "DIRECT", "LOCATION")]
    for c in result.components:
        version = c.version or "-"
        if not c.pinned and c.version:
            version = f"{c.version} (unpinned)"
        direct = {True: "yes", False: "no", None: "?"}[c.direct]
        rows.append((c.ecosystem, c.name, version, c.scope.value, direct, str(c.location or "")))
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(len(rows[0]) - 1)]
    lines = [f"# {result.name} ({result.source}): {len(result.components)} components, "
             f"{len(result.files)} files, {len(result.all_issues)} issues"]
    for r in rows:
        lines.append("  ".join(cell.ljust(w)[:60] for cell, w in zip(r, widths, strict=False)) + "  " + r[-1])
    for issue in result.all_issues:
        lines.append(f"! {issue}")
    return "\n".join(lines) + "\n"
