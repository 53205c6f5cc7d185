"""pip requirements files: pins vs ranges, includes, constraints, hashes, VCS/URL lines, pip-compile edges."""

from __future__ import annotations

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

PYPI = FIXTURES / "pypi"
REQ = (PYPI / "requirements.txt").read_bytes()
BASE = (PYPI / "requirements-base.txt").read_bytes()
CONSTRAINTS = (PYPI / "constraints.txt").read_bytes()
COMPILED = (PYPI / "requirements-compiled.txt").read_bytes()
TREE = {"requirements-base.txt": BASE, "constraints.txt": CONSTRAINTS}


def _run(content: bytes = REQ, path: str = "requirements.txt", others=None):  # type: ignore[no-untyped-def]
    fr = run_extractor("pypi-requirements", path, content, TREE if others is None else others)
    assert_no_internal_errors(fr)
    return fr


def test_pins_ranges_extras_markers_and_lines():
    comps = by_name(_run())
    django = comps["Django"][0]
    assert django.purl == "pkg:pypi/django@4.2.11" and django.pinned and django.direct is True
    assert django.location.path == "requirements.txt" and django.location.line == 12
    req = comps["requests"][0]
    assert req.purl == "pkg:pypi/requests" and not req.pinned and req.version == "<3,>=2.31"
    assert req.properties["extras"] == "security,socks"
    celery = comps["celery"][0]
    assert celery.purl == "pkg:pypi/celery@5.3.6" and celery.properties["marker"] == 'python_version >= "3.8"'
    assert comps["urllib3"][0].purl == "pkg:pypi/urllib3@2.2.1"  # === is an arbitrary-equality pin
    assert comps["zope.interface"][0].purl == "pkg:pypi/zope-interface" and not comps["zope.interface"][0].pinned
    assert comps["gunicorn"][0].version is None


def test_hashes_on_continuation_lines():
    comps = by_name(_run())
    crypto = comps["cryptography"][0]
    assert crypto.location.line == 18
    assert crypto.hashes == [
        ("SHA-256", "0270572b8bd2c833c3981724b8ee9747b3ec96f699a9665470018594301439ee"),
        ("SHA-256", "111a0d8553afcf8eb02a4fea6ca4f59d48ddb34497aa8706a6cf536f1a5ec576"),
    ]
    lxml = comps["lxml"][0]
    assert lxml.properties["marker"] == 'sys_platform != "win32"' and len(lxml.hashes) == 1


def test_includes_constraints_and_cycles():
    fr = _run()
    comps = by_name(fr)
    # -r is followed (relative to the including file); the include cycle back to requirements.txt is cut
    six = comps["six"][0]
    assert six.purl == "pkg:pypi/six@1.16.0" and six.location.path == "requirements-base.txt"
    assert len([c for c in fr.components if c.name == "Django"]) == 1
    # -c pins ranges declared elsewhere but declares nothing by itself
    assert comps["python-dateutil"][0].purl == "pkg:pypi/python-dateutil@2.9.0.post0"
    assert comps["python-dateutil"][0].properties["constraint"] == "constraints.txt:2"
    assert comps["Flask-Login"][0].purl == "pkg:pypi/flask-login@0.6.3"
    assert "unrelated-package" not in comps


def test_vcs_editable_and_url_lines():
    comps = by_name(_run())
    forms = comps["forms-lib"][0]
    assert forms.purl.startswith("pkg:pypi/forms-lib@3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f?vcs_url=")
    assert forms.properties["editable"] == "true"
    geo = comps["geo_tools"][0]  # a tag can move: recorded as written, unpinned
    assert geo.purl == "pkg:pypi/geo-tools" and geo.version == "v1.4.0" and not geo.pinned
    assert comps["pydantic"][0].purl == "pkg:pypi/pydantic@2.6.4"
    assert comps["internal_sdk"][0].properties["best-effort"] == "true"
    # -e . / -e ./local-package / ./vendor/patched-lib are the project's own code
    assert not {"local-package", "patched-lib", "."} & set(comps)


def test_options_ignored_and_bad_line_is_a_warning():
    fr = _run()
    assert all(not c.name.startswith("-") for c in fr.components)
    assert [i.severity for i in fr.issues] == ["warning"]
    assert "line 31" in fr.issues[0].message


def test_missing_include_is_a_warning():
    fr = _run(b"-r missing.txt\nflask==3.0.0\n", others={})
    assert by_name(fr)["flask"][0].pinned
    assert fr.issues and fr.issues[0].severity == "warning" and "not found" in fr.issues[0].message


def test_pip_compile_via_comments_give_direct_flags_and_edges():
    fr = _run(COMPILED, others={})
    comps = by_name(fr)
    assert comps["django"][0].direct is True and comps["django-cors-headers"][0].direct is True
    assert comps["asgiref"][0].direct is False and comps["sqlparse"][0].direct is False
    edges = {(e.source, e.target) for e in fr.edges}
    assert ("pkg:pypi/django@5.0.4", "pkg:pypi/asgiref@3.8.1") in edges
    assert ("pkg:pypi/django-cors-headers@4.3.1", "pkg:pypi/django@5.0.4") in edges


def test_scope_from_file_name_and_wants():
    fr = run_extractor("pypi-requirements", "requirements-dev.txt", b"pytest==8.0.0\n")
    assert fr.components[0].scope is Scope.DEVELOPMENT
    fr = run_extractor("pypi-requirements", "requirements_for_test.txt", b"pytest==8.0.0\n")
    assert fr.components[0].scope is Scope.TEST
    from ospo.engine.ecosystems import extractor_named

    ex = extractor_named("pypi-requirements")
    assert ex.wants("requirements.txt") and ex.wants("a/requirements/base.txt") and ex.wants("dev-requirements.in")
    assert ex.wants("constraints.txt") and not ex.wants("MANIFEST.in") and not ex.wants("notes.txt")


def test_bad_files_are_issues_not_crashes():
    for bad in (b"\x00\x01binary", b"-r " + b"x" * 5000, b"\\\n" * 1000, b"--hash\n", b"-e\n", b"-r\n"):
        fr = _run(bad, others={})
        assert_no_internal_errors(fr)


test_fuzz_requirements = fuzz("pypi-requirements", "requirements.txt", [REQ, BASE, COMPILED])
