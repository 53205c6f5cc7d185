"""``ospo-policy.yml``: which licenses an organisation accepts, per use, written so that a lawyer can read it.

A policy says, per use context (``internal``, ``network``, ``distributed``, ``published``, and ``default``
for all), which licenses or categories are ``allowed``, need ``review`` or are ``denied``; which licenses the
organisation publishes under (``outbound``); extra compatibility rules; category overrides; and waivers —
exceptions granted for one package with an owner, a justification, a scope and an expiry date.

Decisions follow SPDX semantics (:func:`Policy.evaluate`): an OR is satisfied when one branch is acceptable
(the best branch is chosen and named), an AND needs every part, WITH exceptions are part of the license
(``GPL-2.0-only WITH Classpath-exception-2.0`` may be listed on its own, and linking exceptions change the
category). Validation errors carry the key path and the line so that the author can fix the file.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from enum import IntEnum
from importlib import resources
from typing import Any

from ospo.engine.licenses import compat
from ospo.engine.licenses.classify import Category, classify
from ospo.engine.licenses.expressions import And, Lic, Node, Or, normalize
from ospo.engine.safeparse import ParseFailure, decode_text, load_yaml

CONTEXTS = compat.CONTEXTS
LISTS = ("allowed", "review", "denied")
SCOPES = ("repository", "agency", "global")


class Decision(IntEnum):
    """Ordered from best to worst: an OR picks the lowest, an AND takes the highest."""

    ALLOWED = 0
    REVIEW = 1
    DENIED = 2
    INCOMPATIBLE = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def fails(self) -> bool:
        return self >= Decision.DENIED


@dataclass(frozen=True)
class Problem:
    path: str
    key: str  # message key in licenses.messages
    params: tuple[tuple[str, str], ...] = ()
    line: int | None = None


class PolicyError(Exception):
    """A policy file that cannot be used; ``problems`` lists every error found, not only the first."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        super().__init__(f"{source}: {len(problems)} problem(s)")
        self.source = source
        self.problems = problems


@dataclass(frozen=True)
class Waiver:
    package: str  # purl or name glob
    license: str  # SPDX id/expression, or "*"
    owner: str
    justification: str
    scope: str
    expires: dt.date | None
    repository: str | None = None  # glob; required when scope is "repository"
    line: int | None = None

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def covers(self, purl: str, name: str, license_label: str, repository: str) -> bool:
        if not (fnmatch.fnmatchcase(purl, self.package) or fnmatch.fnmatchcase(name, self.package)
                or fnmatch.fnmatchcase(purl.split("@", 1)[0], self.package)):
            return False
        if self.license != "*" and self.license != license_label and self.license != license_label.split(" ")[0]:
            return False
        return not (self.scope == "repository" and self.repository
                    and not fnmatch.fnmatchcase(repository, self.repository))


@dataclass(frozen=True)
class Rules:
    """One context's lists: license labels and categories for each decision."""

    licenses: dict[str, Decision] = field(default_factory=dict)
    categories: dict[Category, Decision] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)  # entry → "contexts.<ctx>.<list>" (for explanations)


