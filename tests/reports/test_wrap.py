"""reports/wrap.py: Chinese line breaking (issue 19, item 6): numbers stay with their units,
closing marks never start a line, opening marks never end one."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from clusterctl.reports.wrap import NO_END, NO_START, Wrapped, break_lines


@pytest.mark.parametrize(
    ("text", "width", "together"),
    [
        ("中小企业产值占比为3%，未高于70%", 12, "3%"),  # plain folding gives "为3⏎%"
        ("数据年份为2022年，请核对", 9, "2022年"),  # plain folding gives "20⏎22年"
        ("集群总产值为482000亿元，疑似按万元填写", 14, "482000亿元"),
        ("发明专利拥有量为27.94件/万人", 16, "27.94件"),
        ("近三年产值为52.4 亿元，达标", 14, "52.4 亿元"),
    ],
)
def test_a_number_stays_with_its_unit(text: str, width: int, together: str) -> None:
    lines = break_lines(text, width)
    assert "".join(lines) == text
    assert any(together in line for line in lines), lines
    assert all(cell_len(line) <= width for line in lines)


# from 6 cells up a line holds a character with a closing and an opening mark ("字）（")
@pytest.mark.parametrize("width", range(6, 30))
def test_closing_marks_never_start_and_opening_marks_never_end_a_line(width: int) -> None:
    text = (
        "请按模板填写（单位：亿元）。数值、单位；年份：2022年，规模（万元）为3.5，核对后重新提交。"
    )
    lines = break_lines(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert cell_len(line) <= width, line
        assert line[0] not in NO_START, lines
        assert line[-1] not in NO_END, lines


def test_exactly_the_cases_of_the_issue() -> None:
    # at these widths a plain fold would leave "为3" / "%" and "20" / "22年"
    assert break_lines("占比为3%", 7) == ["占比为", "3%"]
    assert break_lines("始于2022年", 8) == ["始于", "2022年"]
    assert break_lines("已核对。下一项", 8) == ["已核对。", "下一项"]
    assert break_lines("见附件（二）", 10) == ["见附件", "（二）"]


def test_latin_words_break_at_spaces_and_spaces_vanish_at_a_break() -> None:
    lines = break_lines("SME share of output is 61%, not above 70%", 16)
    assert lines == ["SME share of", "output is 61%,", "not above 70%"]


def test_a_piece_wider_than_the_line_is_folded_and_line_breaks_are_kept() -> None:
    assert break_lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert break_lines("第一行\n第二行", 20) == ["第一行", "第二行"]


def test_wrapped_in_a_table_cell_breaks_at_the_cells_width() -> None:
    out = io.StringIO()
    console = Console(file=out, width=30, color_system=None)
    table = Table.grid()
    table.add_column(width=10)
    table.add_column(ratio=1)
    table.add_row(
        "x", Wrapped("中小企业产值占比为3%，未高于70%：未达标。", ("修改建议：核对。", "dim"))
    )
    console.print(table)
    lines = [line[10:].rstrip() for line in out.getvalue().splitlines()]
    assert lines[-1] == "修改建议：核对。"
    body = "".join(lines[:-1])
    assert body == "中小企业产值占比为3%，未高于70%：未达标。"
    assert all(line and line[0] not in NO_START for line in lines)
    assert all(cell_len(line) <= 20 for line in lines)
