"""The platform at national scale: a generated estate of 1,000 repositories and 200,000 usages loaded into
PostgreSQL through the real ingestion path, then page latency through a real HTTP server.

What is measured, and why this way:

* **ingest rate** — every repository's generated engine result goes through ``scans.ingest.ingest()`` (the code a
  worker runs after a scan: bulk component upsert, usage diff, dependency paths), so the figure is the one an
  estate scan would see minus the engine's own time. The unchanged rescan (same tree hashes) is timed too.
* **latency** — ``ospo serve`` (waitress, the production server of the embedded mode) in a subprocess on a free
  port, without scan workers; an OSPO admin session (sees everything: the heaviest scope) requests each page
  ``--requests`` times over one keep-alive connection after a warm-up; p50/p95/max are reported against the
  300 ms target. Repository and component pages rotate over several objects (the most used components included:
  their "where used" is the largest).
* **server CPU per request** — user + system time of the ``ospo serve`` process over each page's requests (from
  ``/proc``; PostgreSQL's own CPU is not included), and the machine's load average: on a shared 2-core machine
  wall time moves with the neighbours' load, CPU time much less.
* **queries per page** — counted in-process with Django's test client on the same database, to show N+1 queries
  (a count that grows with the data) rather than guess at them.

The estate is generated, deterministic (seeded): 60 agencies (20 with two child agencies each), one source
each, components drawn from a pool of 25,000 packages over 8 ecosystems with Zipf-like popularity (a few used
everywhere, most rarely), 200 usages per repository with dependency edges, and 20 findings per repository.

The database is a private one (``ospo_platform_bench``, dropped and created on each run but ``--reuse``) on the
server of DATABASE_URL, else on the server ``.ci/services.sh`` starts. Nothing else is touched.

    .venv/bin/python bench/platform_bench.py [--repos 1000] [--usages 200000] [--requests 50] [--keep] [--reuse]

``platform_section(shared)`` returns the markdown section for ``make bench`` (bench/run.py).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "ospo_platform_bench"
TARGET_P95_MS = 300.0
SEED = 20240601
ECOSYSTEMS = (
    ("npm", "npm"),
    ("pypi", "pypi"),
    ("maven", "maven"),
    ("golang", "golang"),
    ("cargo", "cargo"),
    ("gem", "gem"),
    ("nuget", "nuget"),
    ("composer", "composer"),
)
ADMIN = "bench-admin"


# --- the generated estate (runs in the loader subprocess) -------------------------------------------------------


@dataclass
class Pool:
    """The packages of the generated government: purls with popularity weights (Zipf-like, exponent 0.9)."""

    items: list[tuple[str, str, str, str]]  # (ecosystem, name, version, purl)
    cum_weights: list[float] = field(default_factory=list)


def make_pool(size: int, rng: random.Random) -> Pool:
    items = []
    for i in range(size):
        eco, ptype = ECOSYSTEMS[i % len(ECOSYSTEMS)]
        name = f"pkg-{i // 2}"  # two versions of most names: "versions in use" has something to show
        version = f"{1 + i % 3}.{(i // 7) % 20}.{i % 2}"
        ns = "org.example/" if ptype in {"maven", "golang", "composer"} else ""
        items.append((eco, name, version, f"pkg:{ptype}/{ns}{name}@{version}"))
    rng.shuffle(items)  # popularity independent of ecosystem
    total, cum = 0.0, []
    for rank in range(1, size + 1):
        total += 1.0 / rank**0.9
        cum.append(total)
    return Pool(items, cum)


def make_result(name: str, pool: Pool, per_repo: int, rng: random.Random) -> Any:
    """A ScanResult as the engine would return it: ``per_repo`` distinct components, 10% direct, each transitive
    one reached from an earlier component (so dependency paths exist), 15% development scope."""
    from ospo.engine.model import Component, Edge, Location, ScanResult, Scope

    chosen: dict[str, tuple[str, str, str, str]] = {}
    while len(chosen) < per_repo:
        for item in rng.choices(pool.items, cum_weights=pool.cum_weights, k=per_repo * 2):
            chosen.setdefault(item[3], item)
            if len(chosen) == per_repo:
                break
    comps, edges = [], []
    direct_n = max(1, per_repo // 10)
    purls = list(chosen)
    for i, purl in enumerate(purls):
        eco, cname, version, _ = chosen[purl]
        lockfile = "package-lock.json" if eco == "npm" else "lockfile"
        comps.append(
            Component(
                ecosystem=eco,
                name=cname,
                version=version,
                purl=purl,
                pinned=True,
                scope=Scope.DEVELOPMENT if rng.random() < 0.15 else Scope.RUNTIME,
                direct=i < direct_n,
                license=rng.choice(("MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-only", "")) or None,
                locations=[Location(lockfile, None)],
            )
        )
        if i >= direct_n:
            edges.append(Edge(source=purls[rng.randrange(i)], target=purl))
    return ScanResult(
        name=name,
        source=f"/bench/{name}",
        revision=secrets.token_hex(20),
        tree_hash=secrets.token_hex(20),
        components=comps,
        edges=edges,
        duration_s=0.5,
    )


def load(repos: int, usages: int, password: str) -> dict[str, Any]:
    """Create the estate, ingest it, add findings; returns the figures and the ids the HTTP run needs."""
    from ospo.platform import setup

    setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from ospo.platform.estate.models import Agency, Government, Repository, Source, SourceKind
    from ospo.platform.inventory.models import Usage
    from ospo.platform.scans.ingest import ingest
    from ospo.platform.scans.models import Scan, ScanStatus

    rng = random.Random(SEED)
    call_command("migrate", interactive=False, verbosity=0)
    get_user_model().objects.create_superuser(ADMIN, "bench@example.invalid", password)
    gov = Government.objects.create(name="Generated Republic", country="UY")
    agencies = []
    for i in range(20):
        top = Agency.objects.create(government=gov, name=f"Ministry {i:02d}", slug=f"m{i:02d}", official_id=f"M-{i}")
        agencies.append(top)
        for j in range(2):
            agencies.append(
                Agency.objects.create(
                    government=gov,
                    parent=top,
                    name=f"Directorate {i:02d}.{j}",
                    slug=f"m{i:02d}-d{j}",
                    official_id=f"M-{i}-{j}",
                )
            )
    sources = {
        a.pk: Source.objects.create(agency=a, kind=SourceKind.LOCAL, location=f"/bench/{a.slug}") for a in agencies
    }
    repo_rows = []
    for i in range(repos):
        a = agencies[i % len(agencies)]
        repo_rows.append(
            Repository(
                source=sources[a.pk],
                agency=a,
                name=f"repo-{i:04d}",
                location=f"/bench/{a.slug}/repo-{i:04d}",
                published=i % 3 == 0,
                default_branch="main",
            )
        )
    Repository.objects.bulk_create(repo_rows)
    repo_list = list(Repository.objects.order_by("pk"))
    pool = make_pool(25_000, rng)
    per_repo = usages // repos
    results = [make_result(r.name, pool, per_repo, rng) for r in repo_list]

    started = time.perf_counter()
    for repo, result in zip(repo_list, results, strict=True):
        ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING, started_at=timezone.now()), result)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    for repo, result in zip(repo_list, results, strict=True):
        repo.last_tree_hash = result.tree_hash
        ingest(Scan.objects.create(repository=repo, status=ScanStatus.RUNNING, started_at=timezone.now()), result)
    unchanged_s = time.perf_counter() - started

    _findings(repo_list, rng)
    stored = Usage.objects.count()
    assert stored == per_repo * repos, (stored, per_repo * repos)
    return {**describe(), "ingest_s": ingest_s, "unchanged_s": unchanged_s}


def describe() -> dict[str, Any]:
    """ANALYZE, then the pages to request and their query counts, from the estate in the database. Separate from
    ``load`` so that ``--reuse`` can measure a kept database again (after new migrations) without reloading it.
    The sampled repositories and components are drawn from their own seeds: the same pages on every run."""
    from django.db import connection
    from django.db.models import Count

    from ospo.platform.estate.models import Agency, Repository
    from ospo.platform.findings.models import HygieneFinding, LicenseFinding, VulnerabilityFinding
    from ospo.platform.inventory.models import Component, Usage

    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # what autovacuum would do shortly after such a load
    top_components = list(
        Component.objects.annotate(n=Count("usages")).order_by("-n", "pk").values_list("pk", flat=True)[:5]
    )
    all_components = list(Component.objects.order_by("pk").values_list("pk", flat=True))
    some_components = random.Random(SEED + 2).sample(all_components, min(5, len(all_components)))
    tops = list(Agency.objects.filter(parent=None).order_by("pk"))
    biggest_top = max(tops, key=lambda t: Repository.objects.filter(agency__in=[t, *t.children.all()]).count())
    repo_ids = list(Repository.objects.order_by("pk").values_list("pk", flat=True))
    sample_repos = random.Random(SEED + 1).sample(repo_ids, min(10, len(repo_ids)))
    pages = page_paths(biggest_top.pk, sample_repos, top_components + some_components)
    findings = sum(m.objects.count() for m in (VulnerabilityFinding, LicenseFinding, HygieneFinding))
    return {
        "vendor": connection.vendor,
        "server_version": connection.cursor().connection.info.server_version,
        "repositories": len(repo_ids),
        "agencies": Agency.objects.count(),
        "usages": Usage.objects.count(),
        "components": len(all_components),
        "findings": findings,
        "pages": pages,
        "queries": count_queries(pages),
    }


def reuse(password: str) -> dict[str, Any]:
    """Migrate the kept database to the current code, reset the admin's password, describe it."""
    from ospo.platform import setup

    setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    admin = get_user_model().objects.get(username=ADMIN)
    admin.set_password(password)
    admin.save(update_fields=["password"])
    return describe()


