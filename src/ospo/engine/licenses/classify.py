"""License → category (permissive, weak copyleft, …), from ScanCode's license database.

The database is the ``scancode-licensedb-index.json`` that ``license-expression`` ships (maintained by
nexB/AboutCode, keyed by ScanCode key with the SPDX id of each license). Its categories are mapped to the
eight categories an OSPO policy speaks of (:data:`SCANCODE_CATEGORIES`). ScanCode has no "network copyleft"
category, so the licenses whose copyleft is triggered by offering the software over a network are listed
here (:data:`NETWORK_COPYLEFT`), each with the clause that makes it so; a policy may override any license's
category. See docs/notes/licenses-policy.md for the mapping and its reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class Category(StrEnum):
    PERMISSIVE = "permissive"
    WEAK_COPYLEFT = "weak-copyleft"
    STRONG_COPYLEFT = "strong-copyleft"
    NETWORK_COPYLEFT = "network-copyleft"
    PUBLIC_DOMAIN = "public-domain"
    SOURCE_AVAILABLE = "source-available"  # the source can be read, but the license is not free/open
    PROPRIETARY = "proprietary"
    UNKNOWN = "unknown"


# ScanCode category → ours. Why the less obvious rows:
# * "Copyleft Limited" is ScanCode's name for file- or library-level copyleft (LGPL, MPL, EPL): weak.
# * "Free Restricted" licenses allow free use with a restriction that makes them non-free (non-commercial,
#   no military use, …): not open source, so grouped with source-available.
# * "Proprietary Free" is free of charge but proprietary (freeware, redistributable binaries).
# * Patent grants, CLAs and "Unstated License" are not copyright licenses for the code: unknown → review.
SCANCODE_CATEGORIES: dict[str, Category] = {
    "Permissive": Category.PERMISSIVE,
    "Public Domain": Category.PUBLIC_DOMAIN,
    "Copyleft": Category.STRONG_COPYLEFT,
    "Copyleft Limited": Category.WEAK_COPYLEFT,
    "Source-available": Category.SOURCE_AVAILABLE,
    "Free Restricted": Category.SOURCE_AVAILABLE,
    "Proprietary Free": Category.PROPRIETARY,
    "Commercial": Category.PROPRIETARY,
    "Patent License": Category.UNKNOWN,
    "CLA": Category.UNKNOWN,
    "Unstated License": Category.UNKNOWN,
}

# Copyleft triggered by network use, with the clause. SSPL-1.0 has such a clause (section 13) but is not an
# open-source license (OSI did not approve it; ScanCode: Source-available), so it stays source-available.
NETWORK_COPYLEFT: dict[str, str] = {
    "AGPL-1.0-only": "AGPL-1.0 section 2(d): source offered to users interacting over a network",
    "AGPL-1.0-or-later": "AGPL-1.0 section 2(d)",
    "AGPL-3.0-only": "AGPL-3.0 section 13: Remote Network Interaction",
    "AGPL-3.0-or-later": "AGPL-3.0 section 13: Remote Network Interaction",
    "OSL-1.0": "OSL 'External Deployment' clause",
    "OSL-1.1": "OSL 'External Deployment' clause",
    "OSL-2.0": "OSL-2.0 section 5: External Deployment",
    "OSL-2.1": "OSL-2.1 section 5: External Deployment",
    "OSL-3.0": "OSL-3.0 section 5: External Deployment",
    "CPAL-1.0": "CPAL-1.0 section 15: Network Use",
    "RPL-1.1": "RPL section 1.4/3: 'Deploy' includes making the software available over a network",
    "RPL-1.5": "RPL-1.5 sections 1.4 and 3: 'Deploy' includes use by third parties over a network",
    # EUPL's copyleft (article 5) applies to "Distribution or Communication", which article 1 defines as
    # including "providing access to its essential functionalities" online: a network service.
    "EUPL-1.1": "EUPL-1.1 article 1: 'Distribution and/or Communication' includes online access",
    "EUPL-1.2": "EUPL-1.2 article 1: 'Distribution or Communication' includes providing online access",
}

# Exceptions that let code under a strong copyleft license be linked into other programs: with one of these
# the license behaves as weak copyleft for the program that uses it.
LINKING_EXCEPTIONS: frozenset[str] = frozenset({
    "Classpath-exception-2.0", "GCC-exception-2.0", "GCC-exception-3.1", "LGPL-3.0-linking-exception",
    "Universal-FOSS-exception-1.0", "OCaml-LGPL-linking-exception", "FLTK-exception", "wxWindows-exception-3.1",
    "Qt-LGPL-exception-1.1", "Font-exception-2.0", "GPL-CC-1.0", "LLVM-exception", "u-boot-exception-2.0",
    "Libtool-exception", "Autoconf-exception-3.0", "Bison-exception-2.2", "eCos-exception-2.0",
    "mif-exception", "openvpn-openssl-exception", "Linux-syscall-note",
})


NOT_IN_DB = "not in the license database"


@dataclass(frozen=True, slots=True)
class Classification:
    license: str
    category: Category
    source: str  # where the category comes from: "scancode:<key> (<Category>)", "ospo: <clause>", "policy"


@cache
def _index() -> dict[str, tuple[str, str]]:
    """SPDX id (and other SPDX keys ScanCode knows) → (ScanCode key, ScanCode category)."""
    from license_expression import get_license_index

    out: dict[str, tuple[str, str]] = {}
    for entry in get_license_index():
        category = entry.get("category")
        key = entry.get("license_key")
        if not isinstance(category, str) or not isinstance(key, str):
            continue
        spdx = entry.get("spdx_license_key")
        if isinstance(spdx, str) and spdx:
            out.setdefault(spdx, (key, category))
        for other in entry.get("other_spdx_license_keys") or ():
            if isinstance(other, str):
                out.setdefault(other, (key, category))
    return out


def classify(license_id: str, exception: str | None = None,
             overrides: Mapping[str, Category] | None = None) -> Classification:
    """The category of one license (optionally WITH an exception). Policy ``overrides`` win over all."""
    label = f"{license_id} WITH {exception}" if exception else license_id
    if overrides:
        for key in (label, license_id):
            if key in overrides:
                return Classification(label, overrides[key], "policy")
    if license_id in NETWORK_COPYLEFT:
        base = Classification(label, Category.NETWORK_COPYLEFT, f"ospo: {NETWORK_COPYLEFT[license_id]}")
    else:
        found = _index().get(license_id)
        if found is None:
            return Classification(label, Category.UNKNOWN, NOT_IN_DB)
        key, category = found
        base = Classification(label, SCANCODE_CATEGORIES.get(category, Category.UNKNOWN),
                              f"scancode:{key} ({category})")
    if exception and exception in LINKING_EXCEPTIONS and base.category == Category.STRONG_COPYLEFT:
        return Classification(label, Category.WEAK_COPYLEFT, f"{base.source}; linking exception {exception}")
    return base


def is_known(license_id: str) -> bool:
    return license_id in NETWORK_COPYLEFT or license_id in _index()
