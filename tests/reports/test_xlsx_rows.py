"""Fast rows spliced into an openpyxl workbook read back exactly as openpyxl would write them."""

from __future__ import annotations

import math
import os

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from clusterctl.reports.xlsx_rows import RowFolder

STYLES = {
    "red": {"fill": PatternFill("solid", fgColor="FFC7CE")},
    "bold": {"font": Font(bold=True)},
}
VALUES = [
    '=HYPERLINK("http://evil.example","x")',
    "  padded  ",
    "#N/A",
    "a<b & c>d\x01",
    3,
    2.5,
    math.nan,
    True,
    None,
    "-5%",
]


def _workbook(tmp_path, fill) -> str:
    """A write-only workbook with a header row, then the fast rows ``fill(sheet)`` appends."""
    path = str(tmp_path / "out.xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")
    ws.append(["head"])
    with RowFolder() as folder:
        sheet = folder.sheet(ws, STYLES)
        fill(sheet)
        sheet.close()
        folder.save(wb, path)
        tmp = folder.path
    assert not os.path.exists(tmp)
    return path


def _write(tmp_path):
    def fill(sheet):
        sheet.append(VALUES)
        sheet.append(["styled", 7], ["red", "bold"], link=(0, "in/a%20b.xlsx"))
        sheet.append([])
        sheet.append(["last"])

    return _workbook(tmp_path, fill)


def test_rows_read_back_as_text_numbers_and_styles(tmp_path):
    path = _write(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["out.xlsx"]  # no splice leftovers
    ws = load_workbook(path)["data"]
    row = [c.value for c in ws[2]]
    assert row[:6] == [VALUES[0], "  padded  ", "#N/A", "a<b & c>d\ufffd", 3, 2.5]
    assert row[6] is None and row[7] is True and row[8] is None and row[9] == "-5%"
    assert all(c.data_type == "s" for c in ws[2][:4])
    assert ws["A2"].quotePrefix and ws["J2"].quotePrefix and not ws["B2"].quotePrefix
    assert ws["A3"].fill.fgColor.rgb.endswith("FFC7CE") and ws["B3"].font.b
    assert ws["A3"].hyperlink.target == "in/a%20b.xlsx"
    assert ws["A5"].value == "last" and ws.max_row == 5
    assert ws["A1"].value == "head"


def test_no_formula_in_the_spliced_xml(tmp_path):
    import zipfile

    with zipfile.ZipFile(_write(tmp_path)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "clusterctl-rows-" not in xml


def test_cells_rendered_elsewhere_read_back_as_appended_cells(tmp_path):
    """cells_xml (a worker's rendering) placed by append_rendered == the same values appended."""
    from clusterctl.reports.xlsx_rows import QUOTE, ROW, cells_xml

    rendered = cells_xml(VALUES[1:], first_col=1)
    assert ROW in rendered and QUOTE in rendered and "<f>" not in rendered

    def fill(sheet):
        sheet.append(VALUES)
        sheet.append_rendered(VALUES[:1], rendered)
        sheet.append_rendered([7], cells_xml(["plain"], first_col=1))

    ws = load_workbook(_workbook(tmp_path, fill))["data"]
    appended, placed = ws[2], ws[3]
    assert [c.value for c in placed] == [c.value for c in appended]
    assert [c.quotePrefix for c in placed] == [c.quotePrefix for c in appended]
    assert [c.data_type for c in placed] == [c.data_type for c in appended]
    assert ws["A3"].quotePrefix and ws["J3"].quotePrefix and ws["D3"].value == "a<b & c>d\ufffd"
    assert [c.value for c in ws[4]][:3] == [7, "plain", None] and not ws["B4"].quotePrefix


def _linked_package(tmp_path, monkeypatch, stream: bool, name: str) -> dict[str, bytes]:
    """Every part of a workbook whose rows carry hyperlinks (awkward targets among them),
    with the links streamed through the splice or handed to openpyxl."""
    import zipfile

    from clusterctl.reports import xlsx_rows

    monkeypatch.setattr(xlsx_rows, "STREAM_LINKS", stream)
    targets = ["in/a%20b.xlsx", 'in/q"&<>.xlsx', "in/tab\there\nline\r.xlsx", "in/乙\x01.xlsx"]
    targets += [f"in/sub/申报-{i:04d}.xlsx" for i in range(2500)]
    path = str(tmp_path / f"{name}.xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")
    ws.append(["head"])
    other = wb.create_sheet("plain")
    with RowFolder() as folder:
        sheet = folder.sheet(ws, STYLES)
        for i, target in enumerate(targets):
            sheet.append([f"row {i}", i], link=(1 if i % 2 else 0, target))
        sheet.close()
        plain = folder.sheet(other, STYLES)
        plain.append(["no links"])
        plain.close()
        folder.save(wb, path)
    with zipfile.ZipFile(path) as package:
        return {i.filename: package.read(i) for i in package.infolist()}


def test_streamed_hyperlinks_are_the_bytes_openpyxl_writes(tmp_path, monkeypatch):
    streamed = _linked_package(tmp_path, monkeypatch, True, "streamed")
    reference = _linked_package(tmp_path, monkeypatch, False, "reference")
    assert list(streamed) == list(reference)
    for part, data in reference.items():
        if part != "docProps/core.xml":  # the time it was written
            assert streamed[part] == data, part
    rels = reference["xl/worksheets/_rels/sheet1.xml.rels"].decode()
    assert rels.count("<Relationship ") == 2504 and "&quot;&amp;&lt;&gt;" in rels
    ws = load_workbook(tmp_path / "streamed.xlsx")["data"]
    assert ws["A2"].hyperlink.target == "in/a%20b.xlsx"
    assert ws["B3"].hyperlink.target == 'in/q"&<>.xlsx'
    assert ws["B5"].hyperlink.target == "in/乙%01.xlsx"
    assert ws["A4"].hyperlink.target == "in/tab\there\nline\r.xlsx"
    assert ws["B2505"].hyperlink.target == "in/sub/申报-2499.xlsx"
