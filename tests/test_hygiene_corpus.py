"""Every hygiene check over every corpus repository: no exception, history checks "not evaluated" (the copies
are plain directories), and the required-file findings agree with the facts recorded in each ``_meta.json``."""

from __future__ import annotations

import json
from pathlib import Path

from ospo.engine.hygiene.context import Options
from ospo.engine.hygiene.model import Verdict
from ospo.engine.hygiene.registry import check_ids
from ospo.engine.hygiene.runner import hygiene

META_TO_CHECK = {"readme": "readme", "license": "license-file", "security": "security-policy",
                 "contributing": "contributing", "code_of_conduct": "code-of-conduct",
                 "publiccode_yml": "publiccode-file"}
HISTORY = ("maintained", "contributors", "bus-factor", "code-review", "dco", "signed")


def test_every_check_over_the_corpus(corpus_repos: Path) -> None:
    repos = sorted(p for p in corpus_repos.iterdir() if p.is_dir())
    assert repos
    disagreements = []
    for repo in repos:
        report = hygiene(str(repo), Options())
        checks = {c.id: c for c in report.checks}
        assert list(checks) == check_ids(), repo.name
        for c in report.checks:
            assert "internal error" not in c.summary, (repo.name, c.id, c.evidence)
            assert c.score is None or 0 <= c.score <= 10
            assert (c.score is None) == (c.verdict in (Verdict.NOT_APPLICABLE, Verdict.NOT_EVALUATED)), (repo.name, c)
        for cid in HISTORY:
            assert checks[cid].verdict == Verdict.NOT_EVALUATED
        meta = json.loads((repo / "_meta.json").read_text())
        facts = meta.get("root_hygiene", {})
        for key, cid in META_TO_CHECK.items():
            present = checks[cid].verdict != Verdict.FAIL and checks[cid].score not in (0, None)
            if bool(facts.get(key)) != present:
                disagreements.append((repo.name, key, facts.get(key), checks[cid].summary))
        tool = bool(facts.get("dependabot") or facts.get("renovate"))
        if tool != (checks["dependency-update-tool"].verdict == Verdict.PASS):
            disagreements.append((repo.name, "update-tool", tool, checks["dependency-update-tool"].summary))
    assert disagreements == []


def test_cli_over_the_whole_corpus_in_one_call(corpus_repos: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The must-show command itself: ``ospo hygiene ../shared/corpus/repos/*/`` (JSON to read it back)."""
    from ospo.cli import main

    repos = sorted(p for p in corpus_repos.iterdir() if p.is_dir())
    assert main(["hygiene", *[f"{p}/" for p in repos], "--format", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in reports] == [p.name for p in repos]
    for r in reports:
        assert [c["id"] for c in r["checks"]] == check_ids()
        assert not any("internal error" in c["summary"] for c in r["checks"]), r["name"]
        # Input problems are attached to a file of that repository, never a crash of the run.
        assert all(":" in issue for issue in r["issues"]), r["issues"]
