"""What ``screen`` and ``check`` show in a terminal (issue 19, item 6): the progress bar is gone
before the overview (tmux at 80 columns), Ctrl-C says so once and exits 130 (a pseudo-terminal),
the hint without ``-o``, the ``-r`` suggestion, Chinese line breaking at 80 columns, and
``--lang en`` without Chinese words (only the workbooks' own text may be Chinese)."""

from __future__ import annotations

import itertools
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.reports.wrap import NO_END, NO_START

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
WORKBOOKS = sorted(SAMPLES.glob("*.xlsx"))
runner = CliRunner()
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
INTERRUPTED_ZH = "已中断：未写入汇总表，原有文件未改动"
INTERRUPTED_EN = "interrupted: no summary written, the existing file is unchanged"


def cli(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "80"})


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 100 workbooks (the samples, copied): a run long enough to be interrupted."""
    folder = tmp_path_factory.mktemp("batch") / "in"
    folder.mkdir()
    for i in range(100 // len(WORKBOOKS) + 1):
        for sample in WORKBOOKS:
            shutil.copy(sample, folder / f"{i:03d}-{sample.name}")
    return folder


# --- progress bar: tmux renders the screen as a person sees it ---------------------------------


@pytest.mark.skipif(os.name != "posix", reason="tmux")
def test_progress_bar_is_cleared_before_the_overview_at_80_columns(tmp_path: Path) -> None:
    tmux = shutil.which("tmux")
    assert tmux, "tmux is needed (.ci/run installs it)"
    socket = str(tmp_path / "tmux.sock")
    done = tmp_path / "done"
    command = (
        f"cd {ROOT} && {sys.executable} -m clusterctl screen sample_data -j 2; "
        f"echo EXIT=$? > {done}; sleep 60"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
    subprocess.run(
        [
            tmux,
            "-S",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "200",
            command,
        ],
        check=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), "screen did not finish"
        time.sleep(0.3)
        screen = subprocess.run(
            [tmux, "-S", socket, "capture-pane", "-p", "-J", "-S", "-200"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run([tmux, "-S", socket, "kill-server"], check=False)
    lines = [line for line in screen.splitlines() if line.strip()]
    assert done.read_text().strip() == "EXIT=1"  # sample_data holds ineligible applications
    # the bar ("筛查 ━━━ 9/9 0:00:00") is gone: no line shows its count or its description
    assert not [line for line in lines if re.search(r"\d+/9\b", line)], screen
    assert not [line for line in lines if line.startswith("筛查")], screen
    title = next(i for i, line in enumerate(lines) if line.startswith("批量筛查：9 个文件"))
    assert lines[title + 2].startswith("排名前 9 位")
    first = title + 3
    last = next(i for i in range(first, len(lines)) if lines[i].startswith("└"))
    table = lines[first : last + 1]  # the ranking: its frame, every line intact
    assert table[0].startswith("┏") and len(table) >= 9 + 4, screen
    assert all(line[0] in "┏┃┡│└" and line.rstrip()[-1] in "┓┃┩│┘" for line in table), screen


# --- Ctrl-C in a pseudo-terminal ---------------------------------------------------------------


def _run_in_pty(argv: list[str], env: dict[str, str], interrupt_when) -> tuple[str, int]:
    """Run ``argv`` with a pseudo-terminal as its stdout and stderr, in its own session; once
    ``interrupt_when(output so far)`` holds, send SIGINT to its process group, as a terminal's
    Ctrl-C does to the foreground group. No fork in this process (subprocess spawns it, so the
    test runs without fork too). Every wait is bounded."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    out, sent, start = b"", False, time.monotonic()
    try:
        while time.monotonic() - start < 120:
            if not sent and interrupt_when(out):
                os.killpg(proc.pid, signal.SIGINT)
                sent = True
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                out += data
    finally:
        if time.monotonic() - start >= 120:
            proc.kill()
        code = proc.wait(timeout=30)
        os.close(master)
    return out.decode("utf-8", "replace"), code


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
@pytest.mark.parametrize(("lang", "message"), [("zh", INTERRUPTED_ZH), ("en", INTERRUPTED_EN)])
def test_ctrl_c_says_so_once_and_exits_130(
    batch: Path, tmp_path: Path, lang: str, message: str
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"the summary of an earlier run")
    env = {**os.environ, "TMPDIR": str(tmp), "COLUMNS": "80", "TERM": "xterm"}
    argv = [sys.executable, "-m", "clusterctl", "screen", str(batch), "-o", str(out)]
    argv += ["-j", "2", "--lang", lang]
    total = len(list(batch.iterdir()))
    # mid-run: the bar has counted at least one file and not all of them
    started = re.compile(rf"\b([1-9]\d*)/{total}\b".encode())
    text, code = _run_in_pty(argv, env, lambda seen: started.search(seen) is not None)
    assert code == 130, text
    assert text.count(message) == 1, text
    assert "Traceback" not in text and "Aborted" not in text, text
    assert out.read_bytes() == b"the summary of an earlier run"  # not replaced, not touched
    assert list(tmp.iterdir()) == []  # no spool
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".~clusterctl")]


