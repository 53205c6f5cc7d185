"""Inbound / outbound / context compatibility: each case states its verdict and the source it comes from.

Sources: FSF = gnu.org/licenses/license-list.html; GPL-FAQ = gnu.org/licenses/gpl-faq.html;
ASF = apache.org/legal/resolved.html and apache.org/licenses/GPL-compatibility.html; EUPL = EUPL-1.2
article 5 and its appendix "Compatible Licences"; MPL = MPL-2.0 sections 1.12/3.3/Exhibit B and
mozilla.org/MPL/2.0/FAQ; CC = creativecommons.org/compatiblelicenses; OSD = opensource.org/osd.
"""

from __future__ import annotations

import pytest

from ospo.engine.licenses.compat import RULES, CompatRule, Verdict, check

C, K, X, U, NA = (Verdict.COMPATIBLE, Verdict.CONDITIONAL, Verdict.INCOMPATIBLE, Verdict.UNKNOWN,
                  Verdict.NOT_APPLICABLE)

CASES = [
    # (inbound, outbound, context, expected)
    ("Apache-2.0", "GPL-2.0-only", "published", X),  # FSF: Apache 2.0 "not compatible with GPL version 2"; ASF
    ("Apache-2.0", "GPL-2.0-only", "distributed", X),  # FSF, as above: distribution triggers the conflict
    ("Apache-2.0", "GPL-3.0-only", "published", C),  # FSF: Apache 2.0 "compatible with GPL version 3"; ASF
    ("Apache-2.0", "GPL-3.0-or-later", "published", C),  # FSF, as above
    ("Apache-2.0", "GPL-2.0-or-later", "published", C),  # FSF: "or later" lets the combination use GPLv3
    ("Apache-2.0", "AGPL-3.0-only", "published", C),  # FSF: AGPLv3 is GPLv3-compatible; Apache 2.0 → GPLv3
    ("Apache-2.0", "LGPL-2.1-only", "published", X),  # FSF: LGPLv2.1 converts only to GPLv2 here; ASF
    ("Apache-2.0", "EUPL-1.2", "published", C),  # ASF Category A: permissive into any outbound
    ("Apache-2.0", "MIT", "published", C),  # ASF Category A (keep NOTICE)
    ("GPL-2.0-only", "GPL-3.0-only", "published", X),  # GPL-FAQ #v2v3Compatibility: GPLv2-only not with GPLv3
    ("GPL-2.0-only", "AGPL-3.0-only", "published", X),  # GPL-FAQ #AllCompatibility
    ("GPL-2.0-or-later", "GPL-3.0-only", "published", C),  # GPL-FAQ #v2v3Compatibility: upgrade to v3
    ("GPL-3.0-only", "GPL-2.0-only", "published", X),  # GPL-FAQ #AllCompatibility
    ("GPL-3.0-only", "GPL-2.0-or-later", "published", K),  # GPL-FAQ: combination must be released under GPLv3
    ("GPL-3.0-only", "GPL-3.0-or-later", "published", K),  # GPL-FAQ #VersionTwoOrLater: combination is v3 only
    ("GPL-3.0-or-later", "GPL-3.0-only", "published", C),  # GPL-FAQ #VersionTwoOrLater: "or later" includes v3
    ("LGPL-2.1-or-later", "LGPL-2.1-only", "distributed", C),  # LGPL-2.1 section 13 (later versions), as above
    ("GPL-3.0-only", "AGPL-3.0-only", "published", C),  # GPLv3 section 13 permits combining with AGPLv3
    ("AGPL-3.0-only", "GPL-3.0-only", "published", K),  # GPLv3/AGPLv3 section 13: AGPL part keeps sec. 13
    ("GPL-3.0-only", "MIT", "published", X),  # GPL-FAQ #GPLRequireSourcePostedPublic: whole work under GPL
    ("GPL-3.0-only", "Apache-2.0", "distributed", X),  # ASF Category X: GPL cannot be included
    ("GPL-3.0-only", "EUPL-1.2", "published", X),  # FSF on EUPL: combination goes to GPL, not EUPL
    ("GPL-3.0-only", "MIT", "internal", NA),  # GPL-FAQ #GPLRequireSourcePostedPublic: private use, no release
    ("GPL-3.0-only", "MIT", "network", NA),  # GPL-FAQ #UnreleasedMods: a service does not distribute
    ("LGPL-2.1-only", "GPL-2.0-only", "published", C),  # FSF: LGPLv2.1 compatible with GPLv2 (LGPL sec. 3)
    ("LGPL-2.1-only", "GPL-3.0-only", "published", C),  # FSF: LGPLv2.1 compatible with GPLv3
    ("LGPL-3.0-only", "GPL-3.0-only", "published", C),  # FSF: LGPLv3 compatible with GPLv3
    ("LGPL-3.0-only", "GPL-2.0-only", "published", X),  # FSF: LGPLv3 not compatible with GPLv2
    ("LGPL-2.1-or-later", "MIT", "distributed", K),  # GPL-FAQ #LGPLStaticVsDynamic; ASF Category B
    ("LGPL-3.0-only", "Apache-2.0", "published", K),  # ASF Category B: weak copyleft, dynamic linking
    ("LGPL-2.1-only", "EUPL-1.2", "published", K),  # GPL-FAQ #LGPLStaticVsDynamic (relinking condition)
    ("MPL-2.0", "Apache-2.0", "published", K),  # MPL FAQ: larger work under any license; MPL files stay MPL
    ("MPL-2.0", "MIT", "distributed", K),  # MPL section 3.3, Larger Work
    ("MPL-2.0", "GPL-2.0-only", "published", C),  # MPL section 1.12: GPL-2.0 is a Secondary License
    ("MPL-2.0", "GPL-3.0-or-later", "published", C),  # MPL section 3.3; FSF: MPL-2.0 GPL-compatible
    ("MPL-2.0", "LGPL-2.1-or-later", "published", C),  # MPL section 1.12: LGPL-2.1 is a Secondary License
    ("MPL-2.0-no-copyleft-exception", "GPL-3.0-only", "published", X),  # MPL Exhibit B; FSF
    ("MPL-2.0-no-copyleft-exception", "MIT", "published", K),  # MPL FAQ: file-level terms still apply
    ("MPL-2.0", "EUPL-1.2", "published", K),  # MPL section 3.3 (EUPL appendix lists MPL-2.0 as outbound only)
    ("EUPL-1.2", "GPL-3.0-only", "published", C),  # EUPL appendix: GPL v3
    ("EUPL-1.2", "GPL-2.0-only", "published", C),  # EUPL appendix: GPL v2
    ("EUPL-1.2", "AGPL-3.0-only", "published", C),  # EUPL appendix: AGPL v3
    ("EUPL-1.2", "MPL-2.0", "published", C),  # EUPL appendix: MPL v2
    ("EUPL-1.2", "LGPL-2.1-only", "published", C),  # EUPL appendix: LGPL v2.1
    ("EUPL-1.2", "EPL-1.0", "published", C),  # EUPL appendix: EPL v1.0
    ("EUPL-1.2", "CECILL-2.1", "published", C),  # EUPL appendix: CeCILL v2.0, v2.1
    ("EUPL-1.2", "OSL-3.0", "published", C),  # EUPL appendix: OSL v2.1, v3.0
    ("EUPL-1.2", "CC-BY-SA-3.0", "published", C),  # EUPL appendix: CC BY-SA 3.0
    ("EUPL-1.2", "LiLiQ-Rplus-1.1", "published", C),  # EUPL appendix: LiLiQ-R and LiLiQ-R+
    ("EUPL-1.2", "MIT", "published", X),  # EUPL article 5: copyleft; MIT is not in the appendix
    ("EUPL-1.2", "Apache-2.0", "distributed", X),  # EUPL article 5, as above
    ("EUPL-1.2", "EUPL-1.2", "published", C),  # same licence (EUPL article 5)
    ("EUPL-1.2", "MIT", "network", K),  # EUPL article 1: online access is "Communication" → offer source
    ("MIT", "EUPL-1.2", "published", C),  # FSF: Expat is permissive, GPL-compatible; ASF Category A
    ("BSD-3-Clause", "GPL-2.0-only", "published", C),  # FSF: Modified BSD compatible with GPL
    ("BSD-4-Clause", "GPL-2.0-only", "published", X),  # FSF: original BSD advertising clause incompatible
    ("BSD-2-Clause", "Apache-2.0", "published", C),  # ASF Category A
    ("ISC", "GPL-3.0-only", "published", C),  # FSF: ISC compatible with GPL
    ("Zlib", "MIT", "published", C),  # FSF: zlib license is GPL-compatible permissive; ASF Category A
    ("CC0-1.0", "GPL-3.0-only", "published", C),  # FSF: CC0 is a GPL-compatible public-domain dedication
    ("Unlicense", "Apache-2.0", "published", C),  # FSF: Unlicense is a GPL-compatible PD dedication
    ("EPL-1.0", "GPL-2.0-only", "published", X),  # FSF: EPL-1.0 incompatible with GPL
    ("EPL-2.0", "GPL-3.0-only", "published", X),  # FSF: EPL-2.0 incompatible unless GPL named secondary
    ("CDDL-1.0", "GPL-2.0-only", "published", X),  # FSF: CDDL incompatible with GPL
    ("OSL-3.0", "GPL-3.0-only", "published", X),  # FSF: OSL 3.0 incompatible with GPL
    ("MS-PL", "GPL-3.0-only", "published", X),  # FSF: Ms-PL incompatible with GPL
    ("CC-BY-SA-4.0", "GPL-3.0-only", "published", C),  # CC compatible licenses: BY-SA 4.0 → GPLv3 (one-way)
    ("AGPL-3.0-only", "MIT", "network", K),  # AGPL section 13: users over a network get the source
    ("AGPL-3.0-or-later", "Apache-2.0", "network", K),  # AGPL section 13
    ("AGPL-3.0-only", "MIT", "published", X),  # GPL-FAQ: AGPL'd work as a whole must be AGPL; ASF Category X
    ("AGPL-3.0-only", "AGPL-3.0-only", "network", C),  # same license
    ("AGPL-3.0-only", "GPL-3.0-only", "network", K),  # AGPL/GPL section 13: network clause still applies
    ("AGPL-3.0-only", "MIT", "internal", NA),  # GPL-FAQ: private use triggers nothing
    ("SSPL-1.0", "MIT", "published", X),  # OSD: SSPL not OSI-approved; ASF Category X
    ("SSPL-1.0", "GPL-3.0-only", "published", X),  # FSF/OSD: not a free license
    ("BUSL-1.1", "Apache-2.0", "distributed", X),  # OSD section 6 (no discrimination against fields of use)
    ("CC-BY-NC-4.0", "MIT", "published", X),  # OSD section 6: non-commercial restriction
    ("LicenseRef-ospo-0badc0de", "MIT", "published", U),  # no rule knows an unidentified license
]


