"""publiccode.yml validator: positions, rules, hostile input, messages, and the CLI."""

from __future__ import annotations

import json
import os

import pytest

from ospo.cli import main
from ospo.engine.publiccode import validate_path, validate_publiccode
from ospo.engine.publiccode.checks import grapheme_length, is_language, license_problem
from ospo.engine.publiccode.messages import CATALOG

from util import FIXTURES

FIX = FIXTURES / "publiccode"
VALID = (FIX / "valid.yml").read_bytes()


def keyed(result, severity="errors"):
    return {f.key: f for f in getattr(result, severity)}


def test_catalog_complete():
    assert CATALOG.missing() == []


def test_valid_fixture_is_clean_and_checks_local_files():
    r = validate_path(FIX / "valid.yml")
    assert r.valid, r.errors
    assert r.warnings == []
    assert r.version == "0"


def test_invalid_fixture_reports_key_line_and_column():
    r = validate_path(FIX / "invalid.yml")
    errors = keyed(r)
    assert not r.valid
    assert (errors["url"].line, errors["url"].column) == (3, 6)
    assert errors["developmentStatus"].code == "one_of" and errors["developmentStatus"].line == 5
    assert errors["platforms"].code == "not_empty"
    assert errors["description"].code == "bad_language"  # en_GB: POSIX, not BCP 47
    assert errors["description.en_GB.longDescription"].code == "min_len"
    assert errors["description.en_GB.features"].code == "not_empty"
    assert errors["legal.license"].code == "bad_license"
    assert errors["maintenance.contractors"].code == "required_when"
    assert errors["localisation.localisationReady"].code == "wrong_type"  # YAML 1.1 "yes" is not a boolean
    assert errors["Name"].code == "unknown_key_case"
    warnings = keyed(r, "warnings")
    assert warnings["colour"].code == "unknown_key"
    assert warnings["publiccodeYmlVersion"].code == "old_version"


def _with(text: str, old: str, new: str) -> bytes:
    data = text.replace(old, new)
    assert data != text, old
    return data.encode()


BASE = VALID.decode()


@pytest.mark.parametrize(("old", "new", "key", "code"), [
    ("license: EUPL-1.2", "license: [EUPL-1.2]", "legal.license", "wrong_type"),
    ("license: EUPL-1.2", "license: GPL-3.0-only WITH Bogus-exception", "legal.license", "bad_license"),
    ("releaseDate: 2024-03-01", "releaseDate: 2024-02-30", "releaseDate", "bad_date"),
    ("releaseDate: 2024-03-01", 'releaseDate: "2024-03-01 10:00:00"', "releaseDate", "bad_date"),
    ("    - name: Ana Pérez\n", "    - email: x@example.org\n", "maintenance.contacts[0].name", "required"),
    ("ana.perez@example.gob", "not-an-email", "maintenance.contacts[0].email", "bad_email"),
    ("logo: logo.svg", "logo: /etc/logo.svg", "logo", "absolute_path"),
    ("logo: logo.svg", "logo: file:///etc/logo.svg", "logo", "file_url"),
    ("logo: logo.svg", "logo: logo.gif", "logo", "bad_extension"),
    ("logo: logo.svg", "logo: ../../../logo.svg", "logo", "file_outside"),
    ("logo: logo.svg", "logo: missing.png", "logo", "file_missing"),
    ("    - es\n    - pt-BR", "    - es\n    - pt_BR", "localisation.availableLanguages[1]", "bad_language"),
    ("type: internal", "type: none\n  contractors:\n    - name: X\n      until: 2025-01-01",
     "maintenance.contractors", "forbidden_unless_contract"),
    ("platforms:\n  - web", "platforms:\n  - web\nIT:\n  piattaforme:\n    spid: si", "IT.piattaforme.spid",
     "wrong_type"),
    ("platforms:\n  - web", "platforms:\n  - web\norganisation:\n  uri: pcm", "organisation.uri", "bad_uri"),
    ("platforms:\n  - web", "platforms:\n  - web\nsupports:\n  - id: alias:nope", "supports[0].id", "bad_alias"),
    ("platforms:\n  - web", "platforms:\n  - web\nintendedAudience:\n  countries: [Fr]",
     "intendedAudience.countries[0]", "bad_country"),
    ('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "9.9"', "publiccodeYmlVersion", "unsupported_version"),
    ('publiccodeYmlVersion: "0"\n', "", "publiccodeYmlVersion", "required"),
    ("name: Registro Civil\n", "name: Registro Civil\nname: Otro\n", "name", "duplicate_key"),
])
def test_rule(old, new, key, code):
    r = validate_publiccode(_with(BASE, old, new), base_dir=FIX)
    found = [(f.key, f.code) for f in r.errors]
    assert (key, code) in found, found


@pytest.mark.parametrize(("old", "new", "key", "code"), [
    ("platforms:\n  - web", "platforms:\n  - web\nit:\n  conforme:\n    gdpr: true", "it", "lowercase_section"),
    ("platforms:\n  - web", "platforms:\n  - web\nit:\n  conforme:\n    gdpr: true", "it.conforme", "deprecated"),
    ("platforms:\n  - web", "platforms:\n  - web\nintendedAudience:\n  countries: [it]",
     "intendedAudience.countries[0]", "lowercase_country"),
    ("license: EUPL-1.2", "license: EUPL-1.2\n  repoOwner: Town", "legal.repoOwner", "deprecated_use"),
    ("    features:", "    genericName: Registry\n    features:", "description.es.genericName", "deprecated"),
    ('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "1.0"', "publiccodeYmlVersion", "candidate_version"),
    ('publiccodeYmlVersion: "0"', "publiccodeYmlVersion: 0.3", "publiccodeYmlVersion", "old_version"),
])
def test_warning_rule_keeps_file_valid(old, new, key, code):
    r = validate_publiccode(_with(BASE, old, new), base_dir=FIX)
    assert r.valid, r.errors
    assert (key, code) in [(f.key, f.code) for f in r.warnings]


