"""The Excel summary of ``clusterctl screen`` for reviewers.

Sheets (Chinese names by default, English with ``--lang en``): 汇总 (one ranked row per file),
指标矩阵 (status of every criterion, coloured), 问题明细 (every finding), 统计 (pass rates, score
distribution, charts), 标准 (the pack's criteria and thresholds), 运行信息 (version, pack, time,
options, SHA-256 and size of every input, skipped inputs).

The workbook is written in openpyxl's write-only mode, row by row: the findings are streamed from
the batch's spool, so a batch of 10,000 files never holds all its findings in memory. Every text
that comes from an input goes through :mod:`clusterctl.reports.safe_cell` (never a formula).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clusterctl import __version__
from clusterctl.diagnostics import Severity
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.i18n import Lang, t
from clusterctl.reports.safe_cell import safe_value, text_cell

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.run import BatchResult
    from clusterctl.reports.xlsx_rows import RowFolder

MARKER = "clusterctl-screen-summary"  # in the document keywords: a summary we may overwrite
EXCEL_MAX_ROWS = 1_048_576
MAX_WIDTH = 60
MIN_WIDTH = 6
WIDTH_SAMPLE = 500  # rows looked at to size a column (the best-ranked)

SHEET_NAMES = {
    "summary": t("汇总", "Summary"),
    "matrix": t("指标矩阵", "Criteria matrix"),
    "findings": t("问题明细", "Findings"),
    "stats": t("统计", "Statistics"),
    "criteria": t("标准", "Criteria"),
    "run": t("运行信息", "Run information"),
}

STATUS_FILLS = {
    Status.MET: "C6EFCE",
    Status.NOT_MET: "FFC7CE",
    Status.WARNING: "FFEB9C",
    Status.MISSING: "F8CBAD",
    Status.REVIEW: "DDEBF7",
    Status.NOT_APPLICABLE: "EDEDED",
}
VERDICT_FILLS = {
    Verdict.ELIGIBLE: "C6EFCE",
    Verdict.INCOMPLETE: "FFEB9C",
    Verdict.INELIGIBLE: "FFC7CE",
    Verdict.UNREADABLE: "D9D9D9",
}
HEADER_FILL = "DCE6F1"

L = {
    "finding_cols": (
        t("排名", "Rank"),
        t("文件", "File"),
        t("工作表", "Sheet"),
        t("单元格", "Cell"),
        t("代码", "Code"),
        t("级别", "Severity"),
        t("问题", "Message"),
        t("修改建议", "Hint"),
    ),
    "truncated": t(
        "……另有 {count} 条问题超出 Excel 行数上限，未列出",
        "… {count} more findings exceed Excel's row limit and are not listed",
    ),
    "pass_chart": t("各条件达标率（%）", "Pass rate by criterion (%)"),
    "score_chart": t("得分分布", "Score distribution"),
    "key": t("项目", "Item"),
    "value": t("内容", "Value"),
    "tool": t("工具版本", "Tool version"),
    "pack": t("认定标准", "Criteria pack"),
    "pack_title": t("标准名称", "Pack title"),
    "pack_source": t("标准出处", "Source"),
    "quota": t("推荐名额", "Quota"),
    "started": t("开始时间", "Started"),
    "finished": t("结束时间", "Finished"),
    "options": t("运行参数", "Options"),
    "files": t("申报文件数", "Files screened"),
    "skipped_n": t("跳过的文件数", "Files skipped"),
    "inputs": t("输入文件", "Inputs"),
    "skipped": t("跳过的文件", "Skipped files"),
    "reason": t("原因", "Reason"),
    "sha256": t("SHA-256", "SHA-256"),
    "size": t("大小（字节）", "Size (bytes)"),
    "seconds": t("用时（秒）", "Seconds"),
    "index": t("输入序号", "Input no."),
    "verdict": t("结论", "Verdict"),
    "ranking_rule": t("排名规则", "Ranking rule"),
    "ranking_text": t(
        "符合 → 材料不全 → 不符合 → 无法读取；同组内按得分从高到低；得分相同按文件名",
        "eligible → incomplete → ineligible → unreadable; within a group by score, highest "
        "first; ties by file name",
    ),
}


def display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(values: Iterable[Any], header: str) -> float:
    widest = display_width(header)
    for value in values:
        if value is None:
            continue
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        longest = max((display_width(line) for line in text.splitlines()), default=0)
        widest = max(widest, longest)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2)))


class _Styles:
    """Named cell styles of one workbook. Each is set once on a template cell and copied to the
    cells that use it (setting fonts and fills per cell costs a style lookup each time)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        fill = lambda rgb: PatternFill("solid", fgColor=rgb)  # noqa: E731
        bold = Font(bold=True)
        self.specs: dict[str, dict[str, Any]] = {
            "header": {
                "font": bold,
                "fill": fill(HEADER_FILL),
                "alignment": Alignment(wrap_text=True, vertical="top"),
            },
            "bold": {"font": bold},
            "link": {"font": Font(color="0563C1", underline="single")},
            **{f"verdict:{v.value}": {"fill": fill(rgb)} for v, rgb in VERDICT_FILLS.items()},
            **{f"status:{s.value}": {"fill": fill(rgb)} for s, rgb in STATUS_FILLS.items()},
        }
        self._templates: dict[str, Any] = {}

    def text(self, ws: Any, value: str, name: str) -> Any:
        """A text cell in the named style."""
        template = self._templates.get(name)
        if template is None:
            from openpyxl.cell import WriteOnlyCell

            template = WriteOnlyCell(ws)
            for attr, spec in self.specs[name].items():
                setattr(template, attr, spec)
            self._templates[name] = template
        return text_cell(ws, value, template=template)


