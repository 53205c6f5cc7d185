"""PyPI ecosystem: pip requirements, pyproject.toml (PEP 621/735, Poetry, PDM, uv), poetry.lock, uv.lock,
pdm.lock, Pipfile / Pipfile.lock, setup.cfg and setup.py (read statically, never executed)."""

from ospo.engine.ecosystems.pypi.pdm_lock import PdmLockExtractor
from ospo.engine.ecosystems.pypi.pipfile import PipfileExtractor, PipfileLockExtractor
from ospo.engine.ecosystems.pypi.poetry_lock import PoetryLockExtractor
from ospo.engine.ecosystems.pypi.pyproject import PyprojectExtractor
from ospo.engine.ecosystems.pypi.requirements import RequirementsExtractor
from ospo.engine.ecosystems.pypi.setup_cfg import SetupCfgExtractor
from ospo.engine.ecosystems.pypi.setup_py import SetupPyExtractor
from ospo.engine.ecosystems.pypi.uv_lock import UvLockExtractor

EXTRACTORS = [
    RequirementsExtractor(),
    PyprojectExtractor(),
    PoetryLockExtractor(),
    UvLockExtractor(),
    PdmLockExtractor(),
    PipfileExtractor(),
    PipfileLockExtractor(),
    SetupCfgExtractor(),
    SetupPyExtractor(),
]
