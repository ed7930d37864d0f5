"""A roster column parsed at once reads exactly as its cells one at a time."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterctl.workbook.columns import (
    NEEDS_FINDING,
    is_filled,
    parse_as,
    parse_cell,
    parse_column,
)
from clusterctl.workbook.fields import ROSTER_COLUMNS, FieldType
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.normalize import Held

# what people type into roster cells: clean values, their messy variants and garbage
TYPED = st.sampled_from(
    [
        "",
        " ",
        "\u3000",
        "\u200b",
        "是",
        "否",
        " 是",
        "Y",
        "no",
        "√",
        "大型",
        "中型",
        "小型",
        "微型",
        "小",
        "微型企业",
        "2021",
        "2021年",
        "２０２１",
        "1800",
        "约45",
        "N/A",
        "0.5亿元",
        "4560万元",
        "1,234.5",
        "1,23",
        "12家",
        "-3",
        make_uscc("91110108MA01ABCD0"),
        make_uscc("91110108MA01ABCD0").lower(),
        "9111-0108MA01ABCD0X",
        "９１１１０１０８",
        "北京 某某 科技有限公司",
        "北京某某科技有限公司",
        "ABC\x00DEF",
    ]
)
CELLS = st.one_of(
    TYPED,
    st.text(max_size=6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-3, 3000),
    st.booleans(),
    st.none(),
    st.just(dt.datetime(2021, 5, 1, 8, 30)),
    st.just(dt.date(2021, 5, 1)),
)
ROSTER_TYPES = [(f.type, f.unit.zh if f.unit else None, f.choices) for f in ROSTER_COLUMNS]


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ROSTER_TYPES), st.lists(CELLS, max_size=30))
def test_a_column_reads_as_its_cells_one_by_one(spec, cells):
    ftype, unit, choices = spec
    column = parse_column(list(cells), ftype, unit, choices)
    assert len(column) == len(cells)
    for value, cell in zip(column, cells, strict=True):
        assert same(value, parse_cell(cell, ftype, unit, choices)), (cell, value)


@pytest.mark.parametrize(
    ("ftype", "cells", "expected"),
    [
        (FieldType.TEXT, ["甲公司", "", "乙 \u3000公司 "], ["甲公司", None, "乙 公司"]),
        (FieldType.USCC, ["91110108MA01ABCD0X", ""], ["91110108MA01ABCD0X", None]),
        (FieldType.USCC, ["9111 0108-ma01"], ["91110108MA01"]),
        (FieldType.NUMBER, [1.5, "", "约45", math.inf], [1.5, None, NEEDS_FINDING, NEEDS_FINDING]),
        (FieldType.CHOICE, ["小型", "小", "巨型"], ["小型", NEEDS_FINDING, NEEDS_FINDING]),
        (FieldType.BOOL, ["是", "否", "", "Y"], [True, False, None, NEEDS_FINDING]),
        (FieldType.YEAR_OR_BOOL, [2021.0, "否", ""], [Held(True, 2021), Held(False), None]),
    ],
)
def test_clean_values_read_and_messy_ones_need_a_finding(ftype, cells, expected):
    choices = ("大型", "中型", "小型", "微型") if ftype is FieldType.CHOICE else ()
    unit = "亿元" if ftype is FieldType.NUMBER else None
    assert parse_column(cells, ftype, unit, choices) == expected


def test_true_one_and_one_point_zero_are_not_confused():
    # True == 1 == 1.0 in Python: a column mixing them must not share one parse
    cells = [1.0, True, 1, "1"]
    column = parse_column(cells, FieldType.YEAR_OR_BOOL)
    assert column == [parse_cell(c, FieldType.YEAR_OR_BOOL) for c in cells]
    assert parse_as(True, FieldType.BOOL).value is True


def test_filled_cells():
    assert not is_filled("")
    assert not is_filled(None)
    assert not is_filled(" \u3000\u200b")
    assert is_filled(0.0)
    assert is_filled("x")
