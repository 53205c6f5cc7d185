"""declared_license on every corpus repository: never fails, and matches the verified expectations below.

The expectations are OUR verified readings (docs/notes/licenses-declared.md explains each difference from the
corpus INDEX's "first reading" column, which is not ground truth).
"""

from __future__ import annotations

import pytest

from ospo.engine.licenses.declared import declared_license
from ospo.engine.scanner import scan_tree
from ospo.engine.sources.directory import DirectoryTree

EXPECTED = {
    "18F__identity-idp": "CC0-1.0",
    "AGESIC-UY__conector-pge": None,
    "AjuntamentdeBarcelona__decidim-barcelona": "AGPL-3.0-only",
    "CMSgov__bcda-app": "CC0-1.0",
    "CMSgov__bluebutton-web-server": "Apache-2.0",
    "GSA__notifications-api": "CC0-1.0 AND MIT",
    "OpenG2P__openg2p-registry": "LGPL-3.0-only",
    "alphagov__govuk-frontend": "MIT",
    "cds-snc__gc-articles": "GPL-2.0-only",
    "codegouvfr__catalogi": "MIT",
    "dhis2__dhis2-core": "BSD-3-Clause",
    "etalab__data_pass": None,
    "gcba__Obelisco-V2": "ISC",
    "italia__LavoroAgile": "MIT",
    "italia__iam-proxy-italia": "Apache-2.0",
    "usagov__usagov-2021": "GPL-2.0-or-later",
}
FINDINGS = {
    "italia__LavoroAgile": "declared.template",
    "italia__iam-proxy-italia": "declared.not-spdx",
    "EL-BID__UrbanTrips": "declared.custom",
    "EL-BID__MapaInversiones": "declared.custom",
    "codegouvfr__catalogi": "declared.reuse-other",
    "CMSgov__bluebutton-web-server": "declared.extra-text",
}


def test_corpus_declared_licenses(corpus_repos):
    seen = 0
    for repo in sorted(p for p in corpus_repos.iterdir() if p.is_dir()):
        tree = DirectoryTree(repo)
        out = declared_license(tree, scan_tree(tree, repo.name, str(repo)))
        for f in out.findings:
            assert f.message("fr") and "{" not in f.message("en"), (repo.name, f)
        if repo.name in EXPECTED:
            assert out.expression == EXPECTED[repo.name], repo.name
            seen += 1
        if repo.name in FINDINGS:
            assert FINDINGS[repo.name] in {f.key for f in out.findings}, repo.name
        if repo.name.startswith("EL-BID__"):
            assert (out.expression or "").startswith("LicenseRef-ospo-")
    if seen < len(EXPECTED):
        pytest.skip(f"only {seen} of the expected repositories are in this corpus copy")
