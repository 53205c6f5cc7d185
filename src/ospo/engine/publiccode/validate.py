"""Validate a publiccode.yml (0.2 … 0.7 and the 1.0 candidate) with key path, line and column per finding.

Why a hand-written walker rather than a JSON Schema: the standard's rules are conditional (contacts are
required for internal/community maintenance, contractors only allowed for contract), lengths are counted in
grapheme clusters, some checks are deprecations (warnings) rather than errors, and every finding must point
at the YAML node it is about. Like the reference parser, every 0.x file is checked with the latest 0.x rules
— the 0.x series only ever added or deprecated keys — and the declared version only changes the warnings.
Nothing here touches the network unless ``network=True``; local files (logo, screenshots) are looked up
under ``base_dir`` and never outside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.i18n import DEFAULT_LANGUAGE
from ospo.engine.publiccode import checks, vocab
from ospo.engine.publiccode.messages import CATALOG
from ospo.engine.publiccode.yamlnodes import MAX_PUBLICCODE_BYTES, YamlError, YNode, read_yaml_nodes
from ospo.engine.safeparse import ParseFailure


@dataclass(slots=True)
class Finding:
    """One error or warning: the key path (``description.en.shortDescription``), a message, a position."""

    key: str
    message: str
    line: int
    column: int
    code: str
    severity: str = "error"

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "message": self.message, "line": self.line, "column": self.column,
                "code": self.code}


@dataclass(slots=True)
class ValidationResult:
    path: str
    version: str | None = None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "valid": self.valid, "version": self.version,
                "errors": [f.as_dict() for f in self.errors], "warnings": [f.as_dict() for f in self.warnings]}


# Keys of each mapping, so that unknown keys can be reported; the deprecated ones are listed apart.
TOP_KEYS = frozenset({
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn", "softwareVersion",
    "releaseDate", "logo", "monochromeLogo", "inputTypes", "outputTypes", "platforms", "categories", "usedBy",
    "roadmap", "developmentStatus", "softwareType", "intendedAudience", "description", "legal", "maintenance",
    "localisation", "dependsOn", "it", "IT", "organisation", "fundedBy", "supports",
})
DESCRIPTION_KEYS = frozenset({
    "localisedName", "genericName", "shortDescription", "longDescription", "documentation", "apiDocumentation",
    "features", "screenshots", "videos", "awards",
})
LEGAL_KEYS = frozenset({"license", "mainCopyrightOwner", "repoOwner", "authorsFile"})
MAINTENANCE_KEYS = frozenset({"type", "contractors", "contacts"})
CONTRACTOR_KEYS = frozenset({"name", "email", "website", "until"})
CONTACT_KEYS = frozenset({"name", "email", "phone", "affiliation"})
LOCALISATION_KEYS = frozenset({"localisationReady", "availableLanguages"})
AUDIENCE_KEYS = frozenset({"scope", "countries", "unsupportedCountries"})
DEPENDS_KEYS = frozenset({"open", "proprietary", "hardware"})
DEPENDENCY_KEYS = frozenset({"name", "versionMin", "versionMax", "version", "optional"})
ORGANISATION_KEYS = frozenset({"name", "uri"})
IT_KEYS = frozenset({"countryExtensionVersion", "conforme", "riuso", "piattaforme"})

# What the generator writes where a human must fill in a value: reported as warnings until replaced.
PLACEHOLDERS = ("TODO:", "TODO :")
PLACEHOLDER_PARTS = ("TODO.invalid", "LicenseRef-TODO", "urn:x-TODO:")

_TYPE_NAMES = {"map": "a mapping", "seq": "a list", "str": "a string", "bool": "true or false"}


def _quoted(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


class _Validator:
    def __init__(self, result: ValidationResult, lang: str, base_dir: Path | None, network: bool,
                 fetch: Callable[[str], str | None] | None) -> None:
        self.r = result
        self.lang = lang
        self.base_dir = base_dir
        self.network = network
        self.fetch = fetch
        self.v1 = False

    # --- reporting -----------------------------------------------------------------------------------
    def error(self, key: str, node: YNode | None, code: str, **params: object) -> None:
        line, col = (node.line, node.column) if node is not None else (0, 0)
        self.r.errors.append(Finding(key, CATALOG.get(code, self.lang, **params), line, col, code, "error"))

    def warn(self, key: str, node: YNode | None, code: str, **params: object) -> None:
        line, col = (node.line, node.column) if node is not None else (0, 0)
        self.r.warnings.append(Finding(key, CATALOG.get(code, self.lang, **params), line, col, code, "warning"))

    # --- structural helpers --------------------------------------------------------------------------
    def mapping(self, key: str, node: YNode | None, known: frozenset[str]) -> YNode | None:
        """The node if it is a mapping (unknown and duplicate keys reported), else None (wrong type reported)."""
        if node is None or node.type == "null":
            return None
        if node.type != "map":
            self.error(key, node, "wrong_type", expected=_TYPE_NAMES["map"])
            return None
        for dup in node.duplicates:
            self.error(_join(key, dup.value), dup, "duplicate_key", name=dup.value)
        for name, knode in node.keys.items():
            if name in known:
                continue
            folded = {k.lower(): k for k in known}
            if name.lower() in folded:
                self.error(_join(key, name), knode, "unknown_key_case", name=name, suggest=folded[name.lower()])
            else:
                self.warn(_join(key, name), knode, "unknown_key", name=name)
        return node

    def string(self, key: str, node: YNode | None) -> str | None:
        """A scalar's text (numbers and booleans are kept as written, as YAML readers of the standard do)."""
        if node is None or node.type == "null":
            return None
        if not node.is_scalar:
            self.error(key, node, "wrong_type", expected=_TYPE_NAMES["str"])
            return None
        if node.raw.startswith(PLACEHOLDERS) or any(p in node.raw for p in PLACEHOLDER_PARTS):
            self.warn(key, node, "placeholder", value=node.raw[:60])
        return node.raw

    def required_string(self, parent: YNode, key: str, name: str) -> str | None:
        node = parent.get(name)
        value = self.string(_join(key, name), node)
        if node is None or node.type == "null":
            self.error(_join(key, name), node or parent, "required", field=name)
        return value

    def boolean(self, key: str, node: YNode | None) -> bool | None:
        if node is None or node.type == "null":
            return None
        if node.type != "bool":  # YAML 1.1 "yes"/"on" are strings in YAML 1.2: the standard wants true/false
            self.error(key, node, "wrong_type", expected=_TYPE_NAMES["bool"])
            return None
        return bool(node.value)

    def seq(self, key: str, node: YNode | None, allow_scalar: bool = False) -> list[YNode] | None:
        if node is None or node.type == "null":
            return None
        if node.type == "seq":
            return node.value
        if allow_scalar and node.is_scalar:
            return [node]
        self.error(key, node, "wrong_type", expected=_TYPE_NAMES["seq"])
        return None

    def string_list(self, key: str, node: YNode | None, allow_scalar: bool = False) -> list[tuple[str, YNode, str]]:
        """[(item key, node, text)] for the string items; wrong-typed items are reported."""
        items = self.seq(key, node, allow_scalar)
        out = []
        for i, item in enumerate(items or ()):
            ikey = f"{key}[{i}]"
            text = self.string(ikey, item)
            if text is not None:
                out.append((ikey, item, text))
        return out

    def enum(self, key: str, node: YNode | None, values: tuple[str, ...], name: str, required: bool,
             parent: YNode) -> str | None:
        text = self.string(key, node)
        if text is None:
            if required and (node is None or node.type == "null"):
                self.error(key, node or parent, "required", field=name)
            return None
        if text not in values:
            self.error(key, node, "one_of", field=name, values=_quoted(values))
            return None
        return text

    # --- value helpers -------------------------------------------------------------------------------
    def url(self, key: str, node: YNode | None, name: str, http: bool = False) -> None:
        text = self.string(key, node)
        if text is None:
            return
        ok = checks.is_http_url(text) if http else checks.is_url(text)
        if not ok:
            self.error(key, node, "http_url" if http else "bad_url", field=name)
        elif self.network and self.fetch is not None:
            problem = self.fetch(text)
            if problem:
                self.error(key, node, "unreachable", value=text, detail=problem)

    def date(self, key: str, node: YNode | None, name: str) -> None:
        text = self.string(key, node)
        if text is not None and not checks.is_date(text):
            self.error(key, node, "bad_date", field=name)

    def local_file(self, key: str, node: YNode, value: str, extensions: tuple[str, ...] | None,
                   image: bool) -> None:
        """A path relative to the publiccode.yml: exists, stays in the tree, has an allowed extension."""
        lower = value.lower()
        if lower.startswith("file:"):
            self.error(key, node, "file_url", value=value)
            return
        if lower.startswith(("http://", "https://")):
            if self.network and self.fetch is not None:
                problem = self.fetch(value)
                if problem:
                    self.error(key, node, "unreachable", value=value, detail=problem)
            return
        if value.startswith(("/", "\\")) or (len(value) > 2 and value[1] == ":" and value[2] in "/\\"):
            self.error(key, node, "absolute_path", value=value)
            return
        if extensions is not None and not lower.endswith(extensions):
            self.error(key, node, "bad_extension", value=value, allowed=", ".join(extensions))
            return
        if self.base_dir is None:
            return
        base = self.base_dir.resolve()
        target = (base / value).resolve()  # resolve follows symlinks: a link out of the tree is refused
        if not target.is_relative_to(base):
            self.error(key, node, "file_outside", value=value)
            return
        if not target.is_file():
            self.error(key, node, "file_missing", value=value)
            return
        if image and not _looks_like_image(target):
            self.error(key, node, "not_image", value=value)

    # --- sections ------------------------------------------------------------------------------------
    def run(self, root: YNode) -> None:
        top = self.mapping("", root, TOP_KEYS)
        if top is None:
            return
        self.version(top)
        self.required_string(top, "", "name")
        self.string("applicationSuite", top.get("applicationSuite"))
        url_text = self.required_string(top, "", "url")
        if url_text is not None and not checks.is_repo_url(url_text):
            self.error("url", top.get("url"), "bad_url", field="url")
        self.url("landingURL", top.get("landingURL"), "landingURL", http=True)
        for ikey, item, text in self.string_list("isBasedOn", top.get("isBasedOn"), allow_scalar=True):
            if not checks.is_url(text):
                self.error(ikey, item, "bad_url", field=ikey.rpartition(".")[2])
        self.string("softwareVersion", top.get("softwareVersion"))
        self.date("releaseDate", top.get("releaseDate"), "releaseDate")
        for name in ("logo", "monochromeLogo"):
            node = top.get(name)
            text = self.string(name, node)
            if node is not None and name == "monochromeLogo":
                self.warn(name, top.keys[name], "deprecated_use", replacement="logo")
            if text is not None and node is not None:
                self.local_file(name, node, text, vocab.LOGO_EXTENSIONS, image=True)
        for name in ("inputTypes", "outputTypes"):
            if name in top.value:
                self.warn(name, top.keys[name], "deprecated")
                for ikey, item, text in self.string_list(name, top.get(name)):
                    if not checks.is_mime(text):
                        self.error(ikey, item, "bad_mime", field=ikey)
        platforms = self.string_list("platforms", top.get("platforms"))
        if not platforms and (top.get("platforms") is None or top.get("platforms").type in ("null", "seq")):
            self.error("platforms", top.get("platforms") or top, "not_empty", field="platforms")
        for ikey, item, text in self.string_list("categories", top.get("categories")):
            if text not in vocab.CATEGORIES:
                self.error(ikey, item, "bad_category", field=ikey, value=text)
        self.string_list("usedBy", top.get("usedBy"))
        self.url("roadmap", top.get("roadmap"), "roadmap", http=True)
        self.enum("developmentStatus", top.get("developmentStatus"), vocab.DEVELOPMENT_STATUS,
                  "developmentStatus", True, top)
        self.enum("softwareType", top.get("softwareType"), vocab.SOFTWARE_TYPES, "softwareType", True, top)
        self.audience(top.get("intendedAudience"))
        self.descriptions(top)
        self.legal(top)
        self.maintenance(top)
        self.localisation(top)
        self.depends_on(top.get("dependsOn"))
        self.organisation(top.get("organisation"))
        self.funded_by(top.get("fundedBy"))
        self.supports(top.get("supports"))
        self.country_sections(top)

    def version(self, top: YNode) -> None:
        node = top.get("publiccodeYmlVersion")
        text = self.string("publiccodeYmlVersion", node)
        if node is None or node.type == "null":
            self.error("publiccodeYmlVersion", node, "required", field="publiccodeYmlVersion")
            return
        if text is None:
            return
        self.r.version = text
        if text in vocab.V1_VERSIONS:
            self.v1 = True
            self.warn("publiccodeYmlVersion", node, "candidate_version", version=text)
        elif text not in vocab.V0_VERSIONS:
            supported = ", ".join(sorted(vocab.V0_VERSIONS | vocab.V1_VERSIONS, key=_version_key))
            self.error("publiccodeYmlVersion", node, "unsupported_version", version=text, supported=supported)
        elif text != "0" and _version_key(text) < _version_key(vocab.LATEST_V0):
            self.warn("publiccodeYmlVersion", node, "old_version", version=text, latest=vocab.LATEST_V0)

    def audience(self, node: YNode | None) -> None:
        aud = self.mapping("intendedAudience", node, AUDIENCE_KEYS)
        if aud is None:
            return
        for ikey, item, text in self.string_list("intendedAudience.scope", aud.get("scope")):
            if text not in vocab.SCOPES:
                self.error(ikey, item, "bad_scope", field=ikey, value=text)
        for name in ("countries", "unsupportedCountries"):
            for ikey, item, text in self.string_list(f"intendedAudience.{name}", aud.get(name)):
                if not checks.is_country(text) or (text != text.upper() and text != text.lower()):
                    self.error(ikey, item, "bad_country", field=ikey)
                elif text != text.upper():
                    self.warn(ikey, item, "lowercase_country", upper=text.upper())

    def descriptions(self, top: YNode) -> None:
        node = top.get("description")
        desc = None
        if node is not None and node.type == "map":
            desc = node
            for dup in node.duplicates:
                self.error(f"description.{dup.value}", dup, "duplicate_key", name=dup.value)
        elif node is not None and node.type != "null":
            self.error("description", node, "wrong_type", expected=_TYPE_NAMES["map"])
            return
        if desc is None or not desc.value:
            self.error("description", node or top, "not_empty", field="description")
            return
        for lang, body in desc.value.items():
            key = f"description.{lang}"
            if not checks.is_language(lang):
                self.error("description", desc.keys[lang], "bad_language", field="description", value=lang)
            d = self.mapping(key, body, DESCRIPTION_KEYS)
            if d is None:
                if body is None or body.type == "null":
                    for name in ("shortDescription", "longDescription"):
                        self.error(f"{key}.{name}", desc.keys[lang], "required", field=name)
                continue
            self.string(f"{key}.localisedName", d.get("localisedName"))
            generic = d.get("genericName")
            if generic is not None:
                self.warn(f"{key}.genericName", generic, "deprecated")
                text = self.string(f"{key}.genericName", generic)
                if text is not None and checks.grapheme_length(text) > 35:
                    self.error(f"{key}.genericName", generic, "max_len", field="genericName", n=35,
                               actual=checks.grapheme_length(text))
            short = self.required_string(d, key, "shortDescription")
            if short is not None and (n := checks.grapheme_length(short)) > 150:
                self.error(f"{key}.shortDescription", d.get("shortDescription"), "max_len",
                           field="shortDescription", n=150, actual=n)
            long = self.required_string(d, key, "longDescription")
            if long is not None:
                n = checks.grapheme_length(long)
                if n < 150:
                    self.error(f"{key}.longDescription", d.get("longDescription"), "min_len",
                               field="longDescription", n=150, actual=n)
                elif n > 10000:
                    self.error(f"{key}.longDescription", d.get("longDescription"), "max_len",
                               field="longDescription", n=10000, actual=n)
            self.url(f"{key}.documentation", d.get("documentation"), "documentation", http=True)
            self.url(f"{key}.apiDocumentation", d.get("apiDocumentation"), "apiDocumentation", http=True)
            features = self.string_list(f"{key}.features", d.get("features"))
            fnode = d.get("features")
            if not features and (fnode is None or fnode.type in ("null", "seq")):
                self.error(f"{key}.features", fnode or d, "not_empty", field="features")
            for ikey, item, text in self.string_list(f"{key}.screenshots", d.get("screenshots")):
                self.local_file(ikey, item, text, vocab.IMAGE_EXTENSIONS, image=True)
            for ikey, item, text in self.string_list(f"{key}.videos", d.get("videos")):
                if not checks.is_http_url(text):
                    self.error(ikey, item, "http_url", field=ikey.rpartition(".")[2])
            self.string_list(f"{key}.awards", d.get("awards"))

    def legal(self, top: YNode) -> None:
        node = top.get("legal")
        legal = self.mapping("legal", node, LEGAL_KEYS)
        if legal is None:
            self.error("legal.license", node or top, "required", field="license")
            return
        lic = self.required_string(legal, "legal", "license")
        if lic is not None and (problem := checks.license_problem(lic)):
            self.error("legal.license", legal.get("license"), "bad_license", field="license", detail=problem)
        self.string("legal.mainCopyrightOwner", legal.get("mainCopyrightOwner"))
        if "repoOwner" in legal.value:
            self.warn("legal.repoOwner", legal.keys["repoOwner"], "deprecated_use", replacement="organisation.name")
            self.string("legal.repoOwner", legal.get("repoOwner"))
        if "authorsFile" in legal.value:
            self.warn("legal.authorsFile", legal.keys["authorsFile"], "deprecated")
            text = self.string("legal.authorsFile", legal.get("authorsFile"))
            if text is not None:
                self.local_file("legal.authorsFile", legal.get("authorsFile"), text, None, image=False)

    def maintenance(self, top: YNode) -> None:
        node = top.get("maintenance")
        m = self.mapping("maintenance", node, MAINTENANCE_KEYS)
        if m is None:
            if node is None or node.type == "null":
                self.error("maintenance.type", node or top, "required", field="type")
            return
        mtype = self.enum("maintenance.type", m.get("type"), vocab.MAINTENANCE_TYPES, "type", True, m)
        contractors = self.seq("maintenance.contractors", m.get("contractors"))
        contacts = self.seq("maintenance.contacts", m.get("contacts"))
        if mtype == "contract" and not contractors and m.get("contractors") is None:
            self.error("maintenance.contractors", m, "required_when", field="contractors", type="contract")
        if mtype in ("internal", "community", "none") and m.get("contractors") is not None:
            self.error("maintenance.contractors", m.keys["contractors"], "forbidden_unless_contract",
                       field="contractors")
        cnode = m.get("contacts")
        if mtype in ("internal", "community") and not contacts and (cnode is None or cnode.type in ("null", "seq")):
            self.error("maintenance.contacts", m, "required_when", field="contacts", type=mtype)
        for i, item in enumerate(contractors or ()):
            key = f"maintenance.contractors[{i}]"
            c = self.mapping(key, item, CONTRACTOR_KEYS)
            if c is None:
                continue
            self.required_string(c, key, "name")
            self.email(f"{key}.email", c.get("email"))
            self.url(f"{key}.website", c.get("website"), "website", http=True)
            if c.get("until") is None or c.get("until").type == "null":
                self.error(f"{key}.until", c, "required", field="until")
            else:
                self.date(f"{key}.until", c.get("until"), "until")
        for i, item in enumerate(contacts or ()):
            key = f"maintenance.contacts[{i}]"
            c = self.mapping(key, item, CONTACT_KEYS)
            if c is None:
                continue
            self.required_string(c, key, "name")
            self.email(f"{key}.email", c.get("email"))
            self.string(f"{key}.phone", c.get("phone"))
            self.string(f"{key}.affiliation", c.get("affiliation"))

    def email(self, key: str, node: YNode | None) -> None:
        text = self.string(key, node)
        if text is not None and not checks.is_email(text):
            self.error(key, node, "bad_email", field="email")

    def localisation(self, top: YNode) -> None:
        node = top.get("localisation")
        loc = self.mapping("localisation", node, LOCALISATION_KEYS)
        if loc is None:
            if node is None or node.type == "null":
                self.error("localisation.localisationReady", node or top, "required", field="localisationReady")
                self.error("localisation.availableLanguages", node or top, "required", field="availableLanguages")
            return
        ready = loc.get("localisationReady")
        if self.boolean("localisation.localisationReady", ready) is None and (ready is None or ready.type == "null"):
            self.error("localisation.localisationReady", ready or loc, "required", field="localisationReady")
        langs = loc.get("availableLanguages")
        if langs is None or langs.type == "null":
            self.error("localisation.availableLanguages", loc, "required", field="availableLanguages")
            return
        items = self.string_list("localisation.availableLanguages", langs)
        if langs.type == "seq" and not langs.value:
            self.error("localisation.availableLanguages", langs, "not_empty", field="availableLanguages")
        for ikey, item, text in items:
            if not checks.is_language(text):
                self.error(ikey, item, "bad_language", field=ikey.rpartition(".")[2], value=text)

    def depends_on(self, node: YNode | None) -> None:
        dep = self.mapping("dependsOn", node, DEPENDS_KEYS)
        if dep is None:
            return
        for kind in ("open", "proprietary", "hardware"):
            for i, item in enumerate(self.seq(f"dependsOn.{kind}", dep.get(kind)) or ()):
                key = f"dependsOn.{kind}[{i}]"
                d = self.mapping(key, item, DEPENDENCY_KEYS)
                if d is None:
                    continue
                self.required_string(d, key, "name")
                for name in ("versionMin", "versionMax", "version"):
                    self.string(f"{key}.{name}", d.get(name))
                self.boolean(f"{key}.optional", d.get("optional"))

    def uri(self, key: str, node: YNode | None, parent: YNode) -> None:
        if node is None or node.type == "null":
            self.error(key, parent, "required", field="uri")
            return
        text = self.string(key, node)
        if text is None:
            return
        if not checks.is_uri(text):
            self.error(key, node, "bad_uri", field="uri")
        elif text.lower().startswith("urn:x-italian-pa:") and not checks.is_ipa_code(text.split(":", 2)[2]):
            self.error(key, node, "bad_ipa", field="uri")

    def organisation(self, node: YNode | None) -> None:
        org = self.mapping("organisation", node, ORGANISATION_KEYS)
        if org is None:
            return
        self.string("organisation.name", org.get("name"))
        self.uri("organisation.uri", org.get("uri"), org)

    def funded_by(self, node: YNode | None) -> None:
        for i, item in enumerate(self.seq("fundedBy", node) or ()):
            key = f"fundedBy[{i}]"
            f = self.mapping(key, item, ORGANISATION_KEYS)
            if f is None:
                continue
            self.string(f"{key}.name", f.get("name"))
            self.uri(f"{key}.uri", f.get("uri"), f)

    def supports(self, node: YNode | None) -> None:
        for i, item in enumerate(self.seq("supports", node) or ()):
            key = f"supports[{i}]"
            s = self.mapping(key, item, frozenset({"id"}))
            if s is None:
                continue
            idnode = s.get("id")
            text = self.string(f"{key}.id", idnode)
            if idnode is None or idnode.type == "null":
                self.error(f"{key}.id", s, "required", field="id")
            elif text is not None and text.startswith("alias:"):
                if text[6:] not in vocab.SUPPORT_ALIASES:
                    self.error(f"{key}.id", idnode, "bad_alias", field="id", value=text[6:])
            elif text is not None and not checks.is_uri(text):
                self.error(f"{key}.id", idnode, "bad_uri", field="id")

    def country_sections(self, top: YNode) -> None:
        if "it" in top.value:
            self.warn("it", top.keys["it"], "lowercase_section", upper="IT")
            if "IT" in top.value:
                self.error("it", top.keys["it"], "section_duplicated", upper="IT")
        for name in ("IT", "it"):
            if name in top.value:
                self.italy(name, top.get(name))

    def italy(self, key: str, node: YNode | None) -> None:
        it = self.mapping(key, node, IT_KEYS)
        if it is None:
            return
        self.enum(f"{key}.countryExtensionVersion", it.get("countryExtensionVersion"), vocab.IT_EXTENSION_VERSIONS,
                  "countryExtensionVersion", False, it)
        if "conforme" in it.value:
            self.warn(f"{key}.conforme", it.keys["conforme"], "deprecated")
            conf = self.mapping(f"{key}.conforme", it.get("conforme"), frozenset(vocab.IT_CONFORME))
            for name in vocab.IT_CONFORME if conf is not None else ():
                self.boolean(f"{key}.conforme.{name}", conf.get(name))
        riuso = self.mapping(f"{key}.riuso", it.get("riuso"), frozenset({"codiceIPA"}))
        if riuso is not None and "codiceIPA" in riuso.value:
            self.warn(f"{key}.riuso.codiceIPA", riuso.keys["codiceIPA"], "deprecated_use",
                      replacement="organisation.uri")
            code = self.string(f"{key}.riuso.codiceIPA", riuso.get("codiceIPA"))
            if code is not None and not checks.is_ipa_code(code):
                self.error(f"{key}.riuso.codiceIPA", riuso.get("codiceIPA"), "bad_ipa", field="codiceIPA")
        pf = self.mapping(f"{key}.piattaforme", it.get("piattaforme"), frozenset(vocab.IT_PIATTAFORME))
        for name in vocab.IT_PIATTAFORME if pf is not None else ():
            self.boolean(f"{key}.piattaforme.{name}", pf.get(name))


