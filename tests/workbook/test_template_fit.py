"""The applicant's template as it prints: every header and label fits its cell at the summary's
font (measured with the font's metrics, tests/reports/fit_check.py), every sheet has a print
set-up a person would choose, and the roster allows inserting rows and says how."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.reports.sheet_layout import FONT_NAME, MIN_SCALE, PRINTABLE_WIDTH

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from fit_check import font_file, misfits

needs_font = pytest.mark.skipif(
    font_file(FONT_NAME) is None, reason=f"{FONT_NAME!r} is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("template")
    out = {}
    for lang in ("zh", "en"):
        path = root / f"template-{lang}.xlsx"
        args = ["template", "--criteria", "beijing-2023", "--lang", lang, "-o", str(path)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        out[lang] = path
    return out


@needs_font
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_text_of_the_template_fits_its_cell(templates, lang):
    found = misfits(str(templates[lang]), FONT_NAME)
    assert found == [], "\n".join(map(str, found[:20]))


def test_the_issues_cut_texts_have_the_rows_they_need(templates):
    wb = load_workbook(templates["zh"])
    roster = wb["企业名录"]
    heads = {c.value: c for c in roster[3] if c.value}
    assert "营业收入（最近年度）（亿元）" in heads and "专精特新“小巨人”" in heads
    assert roster.row_dimensions[3].height >= 2 * 13.5  # the headers wrap: two lines or more
    qualitative = wb["定性条件"]
    rows = {qualitative.cell(r, 2).value: r for r in range(4, qualitative.max_row + 1)}
    for code in ("CR101", "CR505", "CR903", "CR906"):
        assert qualitative.row_dimensions[rows[code]].height > 16.5, code


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sheet_prints_on_a4_with_its_font_header_rows_and_page_numbers(templates, lang):
    wb = load_workbook(templates[lang])
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws.title in ws.oddHeader.left.text
        assert ws["B1"].font.name == FONT_NAME
        for row in ws.iter_rows(min_row=3, max_row=min(ws.max_row, 40)):
            for cell in row:
                if cell.value is not None and cell.column > 1:
                    assert cell.font.name == FONT_NAME, f"{ws.title}!{cell.coordinate}"
        widths = [ws.column_dimensions[c].width for c in "BCDEFGHIJKLMNOP"[: ws.max_column - 1]]
        landscape = ws.page_setup.orientation == "landscape"
        if ws.sheet_properties.pageSetUpPr.fitToPage:  # fitted across: never below 9 pt
            assert 100 * PRINTABLE_WIDTH[landscape] / sum(widths) >= MIN_SCALE, ws.title
        else:
            assert sum(widths) <= PRINTABLE_WIDTH[landscape] or ws.print_title_cols, ws.title
        if ws.title not in ("填报说明", "Instructions"):
            assert ws.print_title_rows == "$1:$3", ws.title
    assert wb.worksheets[3].sheet_properties.pageSetUpPr.fitToPage  # the roster: one page across


def test_the_roster_allows_inserting_rows_and_says_how(templates):
    wb = load_workbook(templates["zh"])
    roster = wb["企业名录"]
    assert roster.protection.sheet
    assert roster.protection.insertRows is False and roster.protection.deleteRows is False
    assert "右键“插入”整行" in roster["C1"].value and "300" in roster["C1"].value
    steps = " ".join(str(c.value) for c in wb["填报说明"]["B"] if c.value)
    assert "名录预留 300 行" in steps and "5000" in steps
    en = load_workbook(templates["en"])["Enterprise roster"]
    assert "Insert whole rows" in en["C1"].value


def test_the_date_example_follows_the_year(tmp_path):
    path = tmp_path / "t.xlsx"
    args = ["template", "--criteria", "beijing-2023", "--year", "2025", "-o", str(path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    steps = " ".join(str(c.value) for c in load_workbook(path)["填报说明"]["B"] if c.value)
    assert "2025-05-01" in steps and "2023-05-01" not in steps
