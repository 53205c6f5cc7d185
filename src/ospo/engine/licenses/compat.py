"""Inbound → outbound license compatibility: may code under license A go into a work released under B?

The knowledge is data (:data:`RULES`, a table read top to bottom, first match wins, specific rules before
the category defaults); the code only matches. Each rule names its source (the FSF license list, the ASF
third-party license policy, the EUPL appendix, the MPL 2.0 text and FAQ, the GPL FAQ). A policy may put its
own rules in front (``compatibility.rules`` in ``ospo-policy.yml``).

Compatibility is about the terms of a combined work that is handed to others. So it depends on the use:
``internal`` use hands nothing over (not applicable); a ``network`` service only triggers licenses whose
copyleft reaches network use (AGPL, EUPL, OSL…); ``distributed`` and ``published`` apply the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ospo.engine.licenses.classify import Category, classify


class Verdict(StrEnum):
    COMPATIBLE = "compatible"
    CONDITIONAL = "conditional"  # compatible if an obligation is met (linking, offering source, file-level)
    INCOMPATIBLE = "incompatible"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not-applicable"  # nothing is handed over in this context


CONTEXTS = ("internal", "network", "distributed", "published")
HANDED_OVER = ("distributed", "published")


@dataclass(frozen=True, slots=True)
class CompatRule:
    """``inbound``/``outbound`` entries are SPDX ids, ``cat:<category>``, ``*``; outbound may be ``=`` (same)."""

    inbound: tuple[str, ...]
    outbound: tuple[str, ...]
    verdict: Verdict
    reason: str  # a key of ospo.engine.licenses.messages (built-in rules) or plain text (policy rules)
    source: str
    contexts: tuple[str, ...] = HANDED_OVER
    id: str = ""


@dataclass(frozen=True, slots=True)
class CompatResult:
    inbound: str
    outbound: str
    verdict: Verdict
    reason: str
    source: str
    rule: str


# --- license groups ----------------------------------------------------------------------------------------
GPL2_ONLY = ("GPL-2.0-only",)
GPL2_PLUS = ("GPL-2.0-or-later",)
GPL2 = GPL2_ONLY + GPL2_PLUS
GPL3 = ("GPL-3.0-only", "GPL-3.0-or-later")
AGPL3 = ("AGPL-3.0-only", "AGPL-3.0-or-later")
LGPL21 = ("LGPL-2.1-only", "LGPL-2.1-or-later")
LGPL3 = ("LGPL-3.0-only", "LGPL-3.0-or-later")
LGPL2 = ("LGPL-2.0-only", "LGPL-2.0-or-later")
GNU_ALL = GPL2 + GPL3 + AGPL3 + LGPL2 + LGPL21 + LGPL3
GPL_FAMILY = GPL2 + GPL3 + AGPL3
EUPL = ("EUPL-1.2",)
# EUPL-1.2 appendix "Compatible Licences" (article 5): a work combining EUPL code with code under one of
# these may be distributed under that licence.
EUPL12_COMPATIBLE = (*GPL2, *GPL3, *AGPL3, "OSL-2.1", "OSL-3.0", "EPL-1.0", "CECILL-2.0", "CECILL-2.1",
                     "MPL-2.0", *LGPL21, *LGPL3, "CC-BY-SA-3.0", "LiLiQ-R-1.1", "LiLiQ-Rplus-1.1")
_GNU_VERSIONS = ("GPL-2.0", "GPL-3.0", "AGPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0")
FSF = "FSF license list, gnu.org/licenses/license-list.html"
ASF = "ASF 3rd party license policy, apache.org/legal/resolved.html; apache.org/licenses/GPL-compatibility.html"
EUPL_APPENDIX = "EUPL-1.2 article 5 and appendix 'Compatible Licences'"
MPL = "MPL-2.0 sections 1.12, 3.3 and Exhibit B; MPL 2.0 FAQ, mozilla.org/MPL/2.0/FAQ"
GPL_FAQ = "GNU GPL FAQ, gnu.org/licenses/gpl-faq.html"
OSD = "Open Source Definition, opensource.org/osd"


def _r(rule_id: str, inbound: Iterable[str], outbound: Iterable[str], verdict: Verdict, reason: str, source: str,
       contexts: Sequence[str] = HANDED_OVER) -> CompatRule:
    return CompatRule(tuple(inbound), tuple(outbound), verdict, reason, source, tuple(contexts), rule_id)


C, K, X, U = Verdict.COMPATIBLE, Verdict.CONDITIONAL, Verdict.INCOMPATIBLE, Verdict.UNKNOWN
ANY = ("*",)

RULES: tuple[CompatRule, ...] = (
    # Nothing is handed over: no license condition on distribution is triggered.
    _r("no-distribution", ANY, ANY, Verdict.NOT_APPLICABLE, "compat.no-distribution",
       "GPL FAQ: internal use is not distribution", ("internal",)),
    # A network service: only copyleft that reaches network use matters.
    _r("network-same", ("cat:network-copyleft",), ("=",), C, "compat.same-license", FSF, ("network",)),
    _r("network-agpl-into-gpl3", AGPL3, GPL3 + AGPL3, K, "compat.network-source",
       "AGPL-3.0 section 13; GPL-3.0 section 13", ("network",)),
    _r("network-eupl-list", EUPL, EUPL12_COMPATIBLE, K, "compat.network-source", EUPL_APPENDIX, ("network",)),
    _r("network-copyleft", ("cat:network-copyleft",), ANY, K, "compat.network-source",
       "AGPL-3.0 section 13; EUPL-1.2 article 1; OSL-3.0 section 5", ("network",)),
    _r("network-other", ANY, ANY, Verdict.NOT_APPLICABLE, "compat.no-distribution",
       "GPL FAQ: running a program as a service is not distribution", ("network",)),
    # Same license in and out.
    _r("same", ANY, ("=",), C, "compat.same-license", FSF),
    # One GNU license, "-only" versus "-or-later" of the same version.
    *(_r(f"{fam}-later-into-only", (f"{fam}-or-later",), (f"{fam}-only",), C, "compat.same-family",
         f"{GPL_FAQ}#VersionTwoOrLater") for fam in _GNU_VERSIONS),
    *(_r(f"{fam}-only-into-later", (f"{fam}-only",), (f"{fam}-or-later",), K, "compat.version-narrows",
         f"{GPL_FAQ}#VersionTwoOrLater") for fam in _GNU_VERSIONS),
    # Apache-2.0's patent termination and indemnity terms are "further restrictions" under GPL-2.0.
    _r("apache-gpl2", ("Apache-2.0",), (*GPL2_ONLY, "LGPL-2.1-only", "LGPL-2.0-only"), X, "compat.apache-gpl2",
       f"{FSF} (Apache 2.0: incompatible with GPLv2); {ASF}"),
    _r("apache-gpl3", ("Apache-2.0",), GPL2_PLUS + GPL3 + AGPL3 + LGPL3, C, "compat.gpl-upgrade",
       f"{FSF} (Apache 2.0: compatible with GPLv3); {ASF}"),
    # GPL versions.
    _r("gpl2only-gpl3", GPL2_ONLY, GPL3 + AGPL3 + LGPL3, X, "compat.gpl-version",
       f"{FSF} (GPLv2: not compatible with GPLv3 unless 'or later'); {GPL_FAQ}#v2v3Compatibility"),
    _r("gpl2plus-gpl3", GPL2_PLUS, GPL3 + AGPL3, C, "compat.gpl-upgrade", f"{GPL_FAQ}#v2v3Compatibility"),
    _r("gpl3-gpl2only", GPL3 + AGPL3 + LGPL3, (*GPL2_ONLY, "LGPL-2.1-only"), X, "compat.gpl-version",
       f"{GPL_FAQ}#AllCompatibility"),
    _r("gpl3-gpl2plus", GPL3 + LGPL3, GPL2_PLUS, K, "compat.gpl3-into-gpl2plus", f"{GPL_FAQ}#AllCompatibility"),
    _r("gpl3-agpl3", GPL3, AGPL3, C, "compat.gpl-agpl", "GPL-3.0 section 13; AGPL-3.0 section 13"),
    _r("agpl3-gpl3", AGPL3, GPL3, K, "compat.gpl-agpl", "GPL-3.0 section 13; AGPL-3.0 section 13"),
    # LGPL into GPL: LGPL-2.1 section 3 lets a copy be put under the GPL; LGPL-3.0 is GPL-3.0 plus permissions.
    _r("lgpl21-gpl", LGPL21 + LGPL2, GPL2 + GPL3 + AGPL3, C, "compat.lgpl-into-gpl",
       f"{FSF} (LGPLv2.1: compatible with GPLv2 and GPLv3); LGPL-2.1 section 3"),
    _r("lgpl3-gpl3", LGPL3, GPL3 + AGPL3, C, "compat.lgpl-into-gpl", f"{FSF} (LGPLv3: compatible with GPLv3)"),
    # MPL-2.0: GNU licenses are "Secondary Licenses" unless the code carries Exhibit B.
    _r("mpl-exhibit-b", ("MPL-2.0-no-copyleft-exception",), GNU_ALL, X, "compat.mpl-exhibit-b", MPL),
    _r("mpl-secondary", ("MPL-2.0",), GNU_ALL, C, "compat.mpl-secondary", f"{MPL}; {FSF} (MPL-2.0)"),
    _r("mpl-file", ("MPL-2.0", "MPL-2.0-no-copyleft-exception", "MPL-1.1"), ANY, K, "compat.mpl-file", MPL),
    # Licenses whose terms conflict with the GPL family.
    _r("gpl-incompatible", ("EPL-1.0", "EPL-2.0", "CDDL-1.0", "CDDL-1.1", "BSD-4-Clause", "OSL-3.0", "OSL-2.1",
                            "CPAL-1.0", "MS-RL", "MS-PL", "CPL-1.0", "APSL-2.0", "Artistic-1.0", "QPL-1.0",
                            "CECILL-B", "SSPL-1.0"), GPL_FAMILY, X, "compat.gpl-incompatible-terms",
       f"{FSF} (each marked 'not compatible with the GNU GPL'; EPL-2.0 unless GPL is designated as a Secondary "
       "License in its Exhibit A)"),
    # EUPL-1.2 code into a licence of its compatibility list: the combination may go under that licence.
    _r("eupl-list", EUPL, EUPL12_COMPATIBLE, C, "compat.eupl-list", EUPL_APPENDIX),
    _r("eupl-other", EUPL, ANY, X, "compat.copyleft-into-other", EUPL_APPENDIX),
    # CC-BY-SA-4.0 is one-way compatible with GPL-3.0 (Creative Commons' compatible licenses list).
    _r("ccbysa4-gpl3", ("CC-BY-SA-4.0",), GPL3, C, "compat.gpl-upgrade",
       f"creativecommons.org/compatiblelicenses; {FSF} (CC BY-SA 4.0)"),
    # Category defaults.
    _r("permissive", ("cat:permissive", "cat:public-domain"), ANY, C, "compat.permissive",
       f"{FSF} (permissive licenses: 'compatible with the GNU GPL'); {ASF} (Category A)"),
    _r("weak-into-any", ("cat:weak-copyleft",), ANY, K, "compat.weak-linking",
       f"{FSF} (LGPL); {ASF} (Category B: weak copyleft, binary inclusion); {GPL_FAQ}#LGPLStaticVsDynamic"),
    _r("strong-into-other", ("cat:strong-copyleft", "cat:network-copyleft"), ANY, X, "compat.copyleft-into-other",
       f"{GPL_FAQ}#GPLRequireSourcePostedPublic; {ASF} (Category X)"),
    _r("not-open", ("cat:source-available", "cat:proprietary"), ANY, X, "compat.not-open", f"{OSD}; {ASF}"),
    _r("unknown", ANY, ANY, U, "compat.unknown", "no rule applies"),
)


def _matches(patterns: tuple[str, ...], license_id: str, category: Category, inbound: str | None = None) -> bool:
    for p in patterns:
        if p == "*" or p == license_id:
            return True
        if p == "=" and inbound is not None and inbound == license_id:
            return True
        if p.startswith("cat:") and p[4:] == category:
            return True
    return False


def check(inbound: str, outbound: str, context: str = "published", *, inbound_exception: str | None = None,
          extra_rules: Sequence[CompatRule] = (), categories=None) -> CompatResult:  # type: ignore[no-untyped-def]
    """The verdict for code under ``inbound`` (optionally WITH an exception) in a work under ``outbound``."""
    in_cat = classify(inbound, inbound_exception, categories).category
    out_cat = classify(outbound, None, categories).category
    label = f"{inbound} WITH {inbound_exception}" if inbound_exception else inbound
    for rule in (*extra_rules, *RULES):
        if context not in rule.contexts:
            continue
        in_ok = _matches(rule.inbound, label, in_cat) or _matches(rule.inbound, inbound, in_cat)
        if in_ok and _matches(rule.outbound, outbound, out_cat, inbound):
            return CompatResult(label, outbound, rule.verdict, rule.reason, rule.source, rule.id)
    return CompatResult(label, outbound, Verdict.UNKNOWN, "compat.unknown", "no rule applies", "unknown")
