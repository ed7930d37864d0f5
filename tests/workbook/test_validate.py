"""Checks beyond types, on workbooks written by the template writer."""

from __future__ import annotations

import pytest
from workbook_specs import eligible_spec, small_pack

from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application
from clusterctl.workbook.template import write_filled
from clusterctl.workbook.validate import validate


def check(tmp_path, spec, pack=None):
    pack = pack or small_pack()
    path = tmp_path / "app.xlsx"
    write_filled(path, pack, spec)
    app, _ = read_application(str(path), Limits())
    return [f.to_row() for f in validate(app, pack)], validate(app, pack)


def test_eligible_spec_is_clean(tmp_path):
    found, _ = check(tmp_path, eligible_spec())
    assert found == []


def test_every_finding_has_a_hint_in_both_languages(tmp_path):
    spec = eligible_spec()
    spec["basic"]["division_code"] = "320481"
    spec["indicators"]["sme_output"][2] = 80.0
    _, findings = check(tmp_path, spec)
    assert findings
    for f in findings:
        assert f.hint("zh") and f.hint("en")
        assert "_zh}" not in f.message("zh") and "{" not in f.message("en")


def test_required_fields(tmp_path):
    spec = eligible_spec()
    del spec["basic"]["operator_name"]
    found, findings = check(tmp_path, spec)
    assert ("V207", "基本信息", "C12", "error") in found
    assert "运营管理机构名称" in findings[0].message()


def test_years_against_application_year(tmp_path):
    spec = eligible_spec()
    spec["years"] = [2021, 2022, 2023]
    write_filled(tmp_path / "app.xlsx", small_pack(), spec)
    # the reader maps each column to its heading's year and reports headings that do not match
    _, findings = read_application(str(tmp_path / "app.xlsx"), Limits())
    found = [f.to_row() for f in findings]
    assert ("V212", "指标数据", "C3", "error") in found
    assert "2020、2021、2022" in next(f for f in findings if f.code == "V212").message()


def test_parts_not_above_total(tmp_path):
    spec = eligible_spec()
    spec["indicators"]["leading_output"][0] = 60.0
    found, _ = check(tmp_path, spec)
    assert ("X301", "指标数据", "C6", "error") in found


def test_share_out_of_range(tmp_path):
    spec = eligible_spec()
    spec["indicators"]["software_rate"] = ["75%", "120%", 0.5]
    # the pack reads the nine required rows (4-12), then software_rate (row 13)
    found, _ = check(tmp_path, spec, small_pack(reads=("software_rate",)))
    assert ("V210", "指标数据", "D13", "error") in found
    assert not [r for r in found if r[0] == "V210" and r[2] != "D13"]


def test_likely_unit_mistakes(tmp_path):
    spec = eligible_spec()
    spec["indicators"]["total_output"] = [520000, 583000, 66.1]
    found, _ = check(tmp_path, spec)
    assert ("V211", "指标数据", "C4", "warning") in found
    assert ("V211", "指标数据", "D4", "warning") in found
    assert ("V211", "指标数据", "E4", "warning") not in found


def test_credit_codes_checked_for_operator_and_firms(tmp_path):
    spec = eligible_spec()
    code = spec["basic"]["operator_uscc"]
    spec["basic"]["operator_uscc"] = code[:-1] + ("1" if code[-1] != "1" else "2")
    spec["roster"][2]["uscc"] = "91110108MA01ABC1"
    found, _ = check(tmp_path, spec)
    assert ("V208", "基本信息", "C13", "error") in found
    assert ("V208", "企业名录", "C6", "error") in found


def test_duplicate_firms(tmp_path):
    spec = eligible_spec()
    spec["roster"][5]["name"] = spec["roster"][1]["name"]
    spec["roster"][7]["uscc"] = spec["roster"][2]["uscc"]
    found, _ = check(tmp_path, spec)
    assert ("X302", "企业名录", "B9", "warning") in found
    assert ("X302", "企业名录", "C11", "warning") in found


def test_division_code_against_province_and_pack(tmp_path):
    spec = eligible_spec()
    spec["basic"]["division_code"] = "320481"
    found, _ = check(tmp_path, spec)
    assert ("X303", "基本信息", "C8", "error") in found
    assert ("X304", "基本信息", "C8", "error") in found
    spec["basic"]["province"] = "江苏省"
    found, _ = check(tmp_path, spec, small_pack(province_code=None))
    assert not [r for r in found if r[0] in ("X303", "X304")]


def test_malformed_division_code(tmp_path):
    spec = eligible_spec()
    spec["basic"]["division_code"] = "1101"
    found, _ = check(tmp_path, spec)
    assert ("V209", "基本信息", "C8", "error") in found


def test_qualitative_yes_without_evidence_and_unanswered(tmp_path):
    spec = eligible_spec()
    spec["qualitative"]["CR401"]["evidence"] = None
    spec["qualitative"]["CR402"] = {"met": None}
    found, findings = check(tmp_path, spec)
    assert ("X305", "定性条件", "F4", "warning") in found
    assert ("X308", "定性条件", "F5", "warning") in found
    assert "佐证材料清单" in next(f for f in findings if f.code == "X305").message()


