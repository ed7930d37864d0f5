"""Run the per-file pipeline in isolated worker processes.

A worker that crashes (segfault, abort: python-calamine aborts the whole process on some
well-formed workbooks), hangs past ``limits.timeout_s`` or runs out of its address-space cap
(``limits.max_memory_mb``, ``RLIMIT_AS`` set in the worker) costs that file only: the file gets
a :class:`FileReport` with an ``F116``/``F117``/``F118`` finding and the other files go on.

Two strategies with the same semantics, chosen by batch size (measured, docs/robustness.md):

- a few files (``check``): one forked child per file (``multiprocessing`` fork context, ~3 ms
  per file, no pool threads, nothing re-imported: the parent imports the pipeline first);
- a batch (``screen``): a pebble ``ProcessPool`` of forked long-lived workers (~0.5 ms per
  file; :class:`WorkerPool`, which ``screen`` starts before it gathers its files). pebble
  replaces a worker that dies or times out and fails only that task, where
  ``concurrent.futures.ProcessPoolExecutor`` would mark the whole pool broken.

Reports are yielded as they complete (or in input order); tasks are submitted lazily and at
most ``2 x jobs`` are outstanding, so 10,000 files run in flat memory. A ``transform`` turns each
report into what the caller keeps, in the worker (and in the parent for the failure reports it
makes itself), so the parent need not unpickle and digest whole reports.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.pipeline import Options, file_digest, process_file
from clusterctl.report import FileReport

# Modules the pipeline imports lazily; importing them in the parent before forking means every
# child has them already. Missing ones (not written yet) are simply skipped.
_PIPELINE_MODULES = (
    "clusterctl.diagnostics.codes_file",
    "clusterctl.diagnostics.codes_workbook",
    "clusterctl.diagnostics.codes_batch",
    "clusterctl.workbook.preflight",
    "clusterctl.workbook.reader",
    "clusterctl.workbook.validate",
    "clusterctl.workbook.summary",
    "clusterctl.criteria.loader",
    "clusterctl.evaluation.engine",
    "clusterctl.evaluation.findings",
    "python_calamine",
)

# Test-only hook: a callable run in the child before the pipeline (e.g. ``os.abort``) to simulate
# a crash, hang or allocation storm. Never set outside tests.
_CHILD_HOOK: Any = None

_warmed = False

# The run's transform in a pooled worker (set by the pool's initializer: forked, not pickled).
_WORKER_TRANSFORM: Callable[[FileReport], Any] | None = None


def warm_up() -> None:
    """Import the pipeline's modules and load the shipped criteria packs in this process, so
    forked children need not (each would load the packs again: ~15 ms) and the parent has them
    for rendering. A pack that fails to load is left to the child to report as usual."""
    global _warmed
    if _warmed:
        return
    for name in _PIPELINE_MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from clusterctl.criteria.loader import list_packs

        list_packs()  # cached (functools.lru_cache): children inherit it
    _warmed = True


def _limit_memory(max_memory_mb: int) -> None:
    try:
        import resource

        cap = int(max_memory_mb) * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # not on this platform / not allowed: go on
        pass


def _settle() -> None:
    """In a new worker: move everything inherited from the parent (modules, packs) out of the
    garbage collector's sight, so its full collections only walk the worker's own objects
    (measured: GC time per file about halves; docs/performance.md)."""
    gc.freeze()


def _silence_native_stderr() -> None:
    """Send this worker's file descriptor 2 to the null device: when python-calamine aborts,
    Rust prints its own message (and, with ``RUST_BACKTRACE`` set, a backtrace) there, which
    would land in the user's terminal. The file's report says what happened (F116-F118)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:  # nowhere to send it: keep the inherited stderr
        pass


def _apply(transform: Callable[[FileReport], Any] | None, report: FileReport) -> Any:
    return report if transform is None else transform(report)


def _init_worker(max_memory_mb: int, transform: Callable[[FileReport], Any] | None) -> None:
    """A pooled worker's initializer: the memory cap and the run's transform."""
    global _WORKER_TRANSFORM
    _WORKER_TRANSFORM = transform
    _limit_memory(max_memory_mb)
    _silence_native_stderr()
    _settle()


def _check_in_worker(path: str, options: Options) -> Any:
    """Body of a pooled task (runs in a pebble worker): the transformed report."""
    if _CHILD_HOOK is not None:
        _CHILD_HOOK(path)
    report = process_file(path, options)
    _relabel_memory_errors(report, options)
    return _apply(_WORKER_TRANSFORM, report)


