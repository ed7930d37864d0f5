"""The verdict rules of docs/scoring.md ("Verdict rules" 1-8) through the public CLI.

Each case fills the real template (``clusterctl.workbook.template.write_filled``) from the
samples' base spec (sample_data/generate.py: an application meeting every criterion of
beijing-2023), changes what the rule is about, runs ``clusterctl check --output-format json`` and
compares the verdict with the one derived, in the comment, from the standard's text.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from sample_generator import sample_generator
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.loader import load_pack_file, resolve_pack
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.template import write_filled

ROOT = Path(__file__).resolve().parents[2]
YUNNAN = ROOT / "tests" / "fixtures" / "packs" / "example-unconfirmed.toml"
runner = CliRunner()


GEN = sample_generator()


def firm(i: int, **values) -> dict:
    row = {
        "name": f"北京测试{i:02d}科技有限公司",
        "uscc": make_uscc(f"91110115MA{i:07d}"),
        "size": "小型",
        "in_leading": "是",
        "revenue": 1.5,
    }
    row.update(values)
    return row


def base(pack_id: str = "beijing-2023") -> dict:
    """An application meeting every beijing-2023 criterion; its roster has one 小巨人 of the
    leading industry (三、梯度培育: 不少于1家主导产业的……“小巨人”企业) and 12 high-tech firms."""
    spec = GEN.base_spec(
        resolve_pack(pack_id),
        random.Random(7),
        name="北京市大兴区医疗器械产业集群",
        province="北京市",
        city="北京市",
        district="大兴区",
        division="110115",
        industry="医药制造业",
        niche="医疗器械",
        year=2023,
        total=[52.4, 59.8, 68.3],
    )
    spec["roster"] = [firm(0, q_little_giant=2021)] + [
        firm(i, q_high_tech=2020) for i in range(1, 13)
    ]
    return copy.deepcopy(spec)


def check(tmp_path, spec, *, criteria: str = "beijing-2023", name: str = "app.xlsx") -> dict:
    pack = load_pack_file(YUNNAN) if criteria.endswith(".toml") else resolve_pack(criteria)
    path = tmp_path / name
    write_filled(path, pack, spec)
    result = runner.invoke(
        app, ["check", str(path), "--criteria", criteria, "--output-format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)["files"][0]
    report["exit_code"] = result.exit_code
    report["by_code"] = {c["code"]: c for c in report["criteria"]}
    return report


def test_base_application_is_eligible_and_clean(tmp_path):
    report = check(tmp_path, base())
    assert report["verdict"] == "eligible"
    assert report["exit_code"] == 0, report["findings"]


# --- rule 1: count firms, not rows ----------------------------------------------------------


def test_rule1_a_firm_listed_twice_counts_once(tmp_path):
    # 三、梯度培育: 不少于10家专精特新中小企业、创新型中小企业和国家级高新技术企业. Nine distinct
    # high-tech firms, one of them listed again with full-width spaces in its name and no
    # credit code, is 9 firms, short of 10; without the 小巨人 the criterion is not met:
    # 不符合. The duplicate finding names the same row.
    spec = base()
    firms = [firm(i, q_high_tech=2020) for i in range(1, 10)]
    again = dict(firms[0], uscc=None, name="北京测试　01 科技有限公司", q_innovative=2021)
    spec["roster"] = [*firms, again]
    report = check(tmp_path, spec)
    assert report["by_code"]["CR301"]["status"] == "not_met"
    assert report["verdict"] == "ineligible"
    dupes = [f for f in report["findings"] if f["code"] == "X302"]
    assert len(dupes) == 1 and "北京测试" in dupes[0]["message"]


def test_rule1_ten_distinct_firms_with_one_listed_twice_still_meet(tmp_path):
    # ten distinct firms (one listed twice by the same credit code) are 10: 不少于10家 is met
    spec = base()
    firms = [firm(i, q_specialised=2020) for i in range(1, 11)]
    spec["roster"] = [*firms, dict(firms[3], name="另一个名字有限公司")]
    report = check(tmp_path, spec)
    assert report["by_code"]["CR301"]["status"] == "met"
    assert report["verdict"] == "eligible"


def test_rule1_two_firms_of_one_name_count_twice_and_are_flagged(tmp_path):
    # every row has a credit code (the count's fast path): ten high-tech firms, two of them
    # under one name with different codes, are ten firms: 不少于10家 is met; the second name
    # is flagged (X302: same name, different codes), not counted away.
    spec = base()
    firms = [firm(i, q_high_tech=2020) for i in range(1, 11)]
    firms[9]["name"] = firms[2]["name"]
    spec["roster"] = firms
    report = check(tmp_path, spec)
    assert report["by_code"]["CR301"]["status"] == "met"
    (dupe,) = [f for f in report["findings"] if f["code"] == "X302"]
    assert firms[2]["name"] in dupe["message"]


# --- rule 2: a suspect value does not decide --------------------------------------------------


def test_rule2_a_value_that_looks_like_wan_yuan_is_missing_not_judged(tmp_path):
    # 集群总产值 typed 683000 (亿元): validation says it is probably 万元 (68.3亿元). The share
    # criteria (中小企业产值占比高于70%, 主导产业占比高于70%) that read it are neither met nor
    # failed: 缺数据 → 材料不全, and the message gives the value in the other unit.
    spec = base()
    spec["indicators"]["total_output"][2] = 683000
    report = check(tmp_path, spec)
    cr203 = report["by_code"]["CR203"]
    assert cr203["status"] == "missing"
    assert "68.3亿元" in cr203["sentence"] and "万元" in cr203["sentence"]
    assert report["by_code"]["CR202"]["status"] == "missing"
    assert report["verdict"] == "incomplete"


def test_rule2_a_value_typed_with_its_unit_is_converted_and_used(tmp_path):
    # "683000万元" is 68.3亿元: every criterion is met as in the base application: 符合
    spec = base()
    spec["indicators"]["total_output"][2] = "683000万元"
    report = check(tmp_path, spec)
    assert report["by_code"]["CR203"]["status"] == "met"
    assert report["verdict"] == "eligible"


# --- rule 3: years ------------------------------------------------------------------------------


def test_rule3_a_required_year_absent_is_missing_never_replaced(tmp_path):
    # application year 2023: 近三年 is 2020-2022. The workbook's columns say 2019-2021: 2022 is
    # absent, so 主导产业占比 (latest year = 2022) cannot be judged: 材料不全, not judged on 2021.
    spec = base()
    spec["years"] = [2019, 2020, 2021]
    report = check(tmp_path, spec)
    cr205 = report["by_code"]["CR205"]
    assert cr205["status"] == "missing"
    assert "2022" in cr205["sentence"]
    assert report["verdict"] == "incomplete"


# --- rule 4: blank is not 否 ---------------------------------------------------------------


def test_rule4_blank_leading_answer_of_the_little_giant_is_missing(tmp_path):
    # 不少于1家主导产业的……“小巨人”: the only 小巨人 leaves 是否属于主导产业 blank and only 5 other
    # qualified firms: whether the criterion is met depends on the blank answer: 材料不全.
    spec = base()
    spec["roster"] = [firm(0, q_little_giant=2021, in_leading=None)] + [
        firm(i, q_high_tech=2020) for i in range(1, 6)
    ]
    report = check(tmp_path, spec)
    assert report["by_code"]["CR301"]["status"] == "missing"
    assert report["verdict"] == "incomplete"


def test_rule4_no_for_the_leading_answer_is_failed(tmp_path):
    # the same firm answering 否 is not of the leading industry: 0 firms, and 5 < 10: 不符合
    spec = base()
    spec["roster"] = [firm(0, q_little_giant=2021, in_leading="否")] + [
        firm(i, q_high_tech=2020) for i in range(1, 6)
    ]
    report = check(tmp_path, spec)
    assert report["by_code"]["CR301"]["status"] == "not_met"
    assert report["verdict"] == "ineligible"


def test_rule4_blank_benchmark_of_a_high_energy_cluster_is_missing(tmp_path):
    # 属于高耗能行业的集群，能效水平高于行业基准值: the benchmark is blank: 缺数据 → 材料不全
    spec = base()
    spec["basic"]["high_energy"] = "是"
    spec["indicators"]["energy_intensity"] = [0.5, 0.48, 0.45]
    report = check(tmp_path, spec)
    assert report["by_code"]["CR702"]["status"] == "missing"
    assert report["verdict"] == "incomplete"


# --- rule 5: optional is optional ----------------------------------------------------------------


def test_rule5_optional_rows_left_blank_give_no_error(tmp_path):
    # 工业软件应用率 (no * in the template) left blank: no error; the soft trend criterion it
    # feeds is at most a warning, and the verdict of the hard criteria stands: 符合
    spec = base()
    del spec["indicators"]["software_rate"]
    report = check(tmp_path, spec)
    assert report["verdict"] == "eligible"
    assert report["counts"]["error"] == 0, report["findings"]
    assert report["by_code"]["CR606"]["status"] in ("missing", "not_applicable", "review")


# --- rule 6: trends show their values ----------------------------------------------------------


def test_rule6_trend_shows_the_indicators_values_by_year(tmp_path):
    # 二氧化碳排放量强度持续下降: 0.42 → 0.39 → 0.35 falls every year: met; the result shows
    # the values (not -16.67%) and the requirement 逐年下降
    report = check(tmp_path, base())
    cr701 = report["by_code"]["CR701"]
    assert cr701["status"] == "met"
    for shown in ("2020年0.42", "2021年0.39", "2022年0.35", "逐年下降"):
        assert shown in cr701["sentence"]
    assert "%" not in cr701["sentence"]
    assert "稳步提升" in report["by_code"]["CR606"]["sentence"]


# --- rules 7 and 8: the pack in force; unconfirmed numbers -----------------------------------


def test_rule7_extending_pack_advises_its_own_threshold(tmp_path):
    # Yunnan (extends national-2022): 近三年产值均在10亿元以上. 8亿元 in 2020 fails it, and the
    # advice says 10亿元, never the national 40亿元.
    spec = base("national-2022")
    spec["indicators"]["total_output"] = [8.0, 30.0, 36.0]
    report = check(tmp_path, spec, criteria=str(YUNNAN))
    findings = [f for f in report["findings"] if f["code"] == "CR202"]
    assert findings
    text = json.dumps(findings, ensure_ascii=False)
    assert "10亿元" in text and "40亿元" not in text


def test_rule8_an_unconfirmed_threshold_alone_does_not_make_ineligible(tmp_path):
    # Yunnan's 10亿元 is unconfirmed (third-party copy). Every confirmed criterion is met, so the
    # application is 符合; CR202 warns, names its provenance and the verdict of the others.
    spec = base("national-2022")
    spec["indicators"]["total_output"] = [8.0, 30.0, 36.0]
    spec["indicators"]["sme_output"] = [6.4, 24.0, 28.8]
    spec["indicators"]["leading_output"] = [6.6, 24.6, 29.6]
    report = check(tmp_path, spec, criteria=str(YUNNAN))
    cr202 = report["by_code"]["CR202"]
    assert cr202["status"] == "warning"
    assert "第三方转载文本" in cr202["sentence"] and "符合" in cr202["sentence"]
    assert report["verdict"] == "eligible"


def test_rule8_a_confirmed_failure_still_decides(tmp_path):
    # the same cluster with a confirmed criterion failed (近三年无重大事故: 否) is 不符合
    spec = base("national-2022")
    spec["indicators"]["total_output"] = [8.0, 30.0, 36.0]
    spec["declarations"]["CR102"] = "否"
    report = check(tmp_path, spec, criteria=str(YUNNAN))
    assert report["verdict"] == "ineligible"


@pytest.mark.parametrize("lang", ["en"])
def test_messages_in_english(tmp_path, lang):
    spec = base()
    spec["indicators"]["total_output"][2] = 683000
    pack = resolve_pack("beijing-2023")
    path = tmp_path / "en.xlsx"
    write_filled(path, pack, spec)
    result = runner.invoke(app, ["check", str(path), "--output-format", "json", "--lang", lang])
    report = json.loads(result.stdout)["files"][0]
    cr203 = next(c for c in report["criteria"] if c["code"] == "CR203")
    assert "probably typed in" in cr203["sentence"]
