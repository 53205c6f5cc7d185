"""pyproject.toml (PEP 621, PEP 735, Poetry, PDM, uv), Pipfile, setup.cfg and static setup.py."""

from __future__ import annotations

from ospo.engine.model import Scope

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, by_name, run_extractor

PYPI = FIXTURES / "pypi"
PEP621 = (PYPI / "pyproject-pep621.toml").read_bytes()
POETRY = (PYPI / "pyproject-poetry.toml").read_bytes()
PIPFILE = (PYPI / "Pipfile").read_bytes()
SETUP_CFG = (PYPI / "setup.cfg").read_bytes()
SETUP_PY = (PYPI / "setup.py").read_bytes()
SETUP_DYN = (PYPI / "setup-dynamic.py").read_bytes()


def _run(name: str, path: str, content: bytes, others=None):  # type: ignore[no-untyped-def]
    fr = run_extractor(name, path, content, others)
    assert_no_internal_errors(fr)
    return fr


def test_pep621_groups_scopes_and_root():
    fr = _run("pypi-pyproject", "pyproject.toml", PEP621)
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/gov-portal-api@2.1.0"  # PEP 503 normalised
    assert comps["fastapi"][0].purl == "pkg:pypi/fastapi@0.110.0" and comps["fastapi"][0].location.line == 9
    sqla = comps["SQLAlchemy"][0]
    assert sqla.purl == "pkg:pypi/sqlalchemy" and sqla.version == "<3,>=2.0" and sqla.properties["extras"] == "asyncio"
    assert comps["tomli"][0].properties["marker"] == 'python_version < "3.11"'
    assert "shared-lib" not in comps  # file:// URL is first-party
    auth = comps["auth-client"][0]  # a VCS pin in a manifest is left for the lockfile to pin
    assert auth.purl == "pkg:pypi/auth-client" and not auth.pinned and "source" in auth.properties
    assert comps["psycopg"][0].scope is Scope.OPTIONAL
    assert comps["pytest"][0].scope is Scope.TEST and comps["pytest-cov"][0].scope is Scope.TEST
    assert comps["ruff"][0].scope is Scope.DEVELOPMENT and comps["mypy"][0].scope is Scope.DEVELOPMENT
    assert comps["pre-commit"][0].purl == "pkg:pypi/pre-commit@3.7.0"  # [tool.uv] dev-dependencies
    assert comps["mkdocs"][0].scope is Scope.DEVELOPMENT  # [tool.pdm.dev-dependencies]; -e entry skipped
    assert all(c.direct for c in fr.components)
    assert ("pkg:pypi/gov-portal-api@2.1.0", "pkg:pypi/fastapi@0.110.0") in {(e.source, e.target) for e in fr.edges}


def test_poetry_forms():
    fr = _run("pypi-pyproject", "pyproject.toml", POETRY)
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/benefits-service@0.9.0"
    assert "python" not in comps and "internal-lib" not in comps
    assert comps["django"][0].purl == "pkg:pypi/django@4.2.11"  # a bare Poetry version is exact
    assert comps["djangorestframework"][0].version == "^3.15" and not comps["djangorestframework"][0].pinned
    assert comps["celery"][0].purl == "pkg:pypi/celery@5.3.6" and comps["celery"][0].properties["extras"] == "redis,sqs"
    assert comps["boto3"][0].scope is Scope.OPTIONAL
    assert comps["pysaml2"][0].properties["source"].startswith("git+https://github.com/gov/pysaml2.git@a1b2")
    assert comps["numpy"][0].purl == "pkg:pypi/numpy@1.26.4" and len(comps["numpy"]) == 1
    assert comps["requests"][0].version is None
    assert comps["black"][0].scope is Scope.DEVELOPMENT and comps["black"][0].location.line == 25
    assert comps["pytest"][0].scope is Scope.TEST and comps["sphinx"][0].scope is Scope.DEVELOPMENT


