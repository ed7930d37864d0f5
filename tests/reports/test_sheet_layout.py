"""The summary's layout estimates (no font needed) and row heights in the streamed rows."""

from __future__ import annotations

from datetime import UTC

from openpyxl import Workbook, load_workbook

from clusterctl.reports.labels import comparison, count_rules, label, local_time, option_value
from clusterctl.reports.sheet_layout import (
    LINE_HEIGHT,
    MAX_HEIGHT,
    ROW_PAD,
    Styles,
    column_width,
    row_height,
    text_lines,
)
from clusterctl.reports.xlsx_rows import RowFolder, cells_xml, with_height


def test_text_lines_wraps_cjk_latin_words_and_explicit_breaks():
    assert text_lines("中小企业", 10) == 1  # 4 × 1.7 = 6.8 units in 9
    assert text_lines("中小企业产值占比", 10) == 2
    assert text_lines("CR203\n中小企业产值占比", 10) == 3
    assert text_lines("at least fifteen", 9) == 2  # words stay whole
    # a closing mark never starts a line: it takes the character before it along
    assert text_lines("一二三四。", 8.5) == 2 and text_lines("一二三四", 8.5) == 1
    assert text_lines("", 10) == 1


def test_row_height_is_the_tallest_cell_and_capped():
    one = LINE_HEIGHT + ROW_PAD
    assert row_height(["短", 3, None], [10, 6, 6]) == one
    assert row_height(["短", "中小企业产值占比"], [10, 10]) == round(2 * LINE_HEIGHT + ROW_PAD, 1)
    assert row_height(["字" * 10_000], [10]) == MAX_HEIGHT


def test_column_width_fits_values_up_to_a_limit_but_never_breaks_a_word():
    assert column_width(["北京市"], "省份") == 7  # 3 × 1.7 + padding
    assert column_width(["北京市大兴区医疗器械产业集群"], "集群名称", most=20) == 20
    assert column_width(["incomplete"], "Verdict", most=8) >= 10  # the word, not the limit


def test_rows_carry_their_heights_and_the_rendered_cells_take_the_row_style(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    st = Styles()
    out = tmp_path / "rows.xlsx"
    with RowFolder() as folder:
        sheet = folder.sheet(ws, st.specs, first_row=1)
        sheet.append(["标题"], "header", height=33.0)
        sheet.append_rendered([1], with_height(cells_xml(["很长的说明", "=1+1"], 1), 47.5), "body")
        sheet.append_rendered([2], cells_xml(["x"], 1), "body")  # no height: the default
        sheet.close()
        folder.save(wb, str(out))
    back = load_workbook(out)["s"]
    assert back.row_dimensions[1].height == 33.0 and back["A1"].font.b
    assert back.row_dimensions[2].height == 47.5
    assert back["B2"].alignment.wrap_text and back["B2"].value == "很长的说明"
    assert back["C2"].value == "=1+1" and back["C2"].data_type == "s" and back["C2"].quotePrefix
    assert back.row_dimensions[3].height is None and back["B3"].alignment.wrap_text


def test_labels_in_words():
    assert comparison("gt", 70.0, "%", "zh") == "高于70%"
    assert comparison("ge", 15, "%", "zh") == "不低于15%"
    assert comparison("ge", 40, "亿元", "en") == "at least 40 100M CNY"
    assert label("kind", "qualitative", "zh") == "定性条件（专家评审）"
    assert label("years", "cagr", "en") == "compound annual growth over 3 years"
    assert label("kind", "something-new", "zh") == "something-new"  # shown as given

    class Rule:
        def __init__(self, q, n, leading=False):
            self.qualifications, self.minimum, self.leading_only = q, n, leading

    rules = [Rule(("champion", "little_giant"), 1, True), Rule(("specialised",), 10)]
    assert count_rules(rules, "zh") == (
        "不少于1家主导产业的制造业单项冠军或专精特新“小巨人”；或不少于10家专精特新中小企业"
    )
    assert "little giant" in count_rules(rules, "en")
    assert option_value("criteria", "(beijing)", "zh") == "按各文件自动识别（默认 beijing）"
    assert option_value("format", "human", "zh") == "表格（默认）"
    assert option_value("recursive", False, "zh") == "否"


def test_local_time_has_its_offset():
    from datetime import datetime, timedelta, timezone

    moment = datetime(2026, 12, 2, 6, 5, 4, tzinfo=UTC)
    text = local_time(moment, "zh")
    local = moment.astimezone()
    assert text.startswith(f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S}")
    assert "UTC" in text and local_time(None, "zh") is None
    shifted = local_time(moment.astimezone(timezone(timedelta(hours=8))), "en")
    assert shifted == local_time(moment, "en")  # the machine's local time either way
