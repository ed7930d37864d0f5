"""The worker side of :mod:`clusterctl.batch.isolation`: what runs in a pooled worker process.

Everything a worker needs arrives in one picklable :class:`WorkerSetup` (the pool's initializer
argument), so a worker started with ``spawn`` (Windows, macOS) works exactly like a forked one:
nothing relies on module globals the parent set before starting it.

A worker

- caps its memory: ``RLIMIT_AS`` where the platform has it (an allocation past the cap raises
  ``MemoryError`` or, in native code, aborts), else a watchdog thread that ends the worker
  (exit code :data:`MEMORY_EXIT`) when its resident memory passes the cap while it checks a
  file (psutil; it runs whenever Python code runs, so a native loop that holds the GIL is
  bounded by the time limit only);
- does not outlive its parent: on Linux the kernel kills it when the parent dies
  (``PR_SET_PDEATHSIG``), and everywhere a daemon thread ends it when the parent is gone;
- sends its native error output (Rust's abort messages) to the null device.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clusterctl.diagnostics import Finding
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport

# Exit codes a worker ends itself with (the parent turns them into findings).
MEMORY_EXIT = 86  # the RSS watchdog: over the memory cap (F117)
ORPHAN_EXIT = 87  # the parent is gone

PARENT_POLL_S = 0.5
MEMORY_POLL_S = 0.05

# Modules the pipeline imports lazily. The parent imports them before forking its workers (each
# then has them already); a spawned worker imports them when it starts, not on its first file.
_PIPELINE_MODULES = (
    "clusterctl.diagnostics.codes_file",
    "clusterctl.diagnostics.codes_workbook",
    "clusterctl.diagnostics.codes_values",
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

_warmed = False


def warm_up() -> None:
    """Import the pipeline's modules and load the shipped criteria packs in this process (in
    the parent before forking: children inherit them; in a spawned worker: before its first
    file). A pack that fails to load is left to the pipeline to report as usual."""
    global _warmed
    if _warmed:
        return
    for name in _PIPELINE_MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from clusterctl.criteria.loader import list_packs

        list_packs()  # cached (functools.lru_cache)
    _warmed = True


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker is started with (pickled for ``spawn``)."""

    parent_pid: int
    max_memory_mb: int
    memory_guard: str | None  # "rlimit", "watchdog" or None (no cap)
    transform: Callable[[FileReport], Any] | None = None
    hook: Callable[[str], None] | None = None  # tests only: run before the pipeline
    # what a task runs instead of the pipeline (``targets``: a picklable callable of the same
    # signature as ``process_file``, returning a report with ``findings``)
    process: Callable[[str, Options], Any] | None = None


_SETUP: WorkerSetup | None = None  # this worker's setup (set by init_worker, in the worker)
_BUSY = threading.Event()  # set while a file is being checked (the memory watchdog's window)
_RSS_CAP: int | None = None  # bytes; set when the watchdog caps the resident size


def init_worker(setup: WorkerSetup) -> None:
    """A pooled worker's initializer. It never raises: pebble would start the worker again and
    again, with its tasks waiting forever."""
    global _SETUP, _RSS_CAP
    _SETUP = setup
    with contextlib.suppress(Exception):
        _die_with_parent(setup.parent_pid)
    with contextlib.suppress(Exception):  # before the address-space cap: a thread needs a stack
        _start_watchdog(setup.parent_pid)
    guard = setup.memory_guard
    if guard == "rlimit" and not _limit_memory(setup.max_memory_mb):
        guard = "watchdog"  # the platform refused the cap: watch the resident size instead
    if guard == "watchdog":
        _RSS_CAP = setup.max_memory_mb * 1024 * 1024
    _silence_native_stderr()
    warm_up()
    with contextlib.suppress(Exception):
        _settle()


def ready() -> None:
    """A task that does nothing: scheduling it makes pebble start its workers now."""


def check_in_worker(path: str, options: Options) -> Any:
    """Body of a pooled task: the (transformed) report of one file."""
    setup = _SETUP
    _BUSY.set()
    gc.disable()  # a file's objects are mostly acyclic and die with it: no collection mid-file
    try:
        if setup is not None and setup.hook is not None:
            setup.hook(path)
        report = (setup.process if setup and setup.process else process_file)(path, options)
    finally:
        _BUSY.clear()
        gc.enable()
    relabel_memory_errors(report, options.limits.max_memory_mb)
    transform = setup.transform if setup is not None else None
    return report if transform is None else transform(report)