def test_table_is_big_enough():
    assert len(CASES) >= 40
    assert len({(a, b, c) for a, b, c, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("inbound", "outbound", "context", "expected"), CASES,
                         ids=[f"{a}->{b}@{c}" for a, b, c, _ in CASES])
def test_compatibility(inbound, outbound, context, expected):
    result = check(inbound, outbound, context)
    assert result.verdict == expected, result
    assert result.source and result.rule


def test_linking_exception_makes_gpl_usable_as_a_library():
    # GPL-2.0 WITH Classpath-exception-2.0 (OpenJDK): linking does not extend the copyleft to the program.
    plain = check("GPL-2.0-only", "MIT", "distributed")
    excepted = check("GPL-2.0-only", "MIT", "distributed", inbound_exception="Classpath-exception-2.0")
    assert plain.verdict == Verdict.INCOMPATIBLE
    assert excepted.verdict == Verdict.CONDITIONAL
    assert excepted.inbound == "GPL-2.0-only WITH Classpath-exception-2.0"
    # The exception does not change the version conflict between GPL-2.0-only and GPL-3.0.
    assert check("GPL-2.0-only", "GPL-3.0-only", inbound_exception="Classpath-exception-2.0").verdict == X


def test_policy_rules_come_first():
    rule = CompatRule(("EPL-2.0",), ("GPL-3.0-only",), Verdict.COMPATIBLE, "EPL-2.0 code designates GPL",
                      "our lawyer, 2025", ("published",), "policy#1")
    assert check("EPL-2.0", "GPL-3.0-only", "published", extra_rules=[rule]).rule == "policy#1"
    assert check("EPL-2.0", "GPL-3.0-only", "distributed", extra_rules=[rule]).verdict == X


def test_every_builtin_rule_cites_a_source_and_has_a_message():
    from ospo.engine.licenses.messages import CATALOG

    for rule in RULES:
        assert rule.source and rule.id
        assert rule.reason in CATALOG.messages, rule.reason
