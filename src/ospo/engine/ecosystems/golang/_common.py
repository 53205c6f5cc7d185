"""Purls and the stdlib component shared by the Go extractors."""

from __future__ import annotations

from ospo.engine.ecosystems.base import component, make_purl
from ospo.engine.ecosystems.golang._modfile import ModFile
from ospo.engine.model import Component


def go_purl(module_path: str, version: str | None = None) -> str:
    """``pkg:golang/<namespace>/<name>@<version>``: the namespace is every path element but the last."""
    ns, _, name = module_path.strip("/").rpartition("/")
    return make_purl("golang", name or module_path, version, namespace=ns or None)


def stdlib_component(mf: ModFile, path: str) -> Component | None:
    """The Go standard library, as OSV names it (module ``stdlib``), with the minimum version the file allows.

    ``go 1.22`` is the minimum language version and ``toolchain go1.22.3`` the minimum toolchain; the
    toolchain that really builds the code is chosen at build time (GOTOOLCHAIN), so the file only gives a
    lower bound. The component is therefore unpinned with the constraint ``>=X``: vulnerability matchers
    can still flag a stdlib whose every allowed version is affected, and nothing claims a version we
    do not know.
    """
    version = mf.toolchain or mf.go
    if not version:
        return None
    props = {"go:directive": mf.go} if mf.go else {}
    if mf.toolchain:
        props["go:toolchain"] = "go" + mf.toolchain
    line = mf.toolchain_line if mf.toolchain else mf.go_line
    return component(
        "golang", "stdlib", f">={version}", go_purl("stdlib"), path=path, line=line, pinned=False,
        properties=props,
    )
