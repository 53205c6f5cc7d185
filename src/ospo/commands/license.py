"""``ospo license identify FILE...``: which license texts and notices a file contains."""

from __future__ import annotations

import argparse


def _identify(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.engine.licenses.identify import identify_main

    return identify_main([*args.files, "--format", args.format])


def passthrough(argv: list[str]) -> int | None:
    """``ospo license identify FILE...`` without building the whole ``ospo`` parser.

    Why: building it imports every command module (the scanner's process pool among them), which costs more
    than identifying a few license files. ``identify_main`` has the same options and messages; help and any
    other subcommand go through the full parser as usual.
    """
    if not argv or argv[0] != "identify" or any(a in ("-h", "--help") for a in argv[1:]):
        return None
    from ospo.engine.licenses.identify import identify_main

    try:
        return identify_main(argv[1:])
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def register(sub: argparse._SubParsersAction) -> None:
    lic = sub.add_parser("license", help="identify license texts and notices")
    lic_sub = lic.add_subparsers(dest="license_command", required=True, metavar="SUBCOMMAND")
    ident = lic_sub.add_parser(
        "identify",
        help="print one JSON object per file: expression, confidence and matched line ranges",
        description="Identify the SPDX license expression of license files, notices and source headers.",
    )
    ident.add_argument("files", nargs="+", metavar="FILE")
    ident.add_argument("--format", choices=["json"], default="json")
    ident.set_defaults(func=_identify)
