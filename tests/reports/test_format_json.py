import json

import jsonschema
from builders import all_reports, context, eligible_report

from clusterctl.reports.formats import get_formatter
from clusterctl.reports.formats.json_format import SCHEMA_VERSION, load_schema


def test_json_validates_against_the_shipped_schema():
    data = json.loads(get_formatter("json").render(all_reports(), context()))
    jsonschema.Draft202012Validator.check_schema(load_schema())
    jsonschema.validate(data, load_schema())
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["totals"] == {
        "files": 3,
        "verdicts": {"eligible": 1, "ineligible": 1, "unreadable": 1},
        "counts": {"error": 3, "warning": 2, "info": 2},
    }


def test_every_finding_carries_its_sheet_and_cell():
    data = json.loads(get_formatter("json").render(all_reports(), context()))
    bad = data["files"][1]
    rows = {(f["code"], f["sheet"], f["cell"], f["row"], f["column"]) for f in bad["findings"]}
    assert ("V201", "指标数据", "E9", 9, 5) in rows
    assert ("CR203", "指标数据", "D7", 7, 4) in rows
    unreadable = data["files"][2]
    assert unreadable["verdict"] == "unreadable"
    assert unreadable["findings"][0]["sheet"] is None and unreadable["findings"][0]["cell"] is None


def test_criteria_carry_threshold_and_provenance():
    data = json.loads(get_formatter("json").render([eligible_report()], context(lang="en")))
    crit = {c["code"]: c for c in data["files"][0]["criteria"]}
    assert crit["CR203"]["title"] == "SME output share"
    assert (crit["CR203"]["op"], crit["CR203"]["threshold"], crit["CR203"]["value"]) == (
        "gt",
        70,
        81.25,
    )
    assert crit["CR501"]["unconfirmed"] is True and crit["CR203"]["unconfirmed"] is False


def test_json_lines_one_valid_file_object_per_line():
    text = get_formatter("json-lines").render(all_reports(), context())
    lines = text.splitlines()
    assert len(lines) == 3
    schema = load_schema()
    file_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/file"}
    for line in lines:
        obj = json.loads(line)
        assert obj["schema_version"] == 1
        jsonschema.validate(obj, file_schema)
    assert [json.loads(x)["path"] for x in lines] == [r.path for r in all_reports()]


def test_nan_becomes_null_instead_of_invalid_json():
    report = eligible_report()
    report.evaluation.score = float("nan")
    data = json.loads(get_formatter("json").render([report], context()))
    assert data["files"][0]["score"] is None