def _setup(ws: Any, widths: Sequence[float], header_rows: int = 1, freeze: str = "A2") -> None:
    """Column widths, frozen header, print set-up (landscape, fit to width, repeated header)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if hasattr(ws, "PAPERSIZE_A4") else 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"


def _header(ws: Any, names: Sequence[str], st: _Styles) -> None:
    ws.append([st.text(ws, n, "header") for n in names])


def _filter(ws: Any, ncols: int, nrows: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, ncols))}{max(1, nrows)}"


def _frame_widths(frame: pd.DataFrame) -> list[float]:
    head = frame.head(WIDTH_SAMPLE)
    return [_width(head[c].tolist(), str(c)) for c in frame.columns]


def _records(frame: pd.DataFrame) -> Iterable[list[Any]]:
    for values in frame.itertuples(index=False, name=None):
        yield list(values)


def link_target(path: str, link_base: str) -> str:
    """The hyperlink to an input: relative to the summary's folder, as Excel writes it (ASCII
    specials such as space and ``#`` percent-encoded, other characters as they are)."""
    absolute = os.path.abspath(path)
    folder, name = os.path.split(absolute)
    if _abspath(link_base).startswith(absolute.rstrip(os.sep) + os.sep) or not name:
        return _target(absolute, link_base)  # the summary's folder or one above it
    return _folder_target(folder, link_base) + _uri(name)


@functools.lru_cache(maxsize=16)
def _abspath(folder: str) -> str:
    return os.path.join(os.path.abspath(folder), "")


def _target(absolute: str, link_base: str) -> str:
    try:
        rel = os.path.relpath(absolute, link_base).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): an absolute file URI
        return "file:///" + _uri(absolute.replace(os.sep, "/").lstrip("/"))
    return _uri(rel)


@functools.lru_cache(maxsize=256)
def _folder_target(folder: str, link_base: str) -> str:
    """:func:`link_target`'s folder part, with its closing ``/`` (one per folder of a batch)."""
    try:
        rel = os.path.relpath(folder, link_base).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): an absolute file URI
        folder = folder.replace(os.sep, "/").lstrip("/")
        return "file:///" + _uri(folder if folder.endswith("/") else folder + "/")
    return "" if rel == "." else _uri(rel) + "/"


