"""environment.yml extraction."""

from __future__ import annotations

from fuzzing import fuzz
from util import FIXTURES, assert_no_internal_errors, run_extractor

ENV = (FIXTURES / "conda" / "environment.yml").read_bytes()


def test_conda_specs_and_pip_section():
    fr = run_extractor("conda-environment", "environment.yml", ENV)
    got = {c.purl: (c.version, c.pinned, c.location.line) for c in fr.components}
    assert got == {
        "pkg:conda/python": ("=3.11", False, 6),
        "pkg:conda/numpy@1.26.4": ("1.26.4", True, 7),
        "pkg:conda/pandas@2.1.4": ("2.1.4", True, 8),
        "pkg:conda/geopandas@0.14.1?build=pyhd8ed1ab_0": ("0.14.1", True, 9),
        "pkg:conda/shapely?channel=conda-forge": (">=2.0,<3", False, 10),
        "pkg:conda/gdal@3.8.1?build=py311h39b4e0e_5&channel=conda-forge&subdir=linux-64": ("3.8.1", True, 11),
        "pkg:conda/scipy": (None, False, 12),
        "pkg:conda/matplotlib-base": (">=3.8", False, 13),
        "pkg:conda/h3-py": ("3.7.*", False, 14),
        "pkg:conda/pip": (None, False, 15),
        "pkg:pypi/requests@2.31.0": ("2.31.0", True, 17),
        "pkg:pypi/sqlalchemy": (">=2.0", False, 18),
        "pkg:pypi/osmnx@1.8.1": ("1.8.1", True, 19),
        "pkg:pypi/geo-utils": (None, False, 22),
        "pkg:pypi/mylib": (None, False, 23),
    }
    assert all(c.direct for c in fr.components)
    geo = next(c for c in fr.components if c.name == "geo-utils")
    assert geo.properties["source"].startswith("git+https://github.com/gov-org/geo-utils.git")
    assert fr.issues == []


def test_bad_environment_files():
    for bad in (b"dependencies: 3", b"- a", b"dependencies: [", b"\x00"):
        fr = run_extractor("conda-environment", "environment.yml", bad)
        assert fr.components == [] and fr.issues
        assert_no_internal_errors(fr)
    fr = run_extractor("conda-environment", "environment.yml", b"dependencies:\n  - '!!'\n  - [1]\n")
    assert fr.components == [] and fr.issues[0].severity == "warning"


test_fuzz_environment = fuzz("conda-environment", "environment.yml", [ENV])


def test_list_item_that_is_also_a_key_value_pair_does_not_crash():
    # Found by the fuzzer: "- :x" matches both the key pattern and the list-item pattern at the same offset.
    fr = run_extractor("conda-environment", "environment.yml",
                       "dependencies:\n  - pip\n  - pip:\n    - :requests==2.31.0\n    - flask==3.0.0\n")
    assert not [i for i in fr.issues if "internal error" in i.message]
    assert any(c.name == "flask" and c.version == "3.0.0" for c in fr.components)
