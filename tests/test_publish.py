"""``ospo publish``: prepare → check on a bare repository, evidence per criterion on crafted repositories,
attestations, never-overwrite, JSON shape and i18n completeness."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ospo.cli import main
from ospo.engine.i18n import LANGUAGES
from ospo.engine.publish.attest import load_attestations, parse_attestations
from ospo.engine.publish.criteria import CRITERIA
from ospo.engine.publish.evaluate import evaluate
from ospo.engine.publish.messages import CATALOG
from ospo.engine.publish.prepare import TEMPLATE_FILES, prepare, template

FIX = Path(__file__).parent / "fixtures" / "publish"
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@agency.example", "GIT_COMMITTER_NAME": "Dev",
           "GIT_COMMITTER_EMAIL": "dev@agency.example", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env,
                          text=True).stdout


def commit_all(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", message)


def bare_repo(tmp_path: Path, name: str = "demo-app") -> Path:
    """git init + one source file + a lockfile (with its manifest), committed."""
    repo = tmp_path / name
    shutil.copytree(FIX / "bare", repo)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "initial")
    return repo


@pytest.fixture
def vulndb(tmp_path: Path) -> str:
    """A fresh vulnerability database: one advisory modified now (for a package the repositories do not use)."""
    from ospo.engine.vulns.db import VulnDB
    from ospo.engine.vulns.importer import import_paths

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    record = tmp_path / "osv" / "OSV-TEST-1.json"
    record.parent.mkdir()
    record.write_text(json.dumps({"id": "OSV-TEST-1", "modified": now, "affected": [
        {"package": {"ecosystem": "npm", "name": "left-pad"}, "versions": ["0.0.1"]}]}))
    path = tmp_path / "vulndb.sqlite"
    with VulnDB(path) as db:
        import_paths(db, [record])
    return str(path)


def run_check(capsys: pytest.CaptureFixture[str], repo: Path, *extra: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["publish", "check", str(repo), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def by_id(doc: dict) -> dict[str, dict]:
    return {c["id"]: c for c in doc["criteria"]}


# --- the must-show point --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_prepare_on_bare_repository_makes_check_pass_every_automatable_criterion(
        tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    repo = bare_repo(tmp_path)
    code, before = run_check(capsys, repo, "--vulndb", vulndb, "--lang", lang)
    assert code == 1
    assert {"license", "required-files", "copyright", "ownership"} <= set(before["failing"])

    assert main(["publish", "prepare", str(repo), "--license", "EUPL-1.2", "--owner", "Ministerio de Ejemplo",
                 "--lang", lang, "--url", "https://git.example.gob/demo/demo-app"]) == 0
    commit_all(repo, "publication files")
    code, after = run_check(capsys, repo, "--vulndb", vulndb, "--lang", lang)
    crit = by_id(after)
    automatable = [c for c in CRITERIA if c.automatable]
    assert code == 0, after["failing"]
    assert after["ready"] is True and after["failing"] == []
    for c in automatable:
        got = crit[c.id]
        assert got["automated_level"] is not None and got["automated_level"] >= c.required, got
        assert got["status"] in ("pass", "pending"), got  # pending: a mixed criterion's sign-off is manual
    # the copyright level rests on the owner's notice written by prepare, not on the EUPL text's own
    # "EUPL © the European Union 2007, 2016" line
    notices = [e for e in crit["copyright"]["evidence"] if e["path"]]
    assert notices and all("Ministerio de Ejemplo" in e["message"] for e in notices), notices
    # the manual criterion stays pending without an attestation; --strict makes that fail
    assert crit["approvals"]["status"] == "pending" and "approvals" in after["pending"]
    assert run_check(capsys, repo, "--vulndb", vulndb, "--strict")[0] == 1


def test_prepare_then_check_worktree_before_commit(tmp_path: Path, vulndb: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    prepare(repo, "EUPL-1.2", "Agencia", "es", url="https://git.example.gob/demo/demo-app")
    # What is committed is what gets published: uncommitted files do not count at HEAD …
    code, doc = run_check(capsys, repo, "--vulndb", vulndb)
    assert code == 1 and "required-files" in doc["failing"] and doc["committed"] is True
    # … and count when the working tree is judged.
    code, doc = run_check(capsys, repo, "--vulndb", vulndb, "--worktree")
    assert code == 0, doc["failing"]
    assert doc["committed"] is False


def test_attestations_complete_the_report(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    prepare(repo, "EUPL-1.2", "Agencia", "en", contact="security@agency.example")
    commit_all(repo)
    code, doc = run_check(capsys, repo, "--vulndb", vulndb, "--attest", str(FIX / "attestations.yml"), "--strict")
    crit = by_id(doc)
    assert code == 0, (doc["failing"], doc["pending"])
    assert crit["approvals"]["level"] == 4 and crit["approvals"]["status"] == "pass"
    assert crit["approvals"]["attestation"]["who"] == "Legal office, A. Example"
    # a mixed criterion reports the lower of the engine's level and the sign-off
    assert crit["ownership"]["level"] == min(crit["ownership"]["automated_level"], 4)
    assert crit["security-review"]["status"] == "pass"


# --- prepare ------------------------------------------------------------------------------------------------


def test_prepare_never_overwrites(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / ".github").mkdir(parents=True)
    originals = {"README.txt": b"my own readme\n", "LICENSE.md": b"MIT License\n\nCopyright (c) 2020 Someone\n",
                 ".github/SECURITY.md": b"write to sec@example.org\n", "publiccode.yaml": b"name: mine\n"}
    for rel, data in originals.items():
        (repo / rel).write_bytes(data)
    outside = tmp_path / "outside.md"
    (repo / "CONTRIBUTING.md").symlink_to(outside)  # dangling: writing through it would create a file outside
    result = prepare(repo, "Apache-2.0", "Agencia", "fr")
    assert sorted(result.written) == ["CODE_OF_CONDUCT.md"]
    assert dict(result.skipped) == {"README.md": "README.txt", "LICENSE": "LICENSE.md",
                                    "SECURITY.md": ".github/SECURITY.md", "CONTRIBUTING.md": "CONTRIBUTING.md",
                                    "publiccode.yml": "publiccode.yaml"}
    for rel, data in originals.items():
        assert (repo / rel).read_bytes() == data
    assert not outside.exists()
    assert not (repo / "README.md").exists() and not (repo / "LICENSE").exists()
    # a second run writes nothing at all
    again = prepare(repo, "Apache-2.0", "Agencia", "fr")
    assert again.written == []


def test_prepare_cli_reports_skipped_and_refuses_unknown_license(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "README.md").write_text("# mine\n")
    with pytest.raises(SystemExit) as exc:
        main(["publish", "prepare", str(repo), "--license", "MIT OR Apache-2.0", "--owner", "X"])
    assert exc.value.code == 2
    assert sorted(os.listdir(repo)) == ["README.md"]  # nothing written on a usage error
    capsys.readouterr()
    assert main(["publish", "prepare", str(repo), "--license", "mit", "--owner", "Agencia X", "--lang", "pt-BR"]) == 0
    out = capsys.readouterr().out
    assert "mantido, já existe: README.md" in out and "escrito: LICENSE" in out
    assert (repo / "README.md").read_text() == "# mine\n"


def test_prepare_fills_notice_style_license_and_templates(tmp_path: Path) -> None:
    repo = tmp_path / "svc"
    repo.mkdir()
    prepare(repo, "MIT", "Prefeitura de Exemplo", "pt-BR", name="Serviço", contact="seg@prefeitura.example",
            year=2031)
    lic = (repo / "LICENSE").read_text()
    assert lic.startswith("MIT License") and "Copyright (c) 2031 Prefeitura de Exemplo" in lic
    assert "<year>" not in lic and "<copyright holders>" not in lic
    security = (repo / "SECURITY.md").read_text()
    assert "seg@prefeitura.example" in security and "Prefeitura de Exemplo" in security
    for name in TEMPLATE_FILES:
        text = (repo / name).read_text()
        assert "$" not in text.replace("$ ", ""), name  # every placeholder filled
    assert "Copyright © 2031 Prefeitura de Exemplo" in (repo / "README.md").read_text()
    # GPL's own "how to apply" placeholders are part of the license text and stay verbatim
    gpl = tmp_path / "gpl"
    gpl.mkdir()
    prepare(gpl, "GPL-3.0-only", "Agencia", "en")
    assert "<name of author>" in (gpl / "LICENSE").read_text()


# --- evidence on crafted repositories ------------------------------------------------------------------------


def _token() -> str:
    from ospo.engine.secrets.detectors import github_checksum

    body = "Xq7Rm2Kp9Lw4Tz8Vb3Nc6Hd1Jf5Gs0"[:30]
    return "ghp_" + body + github_checksum(body)


def test_secret_in_files_and_in_history(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    token = _token()
    (repo / "deploy.sh").write_text(f"export GITHUB_TOKEN={token}\n")
    commit_all(repo, "add deploy")
    code, doc = run_check(capsys, repo, "--vulndb", vulndb)
    crit = by_id(doc)["no-secrets"]
    assert code == 1 and crit["automated_level"] == 0 and crit["status"] == "fail"
    assert any(e["path"] == "deploy.sh" and e["line"] == 1 for e in crit["evidence"])
    assert token not in json.dumps(doc)  # the value is never reported
    (repo / "deploy.sh").write_text("export GITHUB_TOKEN=${GITHUB_TOKEN}\n")
    commit_all(repo, "remove token")
    crit = by_id(run_check(capsys, repo, "--vulndb", vulndb)[1])["no-secrets"]
    assert crit["automated_level"] == 1  # gone from the files, still in the history that would be published
    assert any(e["commit"] for e in crit["evidence"])


def test_committed_binary_and_approved_exception(tmp_path: Path, vulndb: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    prepare(repo, "EUPL-1.2", "Agencia", "en", contact="security@agency.example")
    (repo / "tools").mkdir()
    (repo / "tools" / "helper.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))  # an ELF, whatever its name
    commit_all(repo)
    code, doc = run_check(capsys, repo, "--vulndb", vulndb)
    crit = by_id(doc)["source-only"]
    assert code == 1 and crit["status"] == "fail" and crit["automated_level"] < 4
    assert any(e["path"] == "tools/helper.txt" for e in crit["evidence"])
    attest = tmp_path / "attest.yml"
    attest.write_text("- criterion: source-only\n  level: 4\n  who: OSPO board\n  date: 2026-01-10\n"
                      "  evidence: https://intranet.example/exceptions/3\n")
    code, doc = run_check(capsys, repo, "--vulndb", vulndb, "--attest", str(attest))
    crit = by_id(doc)["source-only"]
    assert code == 0 and crit["status"] == "pass" and crit["level"] == 4 and crit["automated_level"] < 4


@pytest.mark.parametrize(("fixture", "needle"), [("install-npm", "postinstall"), ("install-setuppy", "install")])
def test_install_scripts_lower_supply_chain(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str],
                                            fixture: str, needle: str) -> None:
    repo = bare_repo(tmp_path)
    sub = repo / "tool"
    shutil.copytree(FIX / fixture, sub)
    commit_all(repo)
    crit = by_id(run_check(capsys, repo, "--vulndb", vulndb)[1])["supply-chain"]
    assert crit["automated_level"] == 3 and crit["status"] == "fail"
    hits = [e for e in crit["evidence"] if e["path"] and e["path"].startswith("tool/") and needle in e["message"]]
    assert hits and hits[0]["line"] is not None


def test_missing_lockfile_and_no_license(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    (repo / "package-lock.json").unlink()
    commit_all(repo)
    code, doc = run_check(capsys, repo, "--vulndb", vulndb)
    crit = by_id(doc)
    assert code == 1
    assert crit["supply-chain"]["automated_level"] <= 2
    assert crit["license"]["automated_level"] == 0 and crit["ownership"]["automated_level"] == 1
    assert "license" in doc["failing"] and "supply-chain" in doc["failing"]


def test_vulnerability_database_states(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    missing = tmp_path / "none.sqlite"
    crit = by_id(run_check(capsys, repo, "--vulndb", str(missing))[1])["security-review"]
    assert crit["automated_level"] == 0 and not missing.exists()  # never creates an empty database
    # an advisory affecting the locked left-pad 1.3.0, severity high
    from ospo.engine.vulns.db import VulnDB
    from ospo.engine.vulns.importer import import_paths

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    rec = tmp_path / "GHSA-test.json"
    rec.write_text(json.dumps({"id": "GHSA-test-0001", "modified": now, "affected": [
        {"package": {"ecosystem": "npm", "name": "left-pad"}, "versions": ["1.3.0"]}],
        "database_specific": {"severity": "HIGH"}}))
    with VulnDB(vulndb) as db:
        import_paths(db, [rec])
    crit = by_id(run_check(capsys, repo, "--vulndb", vulndb)[1])["security-review"]
    assert crit["automated_level"] == 1
    assert any("GHSA-test-0001" in e["message"] for e in crit["evidence"])


def test_version_control_and_structure(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(FIX / "bare", plain)
    (plain / "big.py").write_text("x = 1\n" * 6000)
    crit = by_id(run_check(capsys, plain, "--vulndb", vulndb)[1])
    assert crit["version-control"]["automated_level"] == 0
    assert crit["modular"]["automated_level"] == 2
    assert any(e["path"] == "big.py" for e in crit["modular"]["evidence"])
    assert crit["no-secrets"]["automated_level"] == 4  # files clean, but no history could be scanned
    docs = tmp_path / "docs-only"
    docs.mkdir()
    (docs / "notes.md").write_text("# notes\n")
    crit = by_id(run_check(capsys, docs, "--vulndb", vulndb)[1])["modular"]
    assert crit["status"] == "not-applicable" and crit["blocking"] is False


def test_missing_engine_is_not_evaluated_and_fails_closed(tmp_path: Path, vulndb: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    repo = bare_repo(tmp_path)
    prepare(repo, "EUPL-1.2", "Agencia", "en", contact="security@agency.example")
    commit_all(repo)
    monkeypatch.setitem(sys.modules, "ospo.engine.hygiene.runner", None)  # import now raises ImportError
    report = evaluate(repo, vulndb=vulndb)
    got = {r.criterion.id: r for r in report.results}
    for cid in ("copyright", "required-files", "source-only", "supply-chain"):
        assert got[cid].status == "not-evaluated" and got[cid].blocking, cid
        assert "hygiene" in got[cid].evidence[0].message
    assert not report.passed()


# --- attestation file ----------------------------------------------------------------------------------------


def test_attestation_file_problems_are_reported_per_entry() -> None:
    att = load_attestations(str(FIX / "attestations-bad.yml"), today=dt.date(2026, 6, 1))
    assert list(att.entries) == ["approvals"] and att.entries["approvals"].level == 2  # only the last entry is good
    text = "\n".join(att.problems)
    assert len(att.problems) == 6
    for n in range(1, 7):
        assert f"entry {n}:" in text
    assert "no-secrets" in att.problems[1]  # automated criteria cannot be attested


def test_attestation_latest_wins_and_future_dates_refused() -> None:
    data = (b"- {criterion: approvals, level: 2, who: a, date: 2025-01-01}\n"
            b"- {criterion: '#1', level: 5, who: b, date: 2025-03-01}\n"
            b"- {criterion: 1, level: 1, who: c, date: 2025-02-01}\n"
            b"- {criterion: approvals, level: 5, who: d, date: 2099-01-01}\n")
    att = parse_attestations(data, today=dt.date(2026, 1, 1))
    assert att.entries["approvals"].who == "b"
    assert len(att.problems) == 1 and "2099-01-01" in att.problems[0]
    assert parse_attestations(b"a: [", lang="es").problems[0].startswith("archivo de atestación ilegible")
    assert parse_attestations(b"42").problems  # not a list


# --- JSON shape, table, i18n ---------------------------------------------------------------------------------


def test_json_shape(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    _code, doc = run_check(capsys, repo, "--vulndb", vulndb, "--lang", "fr")
    assert doc["format"] == "ospo-publish-readiness" and doc["version"] == 1 and doc["lang"] == "fr"
    assert set(doc) >= {"name", "path", "revision", "committed", "ready", "failing", "pending", "criteria",
                        "problems", "source_of_criteria"}
    assert [c["number"] for c in doc["criteria"]] == list(range(1, 12))
    for c in doc["criteria"]:
        assert set(c) == {"number", "id", "group", "kind", "title", "required", "level", "level_name",
                          "automated_level", "status", "blocking", "attestation", "evidence"}
        assert c["status"] in ("pass", "fail", "pending", "not-evaluated", "not-applicable")
        assert c["level"] is None or 0 <= c["level"] <= 5
        assert c["kind"] in ("automated", "manual", "mixed")
        for e in c["evidence"]:
            assert set(e) == {"message", "path", "line", "commit"} and e["message"]
    assert doc["failing"] == [c["id"] for c in doc["criteria"] if c["blocking"]]
    assert by_id(doc)["license"]["title"].startswith("Une licence libre")
    assert len(doc["revision"]) == 40


def test_table_output_in_spanish(tmp_path: Path, vulndb: str, capsys: pytest.CaptureFixture[str]) -> None:
    repo = bare_repo(tmp_path)
    capsys.readouterr()
    assert main(["publish", "check", str(repo), "--vulndb", vulndb, "--lang", "es"]) == 1
    out = capsys.readouterr().out
    assert "Preparación para publicar" in out and "No listo:" in out and "Anexo B" in out


def test_catalog_and_templates_complete() -> None:
    assert CATALOG.missing() == []
    for c in CRITERIA:
        for key in (f"crit.{c.id}.title", f"crit.{c.id}.rubric"):
            assert key in CATALOG.messages, key
    for lang in LANGUAGES:
        for name in TEMPLATE_FILES:
            text = template(lang, name)
            assert "$name" in text and "$owner" in text, (lang, name)
            if name != "README.md":
                assert "$contact" in text, (lang, name)
    en = {name: set(re.findall(r"\$\w+", template("en", name))) for name in TEMPLATE_FILES}
    for lang in LANGUAGES:
        for name in TEMPLATE_FILES:
            assert set(re.findall(r"\$\w+", template(lang, name))) == en[name], (lang, name)
