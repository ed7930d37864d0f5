"""``check`` of one file runs in a worker of its own, without a pool (batch/solo.py): the same
hostile files as the pool's tests (test_isolation.py) cost that file only, with the same codes,
forked or spawned."""

from __future__ import annotations

import functools
import os
import signal
import sys
from pathlib import Path

import pytest

from clusterctl.batch import isolation, solo, worker
from clusterctl.batch.isolation import run_file, run_files
from clusterctl.pipeline import Options
from clusterctl.workbook.limits import Limits

sys.path.insert(0, str(Path(__file__).parent))

from test_isolation import _codes, _files, _misbehave, _summary

SAMPLE = Path(__file__).parents[2] / "sample_data" / "01-eligible-beijing.xlsx"


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "_CHILD_HOOK", _misbehave)


CASES = [
    ("abort.xlsx", "F118", "SIGABRT"),
    ("segv.xlsx", "F118", "SIGSEGV"),
    ("exit.xlsx", "F118", "exit code 3"),
    ("sigkill.xlsx", "F117", "400"),
    ("hang.xlsx", "F116", "1"),
    ("hog.xlsx", "F117", "400"),
    ("noisy.xlsx", "F118", "SIGABRT"),
]


def _limits(code: str) -> Limits:
    # filling 400 MB takes a moment on a slow machine; a hang is cut at 1 s
    return Limits(timeout_s=60.0 if code == "F117" else 1.0, max_memory_mb=400)


@pytest.mark.parametrize(("name", "code", "said"), CASES)
def test_each_failure_is_the_files_finding(
    tmp_path: Path, hooked: None, capfd: pytest.CaptureFixture[str], name: str, code: str, said: str
) -> None:
    (path,) = _files(tmp_path, [name])
    report = run_file(path, Options(limits=_limits(code)))
    assert _codes(report) == {code}
    assert report.findings[0].location.file == path
    assert said in report.findings[0].message("en")
    captured = capfd.readouterr()
    assert "memory allocation" not in captured.err + captured.out  # the worker's fd 2 is null


@pytest.mark.parametrize(("name", "code"), [("abort.xlsx", "F118"), ("hang.xlsx", "F116")])
def test_without_fork_too(
    tmp_path: Path, hooked: None, no_fork: None, name: str, code: str
) -> None:
    """Spawned (Windows): the hook and the transform reach the worker by pickling; the time
    limit counts from when it takes the file, not from its slower start."""
    paths = _files(tmp_path, [name, "ok.xlsx"])
    options = Options(limits=Limits(timeout_s=3, max_memory_mb=400))
    (bad,) = run_files(paths[:1], options, transform=_summary)
    assert bad == (paths[0], (code,), os.getpid())  # the parent's own failure report
    ((path, codes, pid),) = run_files(paths[1:], options, transform=_summary)
    assert path == paths[1] and pid != os.getpid()
    assert not set(codes) & {"F116", "F117", "F118"}


def test_rss_watchdog_where_rlimit_is_missing(
    tmp_path: Path, hooked: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolation, "MEMORY_GUARD", "watchdog")  # as on Windows and macOS
    (path,) = _files(tmp_path, ["rss.xlsx"])
    report = run_file(path, Options(limits=Limits(timeout_s=60, max_memory_mb=300)))
    assert _codes(report) == {"F117"}
    assert "300" in report.findings[0].message("en")


def test_a_real_file_reads_as_in_process() -> None:
    isolated = run_file(str(SAMPLE), Options())
    inline = run_file(str(SAMPLE), Options(), isolate=False)
    assert isolated.to_rows() == inline.to_rows()
    assert isolated.verdict == inline.verdict and isolated.score == inline.score
    assert [(f.code, f.location, f.params) for f in isolated.findings] == [
        (f.code, f.location, f.params) for f in inline.findings
    ]


def test_the_pack_comes_back_with_the_report() -> None:
    """``check`` renders with the worker's pack, equal to the one this process would load."""
    from clusterctl.criteria.loader import find_pack

    ((report, pack),) = run_files([str(SAMPLE)], Options(), transform=worker.with_pack)
    assert report.pack_id and pack is not None and pack.id == report.pack_id
    assert pack == find_pack(report.pack_id)


def _dies_before_the_file(marker: str, conn) -> None:
    """The worker's body, replaced: the first worker dies before it takes the file."""
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(5)
    worker.solo_main(conn)


def _always_dies(conn) -> None:
    os._exit(5)


def test_a_worker_lost_before_the_file_runs_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = str(tmp_path / "died-once")
    monkeypatch.setattr(solo, "solo_main", functools.partial(_dies_before_the_file, marker))
    report = run_file(str(SAMPLE), Options())
    assert os.path.exists(marker)  # the first worker did die
    assert not _codes(report) & {"F116", "F117", "F118", "F199"}
    assert report.verdict is not None and report.sha256 is not None


def test_twice_lost_before_the_file_is_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(solo, "solo_main", _always_dies)
    (path,) = _files(tmp_path, ["any.xlsx"])
    report = run_file(path, Options())
    assert _codes(report) == {"F199"}
    assert "exit 5" in str(report.findings[0].params)


def _death_signal(report) -> int:
    import ctypes

    sig = ctypes.c_int(-1)
    zero = ctypes.c_ulong(0)
    ctypes.CDLL(None).prctl(ctypes.c_int(2), ctypes.byref(sig), zero, zero, zero)  # GET_PDEATHSIG
    return sig.value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_worker_dies_with_its_parent(tmp_path: Path) -> None:
    (path,) = _files(tmp_path, ["a.xlsx"])
    assert list(run_files([path], Options(), transform=_death_signal)) == [signal.SIGKILL]


def test_the_worker_is_gone_afterwards(tmp_path: Path) -> None:
    import psutil

    (path,) = _files(tmp_path, ["a.xlsx"])
    before = {p.pid for p in psutil.Process().children()}
    run_file(path, Options())
    assert {p.pid for p in psutil.Process().children()} - before == set()


class _Unloadable:
    """Pickles, but cannot be unpickled in the parent."""

    def __reduce__(self):
        return (_refuse, ())


def _refuse():
    import os

    if os.environ.get("CLUSTERCTL_TEST_REFUSE_PID") == str(os.getpid()):
        raise RuntimeError("cannot be loaded here")
    return "loaded"


def _unloadable(report):
    return report, _Unloadable()


def test_an_outcome_the_parent_cannot_load_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLUSTERCTL_TEST_REFUSE_PID", str(os.getpid()))
    (path,) = _files(tmp_path, ["a.xlsx"])
    ((report, _extra),) = run_files([path], Options(), transform=_unloadable)
    assert _codes(report) == {"F199"}  # the parent's own report, not a crash of check
    assert "cannot be loaded here" in report.findings[0].params["error"]
