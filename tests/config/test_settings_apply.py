import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

from builders import eligible_report, ineligible_report, make_pack

from clusterctl.config.settings import Settings
from clusterctl.diagnostics import Severity


def test_levels_change_severity_and_off_drops():
    report = Settings(levels={"V201": "warning", "X301": "off"}).apply(ineligible_report())
    rows = report.to_rows()
    assert ("V201", "指标数据", "E9", "warning") in rows
    assert not any(code == "X301" for code, *_ in rows)


def test_apply_only_adjusts_findings():
    report = ineligible_report()
    before = (report.verdict, report.score, list(report.evaluation.ignored))
    Settings(levels={"CR203": "off", "CR501": "off", "CR202": "off"}).apply(report)
    assert (report.verdict, report.score, report.evaluation.ignored) == before
    assert not any(f.code in ("CR203", "CR501", "CR202") for f in report.findings)


def test_criteria_off_is_the_files_view_of_levels_and_per_file_ignores():
    pack = make_pack()
    settings = Settings(levels={"CR203": "off"}, per_file_ignores={"apps/*.xlsx": ["CR501"]})
    assert settings.criteria_off("apps/a.xlsx", pack) == {"CR203", "CR501"}
    assert settings.criteria_off("other/a.xlsx", pack) == {"CR203"}
    every = Settings(per_file_ignores={"bad.xlsx": ["ALL"]}).criteria_off("x/bad.xlsx", pack)
    assert every == {c.code for c in pack.criteria}


def test_per_file_ignores_match_globs_and_all():
    settings = Settings(per_file_ignores={"apps/*.xlsx": ["V201"], "bad.xlsx": ["ALL"]})
    assert settings.ignored("apps/bad.xlsx", "V201")
    assert settings.ignored("other/bad.xlsx", "CR203")  # basename pattern
    assert not settings.ignored("other/good.xlsx", "V201")


def test_fail_on_warning():
    report = eligible_report()  # eligible, one warning
    assert not Settings().fails(report)
    assert Settings(fail_on="warning").fails(report)
    report.findings = [f for f in report.findings if f.level is Severity.INFO]
    assert not Settings(fail_on="warning").fails(report)


def test_override_records_sources():
    settings = Settings().override("a.toml", lang="en").override("cli", fail_on="warning")
    assert (settings.source("lang"), settings.source("fail_on")) == ("a.toml", "cli")
    assert settings.source("criteria") == "default"


def _cleared_sample(tmp_path, key="software_rate"):
    """The sample whose SME share is exactly 70% (CR203 not met under Beijing's 高于70%) with
    the latest year of one indicator cleared (by default that of the soft trend CR606)."""
    import openpyxl

    sample = Path(__file__).parents[2] / "sample_data" / "02-sme-share-exactly-70.xlsx"
    wb = openpyxl.load_workbook(sample)
    ws = next(w for w in wb.worksheets if str(w["A1"].value).startswith("#sheet:indicators"))
    row = next(r for r in ws.iter_rows() if r[0].value == key)
    row[4].value = None  # y3
    path = tmp_path / "cleared.xlsx"
    wb.save(path)
    return path


def test_a_code_turned_off_gives_the_same_verdict_for_a_shipped_pack_and_its_copy(
    tmp_path, monkeypatch
):
    """Regression: with CR203 = "off" and one value cleared, ``--criteria beijing-2023`` gave
    eligible while a user pack extending it unchanged gave incomplete (the verdict was derived
    again after evaluation by re-resolving the pack by id, and a pack given by path fell back to
    a rule that counted soft criteria)."""
    import json

    from typer.testing import CliRunner

    from clusterctl.cli.app import app

    workbook = _cleared_sample(tmp_path)
    (tmp_path / "copy.toml").write_text(
        'id = "beijing-copy"\nextends = "beijing-2023"\n'
        'title = { zh = "北京副本", en = "Beijing copy" }\nedition_year = 2023\ncriteria = []\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def verdict(criteria: str) -> tuple[str, list[str]]:
        args = ["check", str(workbook), "--criteria", criteria, "--output-format", "json"]
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), result.output
        data = json.loads(result.stdout)["files"][0]
        return data["verdict"], data["ignored_criteria"]

    assert verdict("beijing-2023") == ("ineligible", [])  # CR203; the soft CR606 only warns
    (tmp_path / ".clusterctl.toml").write_text('[levels]\nCR203 = "off"\n', encoding="utf-8")
    shipped, copy = verdict("beijing-2023"), verdict(str(tmp_path / "copy.toml"))
    assert shipped == copy == ("eligible", ["CR203"])  # what the standard gives without CR203
