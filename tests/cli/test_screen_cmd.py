"""``clusterctl screen`` through the public CLI, on the committed sample applications (made by
sample_data/generate.py) plus damaged files made here."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.reports.safe_cell import force_text

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
runner = CliRunner()


def screen(*args: str):
    return runner.invoke(app, ["screen", *args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Eligible, ineligible, incomplete and unreadable inputs, plus files that are skipped."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("01-eligible-beijing.xlsx", "03-fails-thresholds.xlsx", "06-incomplete.xlsx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "text-named.xlsx").write_text("这不是工作簿 / not a workbook\n", encoding="utf-8")
    whole = (SAMPLES / "07-county-national.xlsx").read_bytes()
    (folder / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (folder / "~$01-eligible-beijing.xlsx").write_bytes(b"\x00owner lock")
    (folder / "notes.txt").write_text("reviewer notes", encoding="utf-8")
    return folder


def test_mixed_folder_gives_one_row_per_input_ranked_and_explained(mixed: Path, tmp_path: Path):
    before = snapshot(mixed)
    out = tmp_path / "out" / "summary.xlsx"
    out.parent.mkdir()
    result = screen(str(mixed), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert snapshot(mixed) == before  # inputs byte-for-byte unchanged
    assert "~$01-eligible-beijing.xlsx" in result.stderr and "notes.txt" in result.stderr

    summary = pd.read_excel(out, sheet_name="汇总", engine="openpyxl")
    names = [os.path.basename(p) for p in summary["文件"]]
    assert len(summary) == 5
    assert summary["排名"].tolist() == [1, 2, 3, 4, 5]
    assert names[:3] == [
        "01-eligible-beijing.xlsx",
        "06-incomplete.xlsx",
        "03-fails-thresholds.xlsx",
    ]
    assert sorted(names[3:]) == ["text-named.xlsx", "truncated.xlsx"]
    assert summary["结论"].tolist() == ["符合", "材料不全", "不符合", "无法读取", "无法读取"]
    assert summary["说明"].iloc[3:].notna().all()  # unreadable rows carry the reason
    assert summary["说明"].iloc[:3].isna().all()

    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "指标矩阵", "问题明细", "读取说明", "统计", "标准", "运行信息"]
    link = wb["汇总"]["B2"].hyperlink.target
    assert link == "../batch/01-eligible-beijing.xlsx"
    run_texts = [c.value for row in wb["运行信息"].iter_rows() for c in row if c.value is not None]
    for name in ("01-eligible-beijing.xlsx", "03-fails-thresholds.xlsx", "truncated.xlsx"):
        assert sha256(mixed / name) in run_texts
    assert str(mixed / "~$01-eligible-beijing.xlsx") in run_texts  # skipped, listed with reason

    findings = pd.read_excel(out, sheet_name="问题明细", engine="openpyxl")
    unreadable = findings[findings["文件"].str.endswith(("text-named.xlsx", "truncated.xlsx"))]
    assert set(unreadable["代码"].str[0]) == {"F"}
    assert [f for f in os.listdir(out.parent) if f != "summary.xlsx"] == []  # no temp file left


def test_all_eligible_exits_0_and_english_summary(tmp_path: Path):
    folder = tmp_path / "ok"
    folder.mkdir()
    for name in ("01-eligible-beijing.xlsx", "07-county-national.xlsx"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "summary.xlsx"
    result = screen(str(folder / "*.xlsx"), "-o", str(out), "--lang", "en", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "eligible 2" in result.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Summary",
        "Criteria matrix",
        "Findings",
        "Reading notes",
        "Statistics",
        "Criteria",
        "Run information",
    ]
    assert [c.value for c in wb["Summary"]["H"][1:]] == ["eligible", "eligible"]


def test_json_on_stdout_has_every_file_in_rank_order(mixed: Path):
    result = screen(str(mixed), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["kind"] == "clusterctl-screen"
    assert [f["rank"] for f in doc["files"]] == [1, 2, 3, 4, 5]
    assert [f["verdict"] for f in doc["files"]][:3] == ["eligible", "incomplete", "ineligible"]
    assert doc["totals"]["verdicts"]["unreadable"] == 2
    first = doc["files"][0]
    assert first["sha256"] == sha256(mixed / "01-eligible-beijing.xlsx")
    assert first["facts"]["cluster_name"]
    assert any(c["code"] == "CR203" for c in first["criteria"])
    assert {s["path"] for s in doc["skipped"]} == {
        str(mixed / "~$01-eligible-beijing.xlsx"),
        str(mixed / "notes.txt"),
    }


def test_duplicates_and_quota_become_batch_findings(tmp_path: Path):
    folder = tmp_path / "dup"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "a.xlsx")
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "b.xlsx")
    out = tmp_path / "summary.xlsx"
    result = screen(str(folder), "-o", str(out), "--quota", "1")
    assert result.exit_code == 1
    assert "B401" in result.stdout and "B404" in result.stdout
    findings = pd.read_excel(out, sheet_name="问题明细", engine="openpyxl")
    batch = findings[findings["代码"].str.startswith("B")]
    by_file = {
        name: sorted(group["代码"])
        for name, group in batch.groupby(batch["文件"].map(os.path.basename))
    }
    # no B403: Beijing's call (beijing-2024) does not limit a district to one cluster per niche
    assert by_file == {
        "a.xlsx": ["B401", "B402"],
        "b.xlsx": ["B401", "B402", "B404"],
    }
    assert batch["工作表"].notna().all() and batch["单元格"].notna().all()


def test_cluster_name_that_looks_like_a_formula_stays_text(tmp_path: Path):
    from clusterctl.pipeline import Options, process_file

    src = tmp_path / "in" / "formula.xlsx"
    src.parent.mkdir()
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", src)
    where = process_file(str(src), Options()).cells["basic.cluster_name"]
    wb = load_workbook(src)
    hostile = '=HYPERLINK("http://evil.example","x")'
    force_text(wb[where.sheet].cell(where.row, where.col), hostile)
    wb.save(src)

    out = tmp_path / "summary.xlsx"
    screen(str(src), "-o", str(out))
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = zf.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml
    assert load_workbook(out)["汇总"]["C2"].value == hostile


@pytest.mark.parametrize(
    "args",
    [
        ["no/such/folder"],
        ["{folder}/nothing*.xlsx"],
        ["{folder}", "--criteria", "no-such-pack"],
        ["{folder}", "--lang", "fr"],
        ["{folder}", "-o", "{tmp}/summary.csv"],
        ["{folder}", "-o", "{tmp}/missing-dir/summary.xlsx"],
        ["{folder}/a.xlsx", "-o", "{folder}/a.xlsx"],
        ["{folder}", "-o", "{folder}/a.xlsx"],
        ["{tmp}/empty"],
    ],
)
def test_usage_errors_exit_2_and_touch_nothing(tmp_path: Path, args: list[str]):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "empty").mkdir()
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "a.xlsx")
    before = snapshot(folder)
    result = screen(*[a.format(folder=folder, tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert "错误" in result.stderr
    assert snapshot(folder) == before
    assert not (tmp_path / "summary.csv").exists()


def test_rerun_replaces_an_earlier_summary_in_the_screened_folder(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "a.xlsx")
    out = folder / "summary.xlsx"
    assert screen(str(folder), "-o", str(out)).exit_code == 0
    second = screen(str(folder), "-o", str(out))
    assert second.exit_code == 0, second.output
    assert len(pd.read_excel(out, sheet_name="汇总", engine="openpyxl")) == 1


def test_interrupted_write_leaves_no_half_written_summary(tmp_path: Path, monkeypatch):
    import clusterctl.reports.summary_xlsx as summary_xlsx

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "a.xlsx")
    out = tmp_path / "summary.xlsx"
    out.write_bytes(b"the earlier summary")

    def interrupted(result, path, link_base=None):
        Path(path).write_bytes(b"PK half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(summary_xlsx, "write_summary", interrupted)
    screen(str(folder), "-o", str(out))
    assert out.read_bytes() == b"the earlier summary"
    assert sorted(os.listdir(tmp_path)) == ["in", "summary.xlsx"]


def test_hidden_no_isolation_option_gives_the_same_summary(mixed: Path, tmp_path: Path):
    isolated, in_process = tmp_path / "isolated.xlsx", tmp_path / "in-process.xlsx"
    first = screen(str(mixed), "-o", str(isolated))
    second = screen(str(mixed), "-o", str(in_process), "--no-isolation")
    assert second.exit_code == first.exit_code == 1, second.output
    assert "--no-isolation" not in screen("--help").output
    for sheet in ("汇总", "指标矩阵", "问题明细"):
        a = pd.read_excel(isolated, sheet_name=sheet, engine="openpyxl")
        b = pd.read_excel(in_process, sheet_name=sheet, engine="openpyxl")
        pd.testing.assert_frame_equal(a, b)


def _record_events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Note when screen's workers start and when it gathers its files."""
    from clusterctl.batch import discover as discover_module
    from clusterctl.batch import isolation

    events: list[str] = []
    enter, discover = isolation.WorkerPool.__enter__, discover_module.discover

    def noting_enter(self):
        events.append("workers")
        return enter(self)

    def noting_discover(*args, **kwargs):
        events.append("discover")
        return discover(*args, **kwargs)

    monkeypatch.setattr(isolation.WorkerPool, "__enter__", noting_enter)
    monkeypatch.setattr(discover_module, "discover", noting_discover)
    return events


