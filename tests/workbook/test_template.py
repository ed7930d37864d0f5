"""The template writer: committed templates are current, layout and protections are right."""

from __future__ import annotations

import openpyxl
import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.fields import BASIC_FIELDS, INDICATORS
from clusterctl.workbook.template import (
    TEMPLATES_DIR,
    semantic_dump,
    shipped_pack_ids,
    write_template,
    years_for,
)

REGENERATE = "templates/ is stale: run `/work/venv/bin/python -m clusterctl.workbook.template`"


@pytest.mark.parametrize("pack_id", shipped_pack_ids())
def test_committed_template_is_current(tmp_path, pack_id):
    committed = TEMPLATES_DIR / f"{pack_id}.xlsx"
    assert committed.exists(), REGENERATE
    fresh = tmp_path / f"{pack_id}.xlsx"
    write_template(fresh, resolve_pack(pack_id))
    assert semantic_dump(fresh) == semantic_dump(committed), REGENERATE


def test_no_stray_committed_templates():
    assert {p.stem for p in TEMPLATES_DIR.glob("*.xlsx")} == set(shipped_pack_ids()), REGENERATE


def test_years_are_the_three_before_the_application_year():
    assert years_for(2023) == [2020, 2021, 2022]


@pytest.fixture
def workbook(tmp_path, pack):
    path = tmp_path / "t.xlsx"
    write_template(path, pack)
    return openpyxl.load_workbook(path)


def test_sheets_markers_and_order(workbook):
    assert workbook.sheetnames == [
        "填报说明",
        "基本信息",
        "指标数据",
        "企业名录",
        "定性条件",
        "承诺声明",
        "三年发展规划目标",
    ]
    markers = [ws["A1"].value for ws in workbook.worksheets]
    assert markers == [
        "#sheet:instructions",
        "#sheet:basic",
        "#sheet:indicators",
        "#sheet:roster",
        "#sheet:qualitative",
        "#sheet:declarations",
        "#sheet:plan_targets",
    ]
    for ws in workbook.worksheets:
        assert ws.column_dimensions["A"].hidden
        assert ws.protection.sheet and not ws.protection.password


def test_every_field_and_indicator_has_a_keyed_row(workbook, pack):
    basic = {workbook["基本信息"].cell(r, 1).value for r in range(1, 40)}
    assert {f.key for f in BASIC_FIELDS} <= basic
    ind = workbook["指标数据"]
    keyed = {ind.cell(r, 1).value for r in range(4, 40)} - {None}
    # exactly the indicators the pack reads: no catalogue row it does not read
    assert keyed == {i.key for i in pack.input_indicators()}
    assert not keyed & {"standards_count", "export_value"} and keyed <= {i.key for i in INDICATORS}
    assert [ind.cell(2, c).value for c in (3, 4, 5)] == ["y1", "y2", "y3"]
    assert [ind.cell(3, c).value for c in (3, 4, 5)] == [2020, 2021, 2022]
    assert ind.row_dimensions[2].hidden


def test_qualitative_and_declaration_rows_come_from_the_pack(workbook, pack):
    qual = workbook["定性条件"]
    assert [qual.cell(r, 1).value for r in (4, 5)] == ["CR401", "CR402"]
    decl = workbook["承诺声明"]
    assert [decl.cell(r, 1).value for r in (4, 5)] == ["CR101", "CR102"]


def test_inputs_unlocked_and_styled_labels_locked(workbook):
    ws = workbook["基本信息"]
    value = ws["C4"]  # cluster name
    assert value.protection.locked is False
    assert value.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws["B4"].protection.locked is True
    assert ws.freeze_panes == "C4"
    assert workbook["指标数据"]["C4"].number_format.endswith('" 亿元"')


def test_dropdowns(workbook):
    basic = workbook["基本信息"].data_validations.dataValidation
    assert any(dv.formula1 == '"是,否"' and "C20" in str(dv.sqref) for dv in basic)
    roster = workbook["企业名录"].data_validations.dataValidation
    assert any(dv.formula1 == '"大型,中型,小型,微型"' for dv in roster)


def test_refuses_to_overwrite_without_force(tmp_path, pack):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        write_template(path, pack)
    assert path.read_bytes() == b"precious"
    write_template(path, pack, force=True)
    assert path.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left


def test_english_template_reads_the_same(tmp_path, pack):
    from clusterctl.workbook.limits import Limits
    from clusterctl.workbook.reader import read_application

    path = tmp_path / "en.xlsx"
    write_template(path, pack, "en", application_year=2025)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[1] == "Basic information"
    app, _ = read_application(str(path), Limits())
    assert app.years == [2022, 2023, 2024] and app.application_year == 2025


def test_english_template_offers_english_choices_read_as_the_chinese_values(tmp_path, pack):
    """--lang en: the drop-down lists say Yes/No and Large/…/Micro; a workbook filled from them
    reads exactly like one filled with 是/否 and 大型/…/微型, without a finding."""
    from workbook_specs import eligible_spec

    from clusterctl.workbook.limits import Limits
    from clusterctl.workbook.reader import read_application
    from clusterctl.workbook.template import write_filled

    path = tmp_path / "en.xlsx"
    write_template(path, pack, "en")
    wb = openpyxl.load_workbook(path)
    formulas = [dv.formula1 for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    assert '"Yes,No"' in formulas and '"Large,Medium,Small,Micro"' in formulas
    assert not [f for f in formulas if f and ("是" in f or "型" in f)]

    english = {"是": "Yes", "否": "No", "大型": "Large", "中型": "Medium", "小型": "Small"}
    english["微型"] = "Micro"

    def to_english(value):
        if isinstance(value, dict):
            return {k: to_english(v) for k, v in value.items()}
        if isinstance(value, list):
            return [to_english(v) for v in value]
        return english.get(value, value) if isinstance(value, str) else value

    zh_path, en_path = tmp_path / "zh-filled.xlsx", tmp_path / "en-filled.xlsx"
    write_filled(zh_path, pack, eligible_spec())
    write_filled(en_path, pack, to_english(eligible_spec()), lang="en")
    roster = openpyxl.load_workbook(en_path).worksheets[3]
    typed = {c.value for row in roster.iter_rows(min_row=4) for c in row}
    assert {"Yes", "Small"} <= typed and not typed & {"是", "小型"}
    zh_app, zh_findings = read_application(str(zh_path), Limits())
    en_app, en_findings = read_application(str(en_path), Limits())
    assert [f.size for f in en_app.roster] == [f.size for f in zh_app.roster]
    assert [f.in_leading for f in en_app.roster] == [f.in_leading for f in zh_app.roster]
    assert en_app.basic["high_energy"] is zh_app.basic["high_energy"] is False
    assert en_app.declarations == zh_app.declarations
    assert {f.code for f in en_findings} == {f.code for f in zh_findings}
