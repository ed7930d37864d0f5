"""Text from workbooks never becomes a formula in our Excel outputs."""

from __future__ import annotations

import os
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from clusterctl.reports.safe_cell import (
    EXCEL_MAX_TEXT,
    clean_text,
    force_text,
    readable,
    safe_value,
)

HOSTILE = ["=1+1", '=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "#N/A", "=", "\t=1"]


def test_clean_text_removes_control_chars_surrogates_and_limits_length():
    assert clean_text("a\x00b\x1fc\n") == "a\ufffdb\ufffdc\n"
    assert clean_text("x\ud800y") == "x?y"
    long = clean_text("字" * (EXCEL_MAX_TEXT + 10))
    assert len(long) == EXCEL_MAX_TEXT and long.endswith("…")


def test_write_only_and_normal_sheets_keep_hostile_text_literal(tmp_path):
    path = tmp_path / "out.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.append([safe_value(ws, text) for text in HOSTILE])
    wb.save(path)

    normal = Workbook()
    for col, text in enumerate(HOSTILE, 1):
        force_text(normal.active.cell(1, col), text)
    normal.save(tmp_path / "normal.xlsx")

    for saved in (path, tmp_path / "normal.xlsx"):
        with zipfile.ZipFile(saved) as zf:
            sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
            xml = "".join(zf.read(n).decode() for n in sheets)
        assert "<f>" not in xml and "<f " not in xml
        back = load_workbook(saved).worksheets[0]
        assert [c.value for c in back[1]] == HOSTILE
        assert all(c.data_type == "s" for c in back[1])
        assert back["A1"].quotePrefix  # "=1+1" stays text even when edited in Excel


def test_numbers_stay_numbers_and_nan_is_empty():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    assert safe_value(ws, 3) == 3
    assert safe_value(ws, 2.5) == 2.5
    assert safe_value(ws, float("nan")) is None
    assert safe_value(ws, "plain") == "plain"


GBK_NAME = os.fsdecode("集群申报.xlsx".encode("gb18030"))  # as os.listdir gives it on UTF-8


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (GBK_NAME, "集群申报.xlsx"),
        (f"/申报/{GBK_NAME}", "/申报/集群申报.xlsx"),  # only the undecodable component
        (f"找不到：{GBK_NAME} 等", "找不到：集群申报.xlsx 等"),
        (os.fsdecode(b"\xff\xfe.xlsx"), "\\xff\\xfe.xlsx"),  # not GB18030 either
        ("\ud800x", "?x"),  # a surrogate os.fsdecode does not make
        ("plain 文本", "plain 文本"),
    ],
)
def test_readable_shows_undecodable_file_names(text: str, shown: str) -> None:
    assert readable(text) == shown
    assert clean_text(text) == shown
    shown.encode("utf-8")  # printable and writable anywhere


def test_a_literal_x_escape_is_escaped_once_in_every_path():
    # the visible text _x0041_ must reach the file as _x005F_x0041_ (one escape), also when the
    # text needs a cell object (it starts like a formula, or a style is given)
    ws = Workbook().active
    for text in ("_x0041_B", "=_x0041_", "+_x0041_"):
        cell = safe_value(ws, text)
        stored = getattr(cell, "value", cell)
        assert stored.count("_x005F_") == 1, (text, stored)
