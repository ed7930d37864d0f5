import xml.etree.ElementTree as ET

from builders import all_reports, context, eligible_report, ineligible_report

from clusterctl.evaluation.model import Status
from clusterctl.reports.formats import get_formatter


def parse(reports, **kw):
    return ET.fromstring(get_formatter("junit").render(reports, context(**kw)).encode("utf-8"))


def test_a_suite_per_file_and_counts_add_up():
    root = parse(all_reports())
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in all_reports()]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) > 0
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_failures_are_the_unmet_criteria_and_failing_checks():
    suite = parse([ineligible_report()]).find("testsuite")
    failed = {
        c.get("name").split()[0] for c in suite.findall("testcase") if c.find("failure") is not None
    }
    assert failed == {"CR202", "CR203", "CR501", "V201"}  # missing, not met x2, an error
    x301 = next(c for c in suite.findall("testcase") if c.get("name").startswith("X301"))
    assert x301.find("failure") is None  # a warning passes at --fail-on error
    strict = parse([ineligible_report()], fail_on="warning").find("testsuite")
    x301 = next(c for c in strict.findall("testcase") if c.get("name").startswith("X301"))
    assert x301.find("failure") is not None


def test_accepted_when_nothing_failed():
    report = eligible_report()
    report.findings = []
    report.evaluation.results = [r for r in report.evaluation.results if r.status is Status.MET]
    root = parse([report])
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert int(root.get("tests")) >= 1


def test_ignored_criterion_is_skipped():
    report = ineligible_report()
    report.evaluation.ignored = ["CR203"]
    suite = parse([report]).find("testsuite")
    case = next(c for c in suite.findall("testcase") if c.get("name").startswith("CR203"))
    assert case.find("skipped") is not None and case.find("failure") is None


def test_control_characters_never_break_the_xml():
    text = get_formatter("junit").render([ineligible_report()], context())
    assert "\x1b" not in text
    ET.fromstring(text.encode("utf-8"))  # parses
