"""Units under the pages: SVG charts (accessible, escaped), license categories from the engine, filter parsing;
property tests with >= 1,000 generated inputs for everything that reads user or stored text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from ospo.platform.web import charts, filters, stats

try:
    from fuzzing import FUZZ_SETTINGS  # tests/fuzzing.py, on the path when the whole suite runs
except ImportError:  # pragma: no cover
    from hypothesis import HealthCheck, settings

    FUZZ_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck),
                             derandomize=True)


def test_bar_chart_is_accessible_svg_with_values():
    svg = charts.bar_chart("Per <ecosystem>", [charts.Bar("npm", 4), charts.Bar("<script>", 2)])
    root = ET.fromstring(svg)  # well-formed XML
    assert root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Per <ecosystem>"
    assert root.find(f"{ns}desc").text == "npm: 4; <script>: 2"
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    widths = [float(r.get("width")) for r in root.iter(f"{ns}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])  # proportional to the values
    assert charts.bar_chart("empty", []) == ""


def test_line_chart_reads_out_every_point_and_differs_by_shape():
    svg = charts.line_chart("t", ["01", "02", "03"], [charts.Series("A", [1, 5, 3], "#000000"),
                                                       charts.Series("B", [0, 0, 2], "#111111")])
    root = ET.fromstring(svg)
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert desc == "A: 01 1, 02 5, 03 3. B: 01 0, 02 0, 03 2."
    assert len(re.findall("<circle", svg)) == 3 and len(re.findall("<rect", svg)) == 3  # A circles, B squares
    assert charts.line_chart("t", [], []) == ""


@pytest.mark.parametrize(("declared", "category"), [
    ("MIT", "permissive"), ("Apache-2.0", "permissive"), ("GPL-3.0-only", "strong-copyleft"),
    ("LGPL-2.1-or-later", "weak-copyleft"), ("AGPL-3.0-or-later", "network-copyleft"),
    ("MIT OR GPL-3.0-only", "permissive"),  # the user may choose: the least restrictive branch
    ("MIT AND GPL-3.0-only", "strong-copyleft"),  # all apply: the most restrictive
    ("GPL-2.0-only WITH Classpath-exception-2.0", "weak-copyleft"),
    ("", "not-declared"), ("   ", "not-declared"), ("Apache Software License 2.0", "permissive"),
    ("my own terms, ask us", "unknown"),
])
def test_license_category(declared, category):
    assert stats.license_category(declared) == category


@FUZZ_SETTINGS
@given(st.text(max_size=300))
def test_license_category_never_fails(text):
    assert stats.license_category(text) in stats.CATEGORY_ORDER


@FUZZ_SETTINGS
@given(st.dictionaries(st.sampled_from(["q", "ecosystem", "scope", "direct", "page", "status"]),
                       st.text(max_size=400), max_size=6))
def test_filters_never_fail_and_stay_bounded(params):
    request = RequestFactory().get("/", params)
    for name in params:
        assert len(filters.text(request, name)) <= filters.MAX_QUERY
    assert filters.choice(request, "direct", {"yes", "no"}) in {"", "yes", "no"}
    kept = filters.keep(request, "q", "ecosystem", "direct")
    assert all(part.split("=")[0] in {"q", "ecosystem", "direct"} for part in kept.split("&") if part)


@pytest.mark.django_db
def test_pages_answer_any_query_string_without_a_server_error(admin_client, local_source):
    """1,000 generated query strings against the repository, search and scans pages: never a 5xx."""
    from django.urls import reverse
    from pages_helpers import build

    estate = build(local_source)
    urls = [reverse("web:repository", args=[estate.webapp.pk]), reverse("web:search"), reverse("web:scans"),
            reverse("web:agency", args=[estate.parent.pk])]

    @FUZZ_SETTINGS
    @given(st.sampled_from(urls), st.dictionaries(
        st.sampled_from(["q", "ecosystem", "scope", "direct", "page", "status"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), max_size=6))
    def check(url, params):
        assert admin_client.get(url, params).status_code == 200

    check()
