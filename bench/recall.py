"""Recall of ospo's pinned ``name@version`` against cdxgen's reference SBOMs, per ecosystem.

For every repository of ``../shared/corpus/repos`` that has a cdxgen SBOM in
``../shared/reference/cdxgen``, both inventories are reduced to identities ``(ecosystem, name, version)``
normalised per ecosystem (PEP 503 names for PyPI, lower-case for case-insensitive registries, a leading
``v`` kept for Go, Maven as ``group:artifact``). Only cdxgen components with a version count.

    python bench/recall.py [--shared ../shared] [--ecosystem pypi] [--show-misses] [--json]

Recall = |ospo ∩ cdxgen| / |cdxgen|. Misses (cdxgen only) and extras (ospo only) are listed with the
file each tool names, so every difference can be explained from the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

# npm: the purl spec lower-cases npm names (legacy upper-case names like JSONStream exist in the registry).
_CASE_INSENSITIVE = {"pypi", "nuget", "composer", "cargo", "npm"}


def norm_name(ptype: str, namespace: str | None, name: str) -> str:
    full = f"{namespace}/{name}" if namespace else name
    if ptype == "maven":
        full = f"{namespace}:{name}" if namespace else name
    if ptype == "pypi":
        full = re.sub(r"[-_.]+", "-", full).lower()
    elif ptype in _CASE_INSENSITIVE:
        full = full.lower()
    return full


def norm_version(ptype: str, version: str) -> str:
    v = version.strip()
    if ptype == "pypi":
        try:
            from packaging.version import Version

            return str(Version(v))
        except Exception:
            return v
    return v


def parse_purl(purl: str) -> tuple[str, str | None, str, str | None] | None:
    if not purl.startswith("pkg:"):
        return None
    body = purl[4:].split("#", 1)[0].split("?", 1)[0]
    ptype, _, rest = body.partition("/")
    version = None
    if "@" in rest:
        at = rest.rfind("@")
        rest, version = rest[:at], unquote(rest[at + 1 :])
    parts = [unquote(p) for p in rest.split("/")]
    name = parts[-1]
    namespace = "/".join(parts[:-1]) or None
    return ptype.lower(), namespace, name, version


def cdxgen_identities(doc: dict) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for comp in doc.get("components", []):
        parsed = parse_purl(comp.get("purl", ""))
        if not parsed:
            continue
        ptype, ns, name, version = parsed
        version = comp.get("version") or version
        if not version:
            continue
        src = next((p["value"] for p in comp.get("properties", []) if p.get("name") == "SrcFile"), "")
        key = (ptype, norm_name(ptype, ns, name), norm_version(ptype, version))
        out.setdefault(key, src.split("/repos/", 1)[-1])
    return out


def ospo_identities(result) -> dict[tuple[str, str, str], str]:  # type: ignore[no-untyped-def]
    out: dict[tuple[str, str, str], str] = {}
    for c in result.components:
        if not c.pinned or not c.version:
            continue
        parsed = parse_purl(c.purl)
        if not parsed:
            continue
        ptype, ns, name, version = parsed
        key = (ptype, norm_name(ptype, ns, name), norm_version(ptype, version or c.version))
        out.setdefault(key, str(c.location) if c.location else "")
    return out


def compute(shared: Path, only: str | None = None) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from ospo.engine.api import scan_input

    repos = shared / "corpus" / "repos"
    refs = shared / "reference" / "cdxgen"
    per_eco: dict[str, dict[str, int]] = defaultdict(lambda: {"cdxgen": 0, "ospo": 0, "both": 0})
    misses: list[tuple[str, tuple, str]] = []
    extras: list[tuple[str, tuple, str]] = []
    for ref in sorted(refs.glob("*.json")):
        repo = repos / ref.stem
        if not repo.is_dir():
            continue
        theirs = cdxgen_identities(json.loads(ref.read_text()))
        ours = ospo_identities(scan_input(str(repo)))
        if only:
            theirs = {k: v for k, v in theirs.items() if k[0] == only}
            ours = {k: v for k, v in ours.items() if k[0] == only}
        for key in theirs:
            per_eco[key[0]]["cdxgen"] += 1
            if key in ours:
                per_eco[key[0]]["both"] += 1
            else:
                misses.append((ref.stem, key, theirs[key]))
        for key in ours:
            per_eco[key[0]]["ospo"] += 1
            if key not in theirs:
                extras.append((ref.stem, key, ours[key]))
    return {"per_ecosystem": dict(per_eco), "misses": misses, "extras": extras}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--ecosystem")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--show-extras", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = compute(Path(args.shared), args.ecosystem)
    if args.json:
        print(json.dumps(data, indent=1, default=list))
        return 0
    print(f"{'ecosystem':<12}{'cdxgen':>8}{'ospo':>8}{'both':>8}{'recall':>9}")
    for eco, c in sorted(data["per_ecosystem"].items()):
        recall = c["both"] / c["cdxgen"] if c["cdxgen"] else float("nan")
        print(f"{eco:<12}{c['cdxgen']:>8}{c['ospo']:>8}{c['both']:>8}{recall:>9.3f}")
    if args.show_misses:
        print("\nmisses (cdxgen only):")
        for repo, key, src in data["misses"]:
            print(f"  {repo}  {key[0]} {key[1]}@{key[2]}  ({src})")
    if args.show_extras:
        print("\nextras (ospo only):")
        for repo, key, src in data["extras"]:
            print(f"  {repo}  {key[0]} {key[1]}@{key[2]}  ({src})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