def _findings(repo_list: list[Any], rng: random.Random) -> int:
    from django.utils import timezone

    from ospo.platform.findings.models import HygieneFinding, LicenseFinding, VulnerabilityFinding
    from ospo.platform.inventory.models import Usage

    now = timezone.now()
    sev = ("low", "medium", "high", "critical")
    vulns, lics, hyg = [], [], []
    comps: dict[int, list[int]] = {}
    for rid, cid in Usage.objects.values_list("repository_id", "component_id"):
        comps.setdefault(rid, []).append(cid)
    for repo in repo_list:
        cids = comps[repo.pk]
        common = {"repository": repo, "first_seen": now, "last_seen": now}
        for k in range(10):
            vulns.append(
                VulnerabilityFinding(
                    component_id=rng.choice(cids),
                    fingerprint=f"v{k}",
                    severity=rng.choice(sev),
                    title=f"GHSA-bench-{k:04d}",
                    advisory_id=f"GHSA-bench-{k:04d}",
                    fixed_in="9.9.9",
                    **common,
                )
            )
        for k in range(5):
            lics.append(
                LicenseFinding(
                    component_id=rng.choice(cids),
                    fingerprint=f"l{k}",
                    severity=rng.choice(sev),
                    title="copyleft in a distributed work",
                    expression="GPL-3.0-only",
                    category="copyleft",
                    verdict="review",
                    **common,
                )
            )
            hyg.append(
                HygieneFinding(
                    fingerprint=f"h{k}",
                    severity=rng.choice(sev),
                    title=f"check {k}",
                    check_id=f"check-{k}",
                    score=float(rng.randrange(11)),
                    **common,
                )
            )
    for model, rows in ((VulnerabilityFinding, vulns), (LicenseFinding, lics), (HygieneFinding, hyg)):
        model.objects.bulk_create(rows, batch_size=2000)
    return len(vulns) + len(lics) + len(hyg)


