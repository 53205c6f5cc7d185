"""The ``ospo`` command.

Each subcommand is a module of :mod:`ospo.commands` with a ``register(subparsers)`` function that adds its
parser and sets ``func(args, parser) -> int``. Engine commands need no database; platform commands come with
the platform. Exit codes: 0 when the command ran (per-file parse errors are reported inside the output), 1 when
a check it performs fails, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence

import ospo.commands


def build_parser() -> argparse.ArgumentParser:
    from ospo import __version__

    parser = argparse.ArgumentParser(prog="ospo", description="Tools of a government Open-Source Program Office.")
    parser.add_argument("--version", action="version", version=f"ospo {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(ospo.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"ospo.commands.{info.name}")
        module.register(sub)
    return parser


def _passthrough(argv: list[str]) -> int | None:
    """Commands with their own parser (``passthrough(argv)``) get the rest of the command line as is."""
    if not argv or not argv[0].isidentifier():
        return None
    try:
        module = importlib.import_module(f"ospo.commands.{argv[0]}")
    except ImportError:
        return None
    run = getattr(module, "passthrough", None)
    return run(argv[1:]) if run else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("_"):  # private modules are not commands
        status = _passthrough(argv)
        if status is not None:
            return status
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace, argparse.ArgumentParser], int] = args.func
    try:
        return func(args, parser)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
