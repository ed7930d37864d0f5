"""Packs own their vocabulary: indicators with formulas, sections, and the published schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.formula import FormulaError, parse
from clusterctl.criteria.loader import load_pack_file, resolve_pack, validate_pack_file
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.workbook.model import Application

ROOT = Path(__file__).parents[2]

# A pack that is not shipped: an indicator no shipped pack has (export_value is in the workbook
# catalogue, export_share is new), a derived one over a derived one, and criteria on them.
TEST_PACK = """
id = "export-test-2025"
title = { zh = "出口测试标准", en = "Export test standard" }
jurisdiction = { zh = "测试省", en = "Test province" }
level = "省级"
edition_year = 2025
source = "tests"
template_version = "1"

[[sections]]
key = "scale"
title = { zh = "一、规模", en = "1 Scale" }

[[sections]]
key = "open"
title = { zh = "二、开放", en = "2 Openness" }

[[indicators]]
key = "total_output"
label = { zh = "集群总产值", en = "Total output" }
unit = { zh = "亿元", en = "100M CNY" }

[[indicators]]
key = "export_value"
label = { zh = "出口额", en = "Exports" }
unit = { zh = "亿元", en = "100M CNY" }

[[indicators]]
key = "unused_rate"
label = { zh = "未读取的指标", en = "Not read" }
unit = { zh = "%", en = "%" }
type = "percent"

[[indicators]]
key = "export_share"
label = { zh = "出口额占比", en = "Export share" }
unit = { zh = "%", en = "%" }
type = "percent"
formula = "export_value / total_output * 100"

[[indicators]]
key = "export_share_gap"
label = { zh = "出口占比超出30%的部分", en = "Export share above 30%" }
unit = { zh = "个百分点", en = "points" }
formula = "export_share - 30"

[[criteria]]
code = "EX-1"
name = "export-share"
section = "open"
title = { zh = "出口额占比", en = "Export share" }
clause = "出口额占集群总产值比例高于20%"
kind = "threshold"
metric = "export_share"
op = "gt"
threshold = 20
years = "latest"
weight = 5

[[criteria]]
code = "EX-2"
name = "export-share-gap"
section = "open"
title = { zh = "出口占比超出30%", en = "Export share above 30%" }
clause = "出口额占比不低于30%"
kind = "threshold"
metric = "export_share_gap"
op = "ge"
threshold = 0
years = "each"
severity = "soft"
weight = 1