def test_pipfile_categories():
    fr = _run("pypi-pipfile", "Pipfile", PIPFILE)
    comps = by_name(fr)
    assert comps["requests"][0].version is None and not comps["requests"][0].pinned
    assert comps["django"][0].purl == "pkg:pypi/django@4.2.11" and comps["django"][0].location.line == 8
    assert comps["Flask-Cors"][0].purl == "pkg:pypi/flask-cors"
    assert comps["celery"][0].properties["extras"] == "redis"
    assert "local-lib" not in comps and "source" not in comps and "python_version" not in comps
    assert comps["pytest"][0].scope is Scope.DEVELOPMENT
    assert comps["sphinx"][0].properties["category"] == "docs" and comps["sphinx"][0].scope is Scope.DEVELOPMENT


def test_setup_cfg():
    fr = _run("pypi-setup-cfg", "setup.cfg", SETUP_CFG)
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/gov-forms@1.2.0"
    assert comps["attrs"][0].purl == "pkg:pypi/attrs@23.2.0" and comps["attrs"][0].location.line == 11
    assert comps["pyyaml"][0].location.line == 14  # comment lines skipped, trailing comment stripped
    assert comps["pytest"][0].scope is Scope.TEST
    assert comps["reportlab"][0].scope is Scope.OPTIONAL and comps["black"][0].scope is Scope.DEVELOPMENT
    assert "max-line-length" not in comps


def test_setup_cfg_file_directive():
    cfg = b"[options]\ninstall_requires = file: reqs/base.txt\n"
    fr = _run("pypi-setup-cfg", "pkg/setup.cfg", cfg, {"pkg/reqs/base.txt": b"attrs==23.2.0\n"})
    assert fr.components[0].purl == "pkg:pypi/attrs@23.2.0"
    assert fr.components[0].location.path == "pkg/reqs/base.txt"


def test_setup_py_static_reading():
    fr = _run("pypi-setup-py", "setup.py", SETUP_PY)
    comps = by_name(fr)
    assert fr.root == "pkg:pypi/gov-registry@3.0.1"  # name through a module-level constant
    assert comps["lxml"][0].purl == "pkg:pypi/lxml@5.2.1" and comps["lxml"][0].location.line == 9
    assert comps["click"][0].purl == "pkg:pypi/click@8.1.7" and "rich" in comps  # BASE + [...] + [*...]
    assert comps["coverage"][0].scope is Scope.TEST
    assert comps["pytest"][0].scope is Scope.TEST and comps["boto3"][0].scope is Scope.OPTIONAL
    assert not fr.issues


def test_setup_py_dynamic_values_are_warnings():
    fr = _run("pypi-setup-py", "setup.py", SETUP_DYN)
    assert fr.components == [] and fr.root == "pkg:pypi/dynamic-pkg"
    assert len(fr.issues) == 3 and {i.severity for i in fr.issues} == {"warning"}
    assert any("install_requires is computed" in i.message for i in fr.issues)


def test_bad_files_are_issues_not_crashes():
    cases = [
        ("pypi-pyproject", "pyproject.toml", b"[project\nname="),
        ("pypi-pyproject", "pyproject.toml", b"[project]\ndependencies = 5\n"),
        ("pypi-pyproject", "pyproject.toml", b'[tool.poetry.dependencies]\nx = 5\ny = ["a"]\n'),
        ("pypi-pipfile", "Pipfile", b"[packages\n"),
        ("pypi-setup-py", "setup.py", b"setup(install_requires=[\n"),
        ("pypi-setup-py", "setup.py", b"(" * 5000),
        ("pypi-setup-py", "setup.py", b"setup(install_requires=[1, 2])\n"),
        ("pypi-setup-cfg", "setup.cfg", b"\x00\x00"),
    ]
    for name, path, data in cases:
        fr = _run(name, path, data)
        assert fr.components == [], (name, data)


def test_pyproject_dependencies_not_a_list_is_a_warning():
    fr = _run("pypi-pyproject", "pyproject.toml", b"[project]\nname = 'x'\ndependencies = 5\n")
    assert fr.issues and fr.issues[0].severity == "warning"


test_fuzz_pyproject = fuzz("pypi-pyproject", "pyproject.toml", [PEP621, POETRY])
test_fuzz_pipfile = fuzz("pypi-pipfile", "Pipfile", [PIPFILE])
test_fuzz_setup_cfg = fuzz("pypi-setup-cfg", "setup.cfg", [SETUP_CFG])
test_fuzz_setup_py = fuzz("pypi-setup-py", "setup.py", [SETUP_PY, SETUP_DYN])
