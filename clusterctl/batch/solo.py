"""``check`` of one file: one worker process of its own, without a pool.

A pebble pool costs ``check`` its import (pebble brings asyncio and concurrent.futures: ~35 ms
of a ~0.35 s start) and its threads, and it makes the parent import the whole pipeline before
forking (docs/performance.md). One file needs none of that: this module starts one worker
process (``multiprocessing``; ``fork`` or ``spawn`` as
:func:`~clusterctl.batch.isolation.start_method` says, handed over in a :class:`Start`), which
imports the pipeline while the parent goes on (importing its renderer: the ``meanwhile``
callable), then checks the file.

The guarantees are the pool's (tests/batch/test_isolation.py runs the same hostile files
through both):

- the worker starts exactly as a pooled one (:func:`~clusterctl.batch.worker.init_worker`):
  its memory capped, its native stderr silenced, it dies with its parent;
- the time limit counts from when the worker takes the file; past it the worker is killed and
  the file gets F116;
- a worker that dies gives F117 (our memory watchdog's exit, SIGKILL) or F118 (any other death),
  the parent's own report, as :func:`~clusterctl.batch.failures.died` makes it for the pool;
- a failure that is not the file's (the worker died or hung before it took the file, the
  channel broke) runs the file once more in a fresh worker; only the second failure is its
  finding;
- every wait is bounded, and the worker is killed whatever ends the wait (Ctrl-C included).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clusterctl.batch.failures import died, failure
from clusterctl.batch.worker import WorkerSetup, solo_main
from clusterctl.pipeline import Options
from clusterctl.report import FileReport

START_GRACE_S = 30.0  # the most a worker may take to start (import the pipeline) and take the file


class _NotTheFiles(Exception):
    """The worker failed before it took the file: not the file's fault (run it again)."""


@dataclass(frozen=True, slots=True)
class Start:
    """How to start the worker (given by :mod:`clusterctl.batch.isolation`, which owns these
    choices for the pool too)."""

    method: str  # "fork" or "spawn"
    memory_guard: str | None
    hook: Callable[[str], None] | None = None  # tests only
    before: Callable[[], None] | None = None  # run before starting (the pools' threads ended)


def run_solo(
    path: str,
    options: Options,
    start: Start,
    transform: Callable[[FileReport], Any] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Any:
    """The (transformed) report of one file, checked in a worker process of its own.

    ``meanwhile`` runs in this process right after the worker started (the parent's own
    imports, overlapping the worker's); it must not start threads or processes."""
    for attempt in (1, 2):
        try:
            return _attempt(path, options, start, transform, meanwhile if attempt == 1 else None)
        except _NotTheFiles as exc:
            if attempt == 2:
                error = {"error": str(exc)[:300]}
                return _apply(transform, failure(path, "F199", error, options))
    raise AssertionError("unreachable")


def _apply(transform: Callable[[FileReport], Any] | None, report: FileReport) -> Any:
    return report if transform is None else transform(report)


def _attempt(
    path: str,
    options: Options,
    start: Start,
    transform: Callable[[FileReport], Any] | None,
    meanwhile: Callable[[], None] | None,
) -> Any:
    if start.before is not None:
        start.before()
    context = multiprocessing.get_context(start.method)
    conn, child_conn = context.Pipe()
    process = context.Process(
        target=solo_main, args=(child_conn,), name="clusterctl-worker", daemon=True
    )
    try:
        try:
            process.start()
        except OSError as exc:  # no process could be started (e.g. EAGAIN): try once more
            raise _NotTheFiles(f"{type(exc).__name__}: {exc}") from None
        child_conn.close()
        if meanwhile is not None:
            meanwhile()
        setup = WorkerSetup(
            parent_pid=os.getpid(),
            max_memory_mb=options.limits.max_memory_mb,
            memory_guard=start.memory_guard,
            transform=transform,
            hook=start.hook,
        )
        try:
            conn.send((setup, path, options))
            if not conn.poll(START_GRACE_S):
                raise _NotTheFiles("the worker did not start")
            conn.recv()  # ("started",)
        except (EOFError, OSError) as exc:  # it died before taking the file
            process.join(5)
            raise _NotTheFiles(
                f"the worker ended before the file (exit {process.exitcode})"
            ) from exc
        timeout = options.limits.timeout_s
        try:
            if not conn.poll(timeout):
                seconds = {"seconds": f"{timeout:g}"}
                return _apply(transform, failure(path, "F116", seconds, options))
            kind, outcome = conn.recv()
        except (EOFError, OSError):  # it died with the file: the file's own (F117/F118)
            process.join(5)
            return _apply(transform, died(process.exitcode, path, options))
        except Exception as exc:  # what it sent could not be unpickled here: F199, no crash
            error = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            return _apply(transform, failure(path, "F199", error, options))
        if kind == "done":
            return outcome
        error = {"error": f"{type(outcome).__name__}: {outcome}"[:300]}
        return _apply(transform, failure(path, "F199", error, options))
    finally:
        _stop(process, conn)


def _stop(process: Any, conn: Any) -> None:
    """Kill the worker if it still runs (it has sent all it will) and reap it, bounded."""
    with contextlib.suppress(Exception):
        conn.close()
    with contextlib.suppress(Exception):
        if process.is_alive():
            process.kill()
    with contextlib.suppress(Exception):
        process.join(5)