# what a link keeps as it is: unreserved and sub-delimiter ASCII, and every non-ASCII character
# but the surrogates (a file name not valid in the file system's encoding: its raw bytes)
_URI_UNSAFE = re.compile(r"[^\x80-\ud7ff\ue000-\U0010ffffA-Za-z0-9/\-._~!$&'()*+,;=:@]")
_URI_SAFE = "/-._~!$&'()*+,;=:@"


def _uri(path: str) -> str:
    if not _URI_UNSAFE.search(path):
        return path  # nothing to encode
    return "".join(_uri_char(ch) for ch in path)


def _uri_char(ch: str) -> str:
    if ord(ch) < 128:
        return quote(ch, safe=_URI_SAFE)
    if 0xD800 <= ord(ch) <= 0xDFFF:  # os.fsencode gives back the byte it stands for
        try:
            return quote(os.fsencode(ch), safe=_URI_SAFE)
        except UnicodeEncodeError:  # a surrogate os.fsdecode does not make
            return quote(ch.encode("utf-8", "surrogatepass"), safe=_URI_SAFE)
    return ch


def is_our_summary(path: str) -> bool:
    """Is ``path`` a summary clusterctl wrote (so a new run may replace it)?"""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            return MARKER in zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False


def write_summary(result: BatchResult, path: str, link_base: str | None = None) -> None:
    """Write the summary workbook of ``result`` to ``path`` (callers write to a temporary file
    and rename it; ``link_base`` is the folder the final file lives in, for hyperlinks)."""
    from openpyxl import Workbook

    from clusterctl.batch.table import (
        criteria_frame,
        criterion_codes,
        pass_rate_frame,
        score_bins_frame,
    )
    from clusterctl.reports.xlsx_rows import RowFolder

    lang = result.lang
    link_base = link_base or os.path.dirname(os.path.abspath(path))
    st = _Styles()
    wb = Workbook(write_only=True)
    wb.properties.creator = f"clusterctl {__version__}"
    wb.properties.keywords = MARKER
    wb.properties.title = SHEET_NAMES["summary"].get(lang)

    codes = criterion_codes(result.rows, result.pack)
    with RowFolder() as folder:
        _summary_sheet(wb, result, link_base, st, folder)
        _matrix_sheet(wb, result, codes, st, folder)
        _findings_sheet(wb, result, st, folder)
        _stats_sheet(
            wb,
            pass_rate_frame(result.rows, codes, result.pack, lang),
            score_bins_frame(result.rows, lang),
            lang,
            st,
        )
        _frame_sheet(wb, SHEET_NAMES["criteria"].get(lang), criteria_frame(result.pack, lang), st)
        _run_sheet(wb, result, st, folder)
        folder.save(wb, path)


def _column_widths(headers: Sequence[str], records: Sequence[Sequence[Any]]) -> list[float]:
    """Widths from the headers and the first :data:`WIDTH_SAMPLE` records."""
    sample = records[:WIDTH_SAMPLE]
    return [_width((r[i] for r in sample), str(h)) for i, h in enumerate(headers)]


def _summary_sheet(
    wb: Any, result: BatchResult, link_base: str, st: _Styles, folder: RowFolder
) -> None:
    from clusterctl.batch.table import summary_columns, summary_values

    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["summary"].get(lang))
    columns = summary_columns(lang)
    sample = [summary_values(r, lang) for r in result.rows[:WIDTH_SAMPLE]]
    _setup(ws, _column_widths(columns, sample), freeze="C2")
    _header(ws, columns, st)
    file_col, verdict_col = 1, 7
    styles: list[str | None] = [None] * len(columns)
    styles[file_col] = "link"
    sheet = folder.sheet(ws, st.specs)
    for row in result.rows:
        values = summary_values(row, lang)
        styles[verdict_col] = f"verdict:{row.verdict.value}"
        sheet.append(values, styles, link=(file_col, link_target(row.path, link_base)))
    sheet.close()
    _filter(ws, len(columns), len(result.rows) + 1)