def page_paths(agency: int, repos: list[int], components: list[int]) -> dict[str, list[str]]:
    """Page label → the paths it rotates over."""
    return {
        "overview": ["/"],
        "agency (roll-up)": [f"/agencies/{agency}/"],
        "repository": [f"/repositories/{pk}/" for pk in repos],
        "component (where used)": [f"/components/{pk}/" for pk in components],
        "search": ["/search/?q=pkg-12"],
        "findings": ["/findings/"],
        "API repositories": ["/api/repositories/"],
        "API components": ["/api/components/"],
        "API usages": ["/api/usages/"],
        "API vulnerability findings": ["/api/findings/vulnerability/"],
    }


def count_queries(pages: dict[str, list[str]]) -> dict[str, int]:
    """SQL statements per page (first path of each), as the admin, in-process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")  # an allowed host of the default settings
    client.force_login(get_user_model().objects.get(username=ADMIN))
    out = {}
    for label, paths in pages.items():
        client.get(paths[0])  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(paths[0]).status_code
        assert status == 200, (label, paths[0], status)
        out[label] = len(ctx.captured_queries)
    return out


# --- the orchestrator (no Django in this process) ---------------------------------------------------------------


def database_url() -> str | None:
    """DATABASE_URL when it names PostgreSQL, else the server .ci/services.sh starts (installing it if needed)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    script = ROOT / ".ci" / "services.sh"
    if not script.is_file():
        return None
    env_file = Path(tempfile.mkdtemp(prefix="ospo-bench-env-")) / "services.env"
    done = subprocess.run(
        ["bash", str(script)],
        env={**os.environ, "OSPO_SERVICES_ENV": str(env_file)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not env_file.is_file():
        print(f"platform bench: .ci/services.sh failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    for line in env_file.read_text().splitlines():
        if line.startswith("DATABASE_URL="):
            return line.split("=", 1)[1]
    return None


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def recreate_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ospo_exe() -> list[str]:
    exe = Path(sys.executable).with_name("ospo")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ospo.cli"]


class Session:
    """One keep-alive HTTP connection with the session cookie of a signed-in user."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, Any]:
        h = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):  # the server closed the keep-alive connection: reconnect
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
        data = resp.read()
        for value in resp.headers.get_all("Set-Cookie") or []:
            k, _, rest = value.partition("=")
            self.cookies[k.strip()] = rest.split(";", 1)[0]
        return resp.status, data, resp.headers

    def login(self, username: str, password: str) -> None:
        """Sign in through whatever form the site's login URL leads to (the admin's, or the site's own sign-in
        page the admin login redirects to), so the bench does not depend on which one is configured."""
        path = "/admin/login/?next=/"
        for _ in range(5):
            status, body, headers = self.request("GET", path)
            if status not in (301, 302, 303, 307, 308):
                break
            path = urlsplit(headers["Location"])._replace(scheme="", netloc="").geturl()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert status == 200 and token, (status, path)
        form = urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password, "next": "/"}
        )
        status, _, _ = self.request(
            "POST",
            path,
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}{path}"},
        )
        assert status == 302 and "sessionid" in self.cookies, (status, path, self.cookies.keys())


def wait_listening(port: int, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ospo serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("ospo serve did not start listening")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux ``/proc``); None elsewhere. Wall time on a shared 2-core
    machine moves with the neighbours' load; the server's CPU time per request much less."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def measure(
    port: int, password: str, pages: dict[str, list[str]], n: int, server_pid: int | None = None
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Wall milliseconds of every request per page, and the server process's mean CPU milliseconds per request
    (Python side only: PostgreSQL's own CPU is not included)."""
    s = Session(port)
    s.login(ADMIN, password)
    out: dict[str, list[float]] = {}
    cpu: dict[str, float] = {}
    for label, paths in pages.items():
        for p in paths[:3]:  # warm-up: templates compiled, connections open, PostgreSQL caches filled
            s.request("GET", p)
        times = []
        cpu_before = cpu_seconds(server_pid) if server_pid else None
        for i in range(n):
            path = paths[i % len(paths)]
            started = time.perf_counter()
            status, _, _ = s.request("GET", path)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{label}: GET {path} answered {status}")
        cpu_after = cpu_seconds(server_pid) if server_pid else None
        if cpu_before is not None and cpu_after is not None:
            cpu[label] = (cpu_after - cpu_before) * 1000 / n
        out[label] = times
    return out, cpu


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def run(repos: int, usages: int, n: int, keep: bool = False, threads: int = 8, reuse_db: bool = False) -> str:
    base_url = database_url()
    if base_url is None:
        return "## Platform at scale\n\nSkipped: no PostgreSQL server (set DATABASE_URL or run .ci/services.sh).\n"
    url = with_database(base_url, BENCH_DB)
    if reuse_db:
        keep = True  # measuring a kept database again: never drop it
    else:
        recreate_database(base_url, BENCH_DB)
    data_dir = tempfile.mkdtemp(prefix="ospo-platform-bench-")
    password = secrets.token_urlsafe(16)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OSPO_DATA_DIR": data_dir,
        "DEBUG": "0",
        "OSPO_LOG_LEVEL": "WARNING",
        "OSPO_BENCH_PASSWORD": password,
        "OSPO_LANG": "en",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = None
    try:
        started = time.perf_counter()
        mode = ["_reuse"] if reuse_db else ["_load", "--repos", str(repos), "--usages", str(usages)]
        done = subprocess.run([sys.executable, __file__, *mode], env=env, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(f"loading failed:\n{done.stderr[-3000:]}")
        loaded = json.loads(done.stdout.strip().splitlines()[-1])
        load_wall = time.perf_counter() - started
        port = free_port()
        proc = subprocess.Popen(
            [
                *ospo_exe(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "0",
                "--threads",
                str(threads),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_listening(port, proc)
        load_before = os.getloadavg()
        times, cpu = measure(port, password, loaded["pages"], n, proc.pid)
        load_after = os.getloadavg()
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
        if not keep:
            drop_database(base_url, BENCH_DB)
    return report(loaded, times, n, load_wall, threads, cpu, (load_before[0], load_after[0]))


def report(
    loaded: dict[str, Any],
    times: dict[str, list[float]],
    n: int,
    load_wall: float,
    threads: int,
    cpu: dict[str, float] | None = None,
    loadavg: tuple[float, float] | None = None,
) -> str:
    cpu = cpu or {}
    pg = loaded["server_version"]
    lines = [
        "## Platform at scale (PostgreSQL)",
        "",
        f"A generated estate — {loaded['repositories']:,} repositories in {loaded['agencies']} agencies, "
        f"{loaded['usages']:,} usages of {loaded['components']:,} components, {loaded['findings']:,} findings — "
        f"loaded into PostgreSQL {pg // 10000}.{pg % 10000} through the ingestion path of the scan task "
        f"(`scans.ingest.ingest`), then served by `ospo serve` (waitress, {threads} threads, no scan workers) "
        f"and requested {n} times per page over one keep-alive connection by a signed-in OSPO admin "
        "(`bench/platform_bench.py`).",
        "",
        "| ingest | figure |",
        "|---|---|",
    ]
    if "ingest_s" in loaded:
        rate = loaded["usages"] / loaded["ingest_s"]
        lines += [
            f"| first store, {loaded['usages']:,} usages | {loaded['ingest_s']:.1f} s, **{rate:,.0f} usages/s** |",
            f"| rescan, all {loaded['repositories']:,} unchanged (same tree hash) | {loaded['unchanged_s']:.2f} s |",
            f"| whole load (migrate, estate, ingest, findings, ANALYZE, query counts) | {load_wall:.0f} s |",
        ]
    else:
        lines.append(
            f"| not measured: a kept database measured again (`--reuse`, {load_wall:.0f} s to migrate "
            "and describe it) | — |"
        )
    if loadavg is not None:
        lines += [
            "",
            f"Machine load average (1 min) when the requests started / ended: {loadavg[0]:.2f} / "
            f"{loadavg[1]:.2f} ({os.cpu_count()} cores).",
        ]
    lines += [
        "",
        f"| page | p50 ms | p95 ms | max ms | server CPU ms/request | SQL queries | p95 < {TARGET_P95_MS:.0f} ms |",
        "|---|---:|---:|---:|---:|---:|:---:|",
    ]
    for label, values in times.items():
        p95 = pct(values, 95)
        cpu_ms = f"{cpu[label]:.0f}" if label in cpu else "—"
        lines.append(
            f"| {label} | {pct(values, 50):.0f} | {p95:.0f} | {max(values):.0f} | {cpu_ms} | "
            f"{loaded['queries'].get(label, 0)} | {'yes' if p95 < TARGET_P95_MS else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def platform_section(shared: Path) -> str:
    """The section of ``make bench`` (the estate is generated: ``shared`` is not needed)."""
    return run(1000, 200_000, 50)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", nargs="?", default="run", choices=("run", "_load", "_reuse"))
    ap.add_argument("--repos", type=int, default=1000)
    ap.add_argument("--usages", type=int, default=200_000)
    ap.add_argument("--requests", type=int, default=50, help="requests per page")
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    ap.add_argument("--keep", action="store_true", help=f"keep the {BENCH_DB} database afterwards")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help=f"measure the kept {BENCH_DB} database again (migrated to the current code) without "
        "reloading it: no ingest figures",
    )
    args = ap.parse_args()
    if args.mode in ("_load", "_reuse"):
        password = os.environ["OSPO_BENCH_PASSWORD"]
        figures = load(args.repos, args.usages, password) if args.mode == "_load" else reuse(password)
        print(json.dumps(figures))
        return 0
    print(run(args.repos, args.usages, args.requests, args.keep, args.threads, args.reuse))
    return 0


if __name__ == "__main__":
    sys.exit(main())