def _child(
    conn: Connection,
    path: str,
    options: Options,
    transform: Callable[[FileReport], Any] | None = None,
) -> None:
    """Body of a worker process: check one file and send the (transformed) report back."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        _limit_memory(options.limits.max_memory_mb)
        _silence_native_stderr()
        _settle()
        if _CHILD_HOOK is not None:
            _CHILD_HOOK(path)
        report = process_file(path, options)
        _relabel_memory_errors(report, options)
        try:
            conn.send(_apply(transform, report))
        except MemoryError:
            raise
        except Exception as exc:  # an unpicklable value: still say something about the file
            failure = _failure(path, "F199", {"error": f"{type(exc).__name__}: {exc}"[:300]})
            conn.send(_apply(transform, failure))
    except MemoryError:
        with contextlib.suppress(Exception):
            failure = _failure(path, "F117", {"limit_mb": options.limits.max_memory_mb})
            conn.send(_apply(transform, failure))
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def _relabel_memory_errors(report: FileReport, options: Options) -> None:
    """A MemoryError caught by the pipeline is the memory cap, not a bug: say so."""
    for i, finding in enumerate(report.findings):
        if finding.code == "F199" and str(finding.params.get("error", "")).startswith(
            "MemoryError"
        ):
            report.findings[i] = Finding(
                "F117", finding.location, {"limit_mb": options.limits.max_memory_mb}
            )


def _failure(path: str, code: str, params: dict[str, Any], seconds: float | None = None):
    digest, size = file_digest(path)
    report = FileReport(path=path, sha256=digest, size=size, seconds=seconds)
    report.findings.append(Finding(code, Location(path), params))
    return report


def _death_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "unknown"
    if exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


@dataclass(slots=True)
class _Task:
    index: int
    path: str
    process: Any  # multiprocessing.Process
    conn: Connection
    started: float
    report: Any = None  # what the child sent (transformed)


def _start(
    index: int, path: str, options: Options, transform: Callable[[FileReport], Any] | None
) -> _Task:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, path, options, transform), daemon=True)
    process.start()
    sender.close()  # the child holds the only writing end: EOF when it dies
    return _Task(index, path, process, receiver, time.monotonic())


def _kill(task: _Task) -> None:
    with contextlib.suppress(Exception):
        task.process.kill()
    with contextlib.suppress(Exception):
        task.process.join(5)
    with contextlib.suppress(Exception):
        task.conn.close()


def _finish(task: _Task, options: Options, transform: Callable[[FileReport], Any] | None) -> Any:
    """The task's child has sent its report or died: reap it and return the (transformed)
    report."""
    if task.report is None:
        try:
            task.report = task.conn.recv()
        except (EOFError, OSError):
            task.report = None
        except Exception as exc:  # a garbled message: treat like a crash
            failure = _failure(task.path, "F118", {"reason": type(exc).__name__})
            task.report = _apply(transform, failure)
    task.process.join(5)
    if task.process.exitcode is None:
        _kill(task)
    with contextlib.suppress(Exception):
        task.conn.close()
    elapsed = time.monotonic() - task.started
    if task.report is not None:
        return task.report
    code = task.process.exitcode
    if code == -signal.SIGKILL:  # the kernel's OOM killer, or someone killed it
        failure = _failure(
            task.path, "F117", {"limit_mb": options.limits.max_memory_mb}, seconds=elapsed
        )
    else:
        failure = _failure(task.path, "F118", {"reason": _death_reason(code)}, seconds=elapsed)
    return _apply(transform, failure)


def _timed_out(task: _Task, options: Options) -> FileReport:
    _kill(task)
    timeout = options.limits.timeout_s
    seconds = f"{timeout:g}"
    return _failure(
        task.path, "F116", {"seconds": seconds}, seconds=time.monotonic() - task.started
    )


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


def _run_forked(
    paths: Sequence[str],
    options: Options,
    jobs: int,
    ordered: bool,
    transform: Callable[[FileReport], Any] | None = None,
) -> Iterator[Any]:
    warm_up()
    timeout = options.limits.timeout_s
    running: dict[int, _Task] = {}
    sequencer = _Sequencer(ordered)
    next_start = 0
    total = len(paths)
    window = 2 * jobs  # outstanding = running + finished-but-unyielded
    try:
        while sequencer.released < total:
            while (
                next_start < total
                and len(running) < jobs
                and (not ordered or next_start - sequencer.released < window)
            ):
                running[next_start] = _start(next_start, paths[next_start], options, transform)
                next_start += 1
            finished: list[tuple[int, Any]] = []
            if running:
                now = time.monotonic()
                soonest = min(t.started for t in running.values()) + timeout
                waitables: list[Any] = []
                for task in running.values():
                    waitables.append(task.conn)
                    waitables.append(task.process.sentinel)
                ready = set(wait(waitables, timeout=max(0.0, soonest - now)))
                for index, task in list(running.items()):
                    if task.conn in ready or task.process.sentinel in ready:
                        finished.append((index, _finish(task, options, transform)))
                        del running[index]
                    elif time.monotonic() - task.started > timeout:
                        finished.append((index, _apply(transform, _timed_out(task, options))))
                        del running[index]
            for index, report in finished:
                yield from sequencer.release(index, report)
    finally:
        for task in running.values():
            _kill(task)


def _outcome(
    future: Any, path: str, options: Options, transform: Callable[[FileReport], Any] | None
) -> Any:
    """The (transformed) report of a finished pebble task, or a report saying what happened to
    its worker (transformed here)."""
    try:
        return future.result()
    except Exception as exc:
        return _apply(transform, _failed(exc, path, options))


def _failed(exc: Exception, path: str, options: Options) -> FileReport:
    """The report saying what happened to a pebble task that raised ``exc``."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    if isinstance(exc, FutureTimeout):
        return _failure(path, "F116", {"seconds": f"{options.limits.timeout_s:g}"})
    if isinstance(exc, ProcessExpired):
        if exc.exitcode == -signal.SIGKILL:
            return _failure(path, "F117", {"limit_mb": options.limits.max_memory_mb})
        return _failure(path, "F118", {"reason": _death_reason(exc.exitcode)})
    if isinstance(exc, MemoryError):
        return _failure(path, "F117", {"limit_mb": options.limits.max_memory_mb})
    # e.g. the report could not be pickled
    return _failure(path, "F199", {"error": f"{type(exc).__name__}: {exc}"[:300]})


