"""One crawl per archive at a time: an ``fcntl.flock`` on a lock file beside the database.

The kernel drops the lock when the process ends, however it ends (kill -9
included), so a crashed run never leaves a stale lock behind for cron.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from ..errors import ScraperError

__all__ = ["CrawlLock", "LockHeldError", "lock_path_for"]


class LockHeldError(ScraperError):
    """Another crawl holds the archive's lock; ``holder`` is what it wrote there (its pid)."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(str(path), holder)
        self.path = path
        self.holder = holder

    def __str__(self) -> str:
        who = f" (pid {self.holder})" if self.holder else ""
        return f"another crawl is running on this archive{who}; lock {self.path}"


def lock_path_for(db_path: str | Path) -> Path:
    """The lock file of an archive: ``archive.db`` → ``archive.db.lock``."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class CrawlLock:
    """Hold the crawl lock of an archive for the duration of a ``with`` block.

    ``wait=False`` raises ``LockHeldError`` at once when another process has
    it; ``wait=True`` blocks until it is free.
    """

    def __init__(self, db_path: str | Path, *, wait: bool = False) -> None:
        self.path = lock_path_for(db_path)
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if self.wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise LockHeldError(self.path, holder) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            # The file stays: removing it would race with a waiter that opened it.
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
