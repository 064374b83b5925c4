"""What a run tells the person watching: a live progress line on a terminal, one summary line
under cron, and a log file either way.

The engine calls ``Reporter.update`` as pages finish; it never prints itself.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TextIO

__all__ = ["Counts", "Reporter", "log_to_file", "summary_line"]


@dataclass
class Counts:
    """What a run did so far. ``fetched`` counts every answered request (304s included)."""

    fetched: int = 0
    not_modified: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    merged: int = 0
    failed: int = 0
    blocked: int = 0  # disallowed by robots.txt, never requested
    discovered: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def attempted(self) -> int:
        return self.fetched + self.failed


def summary_line(counts: Counts, queued: int, elapsed: float, exit_code: int) -> str:
    """The one line a run ends with (what cron mails when it is not empty, if asked to)."""
    rate = counts.attempted / elapsed if elapsed > 0 else 0.0
    return (
        f"crawl: {counts.attempted} pages in {elapsed:.1f} s ({rate:.1f}/s): "
        f"{counts.new} new, {counts.revised} revised, {counts.unchanged + counts.merged} unchanged,"
        f" {counts.not_modified} not modified (304), {counts.failed} failed,"
        f" {counts.blocked} blocked by robots.txt; {counts.discovered} URLs discovered,"
        f" {queued} still due; exit {exit_code}"
    )


class Reporter:
    """Progress for one run: a carriage-return line on a terminal, silence otherwise.

    ``stream`` is where the live line goes (stderr by default); ``live``
    None decides by whether that stream is a terminal.
    """

    def __init__(
        self, stream: TextIO | None = None, *, live: bool | None = None, every: float = 0.25
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.every = every
        self.started = time.monotonic()
        self._last = 0.0
        self._width = 0

    def update(self, counts: Counts, queued: int, *, force: bool = False) -> None:
        """Redraw the progress line (at most every ``every`` seconds unless ``force``)."""
        if not self.live:
            return
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-9)
        line = (
            f"{counts.attempted} pages | {queued} queued | {counts.new} new"
            f" {counts.revised} revised {counts.not_modified} 304 | {counts.failed} errors"
            f" | {counts.attempted / elapsed:.1f} pages/s"
        )
        pad = max(0, self._width - len(line))
        self._width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def finish(self) -> None:
        """End the live line so what follows starts on a line of its own."""
        if self.live and self._width:
            self.stream.write("\n")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


def log_to_file(path: Path, level: int = logging.INFO) -> logging.Handler:
    """Append the ``scraper`` loggers' records to ``path``; returns the handler to remove later."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    logger = logging.getLogger("scraper")
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return handler
