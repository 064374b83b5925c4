"""WAL checkpoints on a thread of their own, so that bulk filing never waits for them.

In WAL mode a commit appends to the ``-wal`` file, and SQLite copies the
log back into the database (a checkpoint) when it passes 1,000 pages: on
the committing connection, inside ``COMMIT``, fsyncs included. Filing
1,000 articles a transaction, that was 70 us of the writer's wall time per
article (41 of CPU). Here a second connection checkpoints after each bulk
commit while the writer carries on: a ``PASSIVE`` checkpoint takes no
lock that writers or readers (datasette) wait for, and the writer restarts
the log once everything in it has been copied.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

__all__ = ["Checkpointer"]

logger = logging.getLogger(__name__)


class Checkpointer:
    """A thread that checkpoints the database file at ``path`` whenever ``poke`` is called.

    The writing connection should run with ``PRAGMA wal_autocheckpoint=0``
    while this exists; ``close`` runs a last checkpoint and joins the thread.
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="archive-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Ask for a checkpoint (a commit just grew the log)."""
        self._wanted.set()

    def close(self) -> None:
        self._closing = True
        self._wanted.set()
        self._thread.join()

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=10000")
            while True:
                self._wanted.wait()
                self._wanted.clear()
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # the writer's own checkpoint will do it later
                    logger.warning("%s: background checkpoint failed: %s", self._path, exc)
                if self._closing:
                    return
        finally:
            conn.close()