def solo_main(conn: Any) -> None:
    """Body of ``check``'s one worker process (:mod:`clusterctl.batch.solo`), not pooled.

    Started before the parent has anything to give it, it imports the pipeline at once (while
    the parent is busy), then receives ``(setup, path, options)`` on ``conn``, starts as a pooled
    worker does (:func:`init_worker`: memory cap, parent watch, silent native stderr), says
    ``("started",)`` (the time limit counts from here) and sends ``("done", outcome)`` or
    ``("raised", exception)``. ``None`` instead of a task, or a parent gone, ends it quietly."""
    _default_signals()
    try:
        warm_up()
        task = conn.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return
    if task is None:
        return
    setup, path, options = task
    init_worker(setup)
    conn.send(("started",))
    try:
        outcome: tuple[str, Any] = ("done", check_in_worker(path, options))
    except MemoryError:
        os._exit(MEMORY_EXIT)
    except Exception as exc:  # e.g. a transform that failed: the parent makes it a finding
        outcome = ("raised", exc)
    try:
        conn.send(outcome)
    except MemoryError:
        os._exit(MEMORY_EXIT)
    except Exception as exc:  # the outcome could not be pickled
        conn.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}"[:300])))


def _default_signals() -> None:
    """A forked worker inherits its parent's handlers (``check`` turns SIGTERM into an
    exception that unwinds the command): here Ctrl-C is the parent's to handle (the whole
    process group gets it) and termination ends the worker, as in pebble's workers."""
    with contextlib.suppress(Exception):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(Exception):
                signal.signal(getattr(signal, name), signal.SIG_DFL)


def with_pack(report: FileReport) -> tuple[FileReport, Any]:
    """A transform for ``check`` of one file: the report and the pack it was checked against
    (shipped packs are loaded in the worker already; the parent would load them all again to
    render the criterion titles)."""
    from clusterctl.criteria.loader import find_pack

    return report, find_pack(report.pack_id)


def relabel_memory_errors(report: FileReport, max_memory_mb: int) -> None:
    """A MemoryError caught by the pipeline is the memory cap, not a bug: say so."""
    for i, finding in enumerate(report.findings):
        if finding.code == "F199" and str(finding.params.get("error", "")).startswith(
            "MemoryError"
        ):
            report.findings[i] = Finding("F117", finding.location, {"limit_mb": max_memory_mb})


def _limit_memory(max_memory_mb: int) -> bool:
    """Cap this process's address space; False where the platform has no such cap."""
    try:
        import resource

        cap = int(max_memory_mb) * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        return True
    except (ImportError, AttributeError, ValueError, OSError):
        return False


def _die_with_parent(parent_pid: int) -> None:
    """Linux: ask the kernel to SIGKILL this worker when its parent dies (``prctl``); then make
    sure the parent did not die before that (the worker would be an orphan already)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            pr_set_pdeathsig = 1
            zero = ctypes.c_ulong(0)
            kill = ctypes.c_ulong(int(signal.SIGKILL))
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(ctypes.c_int(pr_set_pdeathsig), kill, zero, zero, zero)
    if _parent_gone(parent_pid, None):
        os._exit(ORPHAN_EXIT)


def _parent_handle(parent_pid: int) -> Any:
    """Where ``getppid`` does not change when the parent dies (Windows): the parent as psutil
    sees it (its start time guards against a reused pid)."""
    if os.name == "posix":
        return None
    try:
        import psutil

        return psutil.Process(parent_pid)
    except Exception:
        return None


def _parent_gone(parent_pid: int, handle: Any) -> bool:
    if os.name == "posix":
        return os.getppid() != parent_pid  # re-parented (to init or a subreaper)
    if handle is None:
        return False
    try:
        return not handle.is_running()
    except Exception:
        return False


def _start_watchdog(parent_pid: int) -> None:
    """A daemon thread: ends the worker when its parent is gone, and (:data:`_RSS_CAP`) when
    its resident memory passes the cap while it checks a file."""
    handle = _parent_handle(parent_pid)

    def watch() -> None:
        process = None
        checked = time.monotonic()
        while True:
            if _RSS_CAP is not None and _BUSY.wait(PARENT_POLL_S):
                with contextlib.suppress(Exception):
                    if process is None:
                        import psutil

                        process = psutil.Process()
                    if process.memory_info().rss > _RSS_CAP:
                        os._exit(MEMORY_EXIT)
                time.sleep(MEMORY_POLL_S)
            elif _RSS_CAP is None:
                time.sleep(PARENT_POLL_S)
            if time.monotonic() - checked >= PARENT_POLL_S:
                checked = time.monotonic()
                if _parent_gone(parent_pid, handle):
                    os._exit(ORPHAN_EXIT)

    threading.Thread(target=watch, name="clusterctl-watchdog", daemon=True).start()


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


def _settle() -> None:
    """Move everything loaded so far (modules, packs) out of the garbage collector's sight, so
    its full collections only walk the worker's own objects (measured: GC time per file about
    halves; docs/performance.md)."""
    gc.freeze()
