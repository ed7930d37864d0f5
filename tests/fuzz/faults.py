"""Process faults around a real ``clusterctl screen``/``check``: a worker killed (SIGKILL,
SIGINT), the run interrupted (Ctrl-C to the process group) or terminated (SIGTERM, SIGHUP), the
parent killed, a full disk (``RLIMIT_FSIZE``, and ``/dev/full`` as stdout), an unwritable output
folder, and files changing while the batch runs.

Each scenario gives one :class:`~.run.Outcome`: ``clean`` when the tool answered as promised
(a complete batch, or a clear error without a traceback, no half-written output, no temporary
file and no process left behind), else a failure kind with the reason. Scenarios with
``ci=False`` wait for another helper's fix (named at each) and run only in the long campaign.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .run import CONFIG, Outcome, _summary_failure, clusterctl, run_cli
from .sources import ROOT

SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))
TRACEBACK = b"Traceback (most recent call last)"


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    run: Callable[[Path], tuple[str, str]]  # (kind, detail) in a fresh work folder
    ci: bool = True


SLOW_COPIES = 6


def _folder(work: Path, copies: int = 12, slow: bool = False) -> Path:
    folder = work / "in"
    folder.mkdir(parents=True)
    for i in range(copies):
        shutil.copy(SAMPLES[i % len(SAMPLES)], folder / f"{i:03d}.xlsx")
    if slow:  # seconds of reading: a worker is surely busy with one when the signal comes
        import sys

        sys.path.insert(0, str(ROOT / "tests" / "robustness"))
        import make_corpus

        # first in the queue; about 1 s each on this machine since the roster got faster, so
        # six of them keep both workers busy for ~3 s: the signal lands mid-run, not while the
        # summary is written (a SIGKILL there leaves openpyxl's temporary files: no process
        # can clean up after SIGKILL)
        first = folder / "000-slow-roster-50k.xlsx"
        make_corpus.case_roster_50k(first)
        for i in range(1, SLOW_COPIES):
            shutil.copy(first, folder / f"00{i}-slow-roster-50k.xlsx")
    return folder


def _env(work: Path) -> dict[str, str]:
    tmp = work / "tmp"
    tmp.mkdir(exist_ok=True)
    tmp.chmod(0o777)
    return {**os.environ, "TMPDIR": str(tmp), "PYTHONIOENCODING": "utf-8"}


def _leftovers(work: Path) -> list[str]:
    return sorted(p.name for p in (work / "tmp").iterdir())


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _session_alive(sid: int) -> list[int]:
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry))
    return alive


def _screen(work: Path, folder: Path, *extra: str) -> list[str]:
    (work / "fuzz.toml").write_text(CONFIG, encoding="utf-8")
    out = work / "out" / "summary.xlsx"
    out.parent.mkdir(exist_ok=True)
    return [*clusterctl(), "screen", str(folder), "-o", str(out), "--format", "json",
            "--config", str(work / "fuzz.toml"), "--jobs", "2", *extra]  # fmt: skip


def _complete(work: Path, proc_stdout: bytes, folder: Path, killed_ok: int = 0):
    """Is the batch complete: a row per file, a summary that opens? (kind, detail)."""
    try:
        rows = json.loads(proc_stdout)["files"]
    except (ValueError, KeyError) as exc:
        return "bad output", f"screen JSON: {exc}"
    names = sorted(os.listdir(folder))
    if sorted(os.path.basename(r["path"]) for r in rows) != names:
        return "bad output", f"{len(rows)} rows for {len(names)} files"
    worker = [r["path"] for r in rows for f in r["findings"] if f["code"] in ("F116", "F117")]
    worker += [r["path"] for r in rows for f in r["findings"] if f["code"] in ("F118", "F199")]
    if len(worker) > killed_ok:
        return "crash", f"worker findings on {worker}"
    if why := _summary_failure(work / "out" / "summary.xlsx"):
        return "bad output", why
    return "clean", f"{len(rows)} rows, worker findings on {len(worker)}"


def kill_worker(sig: int, jobs: int = 1) -> Callable[[Path], tuple[str, str]]:
    """``sig`` to every worker (``--jobs``) while one reads the slow file, first in the queue:
    the files they held may get a worker finding, every other file its normal row."""

    def scenario(work: Path) -> tuple[str, str]:
        folder = _folder(work, slow=True)
        args = _screen(work, folder)
        args[args.index("--jobs") + 1] = str(jobs)
        with open(work / "stdout", "wb") as out, open(work / "stderr", "wb") as err:
            proc = subprocess.Popen(args, stdout=out, stderr=err, env=_env(work),
                                    start_new_session=True)  # fmt: skip
            deadline = time.monotonic() + 60
            victims: list[int] = []
            while not victims and time.monotonic() < deadline and proc.poll() is None:
                if _children(proc.pid):
                    time.sleep(0.5)  # one has taken the slow file (seconds of reading)
                    victims = _children(proc.pid)
                    for victim in victims:
                        os.kill(victim, sig)
                time.sleep(0.05)
            try:
                proc.wait(timeout=240)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return "hang", "screen did not finish after the worker was killed"
        stderr = (work / "stderr").read_bytes()
        if TRACEBACK in stderr:
            return "traceback", stderr.decode("utf-8", "replace")[-500:]
        if proc.returncode not in (0, 1):
            return "bad output", f"exit {proc.returncode}: {stderr[-300:]!r}"
        if not victims:
            return "bad output", "no worker was seen"
        return _complete(work, (work / "stdout").read_bytes(), folder, killed_ok=len(victims))

    return scenario


def signal_parent(sig: int, group: bool) -> Callable[[Path], tuple[str, str]]:
    """``sig`` to the screen (``group``: to its process group, as Ctrl-C does) mid-run: it
    stops with a non-zero exit, no traceback, no temporary file, no process left, and no
    summary unless a complete one (the signal came after it was renamed into place)."""

    def scenario(work: Path) -> tuple[str, str]:
        folder = _folder(work, slow=True)
        args = _screen(work, folder)
        with open(work / "stdout", "wb") as out, open(work / "stderr", "wb") as err:
            proc = subprocess.Popen(args, stdout=out, stderr=err, env=_env(work),
                                    start_new_session=True)  # fmt: skip
            deadline = time.monotonic() + 60
            while not _children(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1.0)
            if sig == signal.SIGKILL or not group:
                os.kill(proc.pid, sig)
            else:
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return "hang", f"screen still running 30 s after signal {sig}"
        time.sleep(2.0)
        alive = _session_alive(proc.pid)
        if alive:
            os.killpg(proc.pid, signal.SIGKILL)
            return "hang", f"processes left after signal {sig}: {alive}"
        stderr = (work / "stderr").read_bytes()
        if TRACEBACK in stderr:
            return "traceback", stderr.decode("utf-8", "replace")[-500:]
        if proc.returncode == 0:
            return "bad output", "exit 0 after an interruption"
        if left := _leftovers(work):
            return "bad output", f"temporary files left: {left[:5]}"
        # a summary is there only if it was complete before the signal came (renamed into place)
        outputs = sorted(os.listdir(work / "out"))
        if outputs not in ([], ["summary.xlsx"]):
            return "bad output", f"output folder holds {outputs}"
        if outputs and (why := _summary_failure(work / "out" / "summary.xlsx")):
            return "bad output", f"half-written summary: {why}"
        return "clean", f"exit {proc.returncode}" + (", summary complete" if outputs else "")

    return scenario


def _no_core_and_fsize(limit: int) -> Callable[[], None]:
    def limit_size() -> None:  # in the child, before exec (the harness runs on Linux)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_size


def _error_exit(proc, work: Path, what: str) -> tuple[str, str]:
    if proc.timed_out:
        return "hang", what
    if TRACEBACK in proc.stderr + proc.stdout:
        return "traceback", proc.stderr.decode("utf-8", "replace")[-500:]
    if proc.rc in (0, 1):
        return "bad output", f"{what}: exit {proc.rc}, the failure went unreported"
    return "clean", f"exit {proc.rc}: {proc.stderr.decode('utf-8', 'replace')[-120:]}"


def full_disk(work: Path) -> tuple[str, str]:
    folder = _folder(work)
    proc = run_cli(_screen(work, folder), work, 120, _env(work),
                   preexec_fn=_no_core_and_fsize(16 << 10))  # fmt: skip
    kind, detail = _error_exit(proc, work, "RLIMIT_FSIZE 16 KB")
    outputs = sorted(os.listdir(work / "out"))
    if kind == "clean" and outputs:
        return "bad output", f"half-written output: {outputs}"
    if kind == "clean" and (left := _leftovers(work)):
        return "bad output", f"temporary files left: {left[:5]}"
    return kind, detail


def dev_full(command: str) -> Callable[[Path], tuple[str, str]]:
    def scenario(work: Path) -> tuple[str, str]:
        folder = _folder(work, copies=3)
        if command == "screen":
            args = _screen(work, folder)
        else:
            args = [*clusterctl(), "check", *map(str, sorted(folder.iterdir())),
                    "--output-format", "json"]  # fmt: skip
        with open("/dev/full", "wb") as full:
            proc = run_cli(args, work, 120, _env(work), stdout=full)
        return _error_exit(proc, work, f"{command} > /dev/full")

    return scenario


def read_only_output(command: str) -> Callable[[Path], tuple[str, str]]:
    def scenario(work: Path) -> tuple[str, str]:
        if os.geteuid() == 0:  # root writes into a 0555 folder (and nobody cannot run python
            return "skipped", "running as root: a folder's mode does not stop root"  # here)
        folder = _folder(work, copies=3)
        ro = work / "ro"
        ro.mkdir(mode=0o555)
        ro.chmod(0o555)
        if command == "screen":
            args = _screen(work, folder)
            args[args.index("-o") + 1] = str(ro / "summary.xlsx")
        else:
            args = [*clusterctl(), "check", *map(str, sorted(folder.iterdir())),
                    "--output-format", "sarif", "--output-file", str(ro / "out.sarif")]  # fmt: skip
        proc = run_cli(args, work, 120, _env(work))
        if os.listdir(ro):
            return "bad output", f"written into a read-only folder: {os.listdir(ro)}"
        return _error_exit(proc, work, f"{command} into a read-only folder")

    return scenario


def changing_files(work: Path) -> tuple[str, str]:
    """Files truncated, replaced, grown and deleted while the batch runs."""
    folder = _folder(work, copies=30)
    stop = threading.Event()

    def meddle() -> None:
        files = sorted(folder.iterdir())
        i = 0
        while not stop.is_set() and i < 200:
            target = files[i % len(files)]
            action = i % 4
            try:
                if action == 0:
                    target.write_bytes(b"")
                elif action == 1:
                    shutil.copy(SAMPLES[i % len(SAMPLES)], target)
                elif action == 2:
                    with open(target, "ab") as fh:
                        fh.write(os.urandom(4096))
                elif i % 8 == 3:
                    target.unlink(missing_ok=True)
                    shutil.copy(SAMPLES[0], target)  # back before the listing is compared
            except OSError:
                pass
            i += 1
            time.sleep(0.01)

    thread = threading.Thread(target=meddle)
    thread.start()
    try:
        proc = run_cli(_screen(work, folder), work, 240, _env(work))
    finally:
        stop.set()
        thread.join()
    if proc.timed_out:
        return "hang", "screen with files changing"
    if TRACEBACK in proc.stderr:
        return "traceback", proc.stderr.decode("utf-8", "replace")[-500:]
    if proc.rc not in (0, 1):
        return "bad output", f"exit {proc.rc}: {proc.stderr[-300:]!r}"
    return _complete(work, proc.stdout, folder)


SCENARIOS = (
    # found by this harness: after the one worker is killed, the next file sometimes timed out
    # (F116 at 20 s: its task was lost with the worker); fixed in batch/isolation.py (a failure
    # that is not the file's own runs again)
    Scenario("fault.sigkill_worker", kill_worker(signal.SIGKILL)),
    Scenario("fault.sigint_worker", kill_worker(signal.SIGINT)),
    # found by this harness: both workers of --jobs 2 killed at once, other files got F116,
    # F117 or F199 ("BrokenProcessPool: All workers expired"), and once the screen hung (the
    # parent waiting on a futex for minutes); fixed in batch/isolation.py (retry once in a
    # fresh pool, every wait bounded)
    Scenario("fault.sigkill_two_workers", kill_worker(signal.SIGKILL, jobs=2)),
    Scenario("fault.ctrl_c", signal_parent(signal.SIGINT, group=True)),
    # issue 15 item 7 (SIGTERM/SIGHUP left temporary files): handled like Ctrl-C (cli/signals.py)
    Scenario("fault.sigterm", signal_parent(signal.SIGTERM, group=False)),
    Scenario("fault.sighup", signal_parent(signal.SIGHUP, group=False)),
    # issue 15 item 2 (a worker whose parent dies must not outlive it), and nothing left behind:
    # the spool has no name on POSIX (batch/spool.py)
    Scenario("fault.sigkill_parent", signal_parent(signal.SIGKILL, group=False)),
    # found by this harness: an OSError in the run (SQLite's "disk I/O error") left the spool
    # folder behind; now it has no name, and close removes the folder even when it fails
    Scenario("fault.full_disk", full_disk),
    Scenario("fault.dev_full_check", dev_full("check")),
    Scenario("fault.dev_full_screen", dev_full("screen")),
    Scenario("fault.read_only_screen", read_only_output("screen")),
    Scenario("fault.read_only_check", read_only_output("check")),
    Scenario("fault.changing_files", changing_files),
)


def run_scenarios(work: Path, ci_only: bool = True) -> list[Outcome]:
    outcomes = []
    for scenario in SCENARIOS:
        if ci_only and not scenario.ci:
            continue
        folder = work / scenario.name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        try:
            kind, detail = scenario.run(folder)
        except Exception as exc:  # the harness's own failure is reported too
            kind, detail = "harness error", f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(scenario.name, scenario.name, "", kind, detail))
    return outcomes
