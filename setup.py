"""Build hook: every installation carries a license index generated from the installed SPDX data.

Why here and not only in the Makefile: identifying a hundred license files takes a fraction of a second, while
building the similarity index from ~800 SPDX texts costs about a second of CPU. Generating it while the package
is built (``pip install .``, ``pip install -e .``, a wheel) makes a user's first ``ospo license identify`` as fast
as later ones, whatever way ospo was installed. The index is derived from the data packages named in
``build-system.requires`` (the same ones ``project.dependencies`` installs); it is a build product, never
committed (``.gitignore``). When the data packages at run time differ, the fingerprint stored in the index no
longer matches and ospo rebuilds into the user's cache, so a stale index can only cost time, never a wrong answer.
A failure here never fails the installation: ospo then builds the index on first use.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
_BUILD = """
import sys
from pathlib import Path
from ospo.engine.licenses import index
_idx, raw = index._build()
target = Path(sys.argv[1]) / "ospo" / "engine" / "licenses" / "_installed" / index.installed_path().name
sys.exit(0 if index._save(raw, target) else 1)
"""


class BuildPyWithLicenseIndex(build_py):
    """``build_py`` plus the license index, written beside the package's modules."""

    def run(self) -> None:
        super().run()
        # An editable install imports from src/, so the index goes there (git-ignored); a wheel gets it in build_lib.
        root = HERE / "src" if getattr(self, "editable_mode", False) else Path(self.build_lib)
        env = {**os.environ, "PYTHONPATH": str(HERE / "src"), "OSPO_LICENSE_INDEX": "build"}
        try:
            done = subprocess.run([sys.executable, "-c", _BUILD, str(root)], env=env, timeout=600, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            self.warn(f"license index not built ({exc}); ospo builds it on first use")
            return
        if done.returncode != 0:
            self.warn("license index not built; ospo builds it on first use")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        built = Path(self.build_lib, "ospo", "engine", "licenses", "_installed")
        return outputs + [str(p) for p in built.glob("license-index-v*.marshal")]


setup(cmdclass={"build_py": BuildPyWithLicenseIndex})
