"""Fuzzing the parsers written for hygiene: workflow reading, git log records, tag records, binary sniffing.

Property: a workflow is read or refused with ParseFailure; log and tag output (from a hostile repository)
parses into commits/tags or is counted as malformed; the sniffer answers for any bytes. >= 1,000 inputs each.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.hygiene.history import parse_log, parse_record, parse_tags
from ospo.engine.hygiene.sniff import sniff
from ospo.engine.hygiene.workflow_reader import Workflow, read_workflow
from ospo.engine.safeparse import ParseFailure

from fuzzing import FUZZ_SETTINGS, mutations

WORKFLOWS = sorted((Path(__file__).resolve().parent / "fixtures" / "hygiene" / "workflows").glob("*.yml"))
SEEDS = [p.read_bytes() for p in WORKFLOWS]

yaml_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
yaml_values = st.recursive(yaml_scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(
    st.sampled_from(["on", "jobs", "steps", "uses", "run", "with", "ref", "permissions", "script", "x"]) | st.text(
        max_size=8), c, max_size=4), max_leaves=25)


@st.composite
def workflow_docs(draw: st.DrawFn) -> bytes:
    import yaml

    return yaml.safe_dump(draw(yaml_values)).encode()


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(SEEDS) | workflow_docs())
def test_fuzz_read_workflow(data: bytes) -> None:
    try:
        wf = read_workflow(".github/workflows/x.yml", data)
    except ParseFailure:
        return
    assert isinstance(wf, Workflow)
    for job in wf.jobs:
        assert isinstance(job.id, str)
        for step in job.steps:
            assert step.uses is None or isinstance(step.uses, str)
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in step.with_.items())


LOG_SEED = (b"commit " + b"a" * 40 + b"\ntree " + b"b" * 40 + b"\nparent " + b"c" * 40
            + b"\nauthor A <a@x.org> 1700000000 "
            b"+0000\ncommitter B <b@y.org> 1700000100 -0300\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP "
            b"SIGNATURE-----\n\n    subject\n    \n    Signed-off-by: A <a@x.org>\n\x00")


@FUZZ_SETTINGS
@given(st.binary(max_size=400) | mutations([LOG_SEED, LOG_SEED * 2]))
def test_fuzz_parse_log(data: bytes) -> None:
    commits, malformed = parse_log(data)
    assert malformed >= 0
    for c in commits:
        assert len(c.sha) in (40, 64)
        assert isinstance(c.author_time, int) and isinstance(c.message, str)
        assert all(k == k.lower() for k, _ in c.trailers)


def test_seed_log_parses() -> None:
    commits, malformed = parse_log(LOG_SEED)
    assert malformed == 0 and len(commits) == 1
    c = commits[0]
    assert c.signed and c.parents == ("c" * 40,) and c.author_email == "a@x.org" and c.committer_time == 1700000100
    assert c.trailer_values("signed-off-by") == ["A <a@x.org>"] and c.subject == "subject"
    assert parse_record("not a commit") is None


TAG_SEED = b"v1\x1ftag\x1f1700000000\x1f-----BEGIN PGP SIGNATURE-----\nx\n\x1e\nv0\x1fcommit\x1f1600000000\x1f\x1e\n"


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations([TAG_SEED]))
def test_fuzz_parse_tags(data: bytes) -> None:
    for tag in parse_tags(data):
        assert tag.name and isinstance(tag.time, int)
        assert not (tag.signed and not tag.annotated)


def test_seed_tags_parse() -> None:
    tags = parse_tags(TAG_SEED)
    assert [(t.name, t.annotated, t.signed) for t in tags] == [("v1", True, True), ("v0", False, False)]


MAGIC = [b"\x7fELF", b"MZ", b"\xca\xfe\xba\xbe", b"\x00asm", b"PK\x03\x04", b"\x1f\x8b", b"!<arch>\n", b"\x89PNG"]


@FUZZ_SETTINGS
@given(st.sampled_from([*MAGIC, b""]), st.binary(max_size=600), st.sampled_from(["a.txt", "x.jar", "y.pyc", ""]))
def test_fuzz_sniff(prefix: bytes, rest: bytes, path: str) -> None:
    found = sniff(prefix + rest, path)
    assert found is None or (isinstance(found[0], str) and isinstance(found[1], str))
    if prefix == b"\x7fELF":
        assert found == ("executable", "ELF")