def _ready() -> None:
    """A task that does nothing: scheduling it makes pebble fork its workers now."""


class WorkerPool:
    """A batch's long-lived workers (a pebble ``ProcessPool`` of forked processes), forked when
    the pool is entered.

    Enter it before gathering the batch's inputs. A forked worker starts with a copy of
    everything its parent holds, and the process tree's resident memory counts it in every
    worker: forked after discovering 10,000 files, each worker started ~4 MB larger than after
    1,000 (docs/performance.md, "Memory"). A worker that pebble replaces later (after a crash or
    a timeout) is forked from the parent as it is then.

    A pool runs one batch: :meth:`run` stops the workers when its last report is out, so they
    do not sit in memory while the parent writes its summary. Leaving the ``with`` block stops
    them too (a batch that never ran, say a usage error found after the pool started).
    """

    def __init__(
        self,
        options: Options,
        jobs: int | None = None,
        transform: Callable[[FileReport], Any] | None = None,
    ) -> None:
        self.options = options
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.transform = transform
        self._pool: Any = None

    def __enter__(self) -> WorkerPool:
        from pebble import ProcessPool

        warm_up()
        self._pool = ProcessPool(
            max_workers=self.jobs,
            initializer=_init_worker,
            initargs=(self.options.limits.max_memory_mb, self.transform),
            context=multiprocessing.get_context("fork"),
        )
        self._pool.schedule(_ready)  # pebble starts (forks) every worker on the first task
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (again: nothing)."""
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None

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
        pending: dict[Any, int] = {}
        sequencer = _Sequencer(ordered)
        window = 2 * self.jobs
        next_start = 0
        total = len(paths)
        while sequencer.released < total:
            while next_start < total and len(pending) + len(sequencer.held) < window:
                future = self._pool.schedule(
                    _check_in_worker,
                    args=(paths[next_start], options),
                    timeout=options.limits.timeout_s,
                )
                pending[future] = next_start
                next_start += 1
            finished, _ = wait_futures(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                outcome = _outcome(future, paths[index], options, transform)
                yield from sequencer.release(index, outcome)


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
) -> Iterator[Any]:
    """Check every path; yield one :class:`FileReport` per path.

    ``ordered``: in input order (else as they complete). ``isolate``: in a forked child per file
    with the time and memory limits of ``options.limits``; ``False`` runs in this process (no
    protection; for measuring the cost of isolation). ``transform``: yield
    ``transform(report)`` instead, computed in the worker right after the pipeline (and in this
    process for the reports it makes itself: timeouts, crashes); it should be picklable and must
    not fail on a report with findings only. ``pool``: run in these workers (already started;
    its options, jobs and transform are used).
    """
    paths = list(paths)
    if not isolate:
        return (_apply(transform, process_file(p, options)) for p in paths)
    if pool is not None:
        if transform is not None and transform is not pool.transform:
            raise ValueError("run_files: the pool runs the transform it was started with")
        return pool.run(paths, ordered)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(paths) <= jobs:  # `check`: a forked child per file, no pool to start
        return _run_forked(paths, options, jobs, ordered, transform)
    return _run_pooled(paths, options, jobs, ordered, transform)


def run_file(path: str, options: Options, isolate: bool = True) -> FileReport:
    """Check one file (``clusterctl check``): one forked child, no pool."""
    return next(iter(run_files([path], options, jobs=1, ordered=True, isolate=isolate)))
