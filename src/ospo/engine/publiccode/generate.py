"""Write a publiccode.yml from what a scan knows, with every guess or gap marked ``TODO`` for a human.

Version written: ``publiccodeYmlVersion: "0"`` — the standard's way of saying "the latest 0.x" (0.7 today).
The reference parser warns on any explicit older version ("use '0'"), and the 0.x series only adds or
deprecates keys, so "0" is both the most compatible and the least likely to go stale. The file is emitted as
text (not ``yaml.dump``) so it can carry comments that tell the user what to check; every scalar is written
as a JSON string, which is valid YAML and quotes whatever needs quoting.
"""

from __future__ import annotations

import configparser
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ospo.engine.model import ScanResult
from ospo.engine.publiccode.messages import CATALOG

PLACEHOLDER = "TODO"
PLACEHOLDER_URL = "https://TODO.invalid/repository.git"  # .invalid never resolves (RFC 2606)

# Services a deployer must provide, recognised from the inventory: (ecosystem or "*", package or image) → name.
_SERVICES: dict[str, str] = {
    "postgres": "PostgreSQL", "postgis/postgis": "PostgreSQL", "psycopg2": "PostgreSQL",
    "psycopg2-binary": "PostgreSQL", "psycopg": "PostgreSQL", "pg": "PostgreSQL", "org.postgresql:postgresql":
    "PostgreSQL", "github.com/lib/pq": "PostgreSQL", "github.com/jackc/pgx/v5": "PostgreSQL",
    "mysql": "MySQL", "mysqlclient": "MySQL", "pymysql": "MySQL", "mysql2": "MySQL", "com.mysql:mysql-connector-j":
    "MySQL", "mariadb": "MariaDB", "redis": "Redis", "ioredis": "Redis", "mongo": "MongoDB", "mongodb": "MongoDB",
    "pymongo": "MongoDB", "mongoose": "MongoDB", "elasticsearch": "Elasticsearch", "rabbitmq": "RabbitMQ",
    "pika": "RabbitMQ", "amqplib": "RabbitMQ", "memcached": "Memcached", "minio/minio": "MinIO",
    "keycloak/keycloak": "Keycloak", "quay.io/keycloak/keycloak": "Keycloak", "solr": "Apache Solr",
}
_SOFTWARE_TYPE_LIBRARY_FILES = ("setup.py", "pyproject.toml", "package.json", "Cargo.toml", "go.mod", "pom.xml")


@dataclass(slots=True)
class Dependency:
    name: str
    version: str | None = None


@dataclass(slots=True)
class PubliccodeFacts:
    """What the generator will write; built from a scan, overridable by the caller."""

    name: str
    url: str | None
    license: str | None
    languages: list[str]
    platforms: list[str] = field(default_factory=list)
    depends_on: list[Dependency] = field(default_factory=list)
    maintenance_type: str = "internal"
    contacts: list[str] = field(default_factory=list)
    organisation: str | None = None
    software_version: str | None = None
    release_date: str | None = None


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def git_remote_url(repo_path: Path) -> str | None:
    """The ``origin`` URL from .git/config, read as text (no git process, nothing executed)."""
    cfg = repo_path / ".git" / "config"
    if not cfg.is_file() or cfg.stat().st_size > 1_000_000:
        return None
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(cfg.read_text(encoding="utf-8", errors="replace"))
    except configparser.Error:
        return None
    for section in ('remote "origin"', "remote \"upstream\""):
        if parser.has_option(section, "url"):
            url = parser.get(section, "url").strip()
            # scp-like git@host:org/repo → https URL, which is what a catalogue visitor can open.
            m = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", url)
            return f"https://{m.group(1)}/{m.group(2)}" if m else re.sub(r"//[^/@]+@", "//", url)
    return None


def _platforms(scan: ScanResult | None, repo_path: Path | None) -> list[str]:
    ecos = {c.ecosystem for c in scan.components} | {f.ecosystem for f in scan.files} if scan else set()
    out: list[str] = []
    if ecos & {"swift", "cocoapods"}:
        out.append("ios")
    if "pub" in ecos or (repo_path is not None and any(repo_path.glob("**/AndroidManifest.xml"))):
        out.append("android")
        if "pub" in ecos and "ios" not in out:
            out.append("ios")
    names = {c.name.lower() for c in scan.components} if scan else set()
    if names & {"react", "vue", "@angular/core", "svelte", "django", "flask", "rails", "laravel/framework",
                "express", "next", "fastapi", "spring-boot-starter-web"}:
        out.append("web")
    if "docker" in ecos and "linux" not in out:
        out.append("linux")
    return out


def _depends_on(scan: ScanResult | None) -> list[Dependency]:
    found: dict[str, Dependency] = {}
    for c in scan.components if scan else ():
        service = _SERVICES.get(c.name.lower())
        if service is None or service in found:
            continue
        version = None
        if c.ecosystem == "docker" and c.pinned and c.version:
            m = re.match(r"\d+(?:\.\d+)?", c.version)  # an image tag's leading version: postgres:16-alpine → 16
            version = m.group(0) if m else None
        found[service] = Dependency(service, version)
    return sorted(found.values(), key=lambda d: d.name)


