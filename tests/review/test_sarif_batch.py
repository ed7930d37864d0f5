"""``screen --output-format sarif`` carries the baseline states and the experts' judgements, and
validates against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
from shared_folder import shared_path

from .form_filler import fill_form
from .helpers import screen
from .test_baseline import EDITED, correct, first_summary


def official_schema() -> dict:
    env = os.environ.get("CLUSTERCTL_SARIF_SCHEMA")
    path = Path(env) if env else shared_path("reference", "schemas", "sarif-schema-2.1.0.json")
    assert path.is_file(), f"SARIF schema not found at {path}; set CLUSTERCTL_SARIF_SCHEMA"
    return json.loads(path.read_text(encoding="utf-8"))


def sarif(*args: str) -> dict:
    result = screen(*args, "--output-format", "sarif")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_sarif_of_a_rescreen_has_baseline_states_and_expert_judgements(batch, tmp_path):
    old = first_summary(batch, tmp_path)
    form = tmp_path / "form.xlsx"
    assert screen(str(batch), "--review-form", str(form), "-q").exit_code in (0, 1)
    filled = tmp_path / "filled.xlsx"
    fill_form(
        str(form), str(filled), "张专家", lambda n, c: "未达标" if n.startswith("01-") else None
    )
    correct(batch / EDITED)
    doc = sarif(str(batch), "--baseline", str(old), "--expert-scores", str(filled))
    jsonschema.validate(doc, official_schema())
    run = doc["runs"][0]
    arts = {Path(a["location"]["uri"]).name: a for a in run["artifacts"]}
    assert arts[EDITED]["properties"]["baseline"] == "changed"
    assert arts["01-eligible-beijing.xlsx"]["properties"]["verdict"] == "ineligible"
    assert arts["01-eligible-beijing.xlsx"]["properties"]["experts"]
    results = run["results"]

    def of(name: str) -> list[dict]:
        uri = lambda r: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]  # noqa: E731
        return [r for r in results if Path(uri(r)).name == name]

    edited = {(r["ruleId"], r["baselineState"]) for r in of(EDITED)}
    assert ("CR203", "absent") in edited and ("CR201", "new") in edited
    judged = [r for r in of("01-eligible-beijing.xlsx") if r["ruleId"] == "CR206"]
    assert judged and judged[0]["properties"]["experts"][0]["grade"] == "not_met"
    assert judged[0]["baselineState"] == "new"  # not met now, review before
    assert {r["baselineState"] for r in of("03-fails-thresholds.xlsx")} == {"unchanged"}
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results if "ruleIndex" in r)
