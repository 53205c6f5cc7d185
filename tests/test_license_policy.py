"""Policy as code: validation with key paths and lines, contexts, expression semantics, waivers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.licenses.classify import Category, classify
from ospo.engine.licenses.expressions import normalize
from ospo.engine.licenses.policy import Decision, PolicyError, default_policy, load_policy, parse_policy

from fuzzing import FUZZ_SETTINGS
from util import FIXTURES

HERE = FIXTURES / "license_policy"


def ev(policy, text, context, outbound=(), **kw):
    return policy.evaluate(normalize(text).tree, context, outbound, **kw)


def test_default_policy_loads_and_names_our_outbound_licenses():
    p = default_policy()
    assert p.outbound == ("EUPL-1.2", "Apache-2.0", "MIT")
    assert set(p.contexts) == {"default", "internal", "network", "distributed", "published"}


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("MIT", "distributed", Decision.ALLOWED),
    ("GPL-3.0-only", "internal", Decision.ALLOWED),
    ("GPL-3.0-only", "distributed", Decision.REVIEW),
    ("AGPL-3.0-only", "network", Decision.REVIEW),
    ("LGPL-2.1-only", "distributed", Decision.ALLOWED),
    ("SSPL-1.0", "internal", Decision.DENIED),
    ("UNLICENSED", "internal", Decision.DENIED),
    ("JSON", "distributed", Decision.DENIED),  # category override in the default policy
    ("BSD", "internal", Decision.REVIEW),  # ambiguous → unknown → review
])
def test_default_policy_decisions(text, context, expected):
    assert ev(default_policy(), text, context).decision == expected


def test_or_picks_the_best_branch_and_says_which():
    e = ev(default_policy(), "GPL-3.0-only OR MIT", "published", ("MIT",))
    assert e.decision == Decision.ALLOWED and e.chosen == "MIT"
    assert e.chosen_from == [("MIT", "GPL-3.0-only OR MIT")]


def test_and_needs_every_part():
    e = ev(default_policy(), "MIT AND SSPL-1.0", "internal")
    assert e.decision == Decision.DENIED
    assert [leaf.license for leaf in e.leaves] == ["MIT", "SSPL-1.0"]


def test_with_exception_is_considered():
    p = default_policy()
    assert ev(p, "GPL-2.0-only", "published", ("MIT",)).decision == Decision.INCOMPATIBLE
    e = ev(p, "GPL-2.0-only WITH Classpath-exception-2.0", "published", ("MIT",))
    assert e.decision == Decision.ALLOWED  # linking exception: weak copyleft, conditional, allowed
    assert e.leaves[0].compat[0].verdict == "conditional"
    strict = parse_policy(b"contexts:\n  default:\n    allowed: [weak-copyleft]\n"
                          b"    denied: ['GPL-2.0-only WITH Classpath-exception-2.0']\n")
    assert ev(strict, "GPL-2.0-only WITH Classpath-exception-2.0", "internal").decision == Decision.DENIED


def test_outbound_candidates_any_one_is_enough():
    p = default_policy()
    # Not yet declared: EUPL-1.2 code fits EUPL-1.2 outbound, though not MIT/Apache.
    e = ev(p, "EUPL-1.2", "published", p.outbound, outbound_any=True)
    assert e.decision == Decision.ALLOWED
    assert ev(p, "EUPL-1.2", "published", ("MIT",)).decision == Decision.INCOMPATIBLE


def test_license_rule_beats_category_and_context_beats_default():
    p = parse_policy(b"""
contexts:
  default:
    allowed: [permissive]
    denied: [strong-copyleft]
  internal:
    allowed: [GPL-3.0-only]
    denied: [ISC]
