"""``clusterctl check`` on an annual report and a re-review: the kind by its markers, the
findings the standard's text asks for, report.filing, and the outputs' verdict line.

The samples are sample_data/lifecycle/generate.py's (its docstrings give the arithmetic)."""

from __future__ import annotations

import json
import pickle

from typer.testing import CliRunner

from clusterctl.cli.app import app as cli
from clusterctl.evaluation.model import Status
from clusterctl.lifecycle.model import FilingKind, FilingOutcome, PlanState
from clusterctl.pipeline import Options, process_file

runner = CliRunner()


def _json(path, *args: str) -> dict:
    result = runner.invoke(cli, ["check", str(path), "--output-format", "json", *args])
    assert result.exit_code == 1, result.output  # errors found: exit 1
    return json.loads(result.stdout)["files"][0]


def _codes(file: dict) -> list[tuple[str, str | None, str]]:
    return [(f["code"], f.get("cell"), f["severity"]) for f in file["findings"]]


def test_annual_report_findings(filings):
    file = _json(filings["annual"])
    assert file["kind"] == "annual-report"
    codes = _codes(file)
    # 第十七条 (四): the operating body changed, not reported -> an error at its 是否已报告 cell
    assert ("L501", "D6", "error") in codes
    # 第十七条 (五): tax evasion is a ground (error); an accident needs its grade (warning)
    assert ("L502", "C5", "error") in codes and ("L503", "C4", "warning") in codes
    # 专精特新企业数 12 -> 20, actual 14: completion 25% < 90%: behind
    assert ("L504", "D5", "warning") in codes
    # platform rate 30 / 260 = 11.5% < 15% (CR601, ≥ 15%): no longer met, named
    l505 = [f for f in file["findings"] if f["code"] == "L505"]
    assert [f["params"]["code"] for f in l505] == ["CR601"]
    assert "2024" in l505[0]["message"]  # judged on the one year, and says so
    assert not any(c.startswith("V2") for c, _, _ in codes)  # a well-filled report
    filing = file["filing"]
    assert filing["outcome"] == "grounds-found" and file["verdict_label"] == "不符合"
    assert filing["operator_uscc"] and filing["year"] == 2024 and filing["filed_on"] == "2025-03-20"
    states = {p["indicator"]: p["state"] for p in filing["plan"]}
    # 60 -> 75, actual 80: met; 70000 -> 85000, 84000: (84000-70000)/15000 = 0.93: on track
    assert states == {"集群总产值": "met", "专精特新企业数": "behind", "研发经费": "on-track"}
    assert [c["item"] for c in filing["changes"] if c["unreported"]] == ["operator"]
    assert [i["kind"] for i in filing["incidents"]] == ["安全事故", "偷税漏税"]


def test_annual_report_criteria_one_year_or_not_applicable(filings):
    file = _json(filings["annual"])
    status = {c["code"]: c["status"] for c in file["criteria"]}
    # one year decides the thresholds on the year: each (CR202 ≥ 40) and latest (CR203 > 70 ...)
    assert status["CR202"] == status["CR203"] == status["CR205"] == "met"
    assert status["CR601"] == "not_met"
    # growth rates, trends, the roster, qualitative answers, declarations, the area: n/a
    for code in ("CR204", "CR501", "CR701", "CR301", "CR101", "CR102", "CR201", "CR702"):
        assert status[code] == "not_applicable", code


