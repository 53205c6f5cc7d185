"""``ospo demo``: database, admin account, demo estate (the project + generated example repositories), scans.

With ``--serve`` it then serves the platform: this is ``make run``.
"""

from __future__ import annotations

import argparse


def cmd_demo(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.platform import setup

    setup()
    from ospo.platform import bootstrap

    bootstrap.migrate()
    bootstrap.ensure_admin()
    repos = bootstrap.register_demo_estate()
    bootstrap.scan_now(repos, workers=max(1, args.workers), timeout_s=args.timeout)
    if args.serve:
        from ospo.commands.serve import serve

        return serve(args.host, args.port, args.workers, args.worker_mode, args.threads)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from ospo.commands.serve import add_server_options

    p = sub.add_parser("demo", help="set up a demo estate of real repositories, scan it (and serve it)",
                       description="Create the database and an admin account, register a demo estate, scan it.")
    p.add_argument("--serve", action="store_true", help="then serve the platform (what `make run` does)")
    p.add_argument("--timeout", type=float, default=300, help="seconds to wait for the first scans")
    add_server_options(p)
    p.set_defaults(func=cmd_demo)