def test_workers_start_before_the_files_are_gathered(mixed: Path, tmp_path: Path, monkeypatch):
    events = _record_events(monkeypatch)
    result = screen(str(mixed), "-o", str(tmp_path / "s.xlsx"))
    assert result.exit_code == 1, result.output
    assert events == ["workers", "discover"]  # the workers do not carry the list of files


def test_pandas_imports_from_when_the_workers_run(mixed: Path, tmp_path: Path, monkeypatch):
    """The tail's imports start once the workers are forked (pebble forks them all when the
    pool starts), before the files are gathered: a batch of one file does not wait for them
    after its only file."""
    from clusterctl.batch import pandas_loader

    events = _record_events(monkeypatch)
    preload = pandas_loader.preload_in_background
    monkeypatch.setattr(
        pandas_loader, "preload_in_background", lambda: (events.append("preload"), preload())
    )
    result = screen(str(mixed), "-o", str(tmp_path / "s.xlsx"), "--no-isolation")
    assert result.exit_code == 1, result.output
    assert "preload" not in events  # no workers: nothing to overlap
    events.clear()
    result = screen(str(mixed), "-o", str(tmp_path / "s.xlsx"))
    assert result.exit_code == 1, result.output
    assert events[:3] == ["workers", "preload", "discover"]


