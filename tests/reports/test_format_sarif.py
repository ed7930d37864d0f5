import json
import os
from pathlib import Path

import jsonschema
from builders import all_reports, context, eligible_report
from shared_folder import shared_path

from clusterctl.diagnostics import all_types
from clusterctl.reports.formats import get_formatter
from clusterctl.reports.formats.sarif import artifact_uri


def official_schema() -> dict:
    """The official SARIF 2.1.0 schema: $CLUSTERCTL_SARIF_SCHEMA, or the shared folder's copy
    (tests/shared_folder.py). Missing is a failure, never a skip."""
    env = os.environ.get("CLUSTERCTL_SARIF_SCHEMA")
    path = Path(env) if env else shared_path("reference", "schemas", "sarif-schema-2.1.0.json")
    assert path.is_file(), f"SARIF schema not found at {path}; set CLUSTERCTL_SARIF_SCHEMA"
    return json.loads(path.read_text(encoding="utf-8"))


def render(reports, **kw):
    return json.loads(get_formatter("sarif").render(reports, context(**kw)))


def test_sarif_validates_against_the_official_schema():
    data = render(all_reports())
    jsonschema.validate(data, official_schema())
    assert data["version"] == "2.1.0"


def test_one_rule_per_code_covering_registry_and_results():
    run = render(all_reports())["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    assert {t.code for t in all_types()} <= set(ids)
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])


def test_results_point_at_file_sheet_and_cell():
    run = render(all_reports())["runs"][0]
    v201 = next(r for r in run["results"] if r["ruleId"] == "V201")
    loc = v201["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "apps/bad.xlsx",
        "uriBaseId": "%SRCROOT%",
    }
    assert loc["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 5}
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "指标数据!E9"
    assert v201["message"]["text"].startswith("指标数据!E9: ")
    assert v201["level"] == "error"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["V290"] == "note" and levels["CR201"] == "warning"


def test_file_level_finding_has_no_region():
    run = render(all_reports())["runs"][0]
    f104 = next(r for r in run["results"] if r["ruleId"] == "F104")
    assert "region" not in f104["locations"][0]["physicalLocation"]
    assert "logicalLocations" not in f104["locations"][0]


def test_uris_are_percent_encoded_and_outside_paths_absolute(tmp_path):
    assert artifact_uri("apps/海淀 软件.xlsx", str(tmp_path)) == (
        "apps/%E6%B5%B7%E6%B7%80%20%E8%BD%AF%E4%BB%B6.xlsx",
        True,
    )
    uri, relative = artifact_uri("/elsewhere/a.xlsx", str(tmp_path))
    assert (uri, relative) == ("file:///elsewhere/a.xlsx", False)
    data = render([eligible_report("/elsewhere/a.xlsx")], cwd=str(tmp_path))
    jsonschema.validate(data, official_schema())
