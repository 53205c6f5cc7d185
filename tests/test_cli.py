"""The ``ospo scan`` command: formats, one file per input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ospo.cli import main

from util import FIXTURES_NPM


@pytest.fixture
def two_repos(tmp_path):
    for name in ("alpha", "beta"):
        d = tmp_path / "in" / name
        d.mkdir(parents=True)
        (d / "package.json").write_bytes((FIXTURES_NPM / "package.json").read_bytes())
        (d / "package-lock.json").write_bytes((FIXTURES_NPM / "package-lock.json").read_bytes())
    (tmp_path / "in" / "beta" / "broken").mkdir()
    (tmp_path / "in" / "beta" / "broken" / "package-lock.json").write_text("{ not json")
    return tmp_path / "in"


def test_several_inputs_write_one_file_each(two_repos, tmp_path):
    out = tmp_path / "out"
    rc = main(["scan", str(two_repos / "alpha"), str(two_repos / "beta"), "--format", "cyclonedx", "-o", str(out)])
    assert rc == 0
    assert sorted(p.name for p in out.iterdir()) == ["alpha.cdx.json", "beta.cdx.json"]
    beta = json.loads((out / "beta.cdx.json").read_text())
    assert beta["specVersion"] == "1.6"
    issues = [p["value"] for p in beta["metadata"]["properties"] if p["name"] == "ospo:issue"]
    assert len(issues) == 1 and issues[0].startswith("broken/package-lock.json: invalid JSON")


def test_json_format_and_parallel_jobs_give_the_same_inventory(two_repos, tmp_path):
    main(["scan", str(two_repos / "alpha"), str(two_repos / "beta"), "--format", "json", "-o", str(tmp_path / "a")])
    main(["scan", str(two_repos / "alpha"), str(two_repos / "beta"), "--format", "json", "-o", str(tmp_path / "b"),
          "--jobs", "2"])
    for name in ("alpha.json", "beta.json"):
        a = json.loads((tmp_path / "a" / name).read_text())
        b = json.loads((tmp_path / "b" / name).read_text())
        assert a["components"] == b["components"] and a["components"]
    beta = json.loads((tmp_path / "a" / "beta.json").read_text())
    broken = [f for f in beta["files"] if f["path"] == "broken/package-lock.json"]
    assert broken and broken[0]["issues"][0]["message"].startswith("invalid JSON")


def test_single_input_to_stdout_table(two_repos, capsys):
    assert main(["scan", str(two_repos / "alpha")]) == 0
    out = capsys.readouterr().out
    assert "express" in out and "4.18.2" in out


def test_usage_errors_exit_2(two_repos, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(two_repos / "alpha"), str(two_repos / "beta"), "--format", "cyclonedx"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--format", "nope", "x"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_console_script_runs(two_repos):
    proc = subprocess.run([sys.executable, "-m", "ospo.cli", "scan", str(two_repos / "alpha"), "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["name"] == "alpha"
    assert proc.stderr == ""  # quiet off a terminal


def test_vulndb_passthrough_reports_an_empty_database(tmp_path, capsys):
    assert main(["vulndb", "--db", str(tmp_path / "v.sqlite"), "status"]) == 0
    captured = capsys.readouterr()
    assert "advisories: 0" in captured.out and "EMPTY" in captured.err


def test_command_choices_match_the_engine():
    from ospo.commands import check, notice, vulns
    from ospo.engine.licenses.check import SCOPES
    from ospo.engine.licenses.compat import CONTEXTS
    from ospo.engine.licenses.notice import FORMATS
    from ospo.engine.vulns.freshness import DEFAULT_MAX_AGE_DAYS
    from ospo.engine.vulns.scan import FAIL_LEVELS

    assert check.SCOPES == SCOPES and check.CONTEXTS == CONTEXTS
    assert notice.FORMATS == FORMATS
    assert vulns.FAIL_LEVELS == FAIL_LEVELS and vulns.DEFAULT_MAX_AGE_DAYS == DEFAULT_MAX_AGE_DAYS


def test_building_the_parser_imports_no_engine_or_django():
    heavy = "('ospo.engine.licenses', 'ospo.engine.vulns', 'django')"
    code = f"import sys, ospo.cli; ospo.cli.build_parser(); print([m for m in sys.modules if m.startswith({heavy})])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