""")
    assert ev(p, "GPL-3.0-only", "internal").decision == Decision.ALLOWED
    assert ev(p, "GPL-2.0-only", "internal").decision == Decision.DENIED
    assert ev(p, "ISC", "internal").decision == Decision.DENIED
    assert ev(p, "ISC", "network").decision == Decision.ALLOWED
    assert ev(p, "GPL-3.0-only", "internal").leaves[0].rule == "contexts.internal.allowed"


def test_category_override_by_policy():
    p = parse_policy(b"categories:\n  MPL-2.0: strong-copyleft\ncontexts:\n  default:\n"
                     b"    denied: [strong-copyleft]\n    allowed: [weak-copyleft]\n")
    assert ev(p, "MPL-2.0", "internal").decision == Decision.DENIED
    assert ev(p, "MPL-2.0", "internal").leaves[0].category_source == "policy"


def test_validation_errors_have_paths_and_lines():
    with pytest.raises(PolicyError) as info:
        load_policy(str(HERE / "bad-policy.yml"))
    found = {(p.path, p.key, p.line) for p in info.value.problems}
    assert ("contexts.published.allowed[1]", "policy.unknown-license", 5) in found
    assert ("contexts.published.maybe", "policy.unknown-key", 6) in found
    assert ("waivers[0]", "policy.missing", 8) in found  # justification
    assert ("waivers[0].scope", "policy.bad-value", 11) in found
    assert ("waivers[0].expires", "policy.bad-date", 12) in found


@pytest.mark.parametrize("data", [b"- a list\n", b"contexts: [1, 2]\n", b"{{{", b"version: 2\n",
                                  b"compatibility:\n  rules:\n    - inbound: [MIT]\n      verdict: maybe\n",
                                  b"a: &a [*a]\n"])
def test_bad_documents_are_policy_errors(data):
    with pytest.raises(PolicyError):
        parse_policy(data)


def test_waivers_apply_until_they_expire():
    p = load_policy(str(HERE / "waivers.yml"))
    e = ev(p, "GPL-3.0-only", "distributed", purl="pkg:npm/gpl-helper@3.0.1", name="gpl-helper",
           repository="webapp")
    assert e.decision == Decision.ALLOWED and e.leaves[0].waiver.owner == "ospo@agency.example"
    other_repo = ev(p, "GPL-3.0-only", "distributed", purl="pkg:npm/gpl-helper@3.0.1", name="gpl-helper",
                    repository="portal")
    assert other_repo.decision == Decision.DENIED  # scope: repository "webapp*"
    after = ev(p, "GPL-3.0-only", "distributed", purl="pkg:npm/gpl-helper@3.0.1", name="gpl-helper",
               repository="webapp", today=dt.date(3000, 1, 1))
    assert after.decision == Decision.DENIED and after.leaves[0].expired_waivers
    expired = ev(p, "GPL-2.0-only", "distributed", purl="pkg:pypi/old-lib@1", name="old-lib")
    assert expired.decision == Decision.DENIED
    assert expired.leaves[0].expired_waivers[0].owner == "legal@agency.example"


def test_classification_mapping():
    assert classify("MIT").category == Category.PERMISSIVE
    assert classify("LGPL-2.1-only").category == Category.WEAK_COPYLEFT
    assert classify("GPL-3.0-only").category == Category.STRONG_COPYLEFT
    assert classify("AGPL-3.0-or-later").category == Category.NETWORK_COPYLEFT
    assert classify("EUPL-1.2").category == Category.NETWORK_COPYLEFT
    assert classify("OSL-3.0").category == Category.NETWORK_COPYLEFT
    assert classify("CC0-1.0").category == Category.PUBLIC_DOMAIN
    assert classify("SSPL-1.0").category == Category.SOURCE_AVAILABLE
    assert classify("CC-BY-NC-4.0").category == Category.SOURCE_AVAILABLE
    assert classify("LicenseRef-scancode-proprietary-license").category == Category.PROPRIETARY
    assert classify("LicenseRef-ospo-12345678").category == Category.UNKNOWN
    assert classify("MIT").source == "scancode:mit (Permissive)"
    assert classify("AGPL-3.0-only", overrides={"AGPL-3.0-only": Category.STRONG_COPYLEFT}).source == "policy"


_POLICY_WORDS = st.sampled_from([b"contexts:", b"default:", b"allowed:", b"denied:", b"review:", b"[MIT]",
                                 b"[permissive]", b"waivers:", b"- package: x", b"expires: 2020-01-01", b"  ",
                                 b"\n", b"scope: global", b"&a", b"*a", b"version: 1", b"categories:", b"{", b"-"])


@FUZZ_SETTINGS
@given(st.binary(max_size=200) | st.lists(_POLICY_WORDS, max_size=25).map(b" ".join)
       | st.lists(_POLICY_WORDS, max_size=25).map(b"\n".join))
def test_fuzz_policy_parser(data):
    try:
        parse_policy(data)
    except PolicyError as exc:
        assert exc.problems and all(p.key.startswith("policy.") for p in exc.problems)
