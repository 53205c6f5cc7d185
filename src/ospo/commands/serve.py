"""``ospo serve``: migrate, start the embedded scan workers, serve the platform with waitress.

Nothing else to run: the queue is the database and waitress is a production-grade pure-Python WSGI server.
With OSPO_TASK_BACKEND=celery the server starts no worker; `ospo worker` processes do the scans.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys


def serve(host: str, port: int, workers: int, mode: str, threads: int) -> int:
    from django.conf import settings

    from ospo.platform.messages import msg

    pool = None
    if settings.OSPO_TASK_BACKEND == "celery" or workers <= 0:
        if settings.OSPO_TASK_BACKEND == "celery":
            print(msg("serve.celery"))
        workers = 0
    else:
        from ospo.platform.scans.pool import EmbeddedPool

        pool = EmbeddedPool(workers=workers, mode=mode).start()
    from waitress import serve as waitress_serve

    from ospo.platform.wsgi import application

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers cleanly on a service stop
    print(msg("serve.listening", host=host, port=port, workers=workers, mode=mode, data=settings.DATA_DIR),
          flush=True)
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="ospo")
    finally:
        if pool is not None:
            pool.stop()
    return 0


def cmd_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.platform import setup

    setup()
    from ospo.platform.bootstrap import migrate

    migrate()
    return serve(args.host, args.port, args.workers, args.worker_mode, args.threads)


def add_server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=max(1, min(4, (os.cpu_count() or 2) - 1)), metavar="N",
                   help="embedded scan workers (0: none, e.g. when Celery workers do the scans)")
    p.add_argument("--worker-mode", choices=("thread", "process"), default="process",
                   help="workers as processes (all cores) or threads (less memory)")
    p.add_argument("--threads", type=int, default=8, help="HTTP request threads")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the web platform with its embedded scan workers",
                       description="Migrate the database, start the embedded scan workers and serve the platform.")
    add_server_options(p)
    p.set_defaults(func=cmd_serve)
