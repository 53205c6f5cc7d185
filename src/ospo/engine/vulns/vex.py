"""Triage decisions (VEX): what people decided about one vulnerability in one component, kept across scans.

A decision is keyed by (component purl, vulnerability id). Why these matching rules:

* the vulnerability matches by its id **or any alias** — a decision recorded against ``GHSA-…`` must still apply
  when the database later reports the same issue as ``CVE-…``;
* the purl matches with or without version: a decision on ``pkg:npm/lodash@4.17.20`` applies to that version
  only; one on ``pkg:npm/lodash`` applies to every version (e.g. "we never call the vulnerable function"). A
  versioned decision wins over an unversioned one; among equals the newest timestamp wins.

The store is a small interface (:class:`TriageStore`) so that the platform can back it with its database;
:class:`JsonTriageStore` is the file form (``.ospo/vex.json`` in a repository, or ``--triage FILE``).

Exchange formats: OpenVEX 0.2.0 (JSON-LD) and CycloneDX 1.6 ``vulnerabilities`` with ``analysis``. Both are
written and read back. They cannot say everything we say: OpenVEX has no "false positive" (written as
``not_affected`` with a ``status_notes`` marker) and CycloneDX uses its own justification words (ours are kept in
an ``ospo:`` property), so a round trip through either format gives back the same decisions.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from packageurl import PackageURL

import ospo
from ospo.engine.safeparse import ParseFailure, load_json
from ospo.engine.vulns.names import normalize_name

STATES = ("in_triage", "affected", "not_affected", "fixed", "false_positive")
UNTRIAGED = "untriaged"
CLOSED_STATES = frozenset({"not_affected", "false_positive", "fixed"})  # no longer counts against --fail-on
JUSTIFICATIONS = (
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
)
OPENVEX_CONTEXT = "https://openvex.dev/ns/v0.2.0"
_FP_MARKER = "ospo:false_positive"
_NO_STATEMENT = "No impact statement was recorded."  # filler for a required field; dropped again on import

# our state → OpenVEX status, and back
_TO_OPENVEX = {"in_triage": "under_investigation", "affected": "affected", "not_affected": "not_affected",
               "fixed": "fixed", "false_positive": "not_affected"}
_FROM_OPENVEX = {"under_investigation": "in_triage", "affected": "affected", "not_affected": "not_affected",
                 "fixed": "fixed"}
# our state → CycloneDX analysis.state, and back
_TO_CDX = {"in_triage": "in_triage", "affected": "exploitable", "not_affected": "not_affected",
           "fixed": "resolved", "false_positive": "false_positive"}
_FROM_CDX = {"in_triage": "in_triage", "exploitable": "affected", "not_affected": "not_affected",
             "resolved": "fixed", "resolved_with_pedigree": "fixed", "false_positive": "false_positive"}
# OpenVEX justification → CycloneDX justification (nearest meaning; ours is also kept in a property)
_JUST_TO_CDX = {
    "component_not_present": "requires_dependency",
    "vulnerable_code_not_present": "code_not_present",
    "vulnerable_code_not_in_execute_path": "code_not_reachable",
    "vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment",
    "inline_mitigations_already_exist": "protected_by_mitigating_control",
}
_JUST_FROM_CDX = {
    "code_not_present": "vulnerable_code_not_present",
    "code_not_reachable": "vulnerable_code_not_in_execute_path",
    "requires_configuration": "vulnerable_code_cannot_be_controlled_by_adversary",
    "requires_dependency": "component_not_present",
    "requires_environment": "vulnerable_code_cannot_be_controlled_by_adversary",
    "protected_by_compiler": "inline_mitigations_already_exist",
    "protected_at_runtime": "inline_mitigations_already_exist",
    "protected_at_perimeter": "inline_mitigations_already_exist",
    "protected_by_mitigating_control": "inline_mitigations_already_exist",
}
MAX_DECISIONS = 100_000
MAX_TEXT = 10_000


class TriageError(ValueError):
    """A decision or a VEX document that cannot be used; the message says why."""


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class Decision:
    """One triage decision. ``purl`` without a version applies to every version of the package."""

    vulnerability: str
    purl: str
    state: str
    justification: str | None = None
    statement: str | None = None  # why (impact statement / analysis detail)
    author: str | None = None
    timestamp: str | None = None
    aliases: list[str] = field(default_factory=list)
    action: str | None = None  # what is being done about it (OpenVEX action_statement), for "affected"

    def __post_init__(self) -> None:
        if not isinstance(self.vulnerability, str) or not self.vulnerability.strip():
            raise TriageError("a decision needs a vulnerability id")
        if self.state not in STATES:
            raise TriageError(f"unknown state {str(self.state)[:40]!r} (one of {', '.join(STATES)})")
        if self.justification is not None and self.justification not in JUSTIFICATIONS:
            raise TriageError(f"unknown justification {str(self.justification)[:60]!r} "
                              f"(one of {', '.join(JUSTIFICATIONS)})")
        for name in ("statement", "author", "timestamp", "action"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
                raise TriageError(f"{name}: expected a text of at most {MAX_TEXT} characters")
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise TriageError("aliases: expected a list of ids")
        self.vulnerability = self.vulnerability.strip()
        self.purl = canonical_purl(self.purl)

    @property
    def versioned(self) -> bool:
        return "@" in self.purl

    def ids(self) -> set[str]:
        return {self.vulnerability, *self.aliases}

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [])}


def canonical_purl(purl: Any) -> str:
    """``pkg:type/namespace/name[@version]`` with the ecosystem's name normalisation; qualifiers dropped."""
    if not isinstance(purl, str) or not purl.startswith("pkg:"):
        raise TriageError(f"not a package URL: {str(purl)[:80]!r}")
    try:
        p = PackageURL.from_string(purl)
        ptype = p.type.lower()
        full = f"{p.namespace}/{p.name}" if p.namespace else p.name
        if ptype == "maven" and p.namespace:
            full = normalize_name(ptype, f"{p.namespace}:{p.name}").replace(":", "/", 1)
        else:
            full = normalize_name(ptype, full)
        ns, _, name = full.rpartition("/")
        return PackageURL(type=ptype, namespace=ns or None, name=name, version=p.version or None).to_string()
    except (ValueError, TypeError, AttributeError) as exc:
        raise TriageError(f"not a package URL: {purl[:80]!r} ({str(exc)[:80]})") from None