# --- without -o, and a folder of folders -------------------------------------------------------


def test_screen_without_output_says_how_to_save_the_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(WORKBOOKS[0], folder / "a.xlsx")
    result = cli("screen", str(folder))
    assert result.exit_code == 0, result.output
    assert "未写入 Excel 汇总表：加 -o 汇总表.xlsx 保存" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.xlsx", "in"]  # nothing written
    english = cli("screen", str(folder), "--lang", "en")
    assert "no Excel summary written: add -o summary.xlsx to save one" in english.output
    saved = cli("screen", str(folder), "-o", str(tmp_path / "s.xlsx"))
    assert "未写入" not in saved.output and "汇总表已写入" in saved.output


def test_a_folder_of_folders_suggests_recursive_and_counts_them(tmp_path: Path) -> None:
    top = tmp_path / "top"
    for name in ("北京", "江苏", "empty", ".hidden"):
        (top / name).mkdir(parents=True)
    shutil.copy(WORKBOOKS[0], top / "北京" / "a.xlsx")
    (top / "江苏" / "deeper").mkdir()
    shutil.copy(WORKBOOKS[1], top / "江苏" / "deeper" / "b.xlsx")
    shutil.copy(WORKBOOKS[1], top / ".hidden" / "c.xlsx")  # -r does not enter it either
    (top / "empty" / "notes.txt").write_text("x")
    zh = cli("screen", str(top))
    assert zh.exit_code == 2
    assert "没有找到要筛查的工作簿" in zh.output
    assert "2 个子文件夹中有工作簿：加 -r/--recursive 一并筛查" in zh.output
    en = cli("screen", str(top), "--lang", "en")
    assert "workbooks found in 2 sub-folders: add -r/--recursive" in en.output
    (top / "江苏" / "deeper" / "b.xlsx").unlink()
    one = cli("screen", str(top), "--lang", "en")
    assert "workbooks found in 1 sub-folder: add -r/--recursive" in one.output
    empty = tmp_path / "nothing"
    (empty / "sub").mkdir(parents=True)
    plain = cli("screen", str(empty))
    assert plain.exit_code == 2 and "-r/--recursive" not in plain.output
    assert cli("screen", str(top), "-r").exit_code == 0


# --- line breaking at 80 columns ---------------------------------------------------------------


def _breaks(output: str) -> list[tuple[str, str]]:
    """Each line break inside a wrapped cell: (the end of a line, the start of the next),
    the next line's indentation (the cell's column) removed."""
    lines = output.splitlines()
    return [
        (a.rstrip(), b.strip())
        for a, b in itertools.pairwise(lines)
        if a.strip() and b.strip() and b.startswith(" ")
    ]


