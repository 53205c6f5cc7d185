"""``ospo vulndb import|update|status``: the local vulnerability database (see ospo.engine.vulns.cli).

The subcommand has its own argument parser; ``ospo`` hands it the rest of the command line unchanged
(``passthrough``), so its options and help stay in one place.
"""

from __future__ import annotations

import argparse


def passthrough(argv: list[str]) -> int:
    from ospo.engine.vulns.cli import vulndb_main

    return vulndb_main(argv)


def register(sub: argparse._SubParsersAction) -> None:
    # Registered for `ospo --help`; ospo.cli.main dispatches to passthrough() before parsing.
    sub.add_parser("vulndb", help="import, update and inspect the local vulnerability database (OSV)", add_help=False)
