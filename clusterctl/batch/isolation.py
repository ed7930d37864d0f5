"""Run the per-file pipeline in isolated worker processes: one pebble ``ProcessPool``.

A worker that crashes (segfault, abort: python-calamine aborts the whole process on some
well-formed workbooks), hangs past ``limits.timeout_s`` or passes its memory cap
(``limits.max_memory_mb``) costs that file only: the file gets a :class:`FileReport` with an
``F116``/``F117``/``F118`` finding and the other files go on. pebble replaces a worker that dies
or times out and fails only that task, where ``concurrent.futures.ProcessPoolExecutor`` would
mark the whole pool broken.

A failure that is not surely the file's own (a pool error, a timeout after another worker died,
a pool that stopped making progress) runs that file once more, in a fresh pool if pebble gave up
on the old one; only the second failure becomes its finding (:func:`_attributable`). Every wait
on the pool is bounded (:data:`STALL_GRACE_S`).

``check`` and ``screen`` use the same pool; ``check`` of one file runs in a worker of its own
without a pool (:mod:`clusterctl.batch.solo`, same guarantees, no pebble to import). The start
method is chosen by :func:`start_method`: ``fork`` where it exists and is safe (Linux: a worker
starts in ~3 ms with the pipeline already imported), else ``spawn`` (Windows, macOS); the
environment variable ``CLUSTERCTL_START_METHOD`` (``fork`` or ``spawn``) overrides it.
The worker side is :mod:`clusterctl.batch.worker`; it receives everything it needs by pickling.

Reports are yielded as they complete (or in input order); tasks are submitted lazily and at
most ``2 x jobs`` are outstanding, so 10,000 files run in flat memory. A ``transform`` turns each
report into what the caller keeps, in the worker (and in the parent for the failure reports it
makes itself), so the parent need not unpickle and digest whole reports.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from clusterctl.batch.failures import FutureTimeout, attributable, failed
from clusterctl.batch.worker import (
    WorkerSetup,
    check_in_worker,
    init_worker,
    ready,
    warm_up,
)
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport

START_METHOD_ENV = "CLUSTERCTL_START_METHOD"

# A pool in which no task has ended for a task's time limit plus this is wedged (e.g. a worker
# was killed holding pebble's task-channel lock): it is replaced and its tasks run again.
STALL_GRACE_S = 30.0
JOIN_TIMEOUT_S = 10.0  # the most a stopping pool waits for pebble's threads
_CLOSING: list[threading.Thread] = []  # joiners of pools closed without waiting


def _wait_for_closed_pools() -> None:
    """Wait (bounded) until the threads of every pool closed so far have ended."""
    while _CLOSING:
        _CLOSING.pop().join(JOIN_TIMEOUT_S)


# Test-only hook: a picklable callable run in the worker before the pipeline (e.g. ``os.abort``)
# to simulate a crash, hang or allocation storm. Read when a pool starts and handed to its
# workers in their setup. Never set outside tests.
_CHILD_HOOK: Any = None

# Test-only override of :func:`memory_guard` ("rlimit", "watchdog" or "none").
MEMORY_GUARD: str | None = None


def start_method() -> str:
    """The multiprocessing start method of the workers: ``CLUSTERCTL_START_METHOD`` when it
    names ``fork`` or ``spawn`` and the platform has it; else ``fork`` where it exists and is
    safe (not macOS, whose system libraries are not fork-safe), else ``spawn``."""
    available = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if wanted in ("fork", "spawn") and wanted in available:
        return wanted
    if "fork" in available and sys.platform != "darwin":
        return "fork"
    return "spawn"


def memory_guard() -> str | None:
    """How a worker caps its memory: ``RLIMIT_AS`` where the platform enforces it (Linux and
    the BSDs; macOS accepts the call but does not enforce it), else a watchdog on the resident
    size (psutil), else nothing."""
    if MEMORY_GUARD is not None:
        return None if MEMORY_GUARD == "none" else MEMORY_GUARD
    try:
        import resource

        if hasattr(resource, "RLIMIT_AS") and sys.platform != "darwin":
            return "rlimit"
    except ImportError:
        pass
    try:
        import psutil  # noqa: F401
    except ImportError:
        return None
    return "watchdog"


def _apply(transform: Callable[[FileReport], Any] | None, report: FileReport) -> Any:
    return report if transform is None else transform(report)


def _join_quietly(pool: Any) -> None:
    with contextlib.suppress(Exception):
        pool.join()


class _Sequencer:
    """Releases finished reports: as they come, or in input order (holding early finishers)."""

    def __init__(self, ordered: bool) -> None:
        self.ordered = ordered
        self.held: dict[int, Any] = {}
        self.released = 0  # how many reports have been released

    def release(self, index: int, report: Any) -> list[Any]:
        if not self.ordered:
            self.released += 1
            return [report]
        self.held[index] = report
        out = []
        while self.released in self.held:
            out.append(self.held.pop(self.released))
            self.released += 1
        return out


class WorkerPool:
    """The workers of one batch (a pebble ``ProcessPool``), started when the pool is entered.

    Enter it before gathering the batch's inputs. A forked worker starts with a copy of
    everything its parent holds, and the process tree's resident memory counts it in every
    worker: forked after discovering 10,000 files, each worker started ~4 MB larger than after
    1,000 (docs/performance.md, "Memory"). A worker that pebble replaces later (after a crash or
    a timeout) is forked from the parent as it is then. A spawned worker carries only its
    :class:`~clusterctl.batch.worker.WorkerSetup`.

    A pool runs one batch: :meth:`run` stops the workers when its last report is out, so they
    do not sit in memory while the parent writes its summary. Leaving the ``with`` block stops
    them too (a batch that never ran, say a usage error found after the pool started).
    """

    def __init__(
        self,
        options: Options,
        jobs: int | None = None,
        transform: Callable[[FileReport], Any] | None = None,
        process: Callable[[str, Options], Any] | None = None,
    ) -> None:
        self.options = options
        self.process = process  # run instead of the pipeline (worker.WorkerSetup.process)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.transform = transform
        self.start_method = start_method()
        self._pool: Any = None
        self.restarts = 0  # fresh pools started during the batch (a broken or wedged pool)

    def __enter__(self) -> WorkerPool:
        self._start()
        return self

    def _start(self) -> None:
        from pebble import ProcessPool

        _wait_for_closed_pools()
        if self.start_method == "fork":
            warm_up()  # imported once here, inherited by every worker
        setup = WorkerSetup(
            parent_pid=os.getpid(),
            max_memory_mb=self.options.limits.max_memory_mb,
            memory_guard=memory_guard(),
            transform=self.transform,
            hook=_CHILD_HOOK,
            process=self.process,
        )
        try:
            self._pool = ProcessPool(
                max_workers=self.jobs,
                initializer=init_worker,
                initargs=(setup,),
                context=multiprocessing.get_context(self.start_method),
            )
            self._pool.schedule(ready)  # pebble starts every worker on the first task
        except BaseException:  # interrupted while starting: leave no worker behind
            self.close()
            raise

    def _restart(self) -> None:
        """Replace a pool pebble gave up on (or that stopped making progress) with a fresh one."""
        self.close(wait=True)
        self._start()
        self.restarts += 1

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, wait: bool = False) -> None:
        """Stop the workers (again: nothing). Busy workers are killed, not asked to finish;
        ``wait``: also wait (bounded) for pebble's threads, before a fresh pool starts."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.stop()
        manager = getattr(pool, "_pool_manager", None)  # pebble's; without it pebble's own stop
        workers = list(getattr(getattr(manager, "worker_manager", None), "workers", {}).values())
        for process in workers:
            with contextlib.suppress(Exception):
                process.kill()
        for process in workers:
            with contextlib.suppress(Exception):
                process.join(5)
        # pebble's join waits for its threads (each notices the stop within its poll interval,
        # ~0.1 s: most of `check`'s fixed cost if waited for); one blocked reading a message a
        # killed worker left half-written would wait forever. They are daemon threads and the
        # workers are gone: join them in the background, bounded. A new pool waits for them
        # first (forking beside a live thread of an old pool corrupts the child: seen as
        # "SystemError: error return without exception set" in its worker); a process that
        # only exits does not.
        joiner = threading.Thread(target=_join_quietly, args=(pool,), daemon=True)
        joiner.start()
        _CLOSING.append(joiner)
        if wait:
            _wait_for_closed_pools()

    def run(self, paths: Sequence[str], ordered: bool = False) -> Iterator[Any]:
        """The (transformed) report of every path, as they complete or in input order; at most
        ``2 x jobs`` tasks are outstanding. The workers are stopped at the end."""
        if self._pool is None:
            raise RuntimeError("WorkerPool.run: the pool is not started (use it in a with block)")
        try:
            yield from self._run(paths, ordered)
        finally:
            self.close()

    def _run(self, paths: Sequence[str], ordered: bool) -> Iterator[Any]:
        from concurrent.futures import FIRST_COMPLETED
        from concurrent.futures import wait as wait_futures

        options, transform = self.options, self.transform
        # future -> (index, attempt, when it was scheduled)
        pending: dict[Any, tuple[int, int, float]] = {}
        retries: list[int] = []  # indices to run a second time
        sequencer = _Sequencer(ordered)
        window = 2 * self.jobs
        stall_s = options.limits.timeout_s + STALL_GRACE_S
        limit = options.limits.timeout_s
        last_disruption = -math.inf  # when a worker last died, timed out or the pool failed
        next_start = 0
        total = len(paths)
        while sequencer.released < total:
            if not self._pool.active:  # pebble gave up on it ("All workers expired")
                self._restart()
            # retries go first and past the window: the ordered window may be full of reports
            # held for them
            while retries or (next_start < total and len(pending) + len(sequencer.held) < window):
                if retries:
                    index, attempt = retries.pop(0), 2
                else:
                    index, attempt, next_start = next_start, 1, next_start + 1
                try:
                    future = self._schedule(paths[index])
                except RuntimeError:  # pebble marked the pool broken since the check above
                    last_disruption = time.monotonic()
                    self._restart()
                    future = self._schedule(paths[index])
                pending[future] = (index, attempt, time.monotonic())
            finished, _ = wait_futures(list(pending), timeout=stall_s, return_when=FIRST_COMPLETED)
            if not finished:  # nothing ended in a task's time limit and more: the pool is wedged
                last_disruption = time.monotonic()
                self._restart()
                for index, attempt, _seen in pending.values():
                    if attempt == 1:
                        retries.append(index)
                    else:
                        report = failed(FutureTimeout(), paths[index], options)
                        yield from sequencer.release(index, _apply(transform, report))
                pending.clear()
                continue
            for future in finished:
                index, attempt, scheduled = pending.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:
                    disrupted = last_disruption >= scheduled - limit
                    last_disruption = time.monotonic()
                    if attempt == 1 and not attributable(exc, disrupted):
                        retries.append(index)
                        continue
                    outcome = _apply(transform, failed(exc, paths[index], options))
                yield from sequencer.release(index, outcome)

    def _schedule(self, path: str) -> Any:
        return self._pool.schedule(
            check_in_worker, args=(path, self.options), timeout=self.options.limits.timeout_s
        )


