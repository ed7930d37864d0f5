"""What a file whose worker failed gets: the parent's report with its finding (F116 time limit,
F117 memory, F118 crash, F199 pool error), and whether the failure is surely the file's own."""

from __future__ import annotations

import signal
from typing import Any

from clusterctl.batch.worker import MEMORY_EXIT
from clusterctl.diagnostics import Finding, Location
from clusterctl.pipeline import Options, file_digest
from clusterctl.report import FileReport

# ``concurrent.futures.TimeoutError`` is the built-in one since Python 3.11: no need to import
# concurrent.futures (and logging with it) to recognise it (``check``'s start-up).
FutureTimeout = TimeoutError


def failure(
    path: str, code: str, params: dict[str, Any], options: Options, seconds: float | None = None
) -> FileReport:
    """The parent's report for a file whose worker failed. The file is read again only if it is
    a regular file, and never past the size limit (a FIFO or ``/dev/zero`` cannot stall us)."""
    digest, size = file_digest(path, options.limits.max_file_mb * 1024 * 1024)
    report = FileReport(path=path, sha256=digest, size=size, seconds=seconds)
    report.findings.append(Finding(code, Location(path), params))
    return report


def death_reason(exitcode: int | None) -> dict[str, str]:
    """F118's ``reason_zh`` and ``reason_en``: the signal's name, or the exit code."""
    if exitcode is None:
        return {"reason_zh": "原因不明", "reason_en": "unknown"}
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            return {"reason_zh": f"信号 {-exitcode}", "reason_en": f"signal {-exitcode}"}
        return {"reason_zh": name, "reason_en": name}
    return {"reason_zh": f"退出码 {exitcode}", "reason_en": f"exit code {exitcode}"}


def died(exitcode: int | None, path: str, options: Options) -> FileReport:
    """The report of a file whose worker died with ``exitcode`` while checking it: F117 for our
    memory watchdog's exit or SIGKILL (what the OOM killer sends), else F118."""
    killed = getattr(signal, "SIGKILL", None)
    if exitcode == MEMORY_EXIT or (killed is not None and exitcode == -killed):
        limit = {"limit_mb": options.limits.max_memory_mb}
        return failure(path, "F117", limit, options)  # our watchdog, or the OOM killer
    return failure(path, "F118", death_reason(exitcode), options)


def failed(exc: BaseException, path: str, options: Options) -> FileReport:
    """The report saying what happened to a pebble task that raised ``exc``."""
    from pebble import ProcessExpired

    limit = {"limit_mb": options.limits.max_memory_mb}
    if isinstance(exc, FutureTimeout):
        return failure(path, "F116", {"seconds": f"{options.limits.timeout_s:g}"}, options)
    if isinstance(exc, ProcessExpired):
        return died(exc.exitcode, path, options)
    if isinstance(exc, MemoryError):
        return failure(path, "F117", limit, options)
    # e.g. the report could not be pickled
    return failure(path, "F199", {"error": f"{type(exc).__name__}: {exc}"[:300]}, options)


def attributable(exc: BaseException, disrupted: bool) -> bool:
    """Is the failure ``exc`` of a task surely its own file's? ``disrupted``: another worker
    died, timed out or the pool failed after the task was scheduled or less than a time limit
    before (a worker started right after a death has been seen to hang on an innocent file).

    - ``ProcessExpired``: pebble matched the dead worker's pid to this task, so the file was
      the one the worker was running: its own (F117/F118). Only an exit with a positive status
      (not our memory watchdog's) after a disruption is doubted: pebble's worker exits so when
      it cannot use the task channel (e.g. a killed worker died holding the channel's lock).
    - ``MemoryError`` raised in the worker: its own.
    - A timeout: its own unless disrupted (its task may have been lost with a dying worker, or
      its worker started in a bad state); a file that really hangs hangs again (F116).
    - Anything else (``BrokenProcessPool``: "All workers expired", a channel error, the pool
      stopped): a pool error, not the file's.
    """
    from pebble import ProcessExpired

    if isinstance(exc, ProcessExpired):
        code = exc.exitcode
        return not (disrupted and code is not None and code > 0 and code != MEMORY_EXIT)
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, FutureTimeout):
        return not disrupted
    return False