def _matrix_sheet(
    wb: Any, result: BatchResult, codes: Sequence[str], st: _Styles, folder: RowFolder
) -> None:
    from clusterctl.batch.table import MATRIX_FIXED, header, matrix_values
    from clusterctl.reports.xlsx_rows import ROW, cell_xml, column_letter

    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["matrix"].get(lang))
    titles = {c.code: c.title.get(lang) for c in result.pack.criteria} if result.pack else {}
    fixed = [header(k, lang) for k in MATRIX_FIXED]
    headers = fixed + [f"{code}\n{titles[code]}" if code in titles else code for code in codes]
    sample = [matrix_values(r, lang) for r in result.rows[:WIDTH_SAMPLE]]
    widths = _column_widths(fixed, sample) + [
        float(min(24, max(10, display_width(titles.get(c, c)) / 2 + 2))) for c in codes
    ]
    _setup(ws, widths, freeze="D2")
    _header(ws, headers, st)
    sheet = folder.sheet(ws, st.specs)
    first = len(fixed)
    cells: dict[tuple[int, Any], str] = {}  # (column, status) -> its cell, row number left open

    def cell(col: int, status: Any) -> str:
        found = cells.get((col, status))
        if found is None:
            status_ = Status(status)
            name = f"status:{status_.value}"
            found = cell_xml(
                column_letter(col) + ROW,
                status_.label.get(lang),
                lambda quote: sheet.style_attr(name, quote),
            )
            cells[(col, status)] = found
        return found

    for row in result.rows:
        statuses = dict(row.statuses.items())
        rendered = [
            cell(col, statuses[code])
            for col, code in enumerate(codes, first)
            if statuses.get(code) is not None  # None: not evaluated
        ]
        sheet.append_rendered(matrix_values(row, lang), "".join(rendered))
    sheet.close()
    _filter(ws, len(headers), len(result.rows) + 1)


def finding_cells(finding: dict[str, Any], path: str, lang: Lang) -> str:
    """A finding's 问题明细 cells after the rank (file, sheet, cell, code, severity, message,
    hint) as :func:`~clusterctl.reports.xlsx_rows.cells_xml` renders them: made where the
    finding is (a worker, or the parent for the batch checks), placed by the parent."""
    from clusterctl.reports.xlsx_rows import cells_xml

    severity = finding.get("severity") or ""
    try:
        label = Severity(severity).label.get(lang)
    except ValueError:  # not a severity we know: shown as given
        label = severity
    values = [
        path,
        finding.get("sheet"),
        finding.get("cell"),
        finding.get("code"),
        label,
        finding.get("message"),
        finding.get("hint"),
    ]
    return cells_xml(values, first_col=1)


def _findings_sheet(wb: Any, result: BatchResult, st: _Styles, folder: RowFolder) -> None:
    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["findings"].get(lang))
    names = [c.get(lang) for c in L["finding_cols"]]
    _setup(ws, [6, 40, 14, 8, 8, 8, 60, 50])
    _header(ws, names, st)
    sheet = folder.sheet(ws, st.specs)
    written, limit, dropped = 1, EXCEL_MAX_ROWS - 1, 0
    for row in result.rows:
        rank = (row.rank,)
        for cells in result.spool.cells_of(row.index, row.path, lang):
            if written >= limit:
                dropped += 1
                continue
            sheet.append_rendered(rank, cells)
            written += 1
    if dropped:
        sheet.append([None, L["truncated"].format(lang, count=dropped)])
        written += 1
    sheet.close()
    _filter(ws, len(names), written)