[[criteria]]
code = "SC-1"
name = "output"
section = "scale"
title = { zh = "产值", en = "Output" }
clause = "近三年产值均在10亿元以上"
kind = "threshold"
metric = "total_output"
op = "ge"
threshold = 10
years = "each"
weight = 4
"""


@pytest.fixture
def test_pack(tmp_path):
    path = tmp_path / "export-test.toml"
    path.write_text(TEST_PACK, encoding="utf-8")
    return path


def _app(total, exports):
    return Application(
        "x.xlsx",
        years=[2022, 2023, 2024],
        indicators={"total_output": total, "export_value": exports},
    )


def test_formulas_allow_only_names_numbers_and_arithmetic():
    f = parse("100 * (a - b) / -c")
    assert f.names == ("a", "b", "c")
    assert f.evaluate({"a": 3.0, "b": 1.0, "c": -4.0}) == pytest.approx(50.0)
    assert parse("basic.area_km2 / 2").names == ("basic.area_km2",)
    for bad in ("a ** 2", "f(a)", "a.b", "a < b", "'x'", "a if b else c", "[a]", "", "a +"):
        with pytest.raises(FormulaError):
            parse(bad)


def test_a_zero_or_negative_denominator_or_a_missing_input_gives_no_value():
    f = parse("sme_output / total_output * 100")
    assert f.evaluate({"sme_output": 35.0, "total_output": 50.0}) == pytest.approx(70.0)
    assert f.evaluate({"sme_output": 35.0, "total_output": 0.0}) is None
    assert f.evaluate({"sme_output": 35.0, "total_output": -5.0}) is None
    assert f.evaluate({"sme_output": 35.0}) is None
    assert parse("a - b").evaluate({"a": 1.0, "b": 3.0}) == -2.0  # only denominators


def test_a_pack_reads_a_new_indicator_only_as_data(test_pack):
    pack = load_pack_file(test_pack)
    assert [s.key for s in pack.sections] == ["scale", "open"]
    assert [c.code for c in pack.criteria] == ["SC-1", "EX-1", "EX-2"]  # in section order
    # what the workbook must hold: read directly or through derived ones, in declared order
    assert [i.key for i in pack.input_indicators()] == ["total_output", "export_value"]
    assert pack.inputs_of("export_share_gap") == ("export_value", "total_output")
    assert pack.indicator("export_share").derived and not pack.indicator("export_value").derived

    passing = evaluate(_app([12.0, 14.0, 16.0], [3.0, 4.0, 5.0]), pack)
    assert passing.result("EX-1").status is Status.MET  # 5 / 16 = 31.25% > 20%
    assert passing.result("EX-1").value == pytest.approx(31.25)
    assert passing.result("EX-2").status is Status.WARNING  # 2022: 25% < 30%
    assert passing.verdict is Verdict.ELIGIBLE
    failing = evaluate(_app([12.0, 14.0, 0.0], [3.0, 4.0, 5.0]), pack)
    assert failing.result("EX-1").status is Status.MISSING  # zero denominator: no value
    assert failing.verdict is Verdict.INELIGIBLE  # SC-1: 0 < 10
    cells = metric_for(pack, "export_share").cell_keys(_app([1.0], [1.0]), 2)
    assert cells == ["indicators.export_value.2024", "indicators.total_output.2024"]


def test_what_a_pack_answers_for_every_file_is_computed_once_and_stays_right(test_pack):
    """input_indicators, indicator and metric_for are remembered in the frozen pack (asked for
    every file): the same answers as computed afresh, the same objects each time, and a copy
    of the pack (dataclasses.replace) starts with nothing remembered."""
    import dataclasses

    pack = load_pack_file(test_pack)
    first = pack.input_indicators()
    assert first is pack.input_indicators() and first == pack._input_indicators()
    assert pack.indicator("export_value") is next(
        i for i in pack.indicators if i.key == "export_value"
    )
    with pytest.raises(KeyError):
        pack.indicator("no_such_indicator")
    assert metric_for(pack, "export_share") is metric_for(pack, "export_share")
    fewer = dataclasses.replace(pack, criteria=pack.criteria[:1])  # SC-1 alone
    assert not fewer.memo
    assert [i.key for i in fewer.input_indicators()] == ["total_output"]
    assert [i.key for i in pack.input_indicators()] == ["total_output", "export_value"]
    assert pack == dataclasses.replace(pack)  # what is remembered is not compared


def test_rule_builds_examples_from_the_formula(test_pack):
    for code in ("EX-1", "EX-2"):
        result = CliRunner().invoke(app, ["rule", code, "--criteria", str(test_pack)])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert any(line.startswith("通过示例：[达标]") for line in lines)
        assert any(line.startswith("未通过示例：[未达标]") or "[警示]" in line for line in lines)
    out = CliRunner().invoke(app, ["rule", "EX-1", "--criteria", str(test_pack)]).stdout
    assert "出口额占比 = 出口额 ÷ 集群总产值 × 100" in out


def test_formula_problems_are_pack_errors_with_their_key_path(test_pack, tmp_path):
    def problems(old, new):
        path = tmp_path / "p.toml"
        path.write_text(TEST_PACK.replace(old, new), encoding="utf-8")
        return dict(validate_pack_file(path))

    found = problems("export_value / total_output", "export_value / output_total")
    assert (
        list(found) == ["indicators[3].formula"]
        and "output_total" in found["indicators[3].formula"]
    )
    found = problems('formula = "export_share - 30"', 'formula = "export_share_gap - 30"')
    assert list(found) == ["indicators[4].formula"] and "循环" in found["indicators[4].formula"]
    found = problems("export_value / total_output", "__import__('os')")
    assert list(found) == ["indicators[3].formula"] and "不允许" in found["indicators[3].formula"]
    found = problems("export_value / total_output", "basic.colour")
    assert "basic.area_km2" in found["indicators[3].formula"]
    found = problems('metric = "export_share"', 'metric = "import_share"')
    assert list(found) == ["criteria[0].metric"] and "export_share" in found["criteria[0].metric"]
    found = problems('key = "unused_rate"', 'key = "export_value"')
    assert list(found) == ["indicators[2].key"]


def test_a_basic_information_indicator_takes_no_years(test_pack, tmp_path):
    text = TEST_PACK.replace(
        '[[criteria]]\ncode = "SC-1"',
        '[[indicators]]\nkey = "area"\nlabel = { zh = "面积", en = "Area" }\n'
        'unit = { zh = "km²", en = "km²" }\nformula = "basic.area_km2"\n\n'
        '[[criteria]]\ncode = "SC-2"\nname = "area"\nsection = "scale"\n'
        'title = { zh = "面积", en = "Area" }\nclause = "x"\nkind = "threshold"\n'
        'metric = "area"\nop = "le"\nthreshold = 100\n\n[[criteria]]\ncode = "SC-1"',
    )
    path = tmp_path / "area.toml"
    path.write_text(text, encoding="utf-8")
    pack = load_pack_file(path)
    assert "area" not in {i.key for i in pack.input_indicators()}
    app = _app([12.0, 14.0, 16.0], [3.0, 4.0, 5.0])
    app.basic["area_km2"] = 120.0
    assert evaluate(app, pack).result("SC-2").status is Status.NOT_MET
    path.write_text(text.replace("threshold = 100\n", 'threshold = 100\nyears = "each"\n'), "utf-8")
    assert [p for p, _ in validate_pack_file(path)] == ["criteria[2].years"]


def test_extends_inherits_sections_and_indicators_and_may_replace_one(tmp_path):
    path = tmp_path / "child.toml"
    path.write_text(
        'id = "child-2023"\nextends = "beijing-2023"\n'
        'title = { zh = "子标准", en = "Child" }\nedition_year = 2023\n\n'
        '[[indicators]]\nkey = "sme_share"\nlabel = { zh = "中小企业营收占比", en = "SME share" }\n'
        'unit = { zh = "%", en = "%" }\nformula = "sme_output / total_output * 100"\n\n'
        '[[criteria]]\ncode = "CR203"\nthreshold = 50\n',
        encoding="utf-8",
    )
    child, base = load_pack_file(path), resolve_pack("beijing-2023")
    assert child.sections == base.sections
    assert [i.key for i in child.indicators] == [i.key for i in base.indicators]
    assert child.indicator("sme_share").label.zh == "中小企业营收占比"
    assert child.criterion("CR203").threshold == 50


def test_the_published_schema_is_in_sync_with_the_declarations():
    from clusterctl.evaluation.pack_schema import SCHEMA_FILE, render

    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), (
        "run: python -m clusterctl.evaluation.pack_schema"
    )
    schema = json.loads(render())
    kinds = [b["$ref"].rsplit(".", 1)[-1] for b in schema["$defs"]["criterion"]["oneOf"][:-1]]
    assert kinds == ["threshold", "count", "trend", "conditional", "qualitative", "declaration"]
    assert schema["$defs"]["criterion.trend"]["properties"]["years"]["enum"] == [
        "decreasing",
        "increasing",
    ]


def test_the_schema_checks_a_pack_with_plain_jsonschema(test_pack):
    """What a user's editor does: the shipped file alone, no clusterctl code."""
    import tomllib

    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "clusterctl" / "criteria" / "pack.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(tomllib.loads(TEST_PACK)))
    broken = tomllib.loads(TEST_PACK.replace('op = "gt"', 'op = "above"'))
    assert list(validator.iter_errors(broken))


def test_the_schema_command_regenerates_the_file(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from clusterctl.evaluation import pack_schema as p; print(p.render())",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0 and '"criterion.threshold"' in result.stdout


def test_every_validation_keyword_of_the_schema_has_a_chinese_message():
    from clusterctl.criteria.schema import TRANSLATED, pack_schema

    structural = {"$schema", "$id", "$ref", "$defs", "title", "description", "default"}
    structural |= {"properties", "items", "if", "then", "else", "x-pattern-doc"}
    used: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                used.add(key)
                if key in ("properties", "$defs"):  # maps of names to schemas
                    for sub in value.values():
                        walk(sub)
                elif key not in ("x-pattern-doc", "enum", "const", "default", "required"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(pack_schema())
    assert used - structural <= TRANSLATED, used - structural - TRANSLATED


def test_hostile_formulas_are_errors_not_crashes():
    for source in ("-" * 399 + "a", "a\x00b", "1e999", "x" * 500, "[" * 300):
        with pytest.raises(FormulaError):
            parse(source)
    assert parse("(" * 150 + "a" + ")" * 150).names == ("a",)  # deep but small: fine
    assert parse("a / 0").evaluate({"a": 1.0}) is None
