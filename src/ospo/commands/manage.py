"""``ospo manage <django command> [args…]``: Django's management commands on the platform's settings."""

from __future__ import annotations

import argparse


def cmd_manage(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.platform import setup

    setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ospo manage", *args.django_args])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("manage", help="run a Django management command on the platform (migrate, createsuperuser…)",
                       description="Run a Django management command with the platform's settings.",
                       add_help=False)
    p.add_argument("django_args", nargs=argparse.REMAINDER, metavar="COMMAND ...")
    p.set_defaults(func=cmd_manage)
