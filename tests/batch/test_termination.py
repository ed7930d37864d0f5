"""The process level of a batch (issue 15, items 2 and 7): SIGTERM or SIGHUP during ``screen``
cleans up like Ctrl-C, and a worker whose parent is killed does not outlive it.

The batches are built by the fixtures below (copies of the samples; a slow hook for the workers
in a helper module written to a temporary folder). Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))
CLI = "import sys; sys.argv[0] = 'clusterctl'; from clusterctl.cli.app import main; main()"

SLOW_HOOK = '''
import os, time

def slow(path):
    """Runs in each worker before a file: note the worker, then take (nearly) forever."""
    marks = os.environ["CLUSTERCTL_TEST_MARKS"]
    with open(os.path.join(marks, str(os.getpid())), "w") as fh:
        fh.write(path)
    time.sleep(600)
'''
# The real command, with the slow hook set in the parent (it reaches the workers in their setup).
SLOW_CLI = (
    "import sys, slowhook; sys.argv[0] = 'clusterctl'\n"
    "from clusterctl.batch import isolation\n"
    "isolation._CHILD_HOOK = slowhook.slow\n"
    "from clusterctl.cli.app import main\n"
    "main()\n"
)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 200 workbooks: the samples, copied."""
    folder = tmp_path_factory.mktemp("many") / "in"
    folder.mkdir()
    for i in range(200 // len(SAMPLES) + 1):
        for sample in SAMPLES:
            shutil.copy(sample, folder / f"{i:03d}-{sample.name}")
    return folder


def _wait_for(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


TERMINATING = [s for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]


# On Windows, "SIGTERM" to another process is TerminateProcess: nothing can handle it.
@pytest.mark.skipif(os.name != "posix", reason="signals reach a handler on POSIX only")
@pytest.mark.parametrize("name", TERMINATING)
def test_termination_mid_run_leaves_no_temporary_files(
    batch: Path, tmp_path: Path, name: str
) -> None:
    signum = getattr(signal, name)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"the summary of an earlier run")
    env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "screen", str(batch), "-o", str(out), "-j", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        # mid-run: the workers are running (on POSIX the finding spool has no name to wait for:
        # FindingSpool unlinks it as soon as it is open)
        assert _wait_for(lambda: psutil.Process(proc.pid).children(recursive=True), 60)
        time.sleep(1.0)
        workers = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
        assert workers
        assert proc.poll() is None, "the batch ended before the signal: make it bigger"
        sent = time.monotonic()
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=20)
        assert time.monotonic() - sent < 10  # promptly
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signum, err
    assert name in err and "Traceback" not in err
    assert out.read_bytes() == b"the summary of an earlier run"  # not replaced, not touched
    assert [p.name for p in tmp.iterdir()] == []  # no spool, no clusterctl file at all
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".~clusterctl")]
    assert _wait_for(lambda: all(_gone(pid) for pid in workers), 10)


def test_workers_do_not_outlive_a_killed_parent(batch: Path, tmp_path: Path) -> None:
    helper = tmp_path / "helper"
    helper.mkdir()
    (helper / "slowhook.py").write_text(SLOW_HOOK, encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    pythonpath = os.pathsep.join([str(helper), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env = {**os.environ, "PYTHONPATH": pythonpath, "CLUSTERCTL_TEST_MARKS": str(marks)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, "screen", str(batch), "-j", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # both workers are inside a file (the hook marks them) when the parent dies
        assert _wait_for(lambda: len(list(marks.iterdir())) >= 2, 90)
        workers = [int(p.name) for p in marks.iterdir()]
        assert all(not _gone(pid) for pid in workers)
        proc.kill()  # SIGKILL: nothing in the parent runs
        proc.wait(timeout=10)
        assert _wait_for(lambda: all(_gone(pid) for pid in workers), 5), [
            (pid, psutil.Process(pid).ppid()) for pid in workers if not _gone(pid)
        ]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in [int(p.name) for p in marks.iterdir()]:
            if not _gone(pid):
                psutil.Process(pid).kill()


def _slow_check(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """``check`` of one sample with the slow hook: its one worker (no pool) sits in the file."""
    helper = tmp_path / "helper"
    helper.mkdir()
    (helper / "slowhook.py").write_text(SLOW_HOOK, encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    pythonpath = os.pathsep.join([str(helper), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env = {**os.environ, "PYTHONPATH": pythonpath, "CLUSTERCTL_TEST_MARKS": str(marks)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, "check", str(SAMPLES[0])],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return proc, marks


@pytest.mark.skipif(os.name != "posix", reason="signals reach a handler on POSIX only")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_check_of_one_file_leaves_no_worker_behind(tmp_path: Path, how: str) -> None:
    """SIGTERM: the command unwinds (exit 143, its message, no traceback) and kills its worker;
    SIGKILL of the parent: the worker dies with it."""
    proc, marks = _slow_check(tmp_path)
    try:
        assert _wait_for(lambda: len(list(marks.iterdir())) >= 1, 60)
        (pid,) = [int(p.name) for p in marks.iterdir()]
        assert not _gone(pid)
        proc.send_signal(getattr(signal, how))
        _out, err = proc.communicate(timeout=20)
        assert _wait_for(lambda: _gone(pid), 5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in [int(p.name) for p in marks.iterdir()]:
            if not _gone(pid):
                psutil.Process(pid).kill()
    if how == "SIGTERM":
        assert proc.returncode == 128 + signal.SIGTERM, err
        assert "SIGTERM" in err and "Traceback" not in err