def _stats_sheet(wb: Any, rates: pd.DataFrame, bins: pd.DataFrame, lang: Lang, st: _Styles) -> None:
    """Pass rates (columns A…) and, two columns to their right, the score distribution; a bar
    chart of the pass rates and a histogram of the scores to the right of both."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET_NAMES["stats"].get(lang))
    n_rate_cols = len(rates.columns)
    bin_col = n_rate_cols + 2  # 1-based column of the score table
    widths = [*_frame_widths(rates), 3.0, *_frame_widths(bins)]
    _setup(ws, widths)
    rate_rows = [[safe_value(ws, v) for v in values] for values in _records(rates)]
    bin_rows = [[safe_value(ws, v) for v in values] for values in _records(bins)]
    head = [st.text(ws, str(c), "header") for c in rates.columns]
    head += [None] + [st.text(ws, str(c), "header") for c in bins.columns]
    ws.append(head)
    for i in range(max(len(rate_rows), len(bin_rows))):
        left = rate_rows[i] if i < len(rate_rows) else [None] * n_rate_cols
        right = bin_rows[i] if i < len(bin_rows) else []
        ws.append([*left, None, *right])
    n_rates, n_bins = len(rates), len(bins)
    _filter(ws, n_rate_cols, n_rates + 1)
    anchor = get_column_letter(bin_col + len(bins.columns) + 1)

    hist = BarChart()
    hist.type = "col"
    hist.gapWidth = 10
    hist.title = L["score_chart"].get(lang)
    hist.legend = None
    hist.width = 18
    hist.add_data(
        Reference(ws, min_col=bin_col + 1, min_row=1, max_row=n_bins + 1), titles_from_data=True
    )
    hist.set_categories(Reference(ws, min_col=bin_col, min_row=2, max_row=n_bins + 1))
    ws.add_chart(hist, f"{anchor}2")
    if n_rates:
        chart = BarChart()
        chart.type = "bar"
        chart.title = L["pass_chart"].get(lang)
        chart.x_axis.scaling.orientation = "maxMin"  # first criterion on top
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.legend = None
        chart.height = max(7.5, 0.5 * n_rates)
        chart.width = 18
        data = Reference(ws, min_col=n_rate_cols, min_row=1, max_row=n_rates + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n_rates + 1))
        ws.add_chart(chart, f"{anchor}18")


def _frame_sheet(wb: Any, title: str, frame: pd.DataFrame, st: _Styles) -> None:
    ws = wb.create_sheet(title)
    _setup(ws, _frame_widths(frame), freeze="B2")
    _header(ws, list(frame.columns), st)
    for values in _records(frame):
        ws.append([safe_value(ws, v) for v in values])
    _filter(ws, len(frame.columns), len(frame) + 1)


def _run_sheet(wb: Any, result: BatchResult, st: _Styles, folder: RowFolder) -> None:
    from clusterctl.batch.run import rows_by_index

    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["run"].get(lang))
    _setup(ws, [16, 44, 72, 14, 12, 10], freeze="A2")
    _header(ws, [L["key"].get(lang), L["value"].get(lang)], st)
    pack = result.pack

    pairs = [
        (L["tool"], f"clusterctl {__version__}"),
        (L["pack"], pack.id if pack else None),
        (L["pack_title"], pack.title.get(lang) if pack else None),
        (L["pack_source"], pack.source if pack else None),
        (L["quota"], result.quota),
        (L["started"], result.started.isoformat(timespec="seconds")),
        (L["finished"], result.finished.isoformat(timespec="seconds") if result.finished else None),
        (L["options"], " ".join(f"{k}={v}" for k, v in result.options.items())),
        (L["files"], len(result.rows)),
        (L["skipped_n"], len(result.skipped)),
        (L["ranking_rule"], L["ranking_text"].get(lang)),
    ]
    for key, value in pairs:
        ws.append([st.text(ws, key.get(lang), "bold"), safe_value(ws, value)])
    ws.append([])
    ws.append([st.text(ws, L["inputs"].get(lang), "bold")])
    cols = ("index", "inputs", "sha256", "size", "verdict", "seconds")
    ws.append([st.text(ws, L[c].get(lang), "header") for c in cols])
    sheet = folder.sheet(ws, st.specs, first_row=5 + len(pairs))
    for row in rows_by_index(result.rows):
        seconds = None if row.seconds is None else round(row.seconds, 3)
        values = [
            row.index + 1,
            row.path,
            row.sha256,
            row.size,
            row.verdict.label.get(lang),
            seconds,
        ]
        sheet.append(values)
    if result.skipped:
        sheet.append([])
        sheet.append([L["skipped"].get(lang)], ["bold"])
        for skipped in result.skipped:
            sheet.append([None, skipped.path, skipped.message(lang)])
    sheet.close()
