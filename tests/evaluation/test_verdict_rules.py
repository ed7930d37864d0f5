"""Unit tests of the verdict rules of docs/scoring.md ("Verdict rules" 1-8), on applications
built in code (the CLI tests are in test_verdict_rules_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterctl.criteria.loader import load_pack_file, resolve_pack
from clusterctl.evaluation.engine import evaluate, verdict_of
from clusterctl.evaluation.metrics import year_slots
from clusterctl.evaluation.model import CriterionResult, Status, Verdict
from clusterctl.workbook.fields import Qualification
from clusterctl.workbook.identifiers import firm_identities, firm_name_key
from clusterctl.workbook.model import Answer, Firm
from clusterctl.workbook.validate import validate

YUNNAN = (
    Path(__file__).resolve().parents[2]
    / "tests"
    / "fixtures"
    / "packs"
    / "example-unconfirmed.toml"
)
HT = Qualification.HIGH_TECH


# --- rule 1 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("北京精密科技有限公司", "北京精密科技有限公司 "),
        ("北京精密 科技有限公司", "北京精密　科技有限公司"),  # half-width and full-width space
        ("ＡＢＣ（北京）有限公司", "abc(北京)有限公司"),  # full-width letters, brackets, case
        ("北京·精密科技有限公司", "北京精密科技有限公司。"),  # punctuation
    ],
)
def test_names_equal_after_normalising(a, b):
    assert firm_name_key(a) == firm_name_key(b)


def test_identity_by_code_then_by_name_without_code():
    rows = [
        ("甲公司", "911100000000000001"),
        ("甲 公司", None),  # no code: same name → the first firm
        ("乙公司", "911100000000000001"),  # same code, other name → the first firm
        ("甲公司", "911100000000000002"),  # other code: another firm, whatever the name
        (None, None),
    ]
    assert firm_identities(rows) == [0, 0, 0, 3, None]


def test_count_and_duplicate_finding_agree(good_app):
    # 不少于10家: 10 rows, two of them the same firm (same code) → 9 firms → not met; the
    # duplicate finding flags exactly the one row the count merges
    app = good_app()
    app.roster = [
        Firm(f"企业{i}", uscc=f"CODE{i}", in_leading=False, qualifications={HT: 2020})
        for i in range(9)
    ] + [Firm("企业零号", uscc="CODE0", in_leading=False, qualifications={HT: 2020})]
    pack = resolve_pack("beijing-2023")
    r = evaluate(app, pack).result("CR301")
    assert r.status is Status.NOT_MET and r.detail["counts"][1] == 9
    rows = [f.location.field for f in validate(app, pack) if f.code == "X302"]
    assert rows == ["roster.9.uscc"]


def test_one_firm_listed_twice_with_different_qualifications_counts_once(good_app):
    app = good_app()
    firms = [Firm(f"企业{i}", in_leading=False, qualifications={HT: 2020}) for i in range(9)]
    again = Firm("企业0", in_leading=False, qualifications={Qualification.INNOVATIVE: 2021})
    app.roster = [*firms, again]
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR301").status is Status.NOT_MET


# --- rule 2 -------------------------------------------------------------------------------------


def test_suspect_value_makes_readers_missing_and_says_the_other_unit(good_app):
    app = good_app()
    app.indicators["total_output"][2] = 750000.0  # looks like 万元: 75亿元
    pack = resolve_pack("beijing-2023")
    validate(app, pack)  # records the suspicion
    assert app.suspect == {"indicators.total_output.2022"}
    evaluation = evaluate(app, pack)
    for code in ("CR202", "CR203", "CR204", "CR205"):
        r = evaluation.result(code)
        assert r.status is Status.MISSING, code
        assert "75亿元" in r.sentence.zh and "万元" in r.sentence.zh
    assert evaluation.verdict is Verdict.INCOMPLETE


def test_suspect_value_does_not_hide_a_failing_trusted_year(good_app):
    # 近三年产值均在40亿元以上: 2020 = 30亿元 fails whatever the suspect 2022 value is
    app = good_app()
    app.indicators["total_output"] = [30.0, 60.0, 750000.0]
    pack = resolve_pack("beijing-2023")
    validate(app, pack)
    assert evaluate(app, pack).result("CR202").status is Status.NOT_MET


# --- rule 3 -------------------------------------------------------------------------------------


def test_three_full_years_before_the_application_year(good_app):
    app = good_app()
    app.basic["application_year"] = 2023
    app.years = [2022, 2021, 2020]  # newest first
    app.indicators = {k: list(reversed(v)) for k, v in app.indicators.items()}
    assert year_slots(app) == [(2020, 2), (2021, 1), (2022, 0)]
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    # same values by year as good_app: growth and trends oldest → newest, still all met
    assert evaluation.result("CR204").value == pytest.approx((75 / 50) ** 0.5 * 100 - 100)
    assert evaluation.result("CR701").status is Status.MET
    assert evaluation.result("CR203").years == [2022]


def test_absent_year_is_missing_never_replaced(good_app):
    app = good_app()
    app.basic["application_year"] = 2024  # 近三年 = 2021-2023; the workbook gives 2020-2022
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR203")
    assert r.status is Status.MISSING and r.years == [2023]


# --- rule 4 -------------------------------------------------------------------------------------


def test_blank_leading_answer_is_missing_no_is_failed(good_app):
    app = good_app()
    app.roster = [Firm("小巨人", in_leading=None, qualifications={Qualification.LITTLE_GIANT: 1})]
    pack = resolve_pack("beijing-2023")
    assert evaluate(app, pack).result("CR301").status is Status.MISSING
    app.roster = [Firm("小巨人", in_leading=False, qualifications={Qualification.LITTLE_GIANT: 1})]
    assert evaluate(app, pack).result("CR301").status is Status.NOT_MET


def test_blank_qualitative_and_declaration_are_missing(good_app):
    app = good_app()
    pack = resolve_pack("beijing-2023")
    app.qualitative["CR101"] = Answer(None, "", "")
    app.declarations["CR102"] = None
    evaluation = evaluate(app, pack)
    assert evaluation.result("CR101").status is Status.MISSING
    assert evaluation.result("CR102").status is Status.MISSING
    app.declarations["CR102"] = False
    assert evaluate(app, pack).result("CR102").status is Status.NOT_MET


# --- rule 5 -------------------------------------------------------------------------------------


def test_optional_rows_blank_are_not_applicable_and_not_an_error(good_app):
    app = good_app()
    del app.indicators["software_rate"]  # 工业软件应用率: optional in the pack
    pack = resolve_pack("beijing-2023")
    assert evaluate(app, pack).result("CR606").status is Status.NOT_APPLICABLE
    assert not [f for f in validate(app, pack) if f.code == "V216"]


# --- rule 6 -------------------------------------------------------------------------------------


def test_trend_value_is_the_indicator_not_a_relative_change(good_app):
    r = evaluate(good_app(), resolve_pack("beijing-2023")).result("CR701")
    assert r.value == pytest.approx(0.8) and r.unit == "吨/万元"
    assert r.per_year == {2020: 1.0, 2021: 0.9, 2022: 0.8}
    assert "逐年下降" in r.sentence.zh and "2021年0.9" in r.sentence.zh


# --- rule 7 -------------------------------------------------------------------------------------


def test_extending_pack_hints_use_its_own_thresholds():
    national, yunnan = resolve_pack("national-2022"), load_pack_file(YUNNAN)
    assert "40亿元" in national.criterion("CR202").hint.zh
    assert "10亿元" in yunnan.criterion("CR202").hint.zh
    assert "40" not in yunnan.criterion("CR202").hint.zh
    # 50%以上 includes 50% itself; 高于60% excludes 60%
    assert "含50%本身" in yunnan.criterion("CR203").hint.zh
    assert "不含60%本身" in yunnan.criterion("CR205").hint.zh
    for c in yunnan.criteria:
        assert "{" not in (c.hint.zh if c.hint else "") + (c.hint.en if c.hint else "")


# --- rule 8 -------------------------------------------------------------------------------------


def test_unconfirmed_not_met_does_not_decide(good_app):
    yunnan = load_pack_file(YUNNAN)
    app = good_app("national-2022")
    app.indicators["total_output"] = [8.0, 60.0, 75.0]  # 10亿元以上 (unconfirmed) fails in 2020
    app.indicators["sme_output"] = [7.0, 48.0, 60.0]
    app.indicators["leading_output"] = [7.0, 50.0, 65.0]
    evaluation = evaluate(app, yunnan)
    r = evaluation.result("CR202")
    assert r.status is Status.WARNING and r.unconfirmed
    assert "第三方转载文本" in r.sentence.zh
    assert evaluation.verdict is Verdict.ELIGIBLE


def test_verdict_of_ignores_an_unconfirmed_not_met_but_not_a_confirmed_one():
    yunnan = load_pack_file(YUNNAN)
    unconfirmed = [CriterionResult("CR202", Status.NOT_MET)]
    confirmed = [CriterionResult("CR102", Status.NOT_MET)]
    assert verdict_of(yunnan, unconfirmed) is Verdict.ELIGIBLE
    assert verdict_of(yunnan, confirmed) is Verdict.INELIGIBLE


def test_same_name_different_codes_count_as_two_and_the_finding_says_so(good_app):
    # different credit codes are different firms (they count twice toward 不少于10家); the
    # duplicate finding still points at the shared name and says how it was counted
    app = good_app()
    app.roster = [
        Firm("同名企业", uscc="CODE1", in_leading=False, qualifications={HT: 2020}),
        Firm("同名企业", uscc="CODE2", in_leading=False, qualifications={HT: 2020}),
    ]
    pack = resolve_pack("beijing-2023")
    assert evaluate(app, pack).result("CR301").detail["counts"][1] == 2
    (finding,) = [f for f in validate(app, pack) if f.code == "X302"]
    assert finding.location.field == "roster.1.name"
    assert "按两家企业" in finding.message("zh")


def test_a_pack_with_a_bad_hint_placeholder_is_rejected(tmp_path):
    from clusterctl.criteria.loader import PackError

    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "bad-2023"\nextends = "national-2022"\nedition_year = 2023\n'
        'title = { zh = "测试", en = "test" }\n\n'
        '[[criteria]]\ncode = "CR202"\nhint = { zh = "须{op}{threshld}亿元", en = "x" }\n\n'
        '[[criteria]]\ncode = "CR206"\nhint = { zh = "须{threshold}", en = "x" }\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    text = str(caught.value)
    assert "threshld" in text and "criteria[1].hint" in text