def _join(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _version_key(v: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in v.split("."))
    except ValueError:
        return (99,)


_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"\x1f\x8b")


def _looks_like_image(path: Path) -> bool:
    """Magic bytes of PNG/JPEG/GIF/gzip (svgz)/WebP, or an SVG document; nothing is decoded or rendered."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return True
    return b"<svg" in head.lower()


def validate_publiccode(data: bytes, path: str = "publiccode.yml", *, base_dir: Path | None = None,
                        lang: str = DEFAULT_LANGUAGE, network: bool = False,
                        fetch: Callable[[str], str | None] | None = None,
                        limit: int = MAX_PUBLICCODE_BYTES) -> ValidationResult:
    """Validate one publiccode.yml given as bytes. Never raises for bad input: problems become findings.

    ``base_dir`` is the directory the file's relative paths (logo, screenshots) are resolved in; without it
    those files are not looked up. ``network`` enables reachability checks through ``fetch(url)`` (which
    returns a problem description or None); it is off by default and needs no ``fetch`` to be off.
    """
    result = ValidationResult(path=path)
    v = _Validator(result, lang, base_dir, network, fetch)
    try:
        root = read_yaml_nodes(data, limit)
    except YamlError as exc:
        v.error("", None, "invalid_yaml", detail=str(exc))
        result.errors[-1].line, result.errors[-1].column = exc.line, exc.column
        return result
    except ParseFailure as exc:
        v.error("", None, "unreadable", detail=str(exc))
        return result
    if root is None:
        v.error("", None, "empty_document")
        return result
    if root.type != "map":
        v.error("", root, "not_mapping")
        return result
    v.run(root)
    return result


def validate_path(path: str | os.PathLike[str], *, lang: str = DEFAULT_LANGUAGE, network: bool = False,
                  fetch: Callable[[str], str | None] | None = None, check_files: bool = True) -> ValidationResult:
    """Validate a file on disk; relative paths inside it resolve next to it. Unreadable files give a finding.

    ``check_files=False`` skips looking up logo/screenshots, for a publiccode.yml copied out of its repository.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_PUBLICCODE_BYTES:
            raise ParseFailure(f"file too large ({size:,} bytes; limit {MAX_PUBLICCODE_BYTES:,})")
        data = p.read_bytes()
    except (OSError, ParseFailure) as exc:
        result = ValidationResult(path=os.fspath(path))
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        result.errors.append(Finding("", CATALOG.get("unreadable", lang, detail=detail), 0, 0, "unreadable"))
        return result
    base = p.parent if check_files else None
    return validate_publiccode(data, os.fspath(path), base_dir=base, lang=lang, network=network, fetch=fetch)
