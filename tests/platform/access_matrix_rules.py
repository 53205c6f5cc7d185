"""The authorization rules table: for every URL pattern (by qualified name), which roles may use it.

``test_access_matrix.py`` walks the URL configuration and requests every pattern as every role; a pattern that
no rule below matches FAILS the test — adding a route means deciding here who may use it. Rules are matched in
order; the first whose regex fully matches the qualified route name wins. ``sample`` names the World attribute
whose id fills the route's ``pk`` (a private object of agency A unless said otherwise), ``method`` the request,
``params`` the values of other path parameters (``kind``, ``fmt``…), ``data`` the POST form (a value ``@name``
is the id of the World attribute ``name``) — so a POST reaches the view's authorization check rather than stopping
at a missing field. A 400 (a form the view rejected after authorizing) counts as allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

EVERYONE = frozenset({"anonymous", "public", "maintainer_a", "maintainer_b", "reviewer", "staff", "admin"})
ANY_ROLE = frozenset({"maintainer_a", "maintainer_b", "reviewer", "staff", "admin"})
SEES_A = frozenset({"maintainer_a", "reviewer", "staff", "admin"})  # agency A's private objects
SEES_B = frozenset({"maintainer_b", "reviewer", "staff", "admin"})
MANAGES_A = frozenset({"maintainer_a", "staff", "admin"})  # sources and scans of agency A
GLOBAL = frozenset({"reviewer", "staff", "admin"})  # government-wide roles
ADMIN = frozenset({"admin"})
SKIP = None  # not requestable as GET/POST without side effects outside the test (documented per rule)


@dataclass(frozen=True)
class Rule:
    pattern: str
    allowed: frozenset[str] | None
    sample: str = ""
    method: str = "get"
    why: str = ""
    params: tuple[tuple[str, str], ...] = ()
    data: tuple[tuple[str, str], ...] = ()


RULES: tuple[Rule, ...] = (
    # --- framework -------------------------------------------------------------------------------------------
    Rule(r"set_language", EVERYONE, method="post", why="the language choice is everyone's"),
    Rule(r"admin:login", frozenset(), why="redirects everyone to the site's sign-in page (access:login)"),
    Rule(r"access:login", EVERYONE, why="the sign-in page, for every role"),
    Rule(
        r"access:logout", SKIP, why="POST-only and it would sign the matrix's clients out: tested in test_access_signin"
    ),
    Rule(r"admin:logout", SKIP, why="POST-only; signing out is not an authorization question"),
    Rule(
        r"admin:(autocomplete|view_on_site|access_auditentry_(add|delete))",
        frozenset(),
        why="need query parameters / a real object; the audit log is never added to or deleted by hand",
    ),
    Rule(r"admin:.*", ADMIN, sample="admin_object", why="the admin site is for OSPO admins (superusers)"),
    Rule(r"oidc_.*", SKIP, why="the SSO handshake redirects to the provider (tested in test_access_units)"),
    # --- REST API --------------------------------------------------------------------------------------------
    Rule(r"api:(api-root|schema|swagger|redoc|statistics)", EVERYONE),
    Rule(r"api:agency-list", EVERYONE),
    Rule(r"api:agency-detail", EVERYONE, sample="agency_a", why="public bodies are public"),
    Rule(r"api:repository-list|api:component-list|api:usage-list", EVERYONE, why="scoped: the public gets published"),
    Rule(r"api:repository-detail", SEES_A, sample="repo_a"),
    Rule(r"api:repository-scan", MANAGES_A, sample="repo_a", method="post"),
    Rule(r"api:component-detail", SEES_B, sample="component_private", why="used only by agency B's private repo"),
    Rule(r"api:usage-detail", SEES_A, sample="usage_a"),
    Rule(r"api:(source|scan|discoveryjob|licensefinding|vulnerabilityfinding|hygienefinding|decision)-list", ANY_ROLE),
    Rule(r"api:discoveryjob-detail", SEES_A, sample="discovery_a", why="a source's discovery: private like it"),
    Rule(r"api:source-detail", SEES_A, sample="source_a"),
    Rule(
        r"api:source-discover",
        MANAGES_A,
        sample="source_a",
        method="post",
        why="queues a discovery job (then scans): maintainers of the source's agency, staff, admin",
    ),
    Rule(r"api:scan-detail", SEES_A, sample="scan_a"),
    Rule(r"api:licensefinding-detail", SEES_A, sample="license_a"),
    Rule(r"api:vulnerabilityfinding-detail", SEES_A, sample="vuln_a"),
    Rule(r"api:hygienefinding-detail", SEES_A, sample="hygiene_a"),
    Rule(r"api:decision-detail", SEES_A, sample="decision_a"),
    Rule(r"api:catalogentry-(list|detail)", EVERYONE, sample="entry", why="the catalog is public (vetting: role)"),
    Rule(
        r"api:catalogentry-declare-use",
        MANAGES_A,
        sample="entry",
        method="post",
        data=(("agency", "@agency_a"),),
        why="acting for agency A needs `change` on it",
    ),
    Rule(r"api:catalogedge-list|api:catalog-kpis", ANY_ROLE, why="edges scoped to the repositories the user sees"),
    Rule(r"api:catalogedge-detail", SKIP, why="no edge in the matrix world; scope tested in test_catalog_followup"),
    Rule(r"api:catalog-contribute", GLOBAL, why="ranked from every agency's inventory and findings"),
    # --- pages (web app) -------------------------------------------------------------------------------------
    Rule(r"web:(overview|agencies|search)", EVERYONE, why="aggregate statistics and published repositories"),
    Rule(r"web:agency", EVERYONE, sample="agency_a"),
    Rule(r"web:(repository|sbom_cyclonedx|sbom_spdx)", SEES_A, sample="repo_a"),
    Rule(r"web:repository_scan", MANAGES_A, sample="repo_a", method="post"),
    Rule(r"web:component", SEES_B, sample="component_private"),
    Rule(r"web:scans", ANY_ROLE),
    Rule(
        r"web:scan_all",
        frozenset({"maintainer_a", "maintainer_b", "staff", "admin"}),
        method="post",
        why="scans every repository the user may scan",
    ),
    Rule(r"web:scan", SEES_A, sample="scan_a"),
    Rule(r"web:estate_scan", GLOBAL, sample="estate_scan"),
    Rule(
        r"web:source_add",
        frozenset({"maintainer_a", "maintainer_b", "staff", "admin"}),
        why="the form offers only the agencies where the user may add sources",
    ),
    Rule(r"web:source", SEES_A, sample="source_a", why="sources are private: role holders of the agency"),
    Rule(
        r"web:source_discover",
        MANAGES_A,
        sample="source_a",
        method="post",
        why="queues a discovery job (then scans): maintainers of the source's agency, staff, admin",
    ),
    # --- programme (issue 8): objects of the programme app are not in the matrix world; their per-object
    # rules (agency people see only their own requests) are tested in test_programme_platform.py
    Rule(r"programme:(dashboard|services)", EVERYONE, why="public: aggregate statistics and the service catalog"),
    Rule(r"programme:requests", ANY_ROLE, why="anyone with a role follows their own service requests"),
    Rule(r"programme:(assessment_new|assessment_import|assessment_readiness|roadmap_verify)", GLOBAL, method="post"),
    Rule(
        r"programme:(index|assessments|canvases|research|roadmap|cost|kpis|report)",
        GLOBAL,
        why="programme management is the work of government-wide roles",
    ),
    Rule(r"programme:.*", SKIP, why="routes on programme objects or slugs: tested in test_programme_platform.py"),
    # --- findings pages: never public, not even of a published repository; out of scope = 404 ------------------
    Rule(r"findings:list", ANY_ROLE, why="scoped to the findings of the repositories the user sees"),
    Rule(
        r"findings:export_vex",
        ANY_ROLE,
        params=(("fmt", "openvex"),),
        why="the triage decisions the user may see (estate-wide: scoped by repository)",
    ),
    Rule(r"findings:detail", SEES_A, sample="vuln_a", params=(("kind", "vulnerability"),)),
    Rule(
        r"findings:triage",
        SEES_A,
        sample="vuln_a",
        params=(("kind", "vulnerability"),),
        method="post",
        why="triage: maintainers in their agency, reviewers, staff, admin (empty form: 400 after the check)",
    ),
    Rule(
        r"findings:waiver",
        frozenset({"reviewer", "admin"}),
        sample="vuln_a",
        params=(("kind", "vulnerability"),),
        method="post",
        why="a waiver is a legal/security decision",
    ),
    # --- catalog (issue 7): the catalog is public; acting for an agency needs the right on it --------------------
    Rule(r"catalog:(list|export)", EVERYONE, params=(("fmt", "csv"),), why="what the government publishes"),
    Rule(r"catalog:entry", EVERYONE, sample="entry", why="the entry; reuse edges/requests only with a role"),
    Rule(r"catalog:export_entry", EVERYONE, sample="entry", params=(("fmt", "publiccode"),)),
    Rule(r"catalog:dpg", frozenset({"staff", "admin"}), sample="entry", why="DPG indicators: OSPO staff"),
    Rule(
        r"catalog:(declare_use|request_reuse)",
        MANAGES_A,
        sample="entry",
        method="post",
        data=(("agency", "@agency_a"),),
        why="acting for agency A needs `change` on it",
    ),
    Rule(
        r"catalog:transition",
        MANAGES_A,
        sample="reuse_request",
        method="post",
        data=(("status", "accepted"),),
        why="the owner agency (A) accepts; once accepted, a right holder gets 400 (checked after the right)",
    ),
    Rule(
        r"catalog:(graph|duplicates|value|kpis)",
        ANY_ROLE,
        why="inventory details: edges and duplicate pairs limited to the repositories the user sees",
    ),
    Rule(r"catalog:contribute", GLOBAL, why="ranked from every agency's inventory and findings"),
)