def purl_without_version(purl: str) -> str:
    return purl.rsplit("@", 1)[0] if "@" in purl.rsplit("/", 1)[-1] else purl


class TriageStore(Protocol):
    """Where decisions live. The platform implements this over its database; files use JsonTriageStore."""

    def decisions(self) -> list[Decision]: ...

    def put(self, decision: Decision) -> None: ...


def find_decision(decisions: Iterable[Decision], purl: str, ids: Iterable[str]) -> Decision | None:
    """The decision that applies to this component purl and vulnerability (id or alias), or None."""
    try:
        exact = canonical_purl(purl)
    except TriageError:
        return None
    bare = purl_without_version(exact)
    wanted = set(ids)
    best: Decision | None = None
    for d in decisions:
        if d.purl != exact and d.purl != bare:
            continue
        if not (d.ids() & wanted):
            continue
        if best is None or (d.versioned, d.timestamp or "") > (best.versioned, best.timestamp or ""):
            best = d
    return best


class MemoryTriageStore:
    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self._decisions: list[Decision] = []
        for d in decisions:
            self.put(d)

    def decisions(self) -> list[Decision]:
        return list(self._decisions)

    def put(self, decision: Decision) -> None:
        """A new decision replaces the one for the same (purl, vulnerability id)."""
        self._decisions = [d for d in self._decisions
                           if not (d.purl == decision.purl and d.vulnerability == decision.vulnerability)]
        self._decisions.append(decision)


