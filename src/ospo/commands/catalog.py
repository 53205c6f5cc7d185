"""``ospo catalog import FILE...`` and ``ospo catalog export --format … --output DIR`` (the platform database).

Import detects the format of each file (publiccode.yml, Catalogi/SILL JSON, DPG registry JSON, code.json, ORE
YAML, our JSON); a file that cannot be read is reported with its path and the others go on. Export writes one
file per entry (publiccode, codejson, json) into DIR, never outside it, and never overwrites a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_IMPORT_BYTES = 64 * 1024 * 1024
SUFFIX = {"publiccode": ".publiccode.yml", "codejson": ".code.json", "json": ".json"}


def cmd_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.catalog.formats import read_any
    from ospo.catalog.messages import CATALOG
    from ospo.engine.i18n import language_from_env
    from ospo.platform import setup

    setup()
    from ospo.platform.catalog.services import import_records

    lang = language_from_env()
    failed = False
    for name in args.files:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise OSError(f"larger than {MAX_IMPORT_BYTES:,} bytes")
            data = path.read_bytes()
        except OSError as exc:
            print(CATALOG.get("problem", lang, path=name, field="", message=CATALOG.get(
                "unreadable", lang, detail=exc.strerror or str(exc))), file=sys.stderr)
            failed = True
            continue
        result = read_any(data, name, lang, args.format)
        for p in result.problems:
            print(CATALOG.get("problem", lang, path=p.path, field=p.key, message=p.message), file=sys.stderr)
        failed |= any(p.severity == "error" for p in result.problems)
        created, updated = import_records(result.records) if result.records else (0, 0)
        print(CATALOG.get("imported", lang, path=name, count=len(result.records), created=created,
                          updated=updated, format=result.format))
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.catalog import exports
    from ospo.catalog.messages import CATALOG
    from ospo.engine.i18n import language_from_env
    from ospo.platform import setup

    setup()
    from ospo.platform.catalog.models import Entry
    from ospo.platform.catalog.services import record_of

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for i, entry in enumerate(Entry.objects.select_related("publisher").order_by("pk").iterator(), 1):
        record = record_of(entry)
        if args.format == "publiccode":
            body = exports.export_publiccode(record)
        elif args.format == "codejson":
            body = exports.export_codejson([record], entry.publisher.name if entry.publisher else "")
        else:
            body = exports.export_json([record])
        target = out / (exports.safe_filename(entry.name, i) + SUFFIX[args.format])
        with open(target, "x", encoding="utf-8") as fh:  # never overwrite
            fh.write(body)
        n += 1
    print(CATALOG.get("exported", language_from_env(), count=n, path=out))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalog", help="import and export catalog entries (publiccode.yml, SILL, DPG, code.json)",
                       description="Import catalog entries into the platform's database, or export them.")
    csub = p.add_subparsers(dest="catalog_command", required=True)
    imp = csub.add_parser("import", help="import files (format detected)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--format", choices=["publiccode", "sill", "dpg", "codejson", "ore", "json"],
                     help="skip detection")
    imp.set_defaults(func=cmd_import)
    exp = csub.add_parser("export", help="export one file per entry")
    exp.add_argument("--format", choices=sorted(SUFFIX), required=True)
    exp.add_argument("--output", required=True, metavar="DIR")
    exp.set_defaults(func=cmd_export)
