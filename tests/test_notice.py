"""NOTICE building and rendering, and the ``ospo notice`` command."""

from __future__ import annotations

import json

from ospo.cli import main
from ospo.engine.licenses.attribution_messages import CATALOG
from ospo.engine.licenses.notice import build_notice, render
from ospo.engine.model import Component, ScanResult


def _scan() -> ScanResult:
    comps = [
        Component("npm", "zeta", "1.0.0", "pkg:npm/zeta@1.0.0", license="MIT"),
        Component("npm", "Alpha", "2.0.0", "pkg:npm/Alpha@2.0.0", license="MIT"),
        Component("pypi", "requests", "2.31.0", "pkg:pypi/requests@2.31.0", license="Apache 2.0"),
        Component("cargo", "serde", "1.0.0", "pkg:cargo/serde@1.0.0", license="MIT OR Apache-2.0"),
        Component("npm", "weird", "1.0.0", "pkg:npm/weird@1.0.0", license="Some Custom Words"),
        Component("npm", "nolicense", "0.1.0", "pkg:npm/nolicense@0.1.0"),
    ]
    return ScanResult("demo", "demo", components=comps)


def test_catalog_complete():
    assert CATALOG.missing() == []


def test_groups_texts_and_unknown():
    n = build_notice([_scan()])
    groups = dict(n.groups)
    assert [e.name for e in groups["MIT"]] == ["Alpha", "zeta"]  # sorted case-insensitively
    assert [e.name for e in groups["Apache-2.0"]] == ["requests"]  # normalised from "Apache 2.0"
    assert "MIT OR Apache-2.0" in groups
    assert [e.name for e in n.unknown] == ["nolicense"]
    ids = [t[0] for t in n.texts]
    assert ids == sorted(ids) and ids.count("MIT") == 1  # each text once, even when used by several groups
    texts = {lid: (text, kind) for lid, text, kind in n.texts}
    assert "Permission is hereby granted" in texts["MIT"][0]
    assert "Apache License" in texts["Apache-2.0"][0]
    ref = next(lid for lid in texts if lid.startswith("LicenseRef-"))
    assert texts[ref] == ("Some Custom Words", "ref")


def test_deterministic_whatever_the_input_order():
    a = _scan()
    b = _scan()
    b.components.reverse()
    for fmt in ("text", "markdown", "html"):
        assert render(build_notice([a]), fmt) == render(build_notice([b]), fmt)


def test_html_is_escaped():
    s = ScanResult("x", "x", components=[Component("npm", "<script>", "1", "pkg:npm/x@1", license="MIT")])
    out = render(build_notice([s]), "html")
    assert "<li><script>" not in out
    assert "&lt;script&gt;" in out


def test_languages():
    out = render(build_notice([_scan()]), "markdown", "pt-BR")
    assert out.startswith("# Avisos de terceiros de demo")
    assert "## Componentes cuja licença é desconhecida" in out


def test_cli_notice_writes_file(tmp_path, monkeypatch):
    monkeypatch.setenv("OSPO_CACHE_DIR", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    lock = {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "packages": {
        "": {"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "1.3.0", "nolic": "1.0.0"}},
        "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"},
        "node_modules/nolic": {"version": "1.0.0"}}}
    (repo / "package-lock.json").write_text(json.dumps(lock))
    (repo / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"left-pad": "1.3.0"}}))
    out = tmp_path / "NOTICE.md"
    assert main(["notice", str(repo), "-o", str(out), "--format", "markdown", "--lang", "es"]) == 0
    text = out.read_text()
    assert "## Licencia: WTFPL" in text and "- left-pad 1.3.0 (npm)" in text
    assert "### Texto de WTFPL" in text
    assert "- nolic 1.0.0 (npm)" in text.split("Componentes cuya licencia se desconoce")[1]


def test_cli_usage_error(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["notice", "x", "--format", "pdf"])
    assert exc.value.code == 2