class JsonTriageStore(MemoryTriageStore):
    """Decisions in a JSON file: ``{"ospo_triage": 1, "decisions": [...]}``.

    Loading never raises for bad content: an unreadable file or entry becomes a problem (``problems``) and the
    rest is used, because one bad line must not hide every other decision.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self.problems: list[str] = []
        if self.path.is_file():
            self._load()

    def _load(self) -> None:
        try:
            doc = load_json(self.path.read_bytes())
        except (ParseFailure, OSError) as exc:
            self.problems.append(f"unreadable: {exc}")
            return
        entries = doc.get("decisions") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            self.problems.append("expected an object with a \"decisions\" list")
            return
        for i, raw in enumerate(entries[:MAX_DECISIONS]):
            try:
                self.put(decision_from_dict(raw))
            except TriageError as exc:
                self.problems.append(f"decisions[{i}]: {exc}")
        if len(entries) > MAX_DECISIONS:
            self.problems.append(f"only the first {MAX_DECISIONS:,} decisions were read")

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"ospo_triage": 1, "decisions": [d.as_dict() for d in sorted(
            self._decisions, key=lambda d: (d.purl, d.vulnerability))]}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


def decision_from_dict(raw: Any) -> Decision:
    if not isinstance(raw, dict):
        raise TriageError("expected an object")
    known = {"vulnerability", "purl", "state", "justification", "statement", "author", "timestamp", "aliases",
             "action"}
    try:
        return Decision(**{k: v for k, v in raw.items() if k in known})
    except TypeError as exc:
        raise TriageError(str(exc)) from None


# ---------------------------------------------------------------------------------------------------- OpenVEX


def to_openvex(decisions: Iterable[Decision], author: str = "ospo", timestamp: str | None = None) -> dict[str, Any]:
    """An OpenVEX 0.2.0 document with one statement per decision."""
    statements = []
    for d in sorted(decisions, key=lambda d: (d.vulnerability, d.purl)):
        vuln: dict[str, Any] = {"name": d.vulnerability}
        if d.aliases:
            vuln["aliases"] = sorted(d.aliases)
        st: dict[str, Any] = {"vulnerability": vuln,
                              "products": [{"@id": d.purl, "identifiers": {"purl": d.purl}}],
                              "status": _TO_OPENVEX[d.state]}
        if d.timestamp:
            st["timestamp"] = d.timestamp
        if d.author:
            st["supplier"] = d.author  # OpenVEX has no per-statement author; supplier is the closest field
        if d.state in ("not_affected", "false_positive"):
            if d.justification:
                st["justification"] = d.justification
            if d.statement or not d.justification:  # the spec wants a justification or an impact statement
                st["impact_statement"] = d.statement or _NO_STATEMENT
            if d.state == "false_positive":
                st["status_notes"] = _FP_MARKER
        elif d.statement:
            st["status_notes"] = d.statement
        if d.state == "affected":
            st["action_statement"] = d.action or "No action decided yet."
        statements.append(st)
    ts = timestamp or now_utc()
    body = json.dumps(statements, sort_keys=True).encode()
    return {
        "@context": OPENVEX_CONTEXT,
        "@id": f"https://openvex.dev/docs/public/vex-{hashlib.sha256(body).hexdigest()}",
        "author": author,
        "timestamp": ts,
        "version": 1,
        "tooling": f"ospo {ospo.__version__}",
        "statements": statements,
    }


def from_openvex(doc: Any) -> tuple[list[Decision], list[str]]:
    """Decisions from an OpenVEX document, and the problems of the statements that could not be read."""
    if not isinstance(doc, dict) or not str(doc.get("@context", "")).startswith("https://openvex.dev/ns"):
        raise TriageError("not an OpenVEX document (no https://openvex.dev/ns @context)")
    statements = doc.get("statements")
    if not isinstance(statements, list):
        raise TriageError("OpenVEX document without a statements list")
    doc_author = doc.get("author") if isinstance(doc.get("author"), str) else None
    doc_ts = doc.get("timestamp") if isinstance(doc.get("timestamp"), str) else None
    out: list[Decision] = []
    problems: list[str] = []
    for i, st in enumerate(statements[:MAX_DECISIONS]):
        try:
            out.extend(_openvex_statement(st, doc_author, doc_ts))
        except TriageError as exc:
            problems.append(f"statements[{i}]: {exc}")
    return out, problems


def _openvex_statement(st: Any, doc_author: str | None, doc_ts: str | None) -> list[Decision]:
    if not isinstance(st, dict):
        raise TriageError("expected an object")
    vuln = st.get("vulnerability")
    if isinstance(vuln, str):  # OpenVEX 0.0.x wrote the id as a plain string
        vid, aliases = vuln, []
    elif isinstance(vuln, dict) and isinstance(vuln.get("name"), str):
        vid = vuln["name"]
        aliases = [a for a in vuln.get("aliases") or [] if isinstance(a, str)] if isinstance(
            vuln.get("aliases"), list) else []
    else:
        raise TriageError("vulnerability.name missing")
    status = st.get("status")
    state = _FROM_OPENVEX.get(status) if isinstance(status, str) else None
    if state is None:
        raise TriageError(f"unknown status {str(status)[:40]!r}")
    notes = st.get("status_notes") if isinstance(st.get("status_notes"), str) else None
    if state == "not_affected" and notes == _FP_MARKER:
        state = "false_positive"
    if state in ("not_affected", "false_positive"):
        statement = st.get("impact_statement") if isinstance(st.get("impact_statement"), str) else None
        statement = None if statement == _NO_STATEMENT else statement
    else:
        statement = notes
    justification = st.get("justification") if isinstance(st.get("justification"), str) else None
    purls = []
    products = st.get("products")
    for p in products if isinstance(products, list) else []:
        if isinstance(p, str):
            purls.append(p)
        elif isinstance(p, dict):
            ident = p.get("identifiers")
            purl = ident.get("purl") if isinstance(ident, dict) else None
            purls.append(purl if isinstance(purl, str) else p.get("@id"))
    purls = [p for p in purls if isinstance(p, str) and p.startswith("pkg:")]
    if not purls:
        raise TriageError("no product identified by a package URL")
    author = st.get("supplier") if isinstance(st.get("supplier"), str) else doc_author
    ts = st.get("timestamp") if isinstance(st.get("timestamp"), str) else doc_ts
    action = st.get("action_statement") if isinstance(st.get("action_statement"), str) else None
    return [Decision(vid, p, state, justification, statement, author, ts, aliases, action) for p in purls]


def openvex_problems(doc: Any) -> list[str]:
    """The required fields of the OpenVEX 0.2.0 specification (no maintained package ships its JSON schema)."""
    problems = []
    if not isinstance(doc, dict):
        return ["document is not an object"]
    for key in ("@context", "@id", "author", "timestamp", "version", "statements"):
        if key not in doc:
            problems.append(f"missing {key}")
    if doc.get("@context") != OPENVEX_CONTEXT:
        problems.append("wrong @context")
    if not isinstance(doc.get("version"), int) or doc.get("version", 0) < 1:
        problems.append("version must be an integer >= 1")
    if not _is_timestamp(doc.get("timestamp")):
        problems.append("timestamp is not RFC 3339")
    for i, st in enumerate(doc.get("statements") or []):
        where = f"statements[{i}]"
        vuln = st.get("vulnerability")
        if not isinstance(vuln, dict) or not isinstance(vuln.get("name"), str) or not vuln["name"]:
            problems.append(f"{where}: vulnerability.name missing")
        if st.get("status") not in ("not_affected", "affected", "fixed", "under_investigation"):
            problems.append(f"{where}: bad status")
        if not st.get("products"):
            problems.append(f"{where}: products missing")
        if st.get("status") == "not_affected" and not (st.get("justification") or st.get("impact_statement")):
            problems.append(f"{where}: not_affected needs a justification or an impact_statement")
        if st.get("justification") is not None and st["justification"] not in JUSTIFICATIONS:
            problems.append(f"{where}: unknown justification")
        if st.get("status") == "affected" and not st.get("action_statement"):
            problems.append(f"{where}: affected needs an action_statement")
        if "timestamp" in st and not _is_timestamp(st["timestamp"]):
            problems.append(f"{where}: timestamp is not RFC 3339")
    return problems


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------------- CycloneDX


def _alias_source(alias: str) -> dict[str, str]:
    prefix = alias.split("-", 1)[0].upper()
    known = {"CVE": ("NVD", "https://nvd.nist.gov/"), "GHSA": ("GitHub", "https://github.com/advisories"),
             "PYSEC": ("PyPA", "https://github.com/pypa/advisory-database"),
             "RUSTSEC": ("RustSec", "https://rustsec.org/"), "GO": ("Go", "https://pkg.go.dev/vuln/")}
    name, url = known.get(prefix, ("OSV", "https://osv.dev/"))
    return {"name": name, "url": url}


def cyclonedx_vulnerability(vid: str, aliases: Iterable[str], purl: str, decision: Decision | None,
                            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One CycloneDX 1.6 ``vulnerabilities[]`` element affecting ``purl`` (used by the report renderer too)."""
    v: dict[str, Any] = {"bom-ref": f"{vid}|{purl}", "id": vid, "source": _alias_source(vid)}
    refs = [{"id": a, "source": _alias_source(a)} for a in sorted(set(aliases) - {vid})]
    if refs:
        v["references"] = refs
    v.update(extra or {})
    if decision is not None:
        analysis: dict[str, Any] = {"state": _TO_CDX[decision.state]}
        if decision.justification:
            analysis["justification"] = _JUST_TO_CDX[decision.justification]
        if decision.statement:
            analysis["detail"] = decision.statement
        if decision.action and decision.state == "affected":
            analysis["response"] = ["workaround_available"]
        if decision.timestamp and _is_timestamp(decision.timestamp):
            analysis["firstIssued"] = analysis["lastUpdated"] = _cdx_time(decision.timestamp)
        v["analysis"] = analysis
        props = []
        if decision.justification:
            props.append({"name": "ospo:triage:justification", "value": decision.justification})
        if decision.author:
            props.append({"name": "ospo:triage:author", "value": decision.author})
        if decision.action:
            props.append({"name": "ospo:triage:action", "value": decision.action})
        if decision.purl != purl:  # a decision for every version of the package
            props.append({"name": "ospo:triage:purl", "value": decision.purl})
        if props:
            v["properties"] = props
    v["affects"] = [{"ref": purl}]
    return v


