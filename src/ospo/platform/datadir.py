"""Where the platform keeps its state: SQLite file, secret key, secret store, generated demo repositories.

OSPO_DATA_DIR wins; otherwise the per-user data directory of the platform (XDG on Unix, LOCALAPPDATA on
Windows), so a user runs ``ospo serve`` with no configuration at all.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path


def data_dir() -> Path:
    explicit = os.environ.get("OSPO_DATA_DIR")
    if not explicit and "PYTEST_VERSION" in os.environ:
        # Under pytest with no data dir given: a private one per test session, exported so that the worker
        # processes a test starts share it. Never the user's real data, never another run's database.
        import tempfile

        explicit = os.environ["OSPO_DATA_DIR"] = tempfile.mkdtemp(prefix="ospo-test-data-")
    if explicit:
        path = Path(explicit).expanduser()
    elif sys.platform == "win32":
        path = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "ospo"
    else:
        path = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "ospo"
    path.mkdir(parents=True, exist_ok=True)
    return path


def persistent_secret(name: str, directory: Path | None = None, nbytes: int = 48) -> str:
    """A random secret created on first use and kept in the data directory, readable by its owner only."""
    path = (directory or data_dir()) / name
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(nbytes)
    # O_EXCL: two processes starting at once agree on the first value written.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(value + "\n")
    return value
