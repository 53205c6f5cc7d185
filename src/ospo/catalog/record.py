"""The neutral shape every importer produces and every exporter reads.

Why one shape: five formats (publiccode.yml, Catalogi/SILL, DPG registry, code.json, ORE YAML) describe the same
thing with different words. Importers map what they understand onto :class:`CatalogRecord` and keep the whole
source document in ``original`` (and, for publiccode.yml, the normalized mapping in ``publiccode``) so that an
export in the same format gives back every key the file had — nothing is lost to the mapping.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Function categories for common government needs (issue 7): the catalog's own facet, separate from the
# publiccode.yml category vocabulary, which is mapped onto it where words agree.
FUNCTION_CATEGORIES = (
    "identity", "payments", "data-exchange", "registries", "case-management", "forms", "participation", "gis",
    "health-information", "education", "document-management", "communication", "analytics", "infrastructure",
    "other",
)

# publiccode.yml categories (vocab) → function category, where the meaning is the same.
PUBLICCODE_TO_FUNCTION = {
    "identity-management": "identity", "financial-reporting": "payments", "billing-and-invoicing": "payments",
    "accounting": "payments", "payment-gateway": "payments", "data-collection": "forms", "survey": "forms",
    "forms": "forms", "e-signature": "identity", "geographic-information-systems": "gis",
    "document-management": "document-management", "case-management": "case-management",
    "workflow-management": "case-management", "ticketing": "case-management", "collaboration": "participation",
    "voting": "participation", "online-community": "participation", "learning-management-system": "education",
    "school": "education", "data-analytics": "analytics", "data-visualization": "analytics",
    "business-intelligence": "analytics", "email-management": "communication", "instant-messaging": "communication",
    "video-conferencing": "communication", "cloud-management": "infrastructure", "it-security": "infrastructure",
    "it-management": "infrastructure", "network-management": "infrastructure",
    "healthcare": "health-information", "medical-records": "health-information",
    "records-management": "registries", "inventory-management": "registries",
    "application-development": "infrastructure", "api-management": "data-exchange",
}


@dataclass(slots=True)
class Problem:
    """Something an importer could not take in: the file, the key path, a message (already translated)."""

    path: str
    key: str
    message: str
    severity: str = "error"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(slots=True)
class CatalogRecord:
    name: str
    source_format: str  # publiccode | sill | dpg | codejson | ore
    source_id: str = ""  # the identifier in the source (SILL id, DPG id, repository URL…)
    description: dict[str, str] = field(default_factory=dict)  # language → short description
    long_description: dict[str, str] = field(default_factory=dict)
    url: str = ""  # source code repository
    landing_url: str = ""
    license: str = ""
    version: str = ""
    release_date: str = ""
    development_status: str = ""
    software_type: str = ""
    categories: list[str] = field(default_factory=list)  # as the source wrote them
    function_categories: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # programming languages, when known
    organisation: str = ""
    organisation_uri: str = ""
    contacts: list[dict[str, str]] = field(default_factory=list)
    used_by: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # products it replaces (proprietary or not)
    dpg_status: str = ""  # "", "nominee", "dpg"
    dpg_indicators: dict[str, Any] = field(default_factory=dict)
    publiccode: dict[str, Any] | None = None  # the normalized publiccode.yml mapping (lossless export)
    original: Any = None  # the source document's item as read (lossless export to the same format)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self, lang: str = "en") -> str:
        """The description in ``lang``, else English, else any."""
        for key in (lang, lang.split("-")[0], "en", "eng"):
            if self.description.get(key):
                return self.description[key]
        return next(iter(self.description.values()), "")


@dataclass(slots=True)
class ImportResult:
    format: str
    records: list[CatalogRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # normalisations done (not errors)


def function_categories(categories: list[str]) -> list[str]:
    out = []
    for c in categories:
        f = PUBLICCODE_TO_FUNCTION.get(c, c if c in FUNCTION_CATEGORIES else "")
        if f and f not in out:
            out.append(f)
    return out


def text(value: Any, limit: int = 10_000) -> str:
    """A string field from untrusted input: only str/int/float accepted, capped in length."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value)[:limit]
    return ""


def text_list(value: Any, limit: int = 500) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [t for t in (text(v, 1000) for v in value[:limit]) if t]