@dataclass
class Policy:
    name: str
    source: str
    outbound: tuple[str, ...] = ()
    categories: dict[str, Category] = field(default_factory=dict)
    contexts: dict[str, Rules] = field(default_factory=dict)
    compat_contexts: tuple[str, ...] = ("network", "distributed", "published")
    conditional: Decision = Decision.ALLOWED
    unknown_compat: Decision = Decision.REVIEW
    compat_rules: tuple[compat.CompatRule, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    # --- decisions ------------------------------------------------------------------------------------------

    def decide_license(self, lic: Lic, context: str) -> tuple[Decision, str, Category, str]:
        """(decision, rule that decided, category, where the category comes from) for one license."""
        cl = classify(lic.id, lic.exception, self.categories)
        label = lic.render()
        chain = [self.contexts.get(context), self.contexts.get("default")]
        for rules in chain:
            if rules is None:
                continue
            for key in (label, lic.id):
                if key in rules.licenses:
                    return rules.licenses[key], rules.lines[key], cl.category, cl.source
        for rules in chain:
            if rules is not None and cl.category in rules.categories:
                return rules.categories[cl.category], rules.lines[str(cl.category)], cl.category, cl.source
        return Decision.REVIEW, "policy: no rule for this license", cl.category, cl.source

    def evaluate(self, node: Node | None, context: str, outbound: tuple[str, ...] = (), *, purl: str = "",
                 name: str = "", repository: str = "", today: dt.date | None = None,
                 outbound_any: bool = False) -> Evaluation:
        """Decide one declared expression. ``outbound_any``: the outbound license is not chosen yet (the
        policy's candidates): compatibility with one candidate is enough, and the best one is reported."""
        if node is None:
            return Evaluation(Decision.REVIEW, [], None)
        q = _Query(context, outbound, purl, name, repository, today or dt.date.today(), outbound_any)
        return self._eval(node, q)

    def _eval(self, node: Node, q: _Query) -> Evaluation:
        if isinstance(node, Lic):
            leaf = self._leaf(node, q)
            return Evaluation(leaf.effective, [leaf], None)
        parts = [self._eval(i, q) for i in node.items]
        if isinstance(node, And):
            worst = max(p.decision for p in parts)
            return Evaluation(worst, [leaf for p in parts for leaf in p.leaves], None,
                              chosen_from=[c for p in parts for c in p.chosen_from])
        assert isinstance(node, Or)
        best_i = min(range(len(parts)), key=lambda i: parts[i].decision)  # ties: the first branch, as written
        best = parts[best_i]
        chosen = node.items[best_i].render()
        return Evaluation(best.decision, best.leaves, chosen,
                          chosen_from=[*best.chosen_from, (chosen, node.render())])

    def _leaf(self, lic: Lic, q: _Query) -> LeafDecision:
        decision, rule, category, cat_source = self.decide_license(lic, q.context)
        by_policy = decision
        results: list[compat.CompatResult] = []
        if q.outbound and q.context in self.compat_contexts:
            results = [compat.check(lic.id, out, q.context, inbound_exception=lic.exception,
                                    extra_rules=self.compat_rules, categories=self.categories) for out in q.outbound]
            if q.outbound_any:
                results = [min(results, key=lambda r: _COMPAT_RANK[r.verdict])]
            for r in results:
                if r.verdict == compat.Verdict.INCOMPATIBLE:
                    decision = Decision.INCOMPATIBLE
                elif r.verdict == compat.Verdict.UNKNOWN:
                    decision = max(decision, self.unknown_compat)
                elif r.verdict == compat.Verdict.CONDITIONAL:
                    decision = max(decision, self.conditional)
        leaf = LeafDecision(lic.render(), category, cat_source, decision, rule, results, policy_decision=by_policy)
        if decision != Decision.ALLOWED:
            for w in self.waivers:
                if w.covers(q.purl, q.name, lic.render(), q.repository):
                    if w.expired(q.today):
                        leaf.expired_waivers.append(w)
                    else:
                        leaf.waiver = w
                        break
        return leaf


@dataclass(frozen=True)
class _Query:
    context: str
    outbound: tuple[str, ...]
    purl: str
    name: str
    repository: str
    today: dt.date
    outbound_any: bool


_COMPAT_RANK = {compat.Verdict.NOT_APPLICABLE: 0, compat.Verdict.COMPATIBLE: 0, compat.Verdict.CONDITIONAL: 1,
                compat.Verdict.UNKNOWN: 2, compat.Verdict.INCOMPATIBLE: 3}


@dataclass
class LeafDecision:
    license: str
    category: Category
    category_source: str
    decision: Decision
    rule: str
    compat: list[compat.CompatResult] = field(default_factory=list)
    waiver: Waiver | None = None
    expired_waivers: list[Waiver] = field(default_factory=list)
    policy_decision: Decision | None = None  # what the allowed/review/denied lists said, before compatibility

    @property
    def effective(self) -> Decision:
        return Decision.ALLOWED if self.waiver is not None else self.decision


@dataclass
class Evaluation:
    decision: Decision
    leaves: list[LeafDecision]
    chosen: str | None  # the OR branch that decided, when there was a choice
    chosen_from: list[tuple[str, str]] = field(default_factory=list)  # (chosen branch, whole OR expression)


# --- loading and validation -----------------------------------------------------------------------------------

_TOP_KEYS = {"version", "name", "description", "outbound", "categories", "contexts", "compatibility", "waivers"}
_COMPAT_KEYS = {"contexts", "conditional", "unknown", "rules"}
_RULE_KEYS = {"inbound", "outbound", "verdict", "reason", "source", "contexts"}
_WAIVER_KEYS = {"package", "license", "owner", "justification", "scope", "repository", "expires"}


def _line_map(text: str) -> dict[tuple[Any, ...], int]:
    """Key path → 1-based line, from the YAML node tree (composed safely; aliases visited once)."""
    import yaml

    out: dict[tuple[Any, ...], int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                out.setdefault((*path, key), k.start_mark.line + 1)
                stack.append((v, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                stack.append((v, (*path, i)))
    return out


class _Validator:
    def __init__(self, lines: dict[tuple[Any, ...], int]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, path: tuple[Any, ...], message_key: str, **params: object) -> None:
        line = None
        for n in range(len(path), -1, -1):
            line = self.lines.get(path[:n])
            if line is not None:
                break
        text = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
        self.problems.append(Problem(text or "(top)", message_key, tuple((k, str(v)) for k, v in params.items()), line))

    def mapping(self, value: Any, path: tuple[Any, ...], allowed: set[str] | None) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, "policy.not-mapping")
            return {}
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                self.add(path, "policy.unknown-key", name=k, expected=", ".join(sorted(allowed or ())))
                continue
            if allowed is not None and k not in allowed:
                self.add((*path, k), "policy.unknown-key", name=k, expected=", ".join(sorted(allowed)))
                continue
            out[k] = v
        return out

    def strings(self, value: Any, path: tuple[Any, ...]) -> list[tuple[int, str]]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.add(path, "policy.not-list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append((i, item.strip()))
            else:
                self.add((*path, i), "policy.not-string")
        return out

    def license(self, text: str, path: tuple[Any, ...]) -> str | None:
        """An SPDX id or 'id WITH exception' the license database knows, normalised; else a problem."""
        norm = normalize(text)
        if norm.tree is None or not isinstance(norm.tree, Lic) or norm.refs:
            self.add(path, "policy.unknown-license", value=text)
            return None
        return norm.tree.render()

    def decision(self, value: Any, path: tuple[Any, ...], default: Decision) -> Decision:
        if value is None:
            return default
        names = {"allowed": Decision.ALLOWED, "review": Decision.REVIEW, "denied": Decision.DENIED}
        if not isinstance(value, str) or value not in names:
            self.add(path, "policy.bad-value", value=value, expected="allowed, review, denied")
            return default
        return names[value]

    def category(self, value: Any, path: tuple[Any, ...]) -> Category | None:
        try:
            return Category(value)
        except ValueError:
            self.add(path, "policy.bad-value", value=value, expected=", ".join(c.value for c in Category))
            return None


def _is_category(text: str) -> bool:
    return text in {c.value for c in Category}


def parse_policy(data: bytes, source: str = "ospo-policy.yml") -> Policy:
    """Read and validate a policy; raises :class:`PolicyError` listing every problem with its line."""
    try:
        doc = load_yaml(data)
        lines = _line_map(decode_text(data))
    except ParseFailure as exc:
        raise PolicyError(source, [Problem("(file)", "policy.unreadable", (("reason", str(exc)),))]) from None
    v = _Validator(lines)
    top = v.mapping(doc, (), _TOP_KEYS)
    if doc is not None and not isinstance(doc, dict):
        raise PolicyError(source, v.problems)
    version = top.get("version", 1)
    if version != 1:
        v.add(("version",), "policy.bad-value", value=version, expected="1")
    name = top.get("name") if isinstance(top.get("name"), str) else source
    outbound = tuple(x for i, s in v.strings(top.get("outbound"), ("outbound",))
                     if (x := v.license(s, ("outbound", i))) is not None)
    categories: dict[str, Category] = {}
    for lic_text, cat in v.mapping(top.get("categories"), ("categories",), None).items():
        label = v.license(lic_text, ("categories", lic_text))
        c = v.category(cat, ("categories", lic_text))
        if label is not None and c is not None:
            categories[label] = c
    contexts: dict[str, Rules] = {}
    for ctx, body in v.mapping(top.get("contexts"), ("contexts",), {"default", *CONTEXTS}).items():
        rules = Rules()
        for lst, entries in v.mapping(body, ("contexts", ctx), set(LISTS) | {"description"}).items():
            if lst == "description":
                continue
            decision = v.decision(lst, ("contexts", ctx, lst), Decision.REVIEW)
            for i, entry in v.strings(entries, ("contexts", ctx, lst)):
                where = f"contexts.{ctx}.{lst}"
                if _is_category(entry):
                    rules.categories[Category(entry)] = decision
                    rules.lines[entry] = where
                elif (label := v.license(entry, ("contexts", ctx, lst, i))) is not None:
                    rules.licenses[label] = decision
                    rules.lines[label] = where
        contexts[ctx] = rules
    comp = v.mapping(top.get("compatibility"), ("compatibility",), _COMPAT_KEYS)
    compat_contexts = tuple(s for i, s in v.strings(comp.get("contexts", ["network", "distributed", "published"]),
                                                    ("compatibility", "contexts"))
                            if s in CONTEXTS or v.add(("compatibility", "contexts", i), "policy.bad-value", value=s,
                                                      expected=", ".join(CONTEXTS)))
    conditional = v.decision(comp.get("conditional"), ("compatibility", "conditional"), Decision.ALLOWED)
    unknown = v.decision(comp.get("unknown"), ("compatibility", "unknown"), Decision.REVIEW)
    rules_out = []
    raw_rules = comp.get("rules") or []
    if not isinstance(raw_rules, list):
        v.add(("compatibility", "rules"), "policy.not-list")
        raw_rules = []
    for i, raw in enumerate(raw_rules):
        path = ("compatibility", "rules", i)
        r = v.mapping(raw, path, _RULE_KEYS)
        ins = [x for j, s in v.strings(r.get("inbound"), (*path, "inbound"))
               if (x := (s if s.startswith("cat:") or s == "*" else v.license(s, (*path, "inbound", j))))]
        outs = [x for j, s in v.strings(r.get("outbound"), (*path, "outbound"))
                if (x := (s if s.startswith("cat:") or s in ("*", "=") else v.license(s, (*path, "outbound", j))))]
        verdict_text = r.get("verdict")
        try:
            verdict = compat.Verdict(verdict_text)
        except ValueError:
            v.add((*path, "verdict"), "policy.bad-value", value=verdict_text,
                  expected=", ".join(x.value for x in compat.Verdict))
            continue
        if not ins or not outs:
            v.add(path, "policy.missing", name="inbound/outbound")
            continue
        ctxs = tuple(s for _, s in v.strings(r.get("contexts", list(compat.HANDED_OVER)), (*path, "contexts")))
        rules_out.append(compat.CompatRule(tuple(ins), tuple(outs), verdict, str(r.get("reason") or "policy rule"),
                                           str(r.get("source") or source), ctxs, f"policy#{i + 1}"))
    waivers = []
    raw_waivers = top.get("waivers") or []
    if not isinstance(raw_waivers, list):
        v.add(("waivers",), "policy.not-list")
        raw_waivers = []
    for i, raw in enumerate(raw_waivers):
        w = _waiver(v, raw, ("waivers", i))
        if w is not None:
            waivers.append(w)
    if v.problems:
        raise PolicyError(source, v.problems)
    return Policy(name, source, outbound, categories, contexts, compat_contexts, conditional, unknown,
                  tuple(rules_out), tuple(waivers))


def _waiver(v: _Validator, raw: Any, path: tuple[Any, ...]) -> Waiver | None:
    before = len(v.problems)
    w = v.mapping(raw, path, _WAIVER_KEYS)
    for key in ("package", "license", "owner", "justification", "scope", "expires"):
        if key not in w or w[key] in (None, ""):
            v.add(path, "policy.missing", name=key)
    for key in ("package", "license", "owner", "justification", "repository"):
        if key in w and w[key] is not None and not isinstance(w[key], str):
            v.add((*path, key), "policy.not-string")
    scope = w.get("scope")
    if scope is not None and scope not in SCOPES:
        v.add((*path, "scope"), "policy.bad-value", value=scope, expected=", ".join(SCOPES))
    if scope == "repository" and not w.get("repository"):
        v.add(path, "policy.missing", name="repository")
    expires = w.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            v.add((*path, "expires"), "policy.bad-date", value=expires)
    elif isinstance(expires, dt.datetime):
        expires = expires.date()
    elif expires is not None and not isinstance(expires, dt.date):
        v.add((*path, "expires"), "policy.bad-date", value=expires)
    lic = w.get("license")
    label = lic if lic == "*" else (v.license(lic, (*path, "license")) if isinstance(lic, str) else None)
    if len(v.problems) > before:
        return None
    return Waiver(str(w["package"]), str(label), str(w["owner"]), str(w["justification"]), str(scope),
                  expires if isinstance(expires, dt.date) else None, w.get("repository"), v.lines.get(path))


def default_policy_bytes() -> bytes:
    return (resources.files("ospo.engine.licenses") / "policies" / "default.yml").read_bytes()


def default_policy() -> Policy:
    return parse_policy(default_policy_bytes(), "ospo default policy")


def load_policy(path: str | None) -> Policy:
    """The policy at ``path`` (``ospo-policy.yml``), or the shipped default when None."""
    if path is None:
        return default_policy()
    from pathlib import Path

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > 1_000_000:
            raise PolicyError(path, [Problem("(file)", "policy.unreadable", (("reason", "file too large"),))])
        data = p.read_bytes()
    except OSError as exc:
        raise PolicyError(path, [Problem("(file)", "policy.unreadable", (("reason", exc.strerror or str(exc)),))]) \
            from None
    return parse_policy(data, path)
