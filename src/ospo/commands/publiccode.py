"""``ospo publiccode``: validate publiccode.yml files, generate one for a repository, read/write code.json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _lang(args: argparse.Namespace) -> str:
    from ospo.engine.i18n import language_from_env, normalize_language

    return normalize_language(args.ui_lang) if args.ui_lang else language_from_env()


def cmd_validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.publiccode import validate_path
    from ospo.engine.publiccode.messages import CATALOG

    lang = _lang(args)
    fetch = None
    if args.network:
        from ospo.engine.publiccode.network import fetch_problem

        fetch = fetch_problem
    results = []
    for path in args.files:
        if path.endswith(".json"):
            results.append(_validate_code_json(path, lang))
        else:
            results.append(validate_path(path, lang=lang, network=args.network, fetch=fetch).as_dict())
    if args.format == "json":
        sys.stdout.write(json.dumps(results if len(results) > 1 else results[0], indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        for r in results:
            verdict = CATALOG.get("cli_valid" if r["valid"] else "cli_invalid", lang)
            sys.stdout.write(f"{r['path']}: {verdict}\n")
            for sev, items in (("error", r["errors"]), ("warning", r["warnings"])):
                for f in items:
                    where = f"{f['line']}:{f['column']}" if f["line"] else "-"
                    sys.stdout.write(f"  {where:>8}  {sev:7}  {f['key'] or '(file)'}: {f['message']}\n")
        errors = sum(len(r["errors"]) for r in results)
        warnings = sum(len(r["warnings"]) for r in results)
        invalid = sum(not r["valid"] for r in results)
        sys.stdout.write(CATALOG.get("cli_summary", lang, files=len(results), invalid=invalid, errors=errors,
                                     warnings=warnings) + "\n")
    return 0 if all(r["valid"] for r in results) else 1


def _validate_code_json(path: str, lang: str) -> dict:
    from ospo.engine.publiccode.codejson import read_code_json
    from ospo.engine.publiccode.messages import CATALOG
    from ospo.engine.publiccode.yamlnodes import MAX_PUBLICCODE_BYTES

    p = Path(path)
    try:
        if p.stat().st_size > MAX_PUBLICCODE_BYTES * 10:
            raise OSError(0, f"file too large ({p.stat().st_size:,} bytes)")
        data = p.read_bytes()
    except OSError as exc:
        msg = CATALOG.get("unreadable", lang, detail=exc.strerror or str(exc))
        return {"path": path, "valid": False, "version": None, "warnings": [],
                "errors": [{"key": "", "message": msg, "line": 0, "column": 0, "code": "unreadable"}]}
    _, findings = read_code_json(data, lang)
    return {"path": path, "valid": not findings, "version": "code.json", "warnings": [],
            "errors": [f.as_dict() for f in findings]}


def cmd_generate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.api import scan_input
    from ospo.engine.i18n import normalize_language
    from ospo.engine.publiccode.messages import CATALOG

    repo = Path(args.path)
    if not repo.is_dir():
        parser.error(f"{args.path} is not a directory")
    languages = [normalize_language(x) if normalize_language(x) != "en" or x.startswith("en") else x
                 for x in (args.lang or ["en"])]
    scan = scan_input(str(repo))
    if args.code_json:
        from ospo.engine.publiccode.codejson import release_from_scan, write_code_json
        from ospo.engine.publiccode.generate import facts_from_scan

        facts = facts_from_scan(scan, repo, name=args.name, url=args.url, license=args.license)
        release = release_from_scan(scan, name=facts.name, url=facts.url or "https://TODO.invalid/repository.git",
                                    license=facts.license, description=f"TODO: {facts.name}",
                                    email=args.email or "TODO@example.invalid", organization=args.organisation)
        text = write_code_json([release], agency=args.agency or "TODO")
    else:
        from ospo.engine.publiccode.generate import generate_publiccode

        text = generate_publiccode(scan, repo, name=args.name, url=args.url, license=args.license,
                                   languages=languages, maintenance_type=args.maintenance,
                                   organisation=args.organisation)
    ui = _lang(args)
    if args.output:
        out = Path(args.output)
        if out.exists() and not args.force:
            sys.stderr.write(CATALOG.get("cli_exists", ui, path=out) + "\n")
            return 1
        out.write_text(text, encoding="utf-8")
        sys.stderr.write(CATALOG.get("cli_written", ui, path=out) + "\n")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    pc = sub.add_parser("publiccode", help="validate or generate publiccode.yml (and US code.json) metadata",
                        description="publiccode.yml 0.2-0.7 and the 1.0 candidate; code.json schema 2.0.")
    pcs = pc.add_subparsers(dest="publiccode_command", required=True, metavar="ACTION")
    val = pcs.add_parser("validate", help="validate publiccode.yml (or code.json) files; exit 1 if any is invalid")
    val.add_argument("files", nargs="+", metavar="FILE")
    val.add_argument("--format", choices=("table", "json"), default="table")
    val.add_argument("--network", action="store_true",
                     help="also check that URLs and remote logos answer (off by default: no network)")
    val.add_argument("--ui-lang", metavar="LANG", help="language of the messages (en, es, pt-BR, fr)")
    val.set_defaults(func=cmd_validate)
    gen = pcs.add_parser("generate", help="write a publiccode.yml for a repository from what a scan finds")
    gen.add_argument("path", metavar="PATH")
    gen.add_argument("--lang", action="append", metavar="LANG",
                     help="a description language (repeatable; en, es, pt-BR, fr have template texts)")
    gen.add_argument("--name")
    gen.add_argument("--url")
    gen.add_argument("--license", metavar="SPDX")
    gen.add_argument("--maintenance", choices=("internal", "contract", "community", "none"), default="internal")
    gen.add_argument("--organisation", metavar="NAME")
    gen.add_argument("--code-json", action="store_true", help="write a code.json (US schema 2.0) instead")
    gen.add_argument("--agency", help="code.json: the agency acronym")
    gen.add_argument("--email", help="code.json: the contact e-mail")
    gen.add_argument("-o", "--output", metavar="FILE")
    gen.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    gen.add_argument("--ui-lang", metavar="LANG", help="language of the messages (en, es, pt-BR, fr)")
    gen.set_defaults(func=cmd_generate)
