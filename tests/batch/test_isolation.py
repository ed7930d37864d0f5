"""Worker isolation: a crash, hang or memory blow-up costs one file, never the batch."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from clusterctl.batch import isolation
from clusterctl.batch.isolation import run_file, run_files
from clusterctl.pipeline import Options
from clusterctl.workbook.limits import Limits


def _misbehave(path: str) -> None:
    """Test hook run in the child before the pipeline: the file name says what to do."""
    import faulthandler

    faulthandler.disable()  # pytest's handler would dump tracebacks on abort/segfault: noise
    name = os.path.basename(path)
    if name.startswith("abort"):
        os.abort()
    if name.startswith("segv"):
        import ctypes

        ctypes.string_at(0)  # reads address 0: SIGSEGV
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        hoard = []
        while True:  # until the address-space cap stops it
            hoard.append(bytearray(64 << 20))
    if name.startswith("exit"):
        os._exit(3)
    if name.startswith("rss"):  # touches every page: resident, not just reserved
        hoard = []
        while True:
            hoard.append(b"\x01" * (32 << 20))
    if name.startswith("sigkill"):  # killed mid-file, as by the OOM killer or a user's kill -9
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("killall"):  # every worker of the pool at once, this one last
        import psutil

        me = os.getpid()
        for sibling in psutil.Process(os.getppid()).children():
            if sibling.pid != me and sibling.name() == psutil.Process(me).name():
                sibling.kill()
        os.kill(me, signal.SIGKILL)
    if name.startswith("wedge"):  # dies holding pebble's task-channel lock (a known pebble issue)
        frame = sys._getframe()
        while frame is not None and "channel" not in frame.f_locals:
            frame = frame.f_back
        assert frame is not None
        frame.f_locals["channel"].mutex.acquire()
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("noisy"):  # as Rust does when an allocation fails: fd 2, then abort
        os.write(2, b"memory allocation of 549755813888 bytes failed\nstack backtrace:\n")
        os.abort()


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "_CHILD_HOOK", _misbehave)


def _files(tmp_path: Path, names: list[str]) -> list[str]:
    paths = []
    for name in names:
        p = tmp_path / name
        p.write_bytes(b"not a workbook\n")
        paths.append(str(p))
    return paths


def _codes(report) -> set[str]:
    return {f.code for f in report.findings}


def test_each_failure_costs_only_its_file(tmp_path: Path, hooked: None) -> None:
    names = ["ok1.xlsx", "abort.xlsx", "ok2.xlsx", "segv.xlsx", "hang.xlsx", "exit.xlsx"]
    names += ["ok3.xlsx"]
    paths = _files(tmp_path, names)
    options = Options(limits=Limits(timeout_s=1.5))
    reports = list(run_files(paths, options, jobs=2, ordered=True))
    assert [r.path for r in reports] == paths
    by_name = {os.path.basename(r.path): r for r in reports}
    assert _codes(by_name["abort.xlsx"]) == {"F118"}
    assert "SIGABRT" in by_name["abort.xlsx"].findings[0].message("en")
    assert _codes(by_name["segv.xlsx"]) == {"F118"}
    assert "SIGSEGV" in by_name["segv.xlsx"].findings[0].message("en")
    assert _codes(by_name["hang.xlsx"]) == {"F116"}
    assert _codes(by_name["exit.xlsx"]) == {"F118"}
    for name in ("ok1.xlsx", "ok2.xlsx", "ok3.xlsx"):
        # the ordinary files went through the pipeline: none of the isolation codes
        assert not _codes(by_name[name]) & {"F116", "F117", "F118"}
        assert by_name[name].sha256 is not None


_WORKER_CODES = {"F116", "F117", "F118", "F199"}


def _worker_findings(reports) -> dict[str, set[str]]:
    found = {os.path.basename(r.path): _codes(r) & _WORKER_CODES for r in reports}
    return {name: codes for name, codes in found.items() if codes}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_killed_worker_costs_exactly_one_file(tmp_path: Path, hooked: None, jobs: int) -> None:
    """SIGKILL mid-file: that file gets its finding (F117: SIGKILL is what the OOM killer
    sends), and no other file loses its task with the worker (issue 15)."""
    names = [f"ok{i}.xlsx" for i in range(3)] + ["sigkill.xlsx"] + [f"ok{i}.xlsx" for i in (3, 4)]
    paths = _files(tmp_path, names)
    reports = list(run_files(paths, Options(limits=Limits(timeout_s=5)), jobs=jobs, ordered=True))
    assert [r.path for r in reports] == paths
    assert _worker_findings(reports) == {"sigkill.xlsx": {"F117"}}


def test_all_workers_killed_at_once_cost_only_their_files(tmp_path: Path, hooked: None) -> None:
    """Both workers of two killed together (pebble then fails every task: "All workers
    expired"): the files they ran get their finding, every other file runs again and is read."""
    names = ["ok0.xlsx", "killall.xlsx"] + [f"ok{i}.xlsx" for i in range(1, 7)]
    paths = _files(tmp_path, names)
    reports = list(run_files(paths, Options(limits=Limits(timeout_s=5)), jobs=2, ordered=True))
    assert [r.path for r in reports] == paths
    found = _worker_findings(reports)
    assert found.pop("killall.xlsx") == {"F117"}
    # the other worker may have been running one file when it was killed: that one only
    assert len(found) <= 1 and all(codes == {"F117"} for codes in found.values()), found


def test_a_wedged_pool_is_replaced_and_its_tasks_run_again(
    tmp_path: Path, hooked: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed holding pebble's channel lock leaves the pool unable to hand out tasks:
    no wait on it is unbounded; a fresh pool runs the stranded files."""
    monkeypatch.setattr(isolation, "STALL_GRACE_S", 1.0)
    paths = _files(tmp_path, ["ok0.xlsx", "wedge.xlsx", "ok1.xlsx", "ok2.xlsx", "ok3.xlsx"])
    started = time.monotonic()
    reports = list(run_files(paths, Options(limits=Limits(timeout_s=2)), jobs=1, ordered=True))
    assert time.monotonic() - started < 40  # pebble's own lock timeout is 60 s per worker
    assert [r.path for r in reports] == paths
    assert _worker_findings(reports) == {"wedge.xlsx": {"F117"}}


def test_a_real_hang_still_times_out_after_a_worker_death(tmp_path: Path, hooked: None) -> None:
    """A timeout after another worker died is run again; a file that really hangs hangs again
    and keeps its F116."""
    paths = _files(tmp_path, ["sigkill.xlsx", "hang.xlsx", "ok.xlsx"])
    reports = list(run_files(paths, Options(limits=Limits(timeout_s=1.5)), jobs=2))
    assert _worker_findings(reports) == {"sigkill.xlsx": {"F117"}, "hang.xlsx": {"F116"}}


def test_memory_cap_costs_only_its_file(tmp_path: Path, hooked: None) -> None:
    paths = _files(tmp_path, ["hog.xlsx", "ok.xlsx"])
    options = Options(limits=Limits(timeout_s=60, max_memory_mb=400))
    reports = {os.path.basename(r.path): r for r in run_files(paths, options, jobs=2)}
    assert _codes(reports["hog.xlsx"]) == {"F117"}
    assert "400" in reports["hog.xlsx"].findings[0].message("zh")
    assert "F117" not in _codes(reports["ok.xlsx"])


def test_unordered_yields_every_file_once(tmp_path: Path, hooked: None) -> None:
    paths = _files(tmp_path, [f"ok{i}.xlsx" for i in range(7)] + ["abort.xlsx"])
    reports = list(run_files(paths, Options(), jobs=3))
    assert sorted(r.path for r in reports) == sorted(paths)


def test_run_file_matches_in_process(tmp_path: Path) -> None:
    (path,) = _files(tmp_path, ["plain.xlsx"])
    isolated = run_file(path, Options())
    inline = run_file(path, Options(), isolate=False)
    assert isolated.to_rows() == inline.to_rows()
    assert isolated.sha256 == inline.sha256


def test_missing_file_is_reported(tmp_path: Path) -> None:
    report = run_file(str(tmp_path / "nope.xlsx"), Options())
    assert _codes(report) == {"F100"}


def test_lazy_iteration_keeps_few_tasks_in_flight(
    tmp_path: Path, hooked: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pebble import ProcessPool

    paths = _files(tmp_path, [f"ok{i}.xlsx" for i in range(12)])
    scheduled: list[str] = []
    real_schedule = ProcessPool.schedule

    def counting_schedule(self, function, args=(), **kwargs):
        if function is isolation.check_in_worker:  # not the pool's start-up task
            scheduled.append(args[0])
        return real_schedule(self, function, args=args, **kwargs)

    monkeypatch.setattr(ProcessPool, "schedule", counting_schedule)
    gen = run_files(paths, Options(), jobs=2, ordered=True)
    first = next(gen)
    assert first.path == paths[0]
    assert 1 <= len(scheduled) <= 4  # nothing beyond the window of 2 x jobs was submitted
    gen.close()


@pytest.mark.parametrize(
    ("name", "code"), [("abort.xlsx", "F118"), ("hang.xlsx", "F116"), ("hog.xlsx", "F117")]
)
def test_single_file_in_a_pool_of_one(tmp_path: Path, hooked: None, name: str, code: str) -> None:
    (path,) = _files(tmp_path, [name])
    timeout = 60.0 if code == "F117" else 1.0  # filling 400 MB takes a moment on a slow machine
    report = run_file(path, Options(limits=Limits(timeout_s=timeout, max_memory_mb=400)))
    assert _codes(report) == {code}
    assert report.findings[0].location.file == path


@pytest.mark.parametrize("ordered", [True, False])
def test_sequencer_releases_every_report_once(ordered: bool) -> None:
    sequencer = isolation._Sequencer(ordered)
    finish_order = [2, 0, 3, 1]
    released = [r for i in finish_order for r in sequencer.release(i, f"report{i}")]
    expected = [f"report{i}" for i in (range(4) if ordered else finish_order)]
    assert released == expected
    assert sequencer.released == 4 and not sequencer.held


def _summary(report) -> tuple[str, tuple[str, ...], int]:
    """A picklable transform: what was made of the report, and in which process."""
    return (report.path, tuple(sorted(_codes(report))), os.getpid())


@pytest.mark.parametrize("jobs", [1, 2])
def test_transform_runs_in_the_worker_and_on_the_parents_failures(
    tmp_path: Path, hooked: None, jobs: int
) -> None:
    names = ["ok1.xlsx", "abort.xlsx", "hang.xlsx", "ok2.xlsx"][: 2 if jobs == 1 else 4]
    paths = _files(tmp_path, names)
    options = Options(limits=Limits(timeout_s=1.5))
    # jobs=1 with one file per call: a pool of one (check); jobs=2 with 4 files: two workers
    calls = [[p] for p in paths] if jobs == 1 else [paths]
    out = [s for chunk in calls for s in run_files(chunk, options, jobs=jobs, transform=_summary)]
    by_name = {os.path.basename(path): (codes, pid) for path, codes, pid in out}
    assert sorted(by_name) == sorted(names)
    assert by_name["ok1.xlsx"][1] != os.getpid()  # made in the worker
    assert not set(by_name["ok1.xlsx"][0]) & {"F116", "F117", "F118"}
    assert by_name["abort.xlsx"] == (("F118",), os.getpid())  # the parent's own failure report
    if jobs == 2:
        assert by_name["hang.xlsx"] == (("F116",), os.getpid())


def test_transform_in_process(tmp_path: Path) -> None:
    paths = _files(tmp_path, ["a.xlsx", "b.xlsx"])
    out = list(run_files(paths, Options(), isolate=False, transform=_summary))
    assert [(p, pid) for p, _codes_, pid in out] == [(p, os.getpid()) for p in paths]


@pytest.mark.parametrize("names", [["noisy.xlsx"], ["noisy.xlsx", "ok.xlsx", "ok2.xlsx"]])
def test_a_dying_worker_prints_nothing_to_the_terminal(
    tmp_path: Path, hooked: None, capfd: pytest.CaptureFixture[str], names: list[str]
) -> None:
    # one file: a pool of one (check); three on two jobs: two workers (screen)
    paths = _files(tmp_path, names)
    reports = {os.path.basename(r.path): r for r in run_files(paths, Options(), jobs=2)}
    assert _codes(reports["noisy.xlsx"]) == {"F118"}
    captured = capfd.readouterr()
    assert "memory allocation" not in captured.err + captured.out


MARK = "before"  # changed by the parent after its workers have forked


def _mark(report) -> str:
    return MARK  # read in the worker


def test_pool_forks_its_workers_when_entered(tmp_path: Path, monkeypatch) -> None:
    """What the parent builds after entering the pool (screen: the list of files) is not in
    the workers: they forked before it existed."""
    paths = _files(tmp_path, ["a.xlsx", "b.xlsx", "c.xlsx"])
    with isolation.WorkerPool(Options(), jobs=2, transform=_mark) as pool:
        monkeypatch.setattr(__import__(__name__), "MARK", "after")
        assert MARK == "after"
        marks = list(run_files(paths, Options(), transform=_mark, pool=pool))
    assert marks == ["before"] * 3


def test_pool_runs_one_batch_and_its_own_transform(tmp_path: Path) -> None:
    paths = _files(tmp_path, ["a.xlsx", "b.xlsx"])
    with isolation.WorkerPool(Options(), jobs=2, transform=_mark) as pool:
        with pytest.raises(ValueError, match="transform"):
            run_files(paths, Options(), transform=_summary, pool=pool)
        assert len(list(run_files(paths, Options(), pool=pool))) == 2
        with pytest.raises(RuntimeError, match="not started"):
            list(pool.run(paths))  # its workers were stopped after the batch


def test_start_method_is_fork_where_safe_else_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import sys

    monkeypatch.delenv(isolation.START_METHOD_ENV, raising=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setattr(sys, "platform", "linux")
    assert isolation.start_method() == "fork"
    monkeypatch.setattr(sys, "platform", "darwin")  # fork exists but is not safe there
    assert isolation.start_method() == "spawn"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert isolation.start_method() == "spawn"
    monkeypatch.setenv(isolation.START_METHOD_ENV, "fork")  # not available: not honoured
    assert isolation.start_method() == "spawn"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setenv(isolation.START_METHOD_ENV, "spawn")
    assert isolation.start_method() == "spawn"
    monkeypatch.setenv(isolation.START_METHOD_ENV, "forkserver")  # only fork or spawn
    assert isolation.start_method() == "fork"


def test_the_no_fork_fixture_removes_fork(no_fork: None) -> None:
    import multiprocessing

    assert "fork" not in multiprocessing.get_all_start_methods()
    assert "forkserver" not in multiprocessing.get_all_start_methods()
    with pytest.raises(ValueError):
        multiprocessing.get_context("fork")
    with pytest.raises(ValueError):
        multiprocessing.set_start_method("forkserver", force=True)
    with pytest.raises(OSError):
        os.fork()
    assert multiprocessing.get_context().get_start_method() == "spawn"
    assert isolation.start_method() == "spawn"


def test_without_fork_each_failure_still_costs_only_its_file(
    tmp_path: Path, hooked: None, no_fork: None
) -> None:
    """Spawned workers (Windows): the hook and the transform reach them by pickling."""
    names = ["ok1.xlsx", "abort.xlsx", "hang.xlsx", "hog.xlsx", "ok2.xlsx"]
    paths = _files(tmp_path, names)
    # the time limit counts from when a worker takes the file, not from its (slower) start
    options = Options(limits=Limits(timeout_s=3, max_memory_mb=400))
    out = list(run_files(paths, options, jobs=2, transform=_summary))
    by_name = {os.path.basename(path): (codes, pid) for path, codes, pid in out}
    assert sorted(by_name) == sorted(names)
    assert by_name["abort.xlsx"] == (("F118",), os.getpid())
    assert by_name["hang.xlsx"] == (("F116",), os.getpid())
    assert by_name["hog.xlsx"][0] == ("F117",)
    for name in ("ok1.xlsx", "ok2.xlsx"):
        codes, pid = by_name[name]
        assert pid != os.getpid() and not set(codes) & {"F116", "F117", "F118"}


def test_rss_watchdog_caps_memory_where_rlimit_is_missing(
    tmp_path: Path, hooked: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolation, "MEMORY_GUARD", "watchdog")  # as on Windows and macOS
    paths = _files(tmp_path, ["rss.xlsx", "ok.xlsx"])
    options = Options(limits=Limits(timeout_s=60, max_memory_mb=300))
    reports = {os.path.basename(r.path): r for r in run_files(paths, options, jobs=1)}
    assert _codes(reports["rss.xlsx"]) == {"F117"}
    assert "300" in reports["rss.xlsx"].findings[0].message("en")
    assert "F117" not in _codes(reports["ok.xlsx"])


def test_a_worker_whose_parent_is_gone_ends_itself() -> None:
    """The watchdog thread (everywhere; Linux also has PR_SET_PDEATHSIG): a worker whose parent
    is gone exits on its own. Its "parent" here is a process that lives a second: on POSIX the
    worker's real parent differs from it at once (as after re-parenting to init), on Windows
    the watchdog sees it end."""
    import subprocess
    import sys

    from clusterctl.batch import worker

    short = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    code = (
        "import time\n"
        "from clusterctl.batch import worker\n"
        f"worker._start_watchdog({short.pid})\n"
        "time.sleep(30)\n"
    )
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", code], timeout=20, check=False)
    finally:
        short.wait()
    assert done.returncode == worker.ORPHAN_EXIT
    assert time.monotonic() - started < 10


def test_never_more_workers_than_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pebble

    sizes: list[int] = []
    real_init = pebble.ProcessPool.__init__

    def noting_init(self, max_workers=1, *args, **kwargs):
        sizes.append(max_workers)
        real_init(self, max_workers, *args, **kwargs)

    monkeypatch.setattr(pebble.ProcessPool, "__init__", noting_init)
    paths = _files(tmp_path, ["one.xlsx", "two.xlsx"])
    assert [r.path for r in run_files(paths, Options(), jobs=8, ordered=True)] == paths
    assert sizes == [2]
    # check of one file: no pool at all, one worker of its own (batch/solo.py)
    out = list(run_files(paths[:1], Options(), jobs=8, transform=_summary))
    assert [(path, pid != os.getpid()) for path, _codes_, pid in out] == [(paths[0], True)]
    assert sizes == [2]


def test_the_screen_transform_and_the_worker_setup_pickle() -> None:
    """What a spawned worker receives must survive pickling (there is no fork to inherit it)."""
    import pickle

    from clusterctl.batch.run import screen_workers
    from clusterctl.batch.worker import WorkerSetup
    from clusterctl.cli.screen_cmd import _json_record
    from clusterctl.config.discovery import load_settings

    settings = load_settings(isolated=True)
    pool = screen_workers(Options(), settings, "en", 1, _json_record("en"))
    setup = WorkerSetup(os.getpid(), 512, "rlimit", pool.transform, _misbehave)
    again = pickle.loads(pickle.dumps(setup))
    assert again.parent_pid == os.getpid() and again.hook is _misbehave
    assert type(again.transform) is type(pool.transform)
    assert again.transform.lang == "en" and again.transform.file_record is not None
    assert pickle.loads(pickle.dumps(Options(criteria="beijing-2023"))).criteria == "beijing-2023"


def _death_signal(report) -> int:
    """A transform run in the worker: the signal the kernel sends it when its parent dies."""
    import ctypes

    sig = ctypes.c_int(-1)
    zero = ctypes.c_ulong(0)
    ctypes.CDLL(None).prctl(ctypes.c_int(2), ctypes.byref(sig), zero, zero, zero)  # GET_PDEATHSIG
    return sig.value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_linux_workers_are_killed_by_the_kernel_when_the_parent_dies(tmp_path: Path) -> None:
    import signal

    paths = _files(tmp_path, ["a.xlsx", "b.xlsx"])
    assert (
        list(run_files(paths, Options(), jobs=2, transform=_death_signal)) == [signal.SIGKILL] * 2
    )
