"""``scrape serve``: browse an archive in datasette with the metadata shipped in the package.

Datasette runs as ``python -m datasette serve`` from this interpreter, so it
is the datasette installed next to the scraper (inside a virtualenv too),
with the shipped metadata (``datasette/metadata.yaml``, handed over on stdin
so nothing is written to disk), the snippet plugin (``datasette/plugins``) and
a stylesheet (``datasette/static``).

The archive is served as a *mutable* database, not with ``--immutable``:
datasette then reads it through ``file:...?mode=ro`` connections, which
cannot write, yet see every transaction a running crawl commits to the WAL.
``--immutable`` (``?immutable=1``) tells SQLite the file never changes: it
skips locking and the WAL, so it would show a stale or torn archive while a
crawl writes, and datasette would cache its row counts forever. No canned
query writes, and datasette only opens a writing connection for writes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import ScraperError

__all__ = [
    "METADATA_FILE",
    "PLUGINS_DIR",
    "SETTINGS",
    "ServeError",
    "build_metadata",
    "database_name",
    "datasette_argv",
    "serve",
]

SHIPPED = Path(__file__).resolve().parent / "datasette"
METADATA_FILE = SHIPPED / "metadata.yaml"
PLUGINS_DIR = SHIPPED / "plugins"
STATIC_DIR = SHIPPED / "static"
#: Where datasette serves STATIC_DIR (the metadata's extra_css_urls point here).
STATIC_MOUNT = "scraper-static"

#: The database key the shipped metadata is written under.
SHIPPED_NAME = "archive"

#: Datasette settings: room for search and facets on a large archive, short body cells.
SETTINGS: dict[str, str] = {
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "1000",
    "truncate_cells_html": "300",
    "allow_download": "off",
}


class ServeError(ScraperError):
    """The archive cannot be served (e.g. there is no archive file yet)."""


def database_name(db_path: Path) -> str:
    """The name datasette gives a database file: its file name without the extension."""
    return db_path.stem


def build_metadata(db_path: Path) -> dict[str, Any]:
    """The shipped metadata with its database entry keyed by ``db_path``'s datasette name."""
    metadata: dict[str, Any] = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if SHIPPED_NAME in databases:
        databases[database_name(db_path)] = databases.pop(SHIPPED_NAME)
    return metadata


def datasette_argv(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False
) -> list[str]:
    """The datasette command line; it reads its metadata (JSON) from stdin."""
    argv = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db_path),
        "--metadata",
        "-",
        "--plugins-dir",
        str(PLUGINS_DIR),
        "--static",
        f"{STATIC_MOUNT}:{STATIC_DIR}",
        "--host",
        host,
        "--port",
        str(port),
    ]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, value]
    if open_browser:
        argv.append("--open")
    return argv


def serve(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False
) -> int:
    """Run datasette on the archive until it exits or Ctrl-C; returns its exit code."""
    if not db_path.is_file():
        raise ServeError(
            f"{db_path}: no archive yet; run `scrape crawl --demo` or `scrape url URL` first"
        )
    metadata = json.dumps(build_metadata(db_path), ensure_ascii=False)
    argv = datasette_argv(db_path, host=host, port=port, open_browser=open_browser)
    # Our own environment plus UTF-8 I/O: the metadata on stdin is UTF-8 whatever the locale.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    with subprocess.Popen(argv, stdin=subprocess.PIPE, env=env) as process:
        assert process.stdin is not None
        # A service manager stops us with SIGTERM: pass it on, or datasette outlives us.
        previous = signal.signal(signal.SIGTERM, lambda _sig, _frame: process.terminate())
        try:
            process.stdin.write(metadata.encode("utf-8"))
            process.stdin.close()
            return process.wait()
        except KeyboardInterrupt:
            # At a terminal Ctrl-C reaches datasette too (same process group) and it shuts
            # down by itself; a SIGINT sent to us alone is passed on as SIGTERM.
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.terminate()
                process.wait()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