def _run_pooled(
    paths: Sequence[str],
    options: Options,
    jobs: int,
    ordered: bool,
    transform: Callable[[FileReport], Any] | None = None,
) -> Iterator[Any]:
    with WorkerPool(options, jobs, transform) as pool:
        yield from pool.run(paths, ordered)


def run_files(
    paths: Sequence[str],
    options: Options,
    jobs: int | None = None,
    ordered: bool = False,
    isolate: bool = True,
    transform: Callable[[FileReport], Any] | None = None,
    pool: WorkerPool | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[Any]:
    """Check every path; yield one :class:`FileReport` per path.

    ``ordered``: in input order (else as they complete). ``isolate``: in pooled workers with
    the time and memory limits of ``options.limits`` (never more workers than paths);
    ``False`` runs in this process (no protection; for measuring the cost of isolation).
    ``transform``: yield ``transform(report)`` instead, computed in the worker right after the
    pipeline (and in this process for the reports it makes itself: timeouts, crashes); it must
    be picklable and must not fail on a report with findings only. ``pool``: run in these
    workers (already started; its options, jobs and transform are used). One path and no pool:
    a worker of its own, no pool (:mod:`clusterctl.batch.solo`); ``meanwhile`` then runs in this
    process while that worker starts (else right away).
    """
    paths = list(paths)
    if not isolate:
        return (_apply(transform, process_file(p, options)) for p in paths)
    if pool is not None:
        if transform is not None and transform is not pool.transform:
            raise ValueError("run_files: the pool runs the transform it was started with")
        return pool.run(paths, ordered)
    if len(paths) == 1:
        return _run_solo(paths[0], options, transform, meanwhile)
    if meanwhile is not None:
        meanwhile()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    return _run_pooled(paths, options, jobs, ordered, transform)


def _run_solo(
    path: str,
    options: Options,
    transform: Callable[[FileReport], Any] | None,
    meanwhile: Callable[[], None] | None,
) -> Iterator[Any]:
    from clusterctl.batch.solo import Start, run_solo

    # never fork beside a live thread of an earlier pool: wait for them first
    start = Start(start_method(), memory_guard(), _CHILD_HOOK, _wait_for_closed_pools)
    yield run_solo(path, options, start, transform, meanwhile)


def run_file(path: str, options: Options, isolate: bool = True) -> FileReport:
    """Check one file (``clusterctl check``): a worker of its own."""
    return next(iter(run_files([path], options, jobs=1, ordered=True, isolate=isolate)))