def _cdx_time(ts: str) -> str:
    dt = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def cyclonedx_component(purl: str) -> dict[str, Any]:
    p = PackageURL.from_string(purl)
    comp: dict[str, Any] = {"type": "library", "bom-ref": purl, "name": p.name, "purl": purl}
    if p.namespace:
        comp["group"] = p.namespace
    if p.version:
        comp["version"] = p.version
    return comp


def cyclonedx_document(components: Iterable[str], vulnerabilities: list[dict[str, Any]],
                       timestamp: str | None = None) -> dict[str, Any]:
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {"timestamp": _cdx_time(timestamp or now_utc()),
                     "tools": {"components": [{"type": "application", "name": "ospo",
                                               "version": ospo.__version__}]}},
        "components": [cyclonedx_component(p) for p in sorted(set(components))],
        "vulnerabilities": vulnerabilities,
    }


def to_cyclonedx_vex(decisions: Iterable[Decision], timestamp: str | None = None) -> dict[str, Any]:
    """A CycloneDX 1.6 VEX document: the decisions only, each affecting its purl."""
    ds = sorted(decisions, key=lambda d: (d.vulnerability, d.purl))
    vulns = [cyclonedx_vulnerability(d.vulnerability, d.aliases, d.purl, d) for d in ds]
    return cyclonedx_document((d.purl for d in ds), vulns, timestamp)


