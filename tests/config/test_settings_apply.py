import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

from builders import eligible_report, ineligible_report

from clusterctl.config.settings import Settings
from clusterctl.diagnostics import Severity
from clusterctl.evaluation.model import Status, Verdict


def test_levels_change_severity_and_off_drops():
    report = Settings(levels={"V201": "warning", "X301": "off"}).apply(ineligible_report())
    rows = report.to_rows()
    assert ("V201", "指标数据", "E9", "warning") in rows
    assert not any(code == "X301" for code, *_ in rows)


def test_turning_the_failing_criteria_off_makes_the_file_eligible():
    report = ineligible_report()
    score = report.score
    settings = Settings(levels={"CR203": "off", "CR501": "off", "CR202": "off", "V201": "off"})
    assert Settings().fails(ineligible_report())
    settings.apply(report)
    assert report.verdict is Verdict.ELIGIBLE
    assert report.score == score  # the score is kept as computed
    assert report.evaluation.ignored == ["CR202", "CR203", "CR501"]
    assert report.evaluation.result("CR203").status is Status.NOT_MET  # the result stays
    assert not settings.fails(report)


def test_turning_one_of_two_failures_off_keeps_it_ineligible():
    report = Settings(levels={"CR203": "off"}).apply(ineligible_report())
    assert report.verdict is Verdict.INELIGIBLE  # CR501 still not met


def test_missing_data_left_makes_it_incomplete():
    report = Settings(levels={"CR203": "off", "CR501": "off"}).apply(ineligible_report())
    assert report.verdict is Verdict.INCOMPLETE  # CR202 is missing


def test_a_verdict_the_results_do_not_explain_is_kept():
    report = eligible_report()
    report.evaluation.verdict = Verdict.INCOMPLETE  # e.g. decided by the engine on other grounds
    Settings(levels={"CR201": "off"}).apply(report)
    assert report.verdict is Verdict.INCOMPLETE


def test_per_file_ignores_match_globs_and_all():
    settings = Settings(per_file_ignores={"apps/*.xlsx": ["V201"], "bad.xlsx": ["ALL"]})
    assert settings.ignored("apps/bad.xlsx", "V201")
    assert settings.ignored("other/bad.xlsx", "CR203")  # basename pattern
    assert not settings.ignored("other/good.xlsx", "V201")
    report = Settings(per_file_ignores={"apps/*.xlsx": ["CR203", "CR501", "CR202"]}).apply(
        ineligible_report()
    )
    assert report.verdict is Verdict.ELIGIBLE


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