def test_declarations_must_be_confirmed(tmp_path):
    spec = eligible_spec()
    spec["declarations"] = {"CR101": "否"}
    found, _ = check(tmp_path, spec)
    assert ("X306", "承诺声明", "E4", "error") in found
    assert ("X306", "承诺声明", "E5", "error") in found


def test_edition_mismatch(tmp_path):
    path = tmp_path / "app.xlsx"
    write_filled(path, small_pack("other-2022"), eligible_spec())
    app, _ = read_application(str(path), Limits())
    found = [f.to_row() for f in validate(app, small_pack())]
    assert ("S104", "基本信息", "C19", "warning") in found


def test_unknown_template_version(tmp_path):
    import openpyxl

    path = tmp_path / "app.xlsx"
    write_filled(path, small_pack(), eligible_spec())
    wb = openpyxl.load_workbook(path)
    ws = wb["填报说明"]
    row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "template_version")
    ws.cell(row, 3).value = "99"
    wb.save(path)
    app, _ = read_application(str(path), Limits())
    assert "S103" in {f.code for f in validate(app, small_pack())}


def conditional_pack(flag: str, metric: str, inputs: tuple[str, str]):
    """The small pack plus a conditional criterion on a derived indicator, as packs say it."""
    from dataclasses import replace

    from clusterctl.criteria.model import Criterion, Dimension, IndicatorSpec, Kind, Op
    from clusterctl.i18n import t

    pack = small_pack()
    ratio = IndicatorSpec(
        metric,
        t("比值", "ratio"),
        t("%", "%"),
        formula=f"{inputs[0]} / {inputs[1]} * 100",
        inputs=inputs,
    )
    rule = Criterion(
        "CR701",
        "efficiency",
        Dimension.GREEN,
        t("能效", "Efficiency"),
        "不高于基准值",
        Kind.CONDITIONAL,
        metric=metric,
        op=Op.LE,
        threshold=100,
        applies_if=flag,
    )
    return replace(pack, criteria=(*pack.criteria, rule), indicators=(*pack.indicators, ratio))


@pytest.mark.parametrize(
    ("flag", "inputs"),
    [
        ("high_energy", ("energy_intensity", "energy_benchmark")),
        ("high_water", ("water_intensity", "water_benchmark")),
    ],
)
def test_conditional_indicators_required_when_flag_is_yes(tmp_path, flag, inputs):
    """Which indicators a flag requires comes from the pack's conditional criteria."""
    pack = conditional_pack(flag, "some_ratio", inputs)
    spec = eligible_spec()
    found, _ = check(tmp_path, spec, pack)
    assert not [r for r in found if r[0] == "X307"]  # flag not set: not required
    spec["basic"][flag] = "是"
    _, findings = check(tmp_path, spec, pack)
    blanks = [f for f in findings if f.code == "X307"]
    assert len(blanks) == 6  # two indicators x three years
    assert {f.location.field.split(".")[1] for f in blanks} == set(inputs), blanks
    found, _ = check(tmp_path, spec)  # a pack without the criterion requires nothing
    assert not [r for r in found if r[0] == "X307"]


def test_unreadable_value_is_not_reported_again_as_missing(tmp_path):
    spec = eligible_spec()
    spec["indicators"]["total_output"][0] = "n/a"
    found, _ = check(tmp_path, spec)
    assert not [r for r in found if r[2] == "C4"]


def test_empty_roster(tmp_path):
    spec = eligible_spec()
    spec["roster"] = []
    found, _ = check(tmp_path, spec)
    assert ("X309", None, None, "warning") in found


def test_roster_findings_in_row_order_with_the_first_row_of_a_repeat(tmp_path):
    spec = eligible_spec()
    roster = spec["roster"]
    roster[3]["name"] = roster[0]["name"][:2] + " " + roster[0]["name"][2:]  # same without spaces
    roster[6]["name"] = roster[0]["name"]  # a third time
    roster[4]["size"] = None  # a required value missing
    roster[5]["uscc"] = roster[4]["uscc"]
    roster[5]["in_leading"] = None
    found, findings = check(tmp_path, spec)
    assert [r for r in found if r[1] == "企业名录"] == [
        ("X302", "企业名录", "B7", "warning"),
        ("V207", "企业名录", "D8", "error"),
        ("V207", "企业名录", "E9", "error"),
        ("X302", "企业名录", "C9", "warning"),
        ("X302", "企业名录", "B10", "warning"),
    ]
    repeats = [f for f in findings if f.code == "X302"]
    assert [f.params["other_row"] for f in repeats] == [4, 8, 4]


def test_malformed_phone_and_email_are_reported_at_their_cells(tmp_path):
    spec = eligible_spec()
    spec["basic"]["contact_phone"] = "电话待定"
    spec["basic"]["contact_email"] = "contact.example.com"
    _, findings = check(tmp_path, spec)
    v214 = [f for f in findings if f.code == "V214"]
    assert [f.location.field for f in v214] == ["basic.contact_phone", "basic.contact_email"]
    assert all(f.location.cell for f in v214)
    assert "电话号码" in v214[0].message() and "e-mail address" in v214[1].message("en")