def test_a_path_that_names_nothing_fails_before_any_worker_starts(tmp_path: Path, monkeypatch):
    events = _record_events(monkeypatch)
    result = screen(str(tmp_path / "no-such-folder"))
    assert result.exit_code == 2 and "找不到" in result.stderr
    assert events == []
    result = screen(str(tmp_path / "no-match-*.xlsx"))  # a glob is only known by searching
    assert result.exit_code == 2 and "找不到" in result.stderr
    assert events == ["workers", "discover"]


def test_a_file_name_in_gbk_is_screened_shown_and_linked(tmp_path: Path):
    """On a UTF-8 system, a name in GBK (as Windows zip files carry them) reaches Python as lone
    surrogates: the screen goes on, shows the name readably and links to the real file."""
    folder = tmp_path / "in"
    folder.mkdir()
    raw = "集群申报.xlsx".encode("gb18030")
    name = os.fsdecode(raw)
    shutil.copy(SAMPLES / "05-unit-mistakes.xlsx", os.path.join(folder, name))
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / "ok.xlsx")
    out = tmp_path / "summary.xlsx"
    result = screen(str(folder), "-o", str(out))  # CliRunner's stdout is strict UTF-8
    assert result.exit_code == 1, result.output
    assert "集群申报.xlsx" in result.stdout
    ws = load_workbook(out)["汇总"]
    cells = {ws.cell(r, 2).value: ws.cell(r, 2).hyperlink.target for r in (2, 3)}
    target = cells["集群申报.xlsx"]  # the file's name (its path: the link and 运行信息)
    assert unquote_to_bytes(target.rsplit("/", 1)[-1]) == raw  # the real file's bytes
    data = json.loads(screen(str(folder), "--format", "json").stdout)
    assert {f["path"] for f in data["files"]} == {
        os.path.join(folder, name),
        str(folder / "ok.xlsx"),
    }
    for fmt in ("human", "concise", "github", "json", "json-lines", "sarif", "junit"):
        checked = runner.invoke(app, ["check", os.path.join(folder, name), "--output-format", fmt])
        assert checked.exit_code == 1, (fmt, checked.output)
        checked.stdout_bytes.decode("utf-8")  # valid UTF-8 whatever the format
