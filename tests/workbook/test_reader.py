"""Reading workbooks: markers, hidden keys, inserted rows, messy values, errors with addresses."""

from __future__ import annotations

import openpyxl
import pytest
from workbook_specs import eligible_spec, firm, small_pack

from clusterctl.workbook.limits import Limits
from clusterctl.workbook.model import Application
from clusterctl.workbook.reader import read_application
from clusterctl.workbook.template import write_filled, write_template


def read(path) -> tuple[Application | None, list]:
    return read_application(str(path), Limits())


def rows(findings):
    return [f.to_row() for f in findings]


@pytest.fixture
def filled(tmp_path, pack):
    path = tmp_path / "app.xlsx"
    write_filled(path, pack, eligible_spec())
    return path


def test_reads_every_section(filled):
    app, findings = read(filled)
    assert app is not None
    assert [f for f in findings if f.level.value != "info"] == []
    assert app.name == "北京市海淀区行业应用软件产业集群"
    assert app.application_year == 2023
    assert app.years == [2020, 2021, 2022]
    assert app.series("total_output") == [52.0, 58.3, 66.1]
    assert app.basic["high_energy"] is False
    assert app.edition == "test-2023"
    assert app.template_version == "1"
    assert len(app.roster) == 12
    assert app.roster[0].in_leading is True and app.roster[0].row == 4
    assert app.qualitative["CR401"].met is True and app.qualitative["CR401"].has_evidence
    assert app.declarations == {"CR101": True, "CR102": True}
    assert (app.signatory, app.signed_on) == ("李四", "2023-05-01")
    loc = app.cell("indicators.total_output.2021")
    assert (loc.sheet, loc.cell) == ("指标数据", "D4")
    assert app.cell("basic.division_code").cell == "C8"


def test_row_inserted_in_the_indicators_sheet_still_reads(tmp_path, pack, filled):
    wb = openpyxl.load_workbook(filled)
    wb["指标数据"].insert_rows(5)  # between total_output and sme_output
    wb["指标数据"]["B5"] = "自行插入的备注行"
    moved = tmp_path / "inserted.xlsx"
    wb.save(moved)
    app, findings = read(moved)
    assert app.series("sme_output") == [40.1, 45.0, 51.2]
    assert app.series("total_output") == [52.0, 58.3, 66.1]
    assert app.cell("indicators.sme_output.2020").cell == "C6"
    assert [f for f in findings if f.level.value == "error"] == []


def test_text_in_a_numeric_cell_is_an_error_with_sheet_and_cell(tmp_path, pack):
    spec = eligible_spec()
    spec["indicators"]["total_output"][1] = "五十亿"
    path = tmp_path / "text.xlsx"
    write_filled(path, pack, spec)
    app, findings = read(path)
    assert ("V202", "指标数据", "D4", "error") in rows(findings)
    finding = next(f for f in findings if f.code == "V202")
    assert "五十亿" in finding.message() and finding.location.ref() == "指标数据!D4"
    assert "number" in finding.message("en")
    assert app.series("total_output")[1] is None
    assert "indicators.total_output.2021" in app.unreadable


def test_messy_values_read_and_are_reported(tmp_path, pack):
    spec = eligible_spec()
    spec["indicators"]["total_output"] = ["45.6亿元", "５８.３", "4,600万元"]
    spec["basic"]["high_energy"] = "×"
    spec["roster"][0]["in_leading"] = "√"
    path = tmp_path / "messy.xlsx"
    write_filled(path, pack, spec)
    app, findings = read(path)
    assert app.series("total_output") == pytest.approx([45.6, 58.3, 0.46])
    assert app.basic["high_energy"] is False and app.roster[0].in_leading is True
    codes = rows(findings)
    assert ("V201", "指标数据", "C4", "info") in codes
    assert ("V203", "指标数据", "E4", "info") in codes
    assert ("V201", "基本信息", "C20", "info") in codes
    converted = next(f for f in findings if f.code == "V203")
    assert "4,600万元" in converted.message() and "0.46" in converted.message()


