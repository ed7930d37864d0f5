"""sample_data/monitoring/: the committed files are current (tools/monitoring_samples.py), and
``clusterctl monitor`` on them, as of 2026-04-15, gives the statuses derived by hand below.

The calendar (lifecycle/calendars.toml, Beijing, lists from 2023): validity = three calendar
years from the list year; the report on year Y is due Y+1-03-31. As of 2026-04-15 the reports
on 2024 (due 2025-03-31) and 2025 (due 2026-03-31) are due, each from the list year on.

c01 海淀 (2024 list; valid to 2026-12-31, 260 days, > 183: no re-review due) both reports on
    time -> 正常.
c02 昌平 (2025 list: only the 2025 report is due) filed 2026-03-10 -> 正常.
c03 朝阳 2025 report filed 2026-04-08 = 8 days after 2026-03-31 -> late -> 需关注.
c04 丰台 no 2025 report -> ground 3, evidence the registry row -> 建议撤销.
c05 大兴 2025 report: operating body changed, 是否已报告 否 -> ground 4 (重大变化!C6) ->
    建议撤销; its new operator name is an info (M612), matched by the code all the same.
c06 房山 2025 report: 安全事故 2025-08-12 -> ground 5 (负面事项!C4) -> 建议撤销.
c07 通州 2025 plan: 总产值 51 of 60 and 21 of 28 firms, behind; its 2025 report filed twice
    (M611) -> 需关注.
c08 顺义 (2023 list, expired 2025-12-31) re-review: CR203 SME share 68 %, not above 70 %, with
    the reason -> failed -> ground 1 -> 建议撤销.
c09 怀柔 (2023 list, expired) no re-review -> ground 1 (registry 有效期止 cell) -> 建议撤销.
c10 石景山 (2023 list, expired) re-review with every hard criterion met -> passed -> 正常.
c11 密云 (2023 list, expired) re-review: CR205 leading-industry share 68 %, not above 70 %
    (主导产业占集群总产值比例高于70%), assessed 否 with the reason left blank -> failed all the
    same -> ground 1 (指标数据!E6), its reason "（未说明原因）" -> 建议撤销; `check` on that file
    gives L507 at the blank reason cell (逐项自评!G11, CR205's row).
One report carries a credit code in no row (延庆, M610).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.workbook.template import semantic_dump

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "monitoring"
REGENERATE = "stale: run python tools/monitoring_samples.py and commit sample_data/monitoring/"

EXPECTED = {  # district -> (status, revocation grounds found)
    "海淀区": ("normal", []),
    "昌平区": ("normal", []),
    "朝阳区": ("attention", []),
    "丰台区": ("revoke", [3]),
    "大兴区": ("revoke", [4]),
    "房山区": ("revoke", [5]),
    "通州区": ("attention", []),
    "顺义区": ("revoke", [1]),
    "怀柔区": ("revoke", [1]),
    "石景山区": ("normal", []),
    "密云区": ("revoke", [1]),
}


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "monitoring_samples", ROOT / "tools" / "monitoring_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_samples_are_current(tmp_path):
    fresh = _generator().generate(tmp_path)
    assert sorted(p.name for p in fresh) == sorted(p.name for p in SAMPLES.glob("*.xlsx"))
    for path in fresh:
        assert semantic_dump(path) == semantic_dump(SAMPLES / path.name), (
            f"{path.name}: {REGENERATE}"
        )


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    out = tmp_path_factory.mktemp("m") / "m.xlsx"
    args = ["monitor", str(SAMPLES), "--registry", str(SAMPLES / "registry.xlsx")]
    result = CliRunner().invoke(
        app, [*args, "--as-of", "2026-04-15", "-o", str(out), "--output-format", "json"]
    )
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout), out


def test_every_registered_cluster_gets_the_status_derived_by_hand(doc):
    data, _ = doc
    found = {
        c["region"]: (c["status"], sorted(g["ground"] for g in c["grounds"]))
        for c in data["clusters"]
    }
    assert found == EXPECTED
    assert data["counts"] == {"normal": 3, "attention": 2, "revoke": 6}
    statuses = [c["status"] for c in data["clusters"]]
    assert statuses == sorted(statuses, key=["revoke", "attention", "normal"].index)  # ranked


def test_each_ground_names_its_file_and_cell(doc):
    data, _ = doc
    grounds = {c["region"]: c["grounds"] for c in data["clusters"]}
    where = {
        r: [(Path(g["file"]).name, g["sheet"], g["cell"]) for g in gs]
        for r, gs in grounds.items()
        if gs
    }
    assert where == {
        "丰台区": [("registry.xlsx", "认定名录", "B7")],
        "大兴区": [("2025年度报告-大兴区-c05.xlsx", "重大变化", "C6")],
        "房山区": [("2025年度报告-房山区-c06.xlsx", "负面事项", "C4")],
        "顺义区": [("2026复核申报表-顺义区-c08.xlsx", "指标数据", "E5")],
        "怀柔区": [("registry.xlsx", "认定名录", "I12")],
        "密云区": [("2026复核申报表-密云区-c11.xlsx", "指标数据", "E6")],
    }
    assert "订单下降" in grounds["顺义区"][0]["detail"]  # the failed item's stated reason
    assert grounds["密云区"][0]["detail"].endswith("原因：（未说明原因）")  # none stated


def test_check_gives_l507_at_the_blank_reason_cell():
    path = SAMPLES / "2026复核申报表-密云区-c11.xlsx"
    result = CliRunner().invoke(app, ["check", str(path), "--output-format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    where = {f["code"]: (f["sheet"], f["cell"]) for f in findings}
    assert where["L507"] == ("逐项自评", "G11")  # CR205's reason, left blank
    assert where["L506"] == ("指标数据", "E6")  # the 2025 leading-industry share, 68 %
    # the reason given on the other failed re-review: no L507 there
    other = CliRunner().invoke(
        app, ["check", str(SAMPLES / "2026复核申报表-顺义区-c08.xlsx"), "--output-format", "json"]
    )
    assert "L507" not in {f["code"] for f in json.loads(other.stdout)["files"][0]["findings"]}


def test_reports_late_and_missing_and_the_run_findings(doc):
    data, _ = doc
    reports = {c["region"]: {r["year"]: r for r in c["reports"]} for c in data["clusters"]}
    late = reports["朝阳区"][2025]
    assert (late["state"], late["deadline"], late["filed_on"], late["days_late"]) == (
        "late",
        "2026-03-31",
        "2026-04-08",
        8,
    )
    assert reports["丰台区"][2025]["state"] == "missing"
    assert list(reports["昌平区"]) == [2025]
    codes = sorted((f["code"], Path(f["file"]).name) for f in data["findings"])
    assert codes == [
        ("M610", "2025年度报告-延庆区-未在名录.xlsx"),
        ("M611", "2025年度报告-通州区-c07-重新报送.xlsx"),
        ("M611", "2025年度报告-通州区-c07.xlsx"),
        ("M612", "2025年度报告-大兴区-c05.xlsx"),
    ]
    plan = {c["region"]: c["plan"] for c in data["clusters"]}
    assert [p["state"] for p in plan["通州区"]] == ["behind", "behind", "met"]


def test_the_workbook_has_its_sheets_and_a_plan_chart(doc):
    import openpyxl

    _, out = doc
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "监测状态",
        "年度报告",
        "撤销情形",
        "需关注事项",
        "规划进展",
        "报送问题",
        "运行信息",
    ]
    status = wb["监测状态"]
    assert [status.cell(r, 9).value for r in range(2, 13)].count("建议撤销") == 6
    assert status.print_title_rows == "$1:$1" and int(status.page_setup.paperSize) == 9
    import zipfile

    with zipfile.ZipFile(out) as zf:  # openpyxl does not load charts: look in the package
        assert [n for n in zf.namelist() if n.startswith("xl/charts/chart")] == [
            "xl/charts/chart1.xml"
        ]


def test_every_sheet_prints_at_a_readable_scale(doc):
    """A sheet squeezed onto one page across stays at MIN_SCALE (9 pt) or above; a wider one
    (监测状态: 13 columns) prints at 100 % on pages across, repeating rank and cluster."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    from clusterctl.reports.sheet_layout import MIN_SCALE, PRINTABLE_WIDTH

    _, out = doc
    wb = openpyxl.load_workbook(out)
    for ws in wb:
        width = sum(
            ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)
        )
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert 100 * PRINTABLE_WIDTH[True] / width >= MIN_SCALE, ws.title
        else:
            assert width <= PRINTABLE_WIDTH[True] or ws.print_title_cols, ws.title
    assert wb["监测状态"].print_title_cols == "$A:$B"


