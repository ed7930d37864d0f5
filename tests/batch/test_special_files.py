"""FIFOs, devices and broken links named like workbooks: a finding for that entry, never a hang,
and the rest of the batch goes on (issue 15, items 2 and 3).

The fixtures below build the special files (``os.mkfifo``, ``os.symlink``) next to a valid
sample. Every command runs under a hard ``timeout``: a regression fails, it does not hang.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clusterctl.batch import isolation
from clusterctl.batch.discover import discover
from clusterctl.batch.isolation import run_file, run_files
from clusterctl.pipeline import Options, file_digest, path_finding
from clusterctl.workbook.limits import Limits

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "01-eligible-beijing.xlsx"
CLI = [sys.executable, "-c", "import sys; from clusterctl.cli.app import main; main()"]

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a valid workbook, a FIFO, a loop of links, a dangling link and a two-link
    loop without a workbook's name, all named (but the last) like workbooks."""
    top = tmp_path / "batch"
    top.mkdir()
    shutil.copy(SAMPLE, top / "ok.xlsx")
    if hasattr(os, "mkfifo"):
        os.mkfifo(top / "pipe.xlsx")
    try:
        os.symlink("loop.xlsx", top / "loop.xlsx")
    except OSError as exc:  # Windows without the privilege to create links
        pytest.skip(f"cannot create symbolic links here: {exc}")
    os.symlink("nowhere.xlsx", top / "dangling.xlsx")
    os.symlink("b", top / "a")
    os.symlink("a", top / "b")
    return top


def _screen_json(*args: str, timeout: float = 120) -> dict:
    done = subprocess.run(
        [*CLI, "screen", *args, "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the special files are unreadable
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def _codes(report) -> set[str]:
    return {f.code for f in report.findings}


def test_path_finding_says_what_each_entry_is(folder: Path) -> None:
    assert path_finding(str(folder / "ok.xlsx")) is None
    assert path_finding(str(folder / "loop.xlsx")).code == "F122"
    assert path_finding(str(folder / "dangling.xlsx")).code == "F122"
    assert path_finding(str(folder / "missing.xlsx")).code == "F100"
    folder_finding = path_finding(str(folder))
    assert folder_finding.code == "F121" and "文件夹" in folder_finding.message("zh")
    if hasattr(os, "mkfifo"):
        fifo = path_finding(str(folder / "pipe.xlsx"))
        assert fifo.code == "F121"
        assert "FIFO" in fifo.message("en") and "命名管道" in fifo.message("zh")


@needs_fifo
def test_digest_never_blocks_and_never_reads_past_the_limit(folder: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    assert file_digest(str(folder / "pipe.xlsx")) == (None, None)  # no writer: would block
    if os.path.exists("/dev/zero"):
        assert file_digest("/dev/zero", 1024) == (None, None)  # endless: would never finish
    assert time.monotonic() - started < 5
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"x" * 5000)
    assert file_digest(str(big), 4096) == (None, 5000)  # too big: the size, no digest read
    digest, size = file_digest(str(big), 8192)
    assert size == 5000 and digest is not None and len(digest) == 64


def test_discovery_keeps_the_folder_beside_a_loop(folder: Path) -> None:
    for recursive in (False, True):
        found = discover([str(folder)], recursive=recursive)
        names = sorted(os.path.basename(f) for f in found.files)
        expected = ["dangling.xlsx", "loop.xlsx", "ok.xlsx"]
        if hasattr(os, "mkfifo"):
            expected.append("pipe.xlsx")
        assert names == sorted(expected), recursive
        skipped = {os.path.basename(s.path) for s in found.skipped}
        assert {"a", "b"} <= skipped  # not workbooks by name: noted, not silently dropped
        assert not any("无法读取文件夹" in s.message("zh") for s in found.skipped)


def test_a_link_to_a_folder_is_noted_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(SAMPLE, real / "a.xlsx")
    top = tmp_path / "top"
    top.mkdir()
    os.symlink(real, top / "linked")
    os.symlink(top, top / "self")  # a loop of folders
    found = discover([str(top)], recursive=True)
    assert found.files == []
    notes = {os.path.basename(s.path): s.message("en") for s in found.skipped}
    assert "not followed" in notes["linked"] and "not followed" in notes["self"]


def test_isolated_run_gives_each_special_entry_its_finding(folder: Path) -> None:
    paths = [str(folder / n) for n in ("ok.xlsx", "loop.xlsx", "dangling.xlsx")]
    if hasattr(os, "mkfifo"):
        paths.append(str(folder / "pipe.xlsx"))
    reports = {
        os.path.basename(r.path): r
        for r in run_files(paths, Options(limits=Limits(timeout_s=20)), jobs=2)
    }
    assert reports["ok.xlsx"].readable
    assert _codes(reports["loop.xlsx"]) == {"F122"}
    assert _codes(reports["dangling.xlsx"]) == {"F122"}
    if hasattr(os, "mkfifo"):
        assert _codes(reports["pipe.xlsx"]) == {"F121"}
        assert reports["pipe.xlsx"].sha256 is None


@needs_fifo
def test_a_timed_out_fifo_does_not_hang_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent's own report for a timed-out file reads the file again: never a FIFO."""
    from test_isolation import _misbehave  # the isolation tests' hook: "hang*" sleeps

    monkeypatch.setattr(isolation, "_CHILD_HOOK", _misbehave)
    fifo = tmp_path / "hang-pipe.xlsx"
    os.mkfifo(fifo)
    started = time.monotonic()
    report = run_file(str(fifo), Options(limits=Limits(timeout_s=1)))
    assert _codes(report) == {"F116"}
    assert report.sha256 is None and report.size is None
    assert time.monotonic() - started < 15


@needs_fifo
def test_check_of_a_fifo_and_a_device_is_a_finding(folder: Path) -> None:
    args = [str(folder / "pipe.xlsx"), str(folder / "ok.xlsx")]
    if os.path.exists("/dev/zero"):
        args.append("/dev/zero")
    done = subprocess.run(
        [*CLI, "check", *args, "--output-format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    files = {os.path.basename(f["path"]): f for f in json.loads(done.stdout)["files"]}
    assert [f["code"] for f in files["pipe.xlsx"]["findings"]] == ["F121"]
    assert files["ok.xlsx"]["verdict"] == "eligible"
    if "zero" in files:
        assert [f["code"] for f in files["zero"]["findings"]] == ["F121"]


def test_screen_of_a_folder_with_special_entries_screens_the_rest(folder: Path) -> None:
    for flags in ([], ["--recursive"]):
        data = _screen_json(str(folder), *flags)
        rows = {os.path.basename(r["path"]): r for r in data["files"]}
        assert rows["ok.xlsx"]["verdict"] == "eligible"
        assert [f["code"] for f in rows["loop.xlsx"]["findings"]] == ["F122"]
        assert [f["code"] for f in rows["dangling.xlsx"]["findings"]] == ["F122"]
        if hasattr(os, "mkfifo"):
            assert [f["code"] for f in rows["pipe.xlsx"]["findings"]] == ["F121"]
        assert {os.path.basename(s["path"]) for s in data["skipped"]} >= {"a", "b"}
