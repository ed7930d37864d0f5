from builders import context, ineligible_report

from clusterctl.reports.formats import get_formatter
from clusterctl.reports.formats.github import escape_data, escape_property


def lines(**kw):
    return get_formatter("github").render([ineligible_report()], context(**kw)).splitlines()


def test_levels_and_properties():
    out = lines()
    assert out[0].startswith("::error file=apps/bad.xlsx,line=7,col=4,title=CR203 ")
    assert any(x.startswith("::warning file=apps/bad.xlsx,line=3,col=3,") for x in out)
    assert not any(x.startswith("::notice") for x in out)  # info only with --verbose
    assert any(x.startswith("::notice ") for x in lines(verbose=True))


def test_one_line_per_finding_with_runner_escaping():
    out = lines()
    assert len(out) == 3
    x301 = next(x for x in out if "X301" in x)
    message = x301.split("::", 2)[2]
    assert "50%25 a,b:c%0Anext" in message  # % and newline escaped in the data
    assert message.startswith("基本信息!C3: ")


def test_escape_rules():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z%") == "x%3Ay%2Cz%25"