def test_reordered_and_renamed_sheets_are_found_by_marker(tmp_path, pack):
    spec = eligible_spec()
    spec["sheet_order"] = [
        "declarations",
        "roster",
        "indicators",
        "basic",
        "qualitative",
        "instructions",
    ]
    spec["rename_sheets"] = {"basic": "封面", "indicators": "数据"}
    path = tmp_path / "reordered.xlsx"
    write_filled(path, pack, spec)
    app, findings = read(path)
    assert app.series("total_output") == [52.0, 58.3, 66.1]
    assert app.cell("basic.cluster_name").sheet == "封面"
    assert not [f for f in findings if f.code.startswith("S")]


def test_missing_marker_falls_back_to_title_with_info(tmp_path, pack):
    spec = eligible_spec()
    spec["drop_markers"] = ["roster"]
    path = tmp_path / "nomarker.xlsx"
    write_filled(path, pack, spec)
    app, findings = read(path)
    assert len(app.roster) == 12
    assert ("S102", "企业名录", None, "info") in rows(findings)


def test_workbook_without_the_sheets_is_not_an_application(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(path)
    app, findings = read(path)
    assert app is None
    finding = next(f for f in findings if f.code == "S101")
    assert "基本信息" in finding.message() and "clusterctl" in finding.message("en")


def test_missing_optional_sheet_is_reported_but_read(tmp_path, pack, filled):
    wb = openpyxl.load_workbook(filled)
    del wb["承诺声明"]
    path = tmp_path / "nodecl.xlsx"
    wb.save(path)
    app, findings = read(path)
    assert app is not None and app.declarations == {}
    assert ("S101", None, None, "error") in rows(findings)


def test_garbage_file_is_a_finding_not_a_traceback(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    app, findings = read(path)
    assert app is None
    assert [f.code for f in findings] == ["S106"]


def test_sheet_over_the_cell_limit_is_skipped(tmp_path, filled):
    app, findings = read_application(str(filled), Limits(max_cells=100))
    assert app is None
    assert "S109" in {f.code for f in findings}


def test_input_is_not_modified(filled):
    before = filled.read_bytes()
    read(filled)
    assert filled.read_bytes() == before


def test_empty_template_reads_with_blanks(tmp_path, pack):
    path = tmp_path / "empty.xlsx"
    write_template(path, pack)
    app, findings = read(path)
    assert app is not None and app.roster == []
    assert app.years == [2020, 2021, 2022]
    assert app.series("total_output") == [None, None, None]
    assert [f for f in findings if f.level.value == "error"] == []


def test_roster_findings_come_row_by_row_and_blank_rows_are_no_firms(tmp_path, pack):
    spec = eligible_spec()
    spec["roster"] = [
        firm(1, revenue="约45", size="小"),  # two findings in one row: size (D) before revenue (K)
        firm(2, in_leading="Y", q_high_tech="Y", q_champion="2019年"),
        {},  # a blank row between firms
        {"revenue": 2.0},  # a row with only a revenue is still a firm
        firm(5, uscc="9111 0108-ma01", revenue="1,234"),
    ]
    path = tmp_path / "roster.xlsx"
    write_filled(path, pack, spec)
    app, findings = read(path)
    roster = [r for r in rows(findings) if r[1] == "企业名录"]
    assert roster == [
        ("V201", "企业名录", "D4", "info"),
        ("V202", "企业名录", "K4", "error"),
        ("V201", "企业名录", "E5", "info"),
        ("V201", "企业名录", "J5", "info"),
        ("V201", "企业名录", "K8", "info"),
    ]
    assert [f.row for f in app.roster] == [4, 5, 7, 8]
    assert app.roster[0].size == "小型" and app.roster[0].revenue is None
    assert "roster.0.revenue" in app.unreadable
    assert app.roster[1].in_leading is True
    assert list(app.roster[1].qualifications.values()) == [2019, None]
    assert app.roster[2].name is None and app.roster[2].revenue == 2.0
    assert app.roster[3].uscc == "91110108MA01" and app.roster[3].revenue == 1234.0
    assert app.cell("roster.3.uscc").cell == "C8"


def test_columns_of_short_rows_read_as_blank():
    from clusterctl.workbook.read_sheets import _columns_of

    assert _columns_of([["a", "b", "c"], ["d"]], [1, 3]) == [["a", "d"], ["c", None]]
    assert _columns_of([["a", "b"], ["c", "d"]], [2]) == [["b", "d"]]
    assert _columns_of([], [1, 2]) == [[], []]


def test_a_sheet_the_parser_cannot_read_is_reported_and_the_rest_is_read(tmp_path, filled):
    """S111: python-calamine refuses one sheet (a boolean cell holding 'maybe'); the file still
    gets a report, the finding names the sheet, and the other sheets are read."""
    import zipfile

    broken = tmp_path / "one-bad-sheet.xlsx"
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(broken, "w") as dst:
        names = [i.filename for i in src.infolist()]
        # the sixth sheet, 承诺声明 (the optional plan sheet follows it)
        last_sheet = next(n for n in names if n == "xl/worksheets/sheet6.xml")
        for info in src.infolist():
            data = src.read(info)
            if info.filename == last_sheet:
                bad = b'<c r="Z1" t="b"><v>maybe</v></c></row>'
                data = data.replace(b"</row>", bad, 1)
            dst.writestr(info, data)
    app, findings = read(broken)
    s111 = [f for f in findings if f.code == "S111"]
    assert len(s111) == 1 and s111[0].location.sheet == "承诺声明"
    assert "maybe" in s111[0].params["error"]
    assert app is not None and app.series("total_output") == [52.0, 58.3, 66.1]
    from clusterctl.pipeline import Options, process_file

    report = process_file(str(broken), Options())
    assert "S111" in {f.code for f in report.findings} and "F199" not in {
        f.code for f in report.findings
    }


def test_a_deleted_row_is_named_in_each_language(tmp_path, filled):
    """S107 names the field by its label, Chinese or English, never a placeholder."""
    import re

    wb = openpyxl.load_workbook(filled)
    basic = wb["基本信息"]
    row = next(r for r in range(1, basic.max_row + 1) if basic.cell(r, 1).value == "niche")
    basic.delete_rows(row)
    trimmed = tmp_path / "trimmed.xlsx"
    wb.save(trimmed)
    _app, findings = read(trimmed)
    (s107,) = [f for f in findings if f.code == "S107"]
    zh, en = s107.message("zh"), s107.message("en")
    assert "细分领域" in zh and "Niche" in en and "niche" in en
    assert not re.search(r"\{\w+\}", zh + en)


def test_a_roster_column_added_to_the_kind_needs_no_python(tmp_path) -> None:
    """A column the kind's data adds is written, read and kept in each Firm by its key."""
    from dataclasses import replace

    from clusterctl.i18n import t
    from clusterctl.workbook.kind import Field, FieldType, load_kind
    from clusterctl.workbook.reader import read_workbook

    base = load_kind("application")
    roster = base.sheet("roster")
    extra = Field("headcount", t("从业人数", "Headcount"), FieldType.INT, unit=t("人", "people"))
    sheets = tuple(
        replace(s, columns=(*s.columns, extra)) if s is roster else s for s in base.sheets
    )
    kind = replace(base, sheets=sheets)
    spec = eligible_spec()
    spec["roster"][0]["headcount"] = 120
    spec["roster"][1]["headcount"] = "八十"
    path = tmp_path / "extra.xlsx"
    write_filled(path, small_pack(), spec, kind=kind)
    app, findings = read_workbook(str(path), Limits(), kind=kind)
    assert app.roster[0]["headcount"] == 120 and app.roster[0].name == spec["roster"][0]["name"]
    assert app.roster[2]["headcount"] is None
    bad = [f for f in findings if f.code == "V202"]
    assert [f.location.field for f in bad] == ["roster.1.headcount"]
