"""Run a command and measure its wall time and the peak memory of its whole process tree."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

# How often the process tree's RSS is read. Every 10 ms cost the poller ~1.9 CPU s over a 13 s
# screen (15 % of one of the two cores the screen itself runs on, ~0.5-1 s of its wall time);
# every 50 ms costs ~0.45 s and finds the same peak (RSS moves over seconds, not milliseconds;
# the kernel's per-process ru_maxrss is taken as well).
POLL_S = 0.05


@dataclass(slots=True)
class Run:
    command: list[str]
    seconds: float
    returncode: int
    peak_tree_mb: float  # max over polls of the summed RSS of the process and its descendants
    peak_process_mb: float  # largest RSS of any single process (kernel's ru_maxrss, wait4)
    cpu_seconds: float  # user + system time of the process and the descendants it waited for
    stdout: str
    stderr: str


def run_tree(
    command: list[str],
    cwd: Path | None = None,
    timeout: float = 3600.0,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``command`` to completion; poll the RSS of its process tree every :data:`POLL_S`."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+b") as out, open(f"{out_path}.err", "w+b") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        root = psutil.Process(proc.pid)
        peak = 0
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            peak = max(peak, _tree_rss(root))
            time.sleep(POLL_S)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    # ru_maxrss is in KiB on Linux; it covers the child and the descendants it waited for.
    single = usage.ru_maxrss / 1024 if usage else 0.0
    cpu = usage.ru_utime + usage.ru_stime if usage else 0.0
    tree = max(peak / 2**20, single)
    return Run(command, seconds, proc.returncode, tree, single, cpu, stdout, stderr)


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def machine() -> dict[str, str]:
    """CPU model, cores, RAM and Python version, for the table's header."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "python": sys.version.split()[0],
        "os": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
