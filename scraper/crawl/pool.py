"""Extraction processes driven straight from the event loop: no threads in the crawl process.

``concurrent.futures.ProcessPoolExecutor`` hands work over through a manager
thread and a queue-feeder thread; in the crawl process they fought the event
loop for the GIL, and each submit's wake-up write waited milliseconds for it.
Here each worker is a process at the far end of a socket pair: the loop
writes length-prefixed pickles without blocking (asyncio buffers them) and
reads results as they come, so the loop never waits on a worker and a worker
always has its next page already queued in its socket.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import socket
import struct
from collections.abc import Callable
from typing import Any

__all__ = ["ProcessPool", "WorkerDied"]

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("!Q")


class WorkerDied(RuntimeError):
    """An extraction process exited (killed, out of memory) with pages still in its care."""


def _read_frame(stream: Any) -> bytes | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data: bytes = stream.read(size)
    return data


def _serve(sock: socket.socket) -> None:
    """A worker's life: read (call id, function, args), run it, write (call id, ok, value)."""
    with sock, sock.makefile("rb") as reader, sock.makefile("wb") as writer:
        while (frame := _read_frame(reader)) is not None:
            call, fn, args = pickle.loads(frame)
            try:
                reply = (call, True, fn(*args))
            except Exception as exc:  # handed back to the caller, raised there
                reply = (call, False, exc)
            try:
                data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an unpicklable result or error
                data = pickle.dumps((call, False, RuntimeError(repr(exc))))
            writer.write(_HEADER.pack(len(data)) + data)
            writer.flush()


class _Worker:
    def __init__(self, process: Any, reader: asyncio.StreamReader, writer: Any) -> None:
        self.process = process
        self.reader = reader
        self.writer = writer
        self.calls: dict[int, asyncio.Future[Any]] = {}
        self.task: asyncio.Task[None] | None = None


class ProcessPool:
    """``workers`` extraction processes from a forkserver that preloaded ``preload``.

    ``await pool.run(fn, *args)`` runs a top-level function in the least busy
    worker. Use inside one event loop: ``await pool.start()``, then
    ``await pool.close()``.
    """

    def __init__(self, workers: int, preload: list[str]) -> None:
        self.size = workers
        self._preload = preload
        self._workers: list[_Worker] = []
        self._next_call = 0

    async def start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(self._preload)
        for _ in range(self.size):
            ours, theirs = socket.socketpair()
            process = context.Process(target=_serve, args=(theirs,), daemon=True)
            process.start()
            theirs.close()
            reader, writer = await asyncio.open_unix_connection(sock=ours)
            worker = _Worker(process, reader, writer)
            worker.task = asyncio.create_task(self._receive(worker))
            self._workers.append(worker)

    async def _receive(self, worker: _Worker) -> None:
        try:
            while True:
                header = await worker.reader.readexactly(_HEADER.size)
                (size,) = _HEADER.unpack(header)
                call, ok, value = pickle.loads(await worker.reader.readexactly(size))
                future = worker.calls.pop(call, None)
                if future is None or future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        for future in worker.calls.values():
            if not future.done():
                future.set_exception(WorkerDied(f"extraction process {worker.process.pid} died"))
        worker.calls.clear()

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` in a worker and return its result (or raise its exception)."""
        worker = min(self._workers, key=lambda w: len(w.calls))
        if worker.task is None or worker.task.done():
            raise WorkerDied(f"extraction process {worker.process.pid} died")
        self._next_call += 1
        call = self._next_call
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        worker.calls[call] = future
        data = pickle.dumps((call, fn, args), pickle.HIGHEST_PROTOCOL)
        worker.writer.write(_HEADER.pack(len(data)) + data)
        try:
            return await future
        finally:
            worker.calls.pop(call, None)

    async def close(self) -> None:
        """Stop the workers: end of input makes each one exit after its current page."""
        for worker in self._workers:
            worker.writer.close()
        for worker in self._workers:
            if worker.task is not None:
                worker.task.cancel()
        await asyncio.gather(
            *(w.task for w in self._workers if w.task is not None), return_exceptions=True
        )
        loop = asyncio.get_running_loop()
        for worker in self._workers:
            await loop.run_in_executor(None, worker.process.join, 5)
            if worker.process.is_alive():
                worker.process.kill()
        self._workers.clear()
