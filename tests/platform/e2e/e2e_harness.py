"""The harness of the end-to-end browser tests: a real headless Chromium (Debian's package, driven by Playwright),
the platform served in-process by pytest-django's live server, and the embedded scan pool in a thread.

Why these choices: Playwright's own browser download (``playwright install``) reaches a CDN and is not a Debian
package, so the browser is /usr/bin/chromium (``.ci/packages.sh`` installs it) launched through
``executable_path``. The live server uses the test database (SQLite file or PostgreSQL, whichever the run uses),
so the same tests cover both. Everything here skips cleanly when a piece is missing (no chromium, no Playwright,
no axe-core and no npm to fetch it), so the suite stays green on a machine without a browser.

A uniquely named module (never ``conftest``): the test modules import its fixtures by name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
E2E_FIXTURES = FIXTURES / "e2e"
ADVISORIES = FIXTURES / "vulns" / "advisories"

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# axe-core comes from the npm registry at test time, never committed. CI pre-installs it (.ci/packages.sh) into
# AXE_PREFIX; a developer machine gets it on the first run (cached in bench-peers/, which git ignores).
AXE_VERSION = "4"
AXE_PREFIX = Path(os.environ.get("OSPO_AXE_PREFIX") or REPO_ROOT / "bench-peers" / "axe")
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
GIT_ENV = {"GIT_AUTHOR_NAME": "e2e", "GIT_AUTHOR_EMAIL": "e2e@example.invalid", "GIT_COMMITTER_NAME": "e2e",
           "GIT_COMMITTER_EMAIL": "e2e@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


def chromium_executable() -> str | None:
    """OSPO_CHROMIUM when set (only it: pointing it nowhere shows the tests skip), else Debian's /usr/bin/chromium,
    else ``chromium`` on PATH."""
    explicit = os.environ.get("OSPO_CHROMIUM")
    for candidate in ((explicit,) if explicit else ("/usr/bin/chromium", shutil.which("chromium"))):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    exe = chromium_executable()
    if exe is None:
        pytest.skip("chromium is not installed (.ci/packages.sh installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls from the test
    # body (SynchronousOnlyOperation) although they are plain synchronous calls. Allowed for the browser tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
            try:
                yield b
            finally:
                b.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context per test (own cookies), English first, downloads accepted."""
    context = browser.new_context(accept_downloads=True, locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    p = context.new_page()
    try:
        yield p
    finally:
        context.close()


def _axe_path() -> Path:
    return AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js: OSPO_AXE_JS, else the cached npm install, else ``npm install`` now."""
    explicit = os.environ.get("OSPO_AXE_JS")
    path = Path(explicit) if explicit else _axe_path()
    if not path.is_file() and not explicit:
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("axe-core is not installed and npm is absent (.ci/packages.sh installs it)")
        AXE_PREFIX.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(AXE_PREFIX), "--no-audit", "--no-fund",
                               "--no-save", f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not path.is_file():
            pytest.skip(f"could not install axe-core from the npm registry: {done.stderr.strip()[-300:]}")
    if not path.is_file():
        pytest.skip(f"axe-core not found at {path}")
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.page}: [{self.impact}] {self.rule} — {self.help} — {', '.join(self.targets[:5])}"


def run_axe(page: Any, axe_js: str, label: str) -> list[Violation]:
    """Every axe-core violation on the page as it is now (all rules axe runs by default: WCAG 2.x A/AA and best
    practices). The caller decides which impacts fail."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_js)
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    out = []
    for v in json.loads(result)["violations"]:
        targets = tuple(" ".join(map(str, n.get("target", []))) for n in v.get("nodes", []))
        out.append(Violation(label, v["id"], v.get("impact") or "", v.get("help", ""), targets))
    return out


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING_IMPACTS]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def fixture_repository(dest: Path, name: str = "portal") -> Path:
    """A one-commit git repository holding tests/fixtures/e2e/<name>."""
    shutil.copytree(E2E_FIXTURES / name, dest)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "init")
    return dest


@pytest.fixture
def e2e_vulndb(tmp_path: Path, settings: Any) -> str:
    """The findings engines on, with a vulnerability DB made of the hand-written test advisories. The live server
    runs in this process, so the settings fixture reaches it."""
    from ospo.engine.vulns.db import VulnDB
    from ospo.engine.vulns.importer import import_paths

    path = tmp_path / "vulndb.sqlite"
    with VulnDB(path) as db:
        report = import_paths(db, [ADVISORIES])
        assert not report.errors, report.errors
    settings.OSPO_VULNDB = str(path)
    settings.OSPO_VULNDB_MAX_AGE_DAYS = 100_000.0  # the fixture advisories are old: fresh for these tests
    settings.OSPO_FINDINGS_ENGINES = ["licenses", "vulns", "hygiene", "secrets"]
    settings.OSPO_POLICY = ""
    return str(path)


@pytest.fixture
def scan_pool(transactional_db: Any) -> Iterator[Any]:
    """The embedded pool of ``ospo serve`` (one worker thread) claiming the scans the browser requests."""
    from ospo.platform.scans.pool import EmbeddedPool

    pool = EmbeddedPool(workers=1, mode="thread", poll_s=0.2, maintenance_s=3600.0, schedule=False).start()
    try:
        yield pool
    finally:
        pool.stop(timeout=60.0)


def wait_until(check: Callable[[], bool], timeout: float = 120.0, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


def login(page: Any, base_url: str, username: str, password: str, next_path: str = "/") -> None:
    """Sign in through the site's sign-in page (every role, not only staff), as a person would."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form.signin button[type=submit]").click()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def git_daemon(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A ``git daemon`` on 127.0.0.1 serving a directory over git:// — a network source an agency maintainer
    may register (local paths and file:// URLs are for administrators only). Yields (directory, base URL);
    repositories created in the directory are served with partial-clone filters allowed."""
    exe = shutil.which("git")
    if exe is None or not Path(subprocess.run([exe, "--exec-path"], capture_output=True, text=True).stdout.strip(),
                                   "git-daemon").exists():
        pytest.skip("git daemon is not installed")
    root = tmp_path / "served"
    root.mkdir()
    port = _free_port()
    proc = subprocess.Popen([exe, "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", f"--port={port}",
                             f"--base-path={root}", str(root)], env={**os.environ, **GIT_ENV},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import socket

        def listening() -> bool:
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        assert wait_until(listening, timeout=15, every=0.1), "git daemon did not start"
        yield root, f"git://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def served_repository(root: Path, name: str = "portal") -> Path:
    """The fixture repository inside the daemon's directory, with partial-clone fetches allowed."""
    dest = fixture_repository(root / f"{name}.git", name)
    git(dest, "config", "uploadpack.allowFilter", "true")
    git(dest, "config", "uploadpack.allowAnySHA1InWant", "true")
    return dest