def _overview(*extra: str) -> str:
    """The overview of the docs' command, run from the checkout (relative paths)."""
    rel = "sample_data/monitoring"
    args = ["monitor", rel, "--registry", f"{rel}/registry.xlsx"]
    result = CliRunner().invoke(app, [*args, "--as-of", "2026-04-15", *extra], terminal_width=80)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_the_overview_keeps_each_evidence_whole_and_each_language_pure(monkeypatch):
    monkeypatch.chdir(ROOT)
    zh = _overview()
    lines = zh.splitlines()
    # each ground's evidence is one unbroken line (a Sheet!Cell never cut at 80 columns)
    assert "[sample_data/monitoring/2026复核申报表-密云区-c11.xlsx 指标数据!E6]" in [
        line.strip() for line in lines
    ]
    assert "状态：建议撤销 6" in zh and "状态:" not in zh  # Chinese punctuation in Chinese
    assert "北京市房山区新材料产业集群：2025-08-12 安全事故：" in zh
    en = _overview("--lang", "en")
    assert "Status: revocation advised 6" in en
    assert "2025-08-12 Safety accident: " in en  # the incident kind in English too
    assert "、" not in en and "：" not in en.replace("，", "")  # no Chinese separators


def test_the_plan_chart_has_one_bar_per_cluster_target_of_the_latest_reports(doc):
    """48 plan lines (33 of the latest annual reports, 15 of the three re-reviews) made a chart
    LibreOffice showed every other label of; the chart now takes the annual reports' lines,
    listed first: one bar per cluster and target, every label distinct."""
    import re
    import zipfile

    import openpyxl

    _, out = doc
    ws = openpyxl.load_workbook(out)["规划进展"]
    kinds = [ws.cell(r, 4).value for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value]
    n = kinds.count("年度报告")
    assert n == 33 and kinds == ["年度报告"] * n + ["复核申报表"] * (len(kinds) - n)
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("xl/charts/chart1.xml").decode()
    refs = re.findall(r"<(?:c:)?f>([^<]+)</(?:c:)?f>", xml)
    assert {r.split("!")[1] for r in refs[1:]} == {f"$B$2:$B${n + 1}", f"$C$2:$C${n + 1}"}
    labels = [ws.cell(r, 2).value for r in range(2, n + 2)]
    assert len(set(labels)) == n  # no label twice
