"""The crawl's extraction processes: results and errors come back to the caller, and a worker
that dies fails its pages at once instead of hanging the crawl."""

from __future__ import annotations

import asyncio
import operator
import os
import signal
import time

import pytest

from scraper.crawl.pool import ProcessPool, WorkerDied


def test_a_worker_returns_results_and_raises_the_callers_errors() -> None:
    async def scenario() -> None:
        pool = ProcessPool(2, preload=[])
        await pool.start()
        try:
            results = await asyncio.gather(*(pool.run(operator.mul, n, 3) for n in range(20)))
            assert results == [n * 3 for n in range(20)]
            with pytest.raises(ZeroDivisionError):
                await pool.run(operator.truediv, 1, 0)
            assert await pool.run(operator.add, 2, 2) == 4  # the worker survived the error
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_a_killed_worker_fails_its_pending_pages_instead_of_hanging() -> None:
    async def scenario() -> None:
        pool = ProcessPool(1, preload=[])
        await pool.start()
        try:
            pid = await pool.run(os.getpid)
            assert pid != os.getpid()
            pending = asyncio.ensure_future(pool.run(time.sleep, 30))
            await asyncio.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            with pytest.raises(WorkerDied):
                await asyncio.wait_for(pending, timeout=10)
        finally:
            await pool.close()

    asyncio.run(scenario())
