"""How people type numbers, shares, yes/no and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterctl.workbook import normalize as nz


@pytest.mark.parametrize(
    ("raw", "value", "normalised"),
    [
        (45.6, 45.6, False),
        ("45.6", 45.6, False),
        ("45.6亿元", 45.6, True),
        ("4,560", 4560.0, True),
        ("４５", 45.0, True),
        (" 45\u00a0", 45.0, True),
        ("１２.５亿", 12.5, True),
    ],
)
def test_number_readings(raw, value, normalised):
    parsed = nz.parse_number(raw, "亿元")
    assert parsed.ok
    assert parsed.value == pytest.approx(value)
    assert parsed.normalised is normalised


def test_wan_yuan_in_a_yi_yuan_field_converts_and_says_so():
    parsed = nz.parse_number("4560万元", "亿元")
    assert parsed.value == pytest.approx(0.456)
    assert (parsed.from_unit, parsed.to_unit) == ("万元", "亿元")


@pytest.mark.parametrize(
    "raw", ["abc", "4,56", "约45", "40-50", "NaN", "inf", True, dt.date(2023, 1, 1)]
)
def test_unreadable_numbers_are_errors(raw):
    parsed = nz.parse_number(raw, "亿元")
    assert not parsed.ok and parsed.value is None
    assert parsed.error is not None


def test_unit_that_does_not_fit_is_an_error():
    assert not nz.parse_number("45家", "亿元").ok


@pytest.mark.parametrize("raw", [None, "", "  ", "\u3000"])
def test_blank_is_not_an_error(raw):
    parsed = nz.parse_number(raw)
    assert parsed.blank


@pytest.mark.parametrize(
    ("raw", "value"), [("75%", 75.0), (0.75, 75.0), (75, 75.0), ("７５％", 75.0)]
)
def test_percent(raw, value):
    assert nz.parse_percent(raw).value == pytest.approx(value)


def test_percent_text_fraction_is_reported_but_excel_fraction_is_not():
    assert nz.parse_percent("0.75").normalised
    assert not nz.parse_percent(0.75).normalised


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("√", True),
        ("×", False),
        ("true", True),
        ("FALSE", False),
        (True, True),
        (1, True),
        (" 是 ", True),
    ],
)
def test_bool(raw, value):
    assert nz.parse_bool(raw).value is value


def test_bool_unreadable():
    assert not nz.parse_bool("也许").ok


@pytest.mark.parametrize(
    "raw",
    [
        "2023-05-01",
        "2023/5/1",
        "2023.5.1",
        "2023年5月1日",
        "20230501",
        45047,
        dt.datetime(2023, 5, 1),
        dt.date(2023, 5, 1),
    ],
)
def test_dates(raw):
    assert nz.parse_date(raw).value == "2023-05-01"


@pytest.mark.parametrize("raw", ["2023-02-30", "next week", -5, 10**9])
def test_bad_dates(raw):
    assert not nz.parse_date(raw).ok


def test_year_or_bool():
    assert nz.parse_year_or_bool(2021).value == nz.Held(True, 2021)
    assert nz.parse_year_or_bool("2021年").value == nz.Held(True, 2021)
    assert nz.parse_year_or_bool("是").value == nz.Held(True, None)
    assert nz.parse_year_or_bool("否").value == nz.Held(False, None)
    assert not nz.parse_year_or_bool("2021.5").ok


def test_choice_tolerates_missing_suffix():
    sizes = ("大型", "中型", "小型", "微型")
    assert nz.parse_choice("小", sizes).value == "小型"
    assert nz.parse_choice("中型企业", sizes).value == "中型"
    assert not nz.parse_choice("巨型", sizes).ok


def test_code_is_folded():
    assert nz.parse_code(" ９１１１０１０８ma00 ").value == "91110108MA00"
    assert nz.parse_code(110108.0).value == "110108"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_any_number_as_text_reads_back(x):
    text = repr(x)
    parsed = nz.parse_number(text)
    assert parsed.ok and parsed.value == pytest.approx(x)


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_read_back(n):
    assert nz.parse_number(f"{n:,}").value == n


@given(st.text(max_size=30))
def test_never_raises_on_any_text(text):
    for parse in (
        nz.parse_number,
        nz.parse_percent,
        nz.parse_bool,
        nz.parse_date,
        nz.parse_year_or_bool,
        nz.parse_int,
        nz.parse_code,
    ):
        parsed = parse(text)
        assert parsed.ok or parsed.value is None


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_forms_agree(day):
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        (day - nz.EXCEL_EPOCH).days,
    ]
    assert {nz.parse_date(f).value for f in forms} == {day.isoformat()}


@given(
    st.text(alphabet=st.sampled_from("ab甲 \t\n\u00a0\u2002\u200b\u3000\ufeff\x1f\x00"), min_size=1)
)
def test_stray_space_is_any_space_clean_text_looks_at(text):
    assert nz.has_stray_space(text) == bool(nz._SPACES.search(text))
    if not nz.has_stray_space(text):
        assert nz.clean_text(text) == text


def test_the_english_templates_drop_down_values_read_without_a_finding():
    from clusterctl.workbook.fields import FIRM_SIZES

    assert (
        nz.parse_choice("Small", FIRM_SIZES).value,
        nz.parse_choice("Small", FIRM_SIZES).normalised,
    ) == ("小型", False)
    assert nz.parse_choice("micro ", FIRM_SIZES).value == "微型"  # another case: read, reported
    assert nz.parse_choice("micro ", FIRM_SIZES).normalised
    assert nz.parse_choice("Yes", FIRM_SIZES).error is not None  # not a size
    assert (nz.parse_bool("Yes").value, nz.parse_bool("Yes").normalised) == (True, False)
    assert (nz.parse_bool("No").value, nz.parse_bool("No").normalised) == (False, False)
    assert nz.parse_bool("yes").normalised


def test_a_huge_number_in_a_larger_unit_is_no_number_not_infinity():
    # 1e308 亿元 is 1e312 万元: beyond a float; it must be an error, never inf (which would pass
    # any "不低于" threshold)
    assert nz.parse_number("1e308亿元", "万元").value is None
    assert nz.parse_number("1e308亿元", "万元").error is not None
    assert nz.parse_number("5亿元", "万元").value == 50000.0