def test_rereview_findings(filings):
    file = _json(filings["rereview"])
    assert file["kind"] == "rereview"
    by_code: dict[str, list] = {}
    for f in file["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    # SME share 2025: 55.2 / 80 = 69.0%, not > 70% (高于): CR203 fails; so does CR601 (12%)
    assert sorted(f["params"]["code"] for f in by_code["L506"]) == ["CR203", "CR601"]
    assert all(f["severity"] == "error" for f in by_code["L506"])
    # a failed item without a reason is an error at its reason cell: CR601 (figures), CR207 (否)
    l507 = {f["params"]["code"]: f for f in by_code["L507"]}
    assert sorted(l507) == ["CR207", "CR601"]
    assert all(f["severity"] == "error" and f["sheet"] == "逐项自评" for f in l507.values())
    assert {f["cell"][0] for f in l507.values()} == {"G"}  # the 不满足的原因 column
    # CR601 self-assessed 是, the figures give 未达标: the self-assessment contradicts them
    assert [f["params"]["code"] for f in by_code["L508"]] == ["CR601"]
    assert by_code["L508"][0]["severity"] == "warning"
    # CR203 was answered 否 with its reason: no L507, no L508 for it
    assert "CR203" not in l507
    # 专精特新企业数 12 -> 30, latest 18: completion 33%: behind
    assert [f["params"]["indicator"] for f in by_code["L504"]] == ["专精特新企业数"]
    filing = file["filing"]
    assert filing["outcome"] == "fails"
    assert sorted(filing["criteria_not_met"]) == ["CR203", "CR601"]
    cr203 = next(c for c in filing["criteria"] if c["code"] == "CR203")
    assert cr203["self_assessed"] is False and "69%" in cr203["reason"]


def test_rereview_judges_three_years_and_declarations_from_the_self_assessment(filings):
    file = _json(filings["rereview"])
    status = {c["code"]: c["status"] for c in file["criteria"]}
    # CR204: 60 -> 80 over two periods: (80/60)^(1/2) - 1 = 15.5% > 10%: met on three years
    assert status["CR204"] == "met"
    # the declarations are the self-assessment's 是 (the form has no declarations sheet)
    assert status["CR102"] == status["CR103"] == "met"
    assert status["CR301"] == "met"  # the roster: 2 little giants and 12 specialised SMEs
    assert status["CR101"] == "review"  # qualitative, answered with evidence


def test_human_output_shows_the_filing_verdict_in_both_languages(filings):
    zh = runner.invoke(cli, ["check", str(filings["rereview"])])
    assert "复核不通过" in zh.stdout and "复核申报表（2026）" in zh.stdout
    assert "得分" not in zh.stdout.split("\n")[3]  # no application score on the verdict line
    en = runner.invoke(cli, ["check", str(filings["annual"]), "--lang", "en"])
    assert "a ground for revocation found" in en.stdout and "annual report (2024)" in en.stdout
    assert "not applicable to an annual report" in en.stdout
    words = " ".join(en.stdout.split())  # the findings are wrapped to the terminal width
    assert "L501" in words and "not marked as reported" in words
    concise = ["--output-format", "concise", "-q"]
    quiet = runner.invoke(cli, ["check", str(filings["annual"]), *concise])
    assert quiet.stdout.strip().endswith(": grounds-found")


def test_sarif_names_the_kind_and_outcome(filings):
    result = runner.invoke(cli, ["check", str(filings["rereview"]), "--output-format", "sarif"])
    run = json.loads(result.stdout)["runs"][0]
    props = run["artifacts"][0]["properties"]
    assert props["kind"] == "rereview" and props["outcome"] == "fails"
    assert {"L506", "L507", "L508"} <= {r["ruleId"] for r in run["results"]}


def test_report_filing_is_populated_and_picklable(filings):
    report = process_file(str(filings["annual"]), Options())
    assert report.kind == "annual-report" and report.filing is not None
    back = pickle.loads(pickle.dumps(report))  # what the worker pool does with it
    filing = back.filing
    assert filing.kind is FilingKind.ANNUAL_REPORT and filing.outcome is FilingOutcome.GROUNDS_FOUND
    assert filing.unreported_changes[0].location.ref() == "重大变化!C6"
    assert filing.cells["identity.operator_uscc"].ref() == "集群基本情况!C6"
    assert [p.state for p in filing.plan] == [PlanState.MET, PlanState.BEHIND, PlanState.ON_TRACK]
    assert [c.code for c in filing.criteria_not_met] == ["CR601"]
    assert next(c for c in filing.criteria if c.code == "CR204").status is Status.NOT_APPLICABLE


def test_an_unknown_edition_in_a_filing_is_s105_and_the_default_pack(tmp_path, generator):
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.template import write_filled

    spec = generator.annual_report()
    path = tmp_path / "r.xlsx"
    write_filled(path, resolve_pack("beijing-2023"), spec, kind="annual-report")
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["集群基本情况"]
    row = next(r for r in range(1, 30) if ws.cell(r, 1).value == "edition")
    ws.cell(row, 3).value = "atlantis-2031"
    notes = wb["填报说明"]
    meta = next(r for r in range(1, 30) if notes.cell(r, 1).value == "edition")
    notes.cell(meta, 3).value = "atlantis-2031"
    wb.save(path)
    report = process_file(str(path), Options())
    assert "S105" in {f.code for f in report.findings} and report.filing is not None
    assert report.pack_id == "beijing-2023"


def test_filings_on_a_gbk_console_spawned_without_fork(filings):
    """A subprocess as on Chinese Windows: GBK console, workers started by spawn."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIO", "LC_", "LANG"))}
    env.update(PYTHONIOENCODING="gbk", CLUSTERCTL_START_METHOD="spawn")
    for path in filings.values():
        for fmt in ("human", "concise"):
            done = subprocess.run(
                [sys.executable, "-m", "clusterctl", "check", str(path), "--output-format", fmt],
                env=env, capture_output=True, timeout=120, check=False,
            )  # fmt: skip
            assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
            assert b"Traceback" not in done.stderr
            text = done.stdout.decode("gbk")  # valid in the console's encoding
            assert "L504" in text


def test_value_checks_on_a_filing_series(tmp_path, generator):
    """A part above its whole (X301: SME output 90 > total 80) and a negative count (V213)."""
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.template import write_filled

    spec = generator.annual_report()
    spec["indicators"]["sme_output"] = [90.0]
    spec["indicators"]["employees"] = [-5]
    path = tmp_path / "bad.xlsx"
    write_filled(path, resolve_pack("beijing-2023"), spec, kind="annual-report")
    report = process_file(str(path), Options())
    rows = {(f.code, f.location.field) for f in report.findings}
    assert ("X301", "indicators.sme_output.2024") in rows
    assert ("V213", "indicators.employees.2024") in rows


def test_incident_kinds_are_english_with_lang_en(filings):
    messages = {
        f["code"]: f["message"]
        for f in _json(filings["annual"], "--lang", "en")["findings"]
        if f["code"] in ("L502", "L503")
    }
    assert messages["L502"].startswith("'Tax evasion' in the year (2024-11-02)")
    assert messages["L503"].startswith("'Safety accident' in the year (2024-08-15)")
    zh = {f["code"]: f["message"] for f in _json(filings["annual"])["findings"]}
    assert zh["L502"].startswith("报告年度内发生“偷税漏税”（2024-11-02）")
