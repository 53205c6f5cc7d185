"""``ospo assessment``: listing, export/import of results, template checks, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ospo.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "programme"


def test_templates_json_lists_every_shipped_template(capsys):
    assert main(["assessment", "templates", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by = {t["id"]: t for t in doc}
    assert {"institutionalization-health-check", "pre-publication-readiness", "oss-friendly-tender",
            "openchain-iso-5230", "good-governance-structure"} == set(by)
    r = by["pre-publication-readiness"]
    assert r["version"] == "1.1.0" and r["licence"] == "CC-BY-4.0" and r["title"]["es"]
    assert sum(len(c["criteria"]) for c in r["clusters"]) == 11
    assert r["clusters"][1]["criteria"][0]["automatable"] == ["publish:no-secrets"]


def test_templates_table_in_spanish(capsys):
    assert main(["assessment", "--lang", "es", "templates"]) == 0
    out = capsys.readouterr().out
    assert "Preparación para la publicación" in out and "Bases institucionales" in out


def test_export_then_import_scores(tmp_path, capsys):
    out = tmp_path / "hc.json"
    assert main(["assessment", "export", str(out), "--template", "institutionalization-health-check",
                 "--subject", "OSPO", "--date", "2026-01-15", "--id", "hc-1"]) == 0
    doc = json.loads(out.read_text())
    assert doc["renew_by"] == "2027-01-15" and len(doc["answers"]) == 11
    for ans in doc["answers"].values():
        ans["level"] = 4
    out.write_text(json.dumps(doc))
    capsys.readouterr()
    assert main(["assessment", "import", str(out), "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["valid"] and res["overall"] == 80.0 and res["answered"] == 11


def test_export_prefilled_from_a_repository(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", repo)
    out = tmp_path / "r.json"
    assert main(["assessment", "export", str(out), "--template", "pre-publication-readiness",
                 "--prefill", str(repo)]) == 0
    doc = json.loads(out.read_text())
    assert doc["answers"]["required-files"]["prefilled"] is True
    from ospo.engine.publish.evaluate import evaluate

    engine = {r.criterion.id: r.automated_level for r in evaluate(str(repo)).results}
    assert doc["answers"]["required-files"]["level"] == engine["required-files"] == 4  # no code of conduct


def test_import_reports_problems_with_paths_and_exits_1(tmp_path, capsys):
    doc = json.loads((FIXTURES / "tender-2026-017.json").read_text())
    doc["answers"]["total-cost"]["level"] = "high"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert main(["assessment", "--lang", "fr", "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "$.answers.total-cost.level: integer attendu, string trouvé" in out
    assert main(["assessment", "import", str(bad), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"][0]["path"] == "$.answers.total-cost.level"


def test_check_template_and_export_template(tmp_path, capsys):
    assert main(["assessment", "check-template", str(FIXTURES / "bad-template.yaml")]) == 1
    assert "$.scale.levels" in capsys.readouterr().out
    out = tmp_path / "t.json"
    assert main(["assessment", "export-template", "oss-friendly-tender", "-o", str(out)]) == 0
    assert main(["assessment", "check-template", str(out)]) == 0
    assert "valid template" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path):
    import pytest

    with pytest.raises(SystemExit) as e:
        main(["assessment", "export", str(tmp_path / "x.json"), "--template", "nope"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["assessment", "import", str(tmp_path / "missing.json")])
    assert e.value.code == 2
