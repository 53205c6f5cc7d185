"""CVSS scoring through the ``cvss`` library, ecosystem labels, and the highest-severity rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ospo.engine.vulns.severity import advisory_severity, highest, score_vector, severities_of

V31_CRIT = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"


def test_cvss_v3_scores_and_ratings() -> None:
    s = score_vector("CVSS_V3", V31_CRIT)
    assert (s.score, s.rating, s.source) == (9.8, "Critical", "CVSS_V3")
    assert score_vector("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H").score == 9.9
    assert score_vector("CVSS_V3", "CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N").rating == "Low"
    assert score_vector("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L").score == 2.0
    assert score_vector("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").rating == "None"


def test_cvss_v4_and_v2() -> None:
    s = score_vector("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
    assert (s.score, s.rating, s.source) == (9.3, "Critical", "CVSS_V4")
    v2 = score_vector("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P")
    assert (v2.score, v2.rating) == (7.5, "High")
    assert score_vector("CVSS_V2", "AV:N/AC:L/Au:N/C:C/I:C/A:C").rating == "High"  # v2 has no Critical


def test_bad_vectors_are_unknown() -> None:
    for bad in ["", "garbage", "CVSS:3.1/AV:N", "CVSS:4.0/AV:X", "CVSS:9.9/AV:N"]:
        assert score_vector("CVSS_V3", bad).rating == "Unknown"
    assert score_vector("CVSS_V3", None).rating == "Unknown"  # type: ignore[arg-type]


def test_labels_and_highest() -> None:
    ghsa = {"severity": [], "database_specific": {"severity": "MODERATE"}}
    s = advisory_severity(ghsa)
    assert (s.rating, s.label, s.source) == ("Medium", "MODERATE", "database_specific")
    both = {"severity": [{"type": "CVSS_V3", "score": V31_CRIT}], "database_specific": {"severity": "HIGH"}}
    assert advisory_severity(both).rating == "Critical"
    rust = {"affected": [{"database_specific": {"informational": "unmaintained", "cvss": None}}]}
    r = advisory_severity(rust)
    assert (r.rating, r.label, r.source) == ("None", "unmaintained", "rustsec-informational")
    assert advisory_severity({}).rating == "Unknown"
    assert highest([]).rating == "Unknown"
    assert len(severities_of(both)) == 2


def test_v4_preferred_over_v3_on_equal_rating_and_score() -> None:
    a = score_vector("CVSS_V3", V31_CRIT)
    b = score_vector("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H")
    assert highest([a, b]).source == "CVSS_V4" if b.score and b.score >= a.score else True


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.sampled_from(["CVSS_V2", "CVSS_V3", "CVSS_V4", "X"]),
       st.text(alphabet="CVSS:3.14/AVNLHPRUICSXTEMQ", max_size=60) | st.text(max_size=30))
def test_fuzz_vectors_never_raise(kind: str, vector: str) -> None:
    s = score_vector(kind, vector)
    assert s.rating in {"Unknown", "None", "Low", "Medium", "High", "Critical"}