def test_it_and_IT_together_is_an_error():
    data = _with(BASE, "platforms:\n  - web", "platforms:\n  - web\nit:\n  riuso: {}\nIT:\n  riuso: {}")
    assert ("it", "section_duplicated") in [(f.key, f.code) for f in validate_publiccode(data).errors]


def _long(text: str) -> bytes:
    start, end = BASE.index("    longDescription: >"), BASE.index("    features:")
    return (BASE[:start] + f'    longDescription: "{text}"\n' + BASE[end:]).encode()


def test_description_lengths_count_graphemes():
    assert grapheme_length("e\u0301" * 10) == 10
    # 298 code points but 149 user-perceived characters: too short; 150 of them pass.
    r = validate_publiccode(_long("e\u0301" * 149))
    assert ("description.es.longDescription", "min_len") in [(f.key, f.code) for f in r.errors]
    assert validate_publiccode(_long("e\u0301" * 150), base_dir=FIX).valid
    assert ("description.es.longDescription", "max_len") in [
        (f.key, f.code) for f in validate_publiccode(_long("x" * 10001)).errors]


def test_short_description_over_150():
    r = validate_publiccode(_with(BASE, "Sistema de registro civil para municipios.", "x" * 151))
    assert ("description.es.shortDescription", "max_len") in [(f.key, f.code) for f in r.errors]


def test_checks_helpers():
    assert is_language("sl-IT-nedis") and is_language("pt-BR") and not is_language("en_GB")
    assert not is_language("no such language")
    assert license_problem("MIT OR Apache-2.0") is None
    assert license_problem("LicenseRef-Agency-1") is None
    assert license_problem("Invalid License")


@pytest.mark.parametrize("data", [
    b"",
    b"- just\n- a list\n",
    b"name: [unclosed\n",
    b"\xff\xfe\x00garbage",
    b"name: caf\xe9\n",  # Latin-1, not UTF-8: the standard requires UTF-8
    b"[" * 5000,
    b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % ((chr(98 + i).encode(),) * 2 +
                                                                       (chr(97 + i).encode(),) * 9)
        for i in range(12)),
    b"--- {a: 1}\n--- {b: 2}\n",
    b"!!python/object/apply:os.system ['echo pwned']\n",
])
def test_hostile_input_gives_one_clear_error(data):
    r = validate_publiccode(data)
    assert not r.valid
    assert all(isinstance(f.message, str) and f.message for f in r.errors)


def test_size_cap():
    r = validate_publiccode(b"name: x\n" + b"#" * 100, limit=50)
    assert [f.code for f in r.errors] == ["unreadable"]
    assert "too large" in r.errors[0].message


def test_symlink_out_of_tree_is_refused(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(outside, repo / "logo.png")
    r = validate_publiccode(_with(BASE, "logo: logo.svg", "logo: logo.png"), base_dir=repo)
    assert ("logo", "file_outside") in [(f.key, f.code) for f in r.errors]


def test_not_an_image(tmp_path):
    (tmp_path / "logo.png").write_text("<html>not an image</html>")
    r = validate_publiccode(_with(BASE, "logo: logo.svg", "logo: logo.png"), base_dir=tmp_path)
    assert ("logo", "not_image") in [(f.key, f.code) for f in r.errors]


def test_network_is_off_by_default_and_used_when_asked():
    data = _with(BASE, "logo: logo.svg", "logo: https://example.org/logo.png")
    calls: list[str] = []

    def fetch(url):
        calls.append(url)
        return "HTTP 404"

    assert validate_publiccode(data, fetch=fetch).valid and calls == []
    r = validate_publiccode(data, network=True, fetch=fetch)
    assert calls == ["https://example.org/logo.png"]
    assert ("logo", "unreachable") in [(f.key, f.code) for f in r.errors]


def test_messages_are_translated():
    r_es = validate_publiccode(b"name: x\n", lang="es")
    r_fr = validate_publiccode(b"name: x\n", lang="fr")
    assert any("obligatorio" in f.message for f in r_es.errors)
    assert any("obligatoire" in f.message for f in r_fr.errors)


def test_cli_validate_json_and_exit_codes(capsys):
    assert main(["publiccode", "validate", str(FIX / "valid.yml"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] is True and out["errors"] == [] and out["path"].endswith("valid.yml")
    assert main(["publiccode", "validate", str(FIX / "valid.yml"), str(FIX / "invalid.yml"), "--format", "json"]) == 1
    both = json.loads(capsys.readouterr().out)
    assert [x["valid"] for x in both] == [True, False]
    err = both[1]["errors"][0]
    assert set(err) >= {"key", "message", "line", "column"}
    assert main(["publiccode", "validate", str(FIX / "nope.yml")]) == 1
    assert "nope.yml" in capsys.readouterr().out
