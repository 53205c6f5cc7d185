"""`make run` end to end, and the pages' latency over real HTTP.

Starts ``ospo demo --serve`` (exactly what `make run` runs) on a fresh data directory and a free port, and times
until the overview answers; then signs in as the printed admin and requests every page N times through the
real server (waitress), printing p50/p95 per page. Prints figures; the lead wires it into `make bench`.

    .venv/bin/python bench/pages_bench.py [--repeat 30] [--data-dir DIR] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--database-url", default="", help="default: SQLite in the data directory")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    data = Path(args.data_dir or tempfile.mkdtemp(prefix="ospo-pages-bench-"))
    port = free_port()
    env = {**os.environ, "OSPO_DATA_DIR": str(data), "OSPO_LANG": "en"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    ospo = Path(sys.executable).parent / "ospo"
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([str(ospo), "demo", "--serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        ready = None
        while time.perf_counter() - started < args.timeout:
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as resp:
                    if resp.status == 200:
                        ready = time.perf_counter() - started
                        break
            except OSError:
                time.sleep(0.2)
        if ready is None:
            print("server did not answer in time")
            return 1
        print(f"make run (ospo demo --serve) fresh data dir → overview answers: {ready:.1f} s")
        password = (data / "admin_password").read_text().strip()
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = opener.open(base + "/admin/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
        body = urllib.parse.urlencode({"username": "admin", "password": password, "csrfmiddlewaretoken": token,
                                       "next": "/"}).encode()
        req = urllib.request.Request(base + "/admin/login/?next=/", data=body, headers={"Referer": base + "/"})
        opener.open(req).read()
        home = opener.open(base + "/").read().decode()
        repo = re.search(r'href="/agencies/(\d+)/"', home)
        pages = {"overview": "/", "agencies": "/agencies/", "scans": "/scans/", "search": "/search/?q=re"}
        if repo:
            pages["agency"] = f"/agencies/{repo.group(1)}/"
            agency_page = opener.open(base + pages["agency"]).read().decode()
            r = re.search(r'href="/repositories/(\d+)/"', agency_page)
            if r:
                pages["repository"] = f"/repositories/{r.group(1)}/"
                pages["sbom cyclonedx"] = f"/repositories/{r.group(1)}/sbom/cyclonedx.json"
                pages["sbom spdx"] = f"/repositories/{r.group(1)}/sbom/spdx.json"
                repo_page = opener.open(base + pages["repository"]).read().decode()
                c = re.search(r'href="/components/(\d+)/"', repo_page)
                if c:
                    pages["component"] = f"/components/{c.group(1)}/"
        print(f"{'page':<16} {'p50 ms':>8} {'p95 ms':>8}   ({args.repeat} requests each, signed in as admin)")
        for name, path in pages.items():
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                opener.open(base + path).read()
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
            print(f"{name:<16} {statistics.median(times):>8.1f} {p95:>8.1f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
