"""``ospo scan``: inventory the dependencies of directories, git repositories or SBOM files."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ospo.commands._progress import Progress

FORMATS = ("table", "json", "cyclonedx", "spdx")
SUFFIX = {"json": ".json", "cyclonedx": ".cdx.json", "spdx": ".spdx.json", "table": ".txt"}


def _render(spec: str, fmt: str, ref: str | None, skip_add: list[str], skip_remove: list[str],
            no_default_skips: bool) -> tuple[str, str, int]:
    """Scan one input and render it; runs in a worker process. Returns (name, text, issue count)."""
    from ospo.engine.api import ScanOptions, scan_input
    from ospo.engine.sources.skip import SkipRules

    skip = SkipRules(frozenset()) if no_default_skips else SkipRules()
    skip = skip.with_changes(add=skip_add, remove=skip_remove)
    result = scan_input(spec, ScanOptions(skip=skip, ref=ref))
    if fmt == "json":
        from ospo.engine.jsonout import dumps_lines
        from ospo.engine.serialize import result_dict

        text = dumps_lines(result_dict(result))
    elif fmt == "cyclonedx":
        from ospo.engine.sbom.cyclonedx import to_json

        text = to_json(result)
    elif fmt == "spdx":
        from ospo.engine.sbom.spdx import to_json as spdx_json

        text = spdx_json(result)
    else:
        from ospo.engine.sbom.table import to_table

        text = to_table(result)
    return result.name, text, len(result.all_issues)


def cmd_scan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    inputs: list[str] = args.inputs
    out: Path | None = Path(args.output) if args.output else None
    many = len(inputs) > 1
    if many and args.format in ("cyclonedx", "spdx") and out is None:
        parser.error("several inputs with --format cyclonedx/spdx need --output DIR")
    if many and out is not None and out.exists() and not out.is_dir():
        parser.error(f"--output {out} exists and is not a directory; several inputs write one file each")
    jobs = max(1, args.jobs or 1)
    work: list[tuple] = [
        (spec, args.format, args.ref, args.skip_dir or [], args.no_skip_dir or [], args.no_default_skips)
        for spec in inputs
    ]
    progress = Progress(len(work))
    results: list[tuple[str, str, int]] = []
    if jobs == 1 or len(work) == 1:
        for item in work:
            results.append(_render(*item))
            progress.step(results[-1][0])
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            for res in pool.map(_render, *zip(*work, strict=True)):
                results.append(res)
                progress.step(res[0])
    progress.close()

    if out is None:
        if args.format == "json" and many:
            sys.stdout.write("[\n" + ",\n".join(t.rstrip("\n") for _, t, _ in results) + "\n]\n")
        else:
            for _, text, _ in results:
                sys.stdout.write(text)
        return 0
    if many or out.is_dir() or str(args.output).endswith(("/", os.sep)):
        out.mkdir(parents=True, exist_ok=True)
        used: dict[str, int] = {}
        for name, text, _ in results:
            n = used.get(name, 0)
            used[name] = n + 1
            fname = f"{name}{'-' + str(n + 1) if n else ''}{SUFFIX[args.format]}"
            (out / fname).write_text(text, encoding="utf-8")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(results[0][1], encoding="utf-8")
    issues = sum(n for _, _, n in results)
    if not sys.stderr.isatty() and issues:
        pass  # quiet off a terminal: issues are inside the output
    elif issues:
        sys.stderr.write(f"{len(results)} input(s) scanned; {issues} file issue(s) reported in the output\n")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    scan = sub.add_parser(
        "scan",
        help="inventory the dependencies of directories, git repositories or SBOM files",
        description="Inventory every dependency declared in manifests and lockfiles, offline.",
    )
    scan.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="a directory, a git URL, or a CycloneDX/SPDX JSON file")
    scan.add_argument("--format", choices=FORMATS, default="table")
    scan.add_argument("--output", "-o", metavar="PATH",
                      help="file (one input) or directory (one <name>.<format> file per input)")
    scan.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="inputs scanned in parallel")
    scan.add_argument("--ref", help="read a local git repository's object store at this ref instead of the disk")
    scan.add_argument("--skip-dir", action="append", metavar="NAME", help="also skip directories with this name")
    scan.add_argument("--no-skip-dir", action="append", metavar="NAME",
                      help="descend into directories with this name although skipped by default")
    scan.add_argument("--no-default-skips", action="store_true",
                      help="skip nothing by default (node_modules, vendor, fixtures, .git are skipped otherwise)")
    scan.set_defaults(func=cmd_scan)
