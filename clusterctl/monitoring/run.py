"""A monitoring run: the filings through the same pipeline, in the same worker pool as
``screen`` (:class:`~clusterctl.batch.isolation.WorkerPool`: a hostile file costs one finding),
then matched to the registry and judged (:mod:`.matching`, :mod:`.rules`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from clusterctl.diagnostics import Severity
from clusterctl.monitoring.matching import monitor
from clusterctl.monitoring.model import Collected, MonitorResult, Registered
from clusterctl.monitoring.registry import Registry
from clusterctl.report import FileReport

if TYPE_CHECKING:
    from clusterctl.batch.isolation import WorkerPool
    from clusterctl.config.settings import Settings
    from clusterctl.pipeline import Options
    from clusterctl.workbook.limits import Limits

DEFAULT_JURISDICTION = "beijing"


# check's lifecycle findings (L5xx: an unreported change, an incident, a failed item…) are the
# facts monitoring judges itself from the filing: they are grounds or concerns, not "errors"
JUDGED_HERE = "L5"


class Collect:
    """The per-file work, in the worker: the run's settings applied, the filing and the first
    error kept (the evaluation and the cells are left behind). Picklable."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, report: FileReport) -> Collected:
        if self.settings is not None:
            self.settings.apply(report)
        errors = [
            f
            for f in report.findings
            if f.level is Severity.ERROR and not f.code.startswith(JUDGED_HERE)
        ]
        return Collected(
            path=report.path,
            kind=report.kind,
            filing=report.filing,
            errors=len(errors),
            first_error=errors[0] if errors else None,
        )


def monitor_workers(options: Options, settings: Settings | None, jobs: int | None) -> WorkerPool:
    """The workers of a run (enter them before gathering the files, as ``screen`` does)."""
    from clusterctl.batch.isolation import WorkerPool

    return WorkerPool(options, jobs, Collect(settings))


def read_registry_isolated(path: str, limits: Limits) -> Registry:
    """The register read in a worker of its own, like any input (the same setup as the pool's
    workers: memory cap, dies with its parent, the time limit): a register that crashes or hangs
    the parser is unusable, never the end of this process."""
    import multiprocessing

    from pebble import ProcessPool

    from clusterctl.batch.isolation import memory_guard, start_method
    from clusterctl.batch.worker import WorkerSetup, init_worker
    from clusterctl.i18n import Text
    from clusterctl.monitoring.registry import read_registry

    setup = WorkerSetup(os.getpid(), limits.max_memory_mb, memory_guard())
    pool = ProcessPool(
        max_workers=1,
        initializer=init_worker,
        initargs=(setup,),
        context=multiprocessing.get_context(start_method()),
    )
    try:
        return pool.schedule(read_registry, args=(path, limits), timeout=limits.timeout_s).result()
    except Exception as exc:  # a crash, a timeout, the memory cap: the register is unusable
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return Registry(
            path, unreadable=Text(f"读取时进程失败（{reason}）", f"reading failed ({reason})")
        )
    finally:
        pool.stop()
        pool.join(timeout=10)


def calendar_deadline(default: str = DEFAULT_JURISDICTION) -> Callable[[Registered, int], Any]:
    """Each cluster's deadline from the lifecycle calendar, by its registry edition (else
    ``default``) and list year; None when the calendar has none."""
    from clusterctl.lifecycle.calendar import CalendarError, report_deadline

    def deadline(cluster: Registered, reporting_year: int) -> date | None:
        list_year = cluster.list_year
        if list_year is None:
            return None
        try:
            return report_deadline(cluster.edition or default, list_year, reporting_year)
        except CalendarError:
            return None

    return deadline


def run_monitor(
    files: Sequence[str],
    registry: Registry,
    as_of: date,
    options: Options,
    *,
    settings: Settings | None = None,
    pool: WorkerPool | None = None,
    jobs: int | None = None,
    isolate: bool = True,
    on_file: Callable[[Collected], None] | None = None,
    jurisdiction: str = DEFAULT_JURISDICTION,
) -> MonitorResult:
    """Assess every file (in ``pool`` when given), then every registered cluster."""
    from clusterctl.batch.isolation import run_files

    transform = pool.transform if pool is not None else Collect(settings)
    collected: list[Collected] = []
    if files:
        for item in run_files(
            files, options, jobs=jobs, ordered=True, isolate=isolate, transform=transform, pool=pool
        ):
            collected.append(item)
            if on_file is not None:
                on_file(item)
    assessments, findings = monitor(registry, collected, as_of, calendar_deadline(jurisdiction))
    return MonitorResult(registry.path, as_of, assessments, findings, collected)
