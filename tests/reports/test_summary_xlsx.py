"""The Excel summary, written from a synthetic batch and read back with openpyxl and pandas."""

from __future__ import annotations

import os
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from clusterctl.batch.ranking import rank_rows
from clusterctl.batch.result import BatchResult
from clusterctl.batch.rows import FileRow
from clusterctl.batch.spool import FindingSpool
from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.reports.links import link_target
from clusterctl.reports.sheet_layout import STATUS_FILLS, display_width
from clusterctl.reports.summary_xlsx import is_our_summary, write_summary

HOSTILE = '=HYPERLINK("http://evil.example","点我")'


def _row(index, verdict, score, name, path):
    row = FileRow(index, path, f"{index:064x}", 100 + index, verdict, score, "beijing-2023")
    if name:
        row.facts = {"cluster_name": name, "province": "北京市", "district": "海淀区"}
        row.statuses = {"CR202": Status.MET, "CR203": Status.NOT_MET if index else Status.MET}
        row.indicators = {"total_output": 45.5}
    else:
        row.reason = "文件不是工作簿"
    return row


@pytest.fixture
def batch(tmp_path):
    rows = [
        _row(0, Verdict.ELIGIBLE, 88.5, HOSTILE, str(tmp_path / "in" / "a b#1.xlsx")),
        _row(1, Verdict.INELIGIBLE, 40.0, "乙集群", str(tmp_path / "in" / "乙.xlsx")),
        _row(2, Verdict.UNREADABLE, None, None, str(tmp_path / "in" / "bad.xlsx")),
    ]
    rank_rows(rows)
    spool = FindingSpool()
    spool.add(
        0, [Finding("B401", Location(rows[0].path, "基本信息", 3, 3), {"name": HOSTILE})], "zh"
    )
    spool.add(2, [Finding("F100", Location(rows[2].path))], "zh")
    result = BatchResult(rows, resolve_pack("beijing-2023"), spool, "zh", quota=3)
    result.options = {"jobs": 2}
    yield result
    spool.close()


def test_summary_sheets_rows_and_ranks(batch, tmp_path):
    out = tmp_path / "summary.xlsx"
    write_summary(batch, str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "指标矩阵", "问题明细", "读取说明", "统计", "标准", "运行信息"]
    summary = pd.read_excel(out, sheet_name="汇总", engine="openpyxl")
    assert summary["排名"].tolist() == [1, 2, 3]
    assert summary["集群名称"].tolist()[:2] == [HOSTILE, "乙集群"]
    assert summary["结论"].tolist() == ["符合", "不符合", "无法读取"]
    assert summary["说明"].tolist()[2] == "文件不是工作簿"
    ws = wb["汇总"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}4"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert ws["B2"].hyperlink.target == "in/a%20b%231.xlsx"
    assert ws["B3"].hyperlink.target == "in/乙.xlsx"

    matrix = wb["指标矩阵"]
    col = {str(c.value).split("\n")[0]: c.column for c in matrix[1]}
    assert matrix.cell(2, col["CR202"]).value == "达标"
    assert matrix.cell(2, col["CR202"]).fill.fgColor.rgb.endswith(STATUS_FILLS[Status.MET])
    assert matrix.cell(3, col["CR203"]).value == "未达标"
    assert matrix.cell(3, col["CR203"]).fill.fgColor.rgb.endswith(STATUS_FILLS[Status.NOT_MET])
    assert matrix.cell(4, col["CR203"]).value is None  # unreadable: not evaluated

    findings = pd.read_excel(out, sheet_name="问题明细", engine="openpyxl")
    assert findings["代码"].tolist() == ["B401", "F100"]
    assert findings["排名"].tolist() == [1, 3]
    assert findings["单元格"].tolist()[0] == "C3"

    criteria = pd.read_excel(out, sheet_name="标准", engine="openpyxl")
    assert len(criteria) == len(batch.pack.criteria)
    run = wb["运行信息"]
    texts = [c.value for row in run.iter_rows() for c in row if c.value is not None]
    assert any("beijing-2023" in str(text) for text in texts)
    assert all(r.sha256 in texts for r in batch.rows)
    assert is_our_summary(str(out))


def test_no_formula_holds_input_text(batch, tmp_path):
    out = tmp_path / "summary.xlsx"
    write_summary(batch, str(out))
    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        for name in sheets:
            xml = zf.read(name).decode()
            assert "<f>" not in xml and "<f " not in xml, name
        assert any(n.startswith("xl/charts/chart") for n in zf.namelist())
    wb = load_workbook(out)
    assert wb["汇总"]["C2"].value == HOSTILE and wb["汇总"]["C2"].data_type == "s"


def test_english_headers(batch, tmp_path):
    batch.lang = "en"
    out = tmp_path / "summary-en.xlsx"
    write_summary(batch, str(out))
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Summary" and wb["Summary"]["A1"].value == "Rank"
    assert wb["Summary"]["H2"].value == "eligible"


def test_display_width_counts_wide_characters_double():
    assert display_width("ab") == 2
    assert display_width("集群") == 4
    assert display_width("ＡＢ") == 4


def test_link_target_is_relative_to_the_summary(tmp_path):
    assert link_target(str(tmp_path / "x" / "a.xlsx"), str(tmp_path / "out")) == "../x/a.xlsx"
    assert not is_our_summary(str(tmp_path / "missing.xlsx"))


def test_link_to_a_name_with_undecodable_bytes_carries_those_bytes(tmp_path):
    from urllib.parse import unquote_to_bytes

    raw = "集群 申报.xlsx".encode("gb18030")
    target = link_target(str(tmp_path / os.fsdecode(raw)), str(tmp_path))
    assert target.isascii() or all(not 0xD800 <= ord(c) <= 0xDFFF for c in target)
    assert unquote_to_bytes(target) == raw
    # a surrogate os.fsdecode never makes (only from code): its UTF-8 form, not a crash
    assert link_target(str(tmp_path / "\ud800.xlsx"), str(tmp_path)) == "%ED%A0%80.xlsx"


def test_findings_rendered_in_the_worker_or_by_the_summary_give_the_same_rows(batch, tmp_path):
    """问题明细: a finding stored with its cells (rendered in a worker) and the same finding
    stored without (a batch check's: the summary renders it) are the same row."""
    import json

    from clusterctl.reports.finding_cells import finding_cells

    finding = Finding("V201", Location(batch.rows[1].path, "指标数据", 5, 4), {"value": "=1+1"})
    batch.spool.add(1, [finding], "zh")  # cells left to the summary
    stored = json.loads(json.dumps(list(batch.spool.of(1))[-1]))
    batch.spool.add_rendered(
        1, [json.dumps(stored)], [finding_cells(stored, batch.rows[1].path, "zh")]
    )
    out = tmp_path / "summary.xlsx"
    write_summary(batch, str(out))
    ws = load_workbook(out)["读取说明"]  # V201 is an info: how a value was read
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[0].value == 2]
    assert len(rows) == 2 and rows[0] == rows[1]
    assert rows[0][4] == "V201" and rows[0][1] == os.path.basename(batch.rows[1].path)
