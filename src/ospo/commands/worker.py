"""``ospo worker``: a Celery worker for scans at scale (broker: CELERY_BROKER_URL, e.g. Redis)."""

from __future__ import annotations

import argparse


def cmd_worker(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.platform.celery_app import app

    argv = ["worker", f"--loglevel={args.loglevel}", f"--concurrency={args.concurrency}"]
    if args.beat:
        argv.append("--beat")
    if args.hostname:
        argv.append(f"--hostname={args.hostname}")
    app.worker_main(argv=[*argv, *args.celery_args])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="run a Celery scan worker (the platform at scale)",
                       description="Run a Celery worker that executes scans; needs CELERY_BROKER_URL.")
    p.add_argument("--concurrency", "-c", type=int, default=2, help="worker processes")
    p.add_argument("--beat", action="store_true",
                   help="also run the scheduler (stale-claim requeue, due rescans); one per deployment")
    p.add_argument("--loglevel", default="INFO")
    p.add_argument("--hostname", "-n", help="worker node name (default: celery@host)")
    p.add_argument("celery_args", nargs=argparse.REMAINDER, help="further options passed to celery worker")
    p.set_defaults(func=cmd_worker)