def test_check_breaks_chinese_lines_as_typeset_at_80_columns() -> None:
    result = cli("check", *map(str, WORKBOOKS))
    assert result.exit_code == 1
    breaks = _breaks(result.output)
    assert len(breaks) > 20  # the findings' messages do wrap at 80 columns
    for end, start in breaks:
        assert start[0] not in NO_START, (end, start)
        assert end[-1] not in NO_END, (end, start)
        # a number is never split from its unit or its own digits
        assert not (end[-1].isdigit() and re.match(r"[\d%年亿万件家个.]", start)), (end, start)
    assert max(len(line) for line in result.output.splitlines()) <= 80 * 2


# --- --lang en ---------------------------------------------------------------------------------


def _workbook_strings(paths: list[Path]) -> set[str]:
    """Every text the workbooks themselves hold (cells typed by the applicant, sheet names)."""
    strings: set[str] = set()
    for path in paths:
        book = load_workbook(path)
        for sheet in book.worksheets:
            strings.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                strings.update(v for v in row if isinstance(v, str))
        book.close()
    return strings


def _template_strings() -> set[str]:
    """The templates' own labels, units and examples: not the applicant's words."""
    return _workbook_strings(sorted((ROOT / "templates").glob("*.xlsx")))


def _foreign_runs(output: str, paths: list[Path]) -> list[str]:
    """Runs of Chinese characters in ``output`` that no applicant's text of ``paths`` holds
    (sheet names count as the workbook's: a cell reference names them)."""
    books = [load_workbook(p, read_only=True) for p in paths]
    sheets = {s for b in books for s in b.sheetnames}
    for book in books:
        book.close()
    own = _workbook_strings(paths) - _template_strings() | sheets
    return [run for run in CJK.findall(output) if not _theirs(run, own)]


def _theirs(run: str, own: set[str]) -> bool:
    """Is ``run`` part of one of the workbook's texts, or texts of it written one after another
    (a region: 江苏省 + 苏州市 + 常熟市)?"""
    if any(run in s for s in own):
        return True
    ends = {0}
    for i in range(len(run)):
        if i in ends:
            ends.update(i + len(s) for s in own if s and run.startswith(s, i))
    return len(run) in ends


@pytest.mark.parametrize("sample", [pytest.param(p, id=p.name) for p in WORKBOOKS])
def test_check_in_english_has_no_chinese_but_the_workbooks_own_text(sample: Path) -> None:
    result = cli("check", str(sample), "--lang", "en", "--verbose")
    assert result.exit_code in (0, 1), result.output
    assert _foreign_runs(result.output, [sample]) == []
    assert not re.search(r"\b1 (errors|warnings|files|notes|firms|patents)\b", result.output)


def test_screen_in_english_has_no_chinese_but_the_workbooks_own_text() -> None:
    result = cli("screen", str(SAMPLES), "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "Batch screening: 9 files" in result.output
    assert _foreign_runs(result.output, WORKBOOKS) == []
    assert not re.search(r"\b1 (errors|warnings|files|notes)\b", result.output)


def test_the_chinese_scan_would_catch_a_unit_left_in_chinese() -> None:
    assert _foreign_runs("CR202 need ≥ 40 亿元", [WORKBOOKS[0]]) == ["亿元"]
    cluster = "北京市大兴区医疗器械产业集群"
    assert _foreign_runs(f"Cluster {cluster[:5]}\n {cluster[5:]}", [WORKBOOKS[0]]) == []


def test_every_chinese_unit_of_the_shipped_packs_has_its_english() -> None:
    from clusterctl.criteria.loader import list_packs
    from clusterctl.i18n import UNIT_EN, unit_label

    for pack in list_packs():
        selector = pack.id
        units = {c.unit for c in pack.criteria if c.unit}
        units |= {i.unit.zh for i in pack.indicators if i.unit.zh}
        for unit in units:
            english = unit_label(unit, "en")
            assert not CJK.search(english), (selector, unit, english)
            if CJK.search(unit):
                assert unit in UNIT_EN, unit
    assert unit_label("家", "en", 1) == "firm" and unit_label("家", "en", 2) == "firms"
    assert unit_label("亿元", "zh") == "亿元"