def facts_from_scan(scan: ScanResult | None, repo_path: str | Path | None, *, name: str | None = None,
                    url: str | None = None, license: str | None = None, languages: list[str] | None = None,
                    **overrides: object) -> PubliccodeFacts:
    path = Path(repo_path) if repo_path is not None else None
    if license is None and path is not None:
        license = _license_file(path)
    if license is None and scan is not None:
        # Only manifests at the repository root speak for the project (a nested package.json is a sub-part).
        declared = [f.root_license for f in scan.files if f.root_license and "/" not in f.path]
        license = declared[0] if declared else None
    facts = PubliccodeFacts(
        name=name or (scan.name if scan else None) or (path.resolve().name if path else PLACEHOLDER),
        url=url or (git_remote_url(path) if path else None),
        license=license,
        languages=languages or ["en"],
        platforms=_platforms(scan, path),
        depends_on=_depends_on(scan),
    )
    for k, v in overrides.items():
        if v is not None and hasattr(facts, k):
            setattr(facts, k, v)
    return facts


def _license_file(path: Path) -> str | None:
    for cand in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING", "LICENCE"):
        f = path / cand
        if f.is_file() and f.stat().st_size < 1_000_000:
            from ospo.engine.licenses.identify import identify_file

            ident = identify_file(cand, f.read_bytes())
            if ident.expression and ident.confidence >= 0.9:
                return ident.expression
    return None


def render_publiccode(facts: PubliccodeFacts) -> str:
    """The YAML text. TODO values are placeholders: the validator warns about each one left."""
    t = CATALOG.get
    head = t("gen_header", facts.languages[0])
    lines = [f"# {head}", "", 'publiccodeYmlVersion: "0"', "", f"name: {_q(facts.name)}"]
    if facts.url:
        lines.append(f"url: {_q(facts.url)}")
    else:
        lines.append(f"url: {_q(PLACEHOLDER_URL)}  # TODO: the repository's public URL")
    if facts.software_version:
        lines.append(f"softwareVersion: {_q(facts.software_version)}")
    if facts.release_date:
        lines.append(f"releaseDate: {_q(facts.release_date)}")
    lines += ["", "platforms:" + ("" if facts.platforms else "  # TODO: check; guessed, nothing in the scan told")]
    lines += [f"  - {_q(p)}" for p in (facts.platforms or ["web"])]
    lines += ["", "developmentStatus: \"development\"  # TODO: concept, development, beta, stable or obsolete",
              "softwareType: \"standalone/other\"  # TODO: standalone/web, standalone/desktop, library, addon, …",
              "", "description:"]
    for lang in facts.languages:
        short = t("gen_short", lang, name=facts.name[:60])
        lines += [f"  {lang}:", f"    localisedName: {_q(facts.name)}", f"    shortDescription: {_q(short)}",
                  f"    longDescription: {_q(t('gen_long', lang, name=facts.name[:60]))}",
                  "    features:", f"      - {_q(t('gen_feature', lang))}"]
    lines += ["", "legal:"]
    if facts.license:
        lines.append(f"  license: {_q(facts.license)}")
    else:
        lines.append(f"  license: {_q('LicenseRef-TODO')}  # TODO: the SPDX expression of the project's license")
    if facts.organisation:
        lines.append(f"  mainCopyrightOwner: {_q(facts.organisation)}")
    lines += ["", "maintenance:", f"  type: {_q(facts.maintenance_type)}"]
    if facts.maintenance_type in ("internal", "community"):
        lines.append("  contacts:")
        for contact in facts.contacts or [t("gen_contact", facts.languages[0])]:
            lines.append(f"    - name: {_q(contact)}")
    elif facts.maintenance_type == "contract":
        lines += ["  contractors:", f"    - name: {_q(t('gen_contact', facts.languages[0]))}",
                  '      until: "2099-12-31"  # TODO: end date of the maintenance contract']
    lines += ["", "localisation:", "  localisationReady: false  # TODO: true if the user interface is translatable",
              "  availableLanguages:"]
    lines += [f"    - {_q(lang)}" for lang in facts.languages]
    if facts.depends_on:
        lines += ["", "dependsOn:", "  open:"]
        for dep in facts.depends_on:
            lines.append(f"    - name: {_q(dep.name)}")
            if dep.version:
                lines.append(f"      versionMin: {_q(dep.version)}")
    if facts.organisation:
        lines += ["", "organisation:", f"  name: {_q(facts.organisation)}",
                  f"  uri: {_q('urn:x-TODO:organisation-id')}  # TODO: a URI identifying the organisation"]
    return "\n".join(lines) + "\n"


def generate_publiccode(scan: ScanResult | None, repo_path: str | Path | None, name: str | None = None,
                        url: str | None = None, license: str | None = None, languages: list[str] | None = None,
                        **overrides: object) -> str:
    """publiccode.yml text for a scanned repository, in the chosen languages (en/es/pt-BR/fr texts).

    ``overrides`` may set any :class:`PubliccodeFacts` field (maintenance_type, contacts, organisation,
    software_version, release_date, platforms, …).
    """
    facts = facts_from_scan(scan, repo_path, name=name, url=url, license=license, languages=languages,
                            **overrides)
    return render_publiccode(facts)
