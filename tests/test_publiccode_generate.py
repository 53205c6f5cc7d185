"""publiccode.yml generation and code.json (US schema 2.0) reading and writing."""

from __future__ import annotations

import json

import pytest

from ospo.cli import main
from ospo.engine.api import scan_input
from ospo.engine.publiccode import validate_publiccode
from ospo.engine.publiccode.codejson import read_code_json, release_from_scan, validate_release, write_code_json
from ospo.engine.publiccode.generate import generate_publiccode, git_remote_url
from ospo.engine.publiccode.yamlnodes import read_yaml_nodes


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({
        "name": "tramites", "version": "1.2.0", "license": "EUPL-1.2",
        "dependencies": {"react": "18.2.0", "pg": "8.11.0"},
    }))
    (tmp_path / "Dockerfile").write_text("FROM postgres:16-alpine\n")
    git = tmp_path / ".git"
    git.mkdir()
    (git / "config").write_text('[remote "origin"]\n\turl = git@git.example.gob:agencia/tramites.git\n')
    return tmp_path


@pytest.mark.parametrize("languages", [["es"], ["pt-BR", "en"], ["fr", "es", "pt-BR", "en"]])
def test_generated_file_validates(repo, languages):
    scan = scan_input(str(repo))
    text = generate_publiccode(scan, repo, languages=languages)
    result = validate_publiccode(text.encode(), base_dir=repo)
    assert result.valid, result.errors
    assert {f.code for f in result.warnings} == {"placeholder"}  # only the TODOs a human must fill
    root = read_yaml_nodes(text.encode())
    assert list(root.get("description").value) == languages
    assert root.get("url").value == "https://git.example.gob/agencia/tramites.git"
    assert root.get("legal").get("license").value == "EUPL-1.2"
    assert [p.value for p in root.get("platforms").value] == ["web", "linux"]
    assert [d.get("name").value for d in root.get("dependsOn").get("open").value] == ["PostgreSQL"]
    langs = [x.value for x in root.get("localisation").get("availableLanguages").value]
    assert langs == languages


def test_generated_texts_are_in_the_chosen_language(repo):
    text = generate_publiccode(scan_input(str(repo)), repo, languages=["pt-BR"], name="Trâmites")
    assert "descreva Trâmites" in text and "describe" not in text


def test_generated_without_knowledge_marks_placeholders(tmp_path):
    text = generate_publiccode(None, tmp_path, name="x", languages=["en"], maintenance_type="contract")
    result = validate_publiccode(text.encode())
    assert result.valid, result.errors
    placeholder_keys = {f.key for f in result.warnings if f.code == "placeholder"}
    assert {"url", "legal.license", "maintenance.contractors[0].name"} <= placeholder_keys


def test_git_remote_strips_credentials(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text('[remote "origin"]\n\turl = https://user:tok@forge.gob/a/b.git\n')
    assert git_remote_url(tmp_path) == "https://forge.gob/a/b.git"


def test_cli_generate_writes_and_refuses_to_overwrite(repo, capsys):
    out = repo / "publiccode.yml"
    assert main(["publiccode", "generate", str(repo), "--lang", "es", "-o", str(out)]) == 0
    assert main(["publiccode", "validate", str(out)]) == 0
    assert main(["publiccode", "generate", str(repo), "-o", str(out)]) == 1


# --- code.json --------------------------------------------------------------------------------------------

def test_code_json_written_from_scan_is_valid_and_reads_back(repo):
    scan = scan_input(str(repo))
    release = release_from_scan(scan, name="tramites", url="https://git.example.gob/agencia/tramites.git",
                                license="EUPL-1.2", description="Trámites en línea", email="ospo@example.gob")
    text = write_code_json([release], agency="AGN")
    releases, findings = read_code_json(text.encode())
    assert findings == []
    assert releases[0]["name"] == "tramites"
    assert releases[0]["permissions"]["licenses"][0]["name"] == "EUPL-1.2"
    assert json.loads(text)["version"] == "2.0.0"


@pytest.mark.parametrize(("mutate", "key"), [
    (lambda r: r.pop("repositoryURL"), "repositoryURL"),
    (lambda r: r.pop("contact"), "contact"),
    (lambda r: r.__setitem__("laborHours", "many"), "laborHours"),
    (lambda r: r.__setitem__("tags", "a,b"), "tags"),
    (lambda r: r["permissions"].__setitem__("usageType", "free"), "permissions.usageType"),
    (lambda r: r["permissions"].__setitem__("usageType", "exemptByLaw"), "permissions.exemptionText"),
    (lambda r: r["contact"].__setitem__("email", "nobody"), "contact.email"),
    (lambda r: r.__setitem__("status", "Done"), "status"),
    (lambda r: r.__setitem__("date", {"created": "yesterday"}), "date.created"),
])
def test_code_json_release_errors(mutate, key):
    release = release_from_scan(None, name="a", url="https://x.gob/a.git", license="MIT", description="d",
                                email="a@x.gob")
    assert validate_release(release) == []
    mutate(release)
    assert key in [f.key for f in validate_release(release)]


def test_code_json_bad_documents():
    assert read_code_json(b"{not json")[1][0].code == "unreadable"
    assert read_code_json(b"[1,2]")[1][0].code == "wrong_type"
    _, findings = read_code_json(b'{"version": "2.0.0", "releases": [1]}')
    assert {f.key for f in findings} == {"agency", "releases[0]"}


def test_cli_validates_code_json(tmp_path, capsys):
    good = tmp_path / "code.json"
    good.write_text(write_code_json([release_from_scan(None, name="a", url="https://x.gob/a.git", license="MIT",
                                                       description="d", email="a@x.gob")], agency="X"))
    assert main(["publiccode", "validate", str(good), "--format", "json"]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "a"}')
    assert main(["publiccode", "validate", str(bad)]) == 1