def from_cyclonedx_vex(doc: Any) -> tuple[list[Decision], list[str]]:
    """Decisions from a CycloneDX document's ``vulnerabilities`` that carry an ``analysis``."""
    if not isinstance(doc, dict) or doc.get("bomFormat") != "CycloneDX":
        raise TriageError("not a CycloneDX document")
    vulns = doc.get("vulnerabilities")
    if not isinstance(vulns, list):
        raise TriageError("CycloneDX document without vulnerabilities")
    refs: dict[str, str] = {}
    comps = doc.get("components")
    for c in comps if isinstance(comps, list) else []:
        if isinstance(c, dict) and isinstance(c.get("purl"), str):
            refs[str(c.get("bom-ref") or c["purl"])] = c["purl"]
    out: list[Decision] = []
    problems: list[str] = []
    for i, v in enumerate(vulns[:MAX_DECISIONS]):
        try:
            out.extend(_cdx_vulnerability(v, refs))
        except TriageError as exc:
            problems.append(f"vulnerabilities[{i}]: {exc}")
    return out, problems


def _cdx_vulnerability(v: Any, refs: dict[str, str]) -> list[Decision]:
    if not isinstance(v, dict) or not isinstance(v.get("id"), str):
        raise TriageError("vulnerability without an id")
    analysis = v.get("analysis")
    if not isinstance(analysis, dict):
        return []  # a finding without a decision: nothing to import
    state = _FROM_CDX.get(analysis.get("state")) if isinstance(analysis.get("state"), str) else None
    if state is None:
        raise TriageError(f"unknown analysis.state {str(analysis.get('state'))[:40]!r}")
    raw_props = v.get("properties") if isinstance(v.get("properties"), list) else []
    props = {p["name"]: p.get("value") for p in raw_props if isinstance(p, dict) and isinstance(p.get("name"), str)}
    justification = props.get("ospo:triage:justification")
    if not isinstance(justification, str) or justification not in JUSTIFICATIONS:
        cdx_just = analysis.get("justification")
        justification = _JUST_FROM_CDX.get(cdx_just) if isinstance(cdx_just, str) else None
    if state not in ("not_affected", "false_positive"):
        justification = None
    aliases = [r["id"] for r in v.get("references") or [] if isinstance(r, dict) and isinstance(r.get("id"), str)] \
        if isinstance(v.get("references"), list) else []
    detail = analysis.get("detail") if isinstance(analysis.get("detail"), str) else None
    ts = analysis.get("lastUpdated") or analysis.get("firstIssued")
    author = props.get("ospo:triage:author") if isinstance(props.get("ospo:triage:author"), str) else None
    action = props.get("ospo:triage:action") if isinstance(props.get("ospo:triage:action"), str) else None
    purls: list[str] = []
    override = props.get("ospo:triage:purl")
    if isinstance(override, str):
        purls.append(override)
    else:
        for a in v.get("affects") or [] if isinstance(v.get("affects"), list) else []:
            ref = a.get("ref") if isinstance(a, dict) else None
            if isinstance(ref, str):
                purls.append(refs.get(ref, ref))
    purls = [p for p in purls if p.startswith("pkg:")]
    if not purls:
        raise TriageError("affects no component identified by a package URL")
    return [Decision(v["id"], p, state, justification, detail, author, ts if isinstance(ts, str) else None,
                     aliases, action) for p in purls]


def load_vex(data: bytes) -> tuple[list[Decision], list[str]]:
    """An OpenVEX or CycloneDX VEX document's decisions (format by content). Raises TriageError if neither."""
    try:
        doc = load_json(data)
    except ParseFailure as exc:
        raise TriageError(str(exc)) from None
    if isinstance(doc, dict) and "@context" in doc:
        return from_openvex(doc)
    if isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX":
        return from_cyclonedx_vex(doc)
    raise TriageError("neither an OpenVEX nor a CycloneDX document")
