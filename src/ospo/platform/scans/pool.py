"""The embedded worker pool of ``ospo serve``: N workers polling the Scan table, and a maintenance loop.

The same workers run discovery jobs (listing a source's repositories): a worker looks for one before a scan, as a
discovery is short next to the scans it queues and the person who pressed "Discover now" is waiting for it.

No broker, no other service: the queue is the database. Workers are threads (default: the engine spends much of
its time in git subprocesses and file reads) or processes (``mode="process"``: CPU-bound parsing on many cores).
The maintenance loop requeues stale claims and enqueues due rescans.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import threading
import time
from typing import Any

from django.db import close_old_connections, connection

from ospo.platform.scans import discover, queue, tasks
from ospo.platform.scans.models import DiscoveryJob, Scan
from ospo.platform.workerproc import process_main

log = logging.getLogger("ospo.platform.pool")


def worker_loop(name: str, stop: Any, poll_s: float = 1.0) -> None:
    """Claim and run discovery jobs and scans until ``stop`` is set. Any error is logged and the loop goes on."""
    try:
        while not stop.is_set():
            try:
                close_old_connections()  # drop a connection the database closed while we idled
                job = queue.claim_next(name, DiscoveryJob)
                if job is not None:
                    discover.discover_source(job.pk, worker=name)
                    continue
                scan = queue.claim_next(name)
                if scan is None:
                    stop.wait(poll_s)
                    continue
                tasks.scan_repository(scan.pk, worker=name)
            except Exception:  # a database hiccup must not kill the worker
                log.exception("worker %s: unexpected error", name)
                connection.close()
                stop.wait(poll_s)
    finally:
        connection.close()


class EmbeddedPool:
    def __init__(
        self,
        workers: int = 2,
        mode: str = "thread",
        poll_s: float = 1.0,
        maintenance_s: float = 60.0,
        schedule: bool = True,
    ) -> None:
        self.workers, self.mode, self.poll_s = max(1, workers), mode, poll_s
        self.maintenance_s, self.schedule = maintenance_s, schedule
        self._handles: list[Any] = []
        prefix = f"{socket.gethostname()}:{os.getpid()}"
        self.names = [f"{prefix}:w{i}" for i in range(self.workers)]
        if mode == "process":
            ctx = multiprocessing.get_context("spawn")
            self._stop: Any = ctx.Event()
            self._ctx: Any = ctx
        else:
            self._stop = threading.Event()
        self._maint_stop = threading.Event()

    def start(self) -> EmbeddedPool:
        db_name = str(connection.settings_dict["NAME"]) if self.mode == "process" else None
        for name in self.names:
            if self.mode == "process":
                h = self._ctx.Process(
                    target=process_main, args=(name, self._stop, self.poll_s, db_name), name=name, daemon=True
                )
            else:
                h = threading.Thread(target=worker_loop, args=(name, self._stop, self.poll_s), name=name, daemon=True)
            h.start()
            self._handles.append(h)
        m = threading.Thread(target=self._maintenance, name="ospo-maintenance", daemon=True)
        m.start()
        self._handles.append(m)
        return self

    def _maintenance(self) -> None:
        try:
            while True:
                try:
                    queue.requeue_all_stale()
                    if self.schedule:
                        queue.schedule_due_discoveries()
                        queue.schedule_due()
                except Exception:
                    log.exception("maintenance failed")
                    connection.close()
                if self._maint_stop.wait(self.maintenance_s):
                    return
        finally:
            connection.close()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._maint_stop.set()
        for h in self._handles:
            h.join(timeout)

    def wait_idle(self, timeout: float = 600.0, poll_s: float = 0.2) -> bool:
        """Until no discovery job or scan is queued or running (retries included); False on time-out."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if not (
                    DiscoveryJob.objects.filter(status__in=queue.ACTIVE).exists()
                    or Scan.objects.filter(status__in=queue.ACTIVE).exists()
                ):
                    return True
                time.sleep(poll_s)
            return False
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    def __enter__(self) -> EmbeddedPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
