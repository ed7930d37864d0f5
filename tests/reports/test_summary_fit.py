"""The summary of sample_data as a reviewer prints it: every text fits its cell at the set font
(measured with the font's metrics, tests/reports/fit_check.py), the print set-up of each sheet,
Chinese values throughout the Chinese summary and English throughout the English one, both packs
of the mixed sample batch, and the info findings on their own sheet."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from fit_check import WordTooWide, font_file, misfits, wrapped_lines
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.reports.labels import LABELS
from clusterctl.reports.sheet_layout import (
    FONT_NAME,
    MIN_SCALE,
    PRINTABLE_WIDTH,
    text_lines,
)

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
needs_font = pytest.mark.skipif(
    font_file(FONT_NAME) is None,
    reason=f"the summary's font {FONT_NAME!r} is not installed (.ci/run installs it)",
)
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def summaries(tmp_path_factory) -> dict[str, Path]:
    """``screen sample_data -o …`` in Chinese and in English (the folder copied: the inputs'
    paths are short, as in the committed picture)."""
    root = tmp_path_factory.mktemp("summary")
    folder = root / "sample_data"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    out = {}
    for lang in ("zh", "en"):
        path = root / f"summary-{lang}.xlsx"
        result = CliRunner().invoke(
            app, ["screen", str(folder), "-o", str(path), "--lang", lang, "--jobs", "1"]
        )
        assert result.exit_code in (0, 1), result.output
        out[lang] = path
    return out


@needs_font
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_text_of_the_sample_summary_fits_its_cell(summaries, lang):
    found = misfits(str(summaries[lang]), FONT_NAME)
    assert found == [], "\n".join(map(str, found[:20]))


@needs_font
def test_the_fit_check_finds_a_header_that_does_not_fit(tmp_path):
    """The check itself: the issue's cut header in a narrow column of one-line height fails;
    with the rows it needs it passes."""
    wb = Workbook()
    ws = wb.active
    ws.column_dimensions["A"].width = 10
    cell = ws.cell(1, 1, "营业收入（最近年度）（亿元）")
    cell.font = Font(name=FONT_NAME, size=10, bold=True)
    cell.alignment = Alignment(wrap_text=True)
    ws.row_dimensions[1].height = 16.5
    path = tmp_path / "narrow.xlsx"
    wb.save(path)
    found = misfits(str(path), FONT_NAME)
    assert [(m.cell, m.lines) for m in found] == [("A1", 3)]
    ws.row_dimensions[1].height = 3 * 13.5 + 3
    wb.save(path)
    assert misfits(str(path), FONT_NAME) == []


@needs_font
def test_the_layout_never_counts_fewer_lines_than_the_font_needs():
    """sheet_layout's estimate (no font at run time) against the font's metrics, for every
    label the summary shows and a few typical values, at widths the sheets use."""
    from fit_check import CELL_PADDING_PX, _font

    font = _font(font_file(FONT_NAME), 10)
    digit = font.getlength("0")
    texts = [label.zh for group in LABELS.values() for label in group.values()]
    texts += [label.en for group in LABELS.values() for label in group.values()]
    texts += [
        "营业收入（最近年度）（亿元）",
        "集群中小企业产值（或营业收入）占集群总产值（或总营业收入）比例高于70%",
        "Of which awaiting review (points)",
        "WWWWWWWWMMMMMMMM mmmm",
        "北京市丰台区轨道交通智能控制产业集群",
        "2026年12月2日 14:09:42（UTC+08:00）",
    ]
    for width in (5, 6, 8, 10, 12, 18, 20, 36, 44):
        for text in texts:
            try:
                real = wrapped_lines(text, font, width * digit - CELL_PADDING_PX)
            except WordTooWide:
                continue  # a word wider than the column: the layout widens such a column
            assert text_lines(text, width) >= real, (text, width)


def test_summary_sheet_prints_landscape_a4_with_the_meeting_columns(summaries):
    wb = load_workbook(summaries["zh"])
    ws = wb["汇总"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$1:$1"
    area = ws.print_area
    assert area.startswith("'汇总'!$A$1:$N$"), area  # 排名 … 说明: not the indicators
    assert ws.cell(1, 14).value == "说明" and ws.cell(1, 15).value.startswith("最近年度总产值")
    for summary in (ws, load_workbook(summaries["en"])["Summary"]):
        printed = sum(summary.column_dimensions[chr(ord("A") + i)].width for i in range(14))
        scale = min(100.0, 100.0 * PRINTABLE_WIDTH[True] / printed)
        assert scale >= MIN_SCALE, summary.title  # the 10 pt text prints at 9 pt or more
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert "中小企业特色产业集群申报筛查汇总 — 汇总" in ws.oddHeader.left.text
    assert "北京市 2023年版" in ws.oddHeader.right.text
    assert "全国 2022年版" in ws.oddHeader.right.text
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert re.search(r"生成于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", ws.oddFooter.right.text)
    for sheet in wb.worksheets:
        assert sheet.page_setup.paperSize == 9, sheet.title
        assert sheet.oddFooter.center.text, sheet.title
        assert sheet["A1"].font.name == FONT_NAME and sheet["A1"].font.sz >= 9
    matrix = wb["指标矩阵"]
    assert matrix.print_title_cols == "$A:$C" and matrix.page_setup.scale == 100


ALLOWED = {"CR", "SHA", "UTC", "GB", "clusterctl", "beijing", "national", "xlsx"}


def _english_words(ws, skip_columns=()):
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or cell.column_letter in skip_columns:
                continue
            for word in re.findall(r"[A-Za-z0-9_]+", cell.value):  # with a digit: a code
                if len(word) > 1 and word.isalpha() and word.isascii() and word not in ALLOWED:
                    yield f"{ws.title}!{cell.coordinate}: {word} in {cell.value[:50]!r}"


def test_no_english_word_in_the_chinese_summary_but_codes_and_names(summaries):
    wb = load_workbook(summaries["zh"])
    found = []
    found += _english_words(wb["汇总"], skip_columns="B")  # B: file names
    found += _english_words(wb["指标矩阵"], skip_columns="B")
    found += _english_words(wb["统计"])
    found += _english_words(wb["标准"])
    found += _english_words(wb["问题明细"], skip_columns="B")
    found += _english_words(wb["读取说明"], skip_columns="B")
    run = wb["运行信息"]
    inputs = next(c.row for c in run["A"] if c.value == "输入序号")
    found += [w for w in _english_words(run) if int(re.sub(r"\D", "", w.split(":")[0])) < inputs]
    assert found == []
    criteria = {c.value for c in wb["标准"]["F"][1:]} | {c.value for c in wb["标准"]["I"][1:]}
    assert {"定性条件（专家评审）", "定量指标", "必须满足"} <= criteria
    requirement = {c.value for c in wb["标准"]["G"][1:]}
    assert "高于70%" in requirement and "不低于15%" in requirement
    assert any(str(v).startswith("不少于1家主导产业的制造业单项冠军") for v in requirement)


def test_english_summary_has_english_headers_labels_and_statuses(summaries):
    wb = load_workbook(summaries["en"])
    for ws in wb.worksheets:
        heads = [c.value for c in ws[1] if isinstance(c.value, str)]
        assert not [h for h in heads if CJK.search(h)], ws.title
    run = wb["Run information"]
    labels = [c.value for c in run["A"] if isinstance(c.value, str)]
    assert labels and not [v for v in labels if CJK.search(v)]
    values = [c.value for c in run["B"][1:20] if isinstance(c.value, str)]
    assert "table (default)" in values and "Chinese" not in values
    matrix = wb["Criteria matrix"]
    statuses = {c.value for row in matrix.iter_rows(min_row=2, min_col=6) for c in row}
    assert statuses - {None} <= {"met", "not met", "warning", "missing data", "needs review", "n/a"}
    kinds = {c.value for c in wb["Criteria"]["F"][1:]}
    assert not [k for k in kinds if CJK.search(str(k))]


def test_mixed_sample_batch_names_both_packs_everywhere(summaries):
    wb = load_workbook(summaries["zh"])
    packs = {"北京市 2023年版", "全国 2022年版"}
    assert {c.value for c in wb["汇总"]["M"][1:]} == packs
    assert {c.value for c in wb["标准"]["A"][1:]} == packs
    run_texts = " ".join(str(c.value) for c in wb["运行信息"]["B"] if c.value)
    assert "beijing-2023" in run_texts and "national-2022" in run_texts
    # 指标矩阵: grouped by pack, the batch's (the most used) first
    column = [c.value for c in wb["指标矩阵"]["E"][1:]]
    assert column == sorted(column, key=lambda p: p != "北京市 2023年版")
    assert len(set(column)) == 2


def test_info_findings_are_on_their_own_sheet(summaries):
    wb = load_workbook(summaries["zh"])
    main = [r for r in wb["问题明细"].iter_rows(min_row=2, values_only=True) if r[4]]
    infos = [r for r in wb["读取说明"].iter_rows(min_row=2, values_only=True) if r[4]]
    assert main and infos
    assert {r[5] for r in main} <= {"错误", "警告"}
    assert {r[5] for r in infos} == {"提示"}
    note = [r[6] for r in wb["问题明细"].iter_rows(values_only=True) if r[6] and "读取说明" in r[6]]
    assert note == [f"另有 {len(infos)} 条提示（数值的读取方式）见“读取说明”表"]


def test_statistics_show_review_as_review(summaries):
    wb = load_workbook(summaries["zh"])
    ws = wb["统计"]
    head = [c.value for c in ws[1]]
    rate, share = head.index("达标率（%，不含待评审）"), head.index("待专家评审占比（%）")
    review = head.index("待专家评审")
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("CR")]
    all_review = [r for r in rows if r[review] and r[review] == r[head.index("参评数")]]
    assert all_review and all(r[rate] is None and r[share] == 100 for r in all_review)
    labels = [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[1]]
    assert "其中待专家确认（平均分）" in labels
    import zipfile  # openpyxl does not read charts back: their XML

    with zipfile.ZipFile(summaries["zh"]) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/charts/chart"))
    assert 'grouping val="percentStacked"' in xml and "5B9BD5" in xml  # review: its colour


def test_the_committed_picture_exists_for_the_readme():
    picture = Path(__file__).resolve().parents[2] / "docs" / "images" / "summary-page1.png"
    assert picture.is_file() and picture.stat().st_size > 10_000
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert os.path.getsize(picture) < 1_000_000
