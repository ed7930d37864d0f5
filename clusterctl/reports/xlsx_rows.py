"""Rows of the summary's big sheets, rendered as SpreadsheetML text and spliced into the workbook
openpyxl saved.

openpyxl serialises every cell through an element tree (~15 µs a cell in write-only mode); the
summary's big sheets (汇总, 指标矩阵, 问题明细: ~250,000 cells for 1,000 files) would keep the
screen busy for seconds after the last file. Here each row is one string, written to a temporary
file as it is made (memory stays flat), and :func:`splice` puts those rows in place of a marker
row once openpyxl has saved the package. Everything else (the header row, styles, widths, frozen
panes, filters, print set-up, hyperlinks, charts) stays openpyxl's.

Every cell is written as an inline string (``t="inlineStr"``) or a number, so text is never a
formula or an error value by construction; text goes through
:func:`clusterctl.reports.safe_cell.cell_text` (XML 1.0 characters only, a literal ``_xHHHH_``
escaped) and a text starting with ``=``, ``+``, ``-``,
``@`` gets the ``quotePrefix`` style as :func:`~clusterctl.reports.safe_cell.text_cell` gives it.
Numbers are formatted as openpyxl formats them (``%.16g``); NaN and infinities are empty cells.
"""

from __future__ import annotations

import math
import numbers
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from clusterctl.diagnostics.finding import column_letter as letters_of
from clusterctl.reports.safe_cell import cell_text, needs_quote_prefix, xml_uri
from clusterctl.reports.xlsx_links import (
    attr,
    first_ref,
    link_ids,
    write_links,
    write_rels,
)

ZIP64_FROM = 1 << 30  # bytes of sheet XML above which the zip entry is written as zip64


class FastSheet:
    """The rows of one write-only worksheet from ``first_row`` on (the rows above: openpyxl's;
    ``first_row`` must be the next row openpyxl would write, and openpyxl writes no more rows).

    ``styles``: named style specs (attribute -> openpyxl style object) a cell may use.
    """

    def __init__(
        self, ws: Any, folder: str, styles: dict[str, dict[str, Any]], first_row: int = 2
    ) -> None:
        self.ws = ws
        self.token = f"clusterctl-rows-{uuid.uuid4().hex}"
        ws.append([self.token])  # the marker row, replaced by :func:`splice`
        self.path = os.path.join(folder, f"{self.token}.xml")
        self._out = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._specs = styles
        self._ids: dict[tuple[str | None, bool], str] = {}
        self._links: list[tuple[str, str]] = []  # (ref, target) while STREAM_LINKS is off
        self.links_path = os.path.join(folder, f"{self.token}.links")
        self._links_out: Any = None  # each link's ref and target, a line each
        self.link_count = 0
        self.link_token = f"clusterctl-links-{uuid.uuid4().hex}"
        self.rows = first_row - 1  # the last row written

    def style_attr(self, name: str | None, quote: bool = False) -> str:
        """The ``s="…"`` attribute of a cell in style ``name`` (``None``: unstyled)."""
        key = (name, quote)
        found = self._ids.get(key)
        if found is None:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.ws)
            for attr, spec in (self._specs[name] if name else {}).items():
                setattr(cell, attr, spec)
            if quote:
                cell.quotePrefix = True
            found = f' s="{cell.style_id}"' if cell.has_style else ""
            self._ids[key] = found
        return found

    def append(
        self,
        values: Sequence[Any],
        styles: Sequence[str | None] | str | None = None,
        link: tuple[int, str] | None = None,
        height: float | None = None,
    ) -> None:
        """One row. ``styles``: a style name per column (or ``None``), or one for every cell;
        ``link``: (0-based column, target) of a hyperlink; ``height``: in points."""
        self.rows += 1
        r = str(self.rows)
        parts = [_row_start(r, height)]
        for col, value in enumerate(values):
            if value is not None:
                name = styles if isinstance(styles, str) or not styles else styles[col]
                parts.append(self._cell(column_letter(col) + r, value, name))
        parts.append("</row>")
        self._out.write("".join(parts))
        if link is not None:
            self._link(column_letter(link[0]) + r, link[1])

    def _link(self, ref: str, target: str) -> None:
        if not STREAM_LINKS:
            self._links.append((ref, target))
            return
        if self._links_out is None:
            self._links_out = open(self.links_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        # the target as an XML attribute (no raw line break left), after the ref and a tab
        self._links_out.write(f"{ref}\t{attr(xml_uri(target))}\n")
        self.link_count += 1

    def append_rendered(self, first: Sequence[Any], cells: str, style: str | None = None) -> None:
        """One row: cells ``first`` from column A, then ``cells`` as :func:`cells_xml`
        rendered them (its placeholders filled in here; its height when
        :func:`with_height` gave one), all in style ``style``."""
        self.rows += 1
        r = str(self.rows)
        height = None
        if cells.startswith(HEIGHT):
            end = cells.index(HEIGHT, 1)
            height, cells = float(cells[1:end]), cells[end + 1 :]
        parts = [_row_start(r, height)]
        for col, value in enumerate(first):
            if value is not None:
                parts.append(self._cell(column_letter(col) + r, value, style))
        cells = cells.replace(ROW, r)
        if PLAIN in cells:
            cells = cells.replace(PLAIN, self.style_attr(style, False))
        if QUOTE in cells:
            cells = cells.replace(QUOTE, self.style_attr(style, True))
        parts.append(cells)
        parts.append("</row>")
        self._out.write("".join(parts))

    def _cell(self, ref: str, value: Any, name: str | None) -> str:
        return cell_xml(ref, value, lambda quote: self.style_attr(name, quote))

    def close(self) -> None:
        """Finish the rows. The hyperlinks: openpyxl writes one placeholder (its element and
        its relationship), which :func:`splice` replaces with every link, streamed from a file
        (openpyxl holds ~1 KB per link until the workbook is saved)."""
        self._out.close()
        from openpyxl.worksheet.hyperlink import Hyperlink

        if self._links_out is not None:
            self._links_out.close()
            first = first_ref(self.links_path)
            self.ws._hyperlinks.append(Hyperlink(ref=first, target=self.link_token))
        if self._links:
            links = (Hyperlink(ref=ref, target=xml_uri(t)) for ref, t in self._links)
            self.ws._hyperlinks.extend(links)
            self._links = []

    def close_files(self) -> None:
        self._out.close()
        if self._links_out is not None:
            self._links_out.close()


STREAM_LINKS = True  # False: every hyperlink through openpyxl (the reference the tests compare)
ROW = "\x01"  # placeholder for the row number in :func:`cells_xml`'s text
QUOTE = "\x02"  # placeholder for the ``s`` attribute of the quotePrefix style
PLAIN = "\x03"  # placeholder for the ``s`` attribute of the row's style
HEIGHT = "\x04"  # around the row height :func:`with_height` puts before the cells
# (cell_text turns these control characters into U+FFFD: no cleaned text contains them)


def _row_start(r: str, height: float | None) -> str:
    if height is None:
        return f'<row r="{r}">'
    return f'<row r="{r}" ht="{height:g}" customHeight="1">'


def with_height(cells: str, height: float | None) -> str:
    """Rendered cells (:func:`cells_xml`) with the height of their row, in points."""
    return cells if height is None else f"{HEIGHT}{height:g}{HEIGHT}{cells}"


def cell_xml(ref: str, value: Any, style: Any) -> str:
    """One cell (``value`` not ``None``) as SpreadsheetML; ``style(quote)`` gives its ``s``
    attribute (``quote``: a text that needs the quotePrefix style)."""
    if isinstance(value, str):
        text = cell_text(value)
        space = ' xml:space="preserve"' if text.strip() and text != text.strip() else ""
        s = style(needs_quote_prefix(text))
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'
    number = _number(value)
    if number is None:
        if isinstance(value, numbers.Real):
            return ""  # NaN or infinite: an empty cell, as safe_value makes it
        text = cell_text(str(value))
        s = style(needs_quote_prefix(text))
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    kind = "b" if isinstance(value, bool) else "n"
    return f'<c r="{ref}"{style(False)} t="{kind}"><v>{number}</v></c>'


def _unstyled(quote: bool) -> str:
    return QUOTE if quote else PLAIN


def cells_xml(values: Sequence[Any], first_col: int = 0) -> str:
    """Cells from column ``first_col`` (0-based) as :meth:`FastSheet.append` writes them, with
    :data:`ROW` for the row number, :data:`PLAIN` for the row's style and :data:`QUOTE` for the
    style of a text that needs the quotePrefix style: rendered once (e.g. in a worker), placed by
    :meth:`FastSheet.append_rendered`. Texts are cleaned and escaped here."""
    return "".join(
        cell_xml(column_letter(col) + ROW, value, _unstyled)
        for col, value in enumerate(values, first_col)
        if value is not None
    )


_LETTERS: list[str] = []


def column_letter(col: int) -> str:
    """``A`` for column 0, as openpyxl names columns (cached; no openpyxl import, so a worker
    rendering cells need not load it)."""
    while len(_LETTERS) <= col:
        _LETTERS.append(letters_of(len(_LETTERS) + 1))
    return _LETTERS[col]


def _number(value: Any) -> str | None:
    """A number as openpyxl writes it, or ``None`` (not a finite number)."""
    if isinstance(value, numbers.Integral):
        return f"{int(value):.16g}"
    if isinstance(value, numbers.Real):
        value = float(value)
        return f"{value:.16g}" if math.isfinite(value) else None
    return None


class RowFolder:
    """A temporary folder for the rows of every fast sheet of one workbook."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix="clusterctl-rows-")
        self.sheets: list[FastSheet] = []

    def sheet(self, ws: Any, styles: dict[str, dict[str, Any]], first_row: int = 2) -> FastSheet:
        sheet = FastSheet(ws, self.path, styles, first_row)
        self.sheets.append(sheet)
        return sheet

    def save(self, wb: Any, path: str) -> None:
        """Save the workbook ``wb`` to ``path`` with every fast sheet's rows in place
        (openpyxl's package goes to this folder first; see :func:`splice`)."""
        saved = os.path.join(self.path, "openpyxl.xlsx")
        wb.save(saved)
        splice(saved, path, self.sheets)

    def __enter__(self) -> RowFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        for sheet in self.sheets:
            sheet.close_files()
        shutil.rmtree(self.path, ignore_errors=True)


def splice(source: str, path: str, sheets: Iterable[FastSheet]) -> None:
    """Write the package openpyxl saved at ``source`` to ``path``, each sheet's marker row
    replaced with its rows and its placeholder hyperlink with its links (``path`` is written in
    place: callers write to a temporary file and rename it)."""
    sheets = list(sheets)
    by_token = {s.token.encode(): s for s in sheets}
    linked = {s.link_token.encode(): s for s in sheets if s.link_count}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        ids = link_ids(src, linked)
        for info in src.infolist():
            data = src.read(info)
            sheet, rels = None, None
            if info.filename.startswith("xl/worksheets/_rels/"):
                rels = next((s for t, s in linked.items() if t in data), None)
            elif info.filename.startswith("xl/worksheets/"):
                sheet = next((s for t, s in by_token.items() if t in data), None)
            if sheet is None and rels is None:
                dst.writestr(info, data)
                continue
            entry = _fast_entry(info)
            if rels is not None:
                with dst.open(entry, "w", force_zip64=_big(rels.links_path)) as out:
                    write_rels(out, data, rels, ids[rels.link_token])
                continue
            at = data.index(sheet.token.encode())
            start, end = data.rindex(b"<row ", 0, at), data.index(b"</row>", at) + 6
            big = os.path.getsize(sheet.path) >= ZIP64_FROM
            with dst.open(entry, "w", force_zip64=big) as out, open(sheet.path, "rb") as rows:
                out.write(data[:start])
                shutil.copyfileobj(rows, out, 1 << 20)
                if sheet.link_count:
                    write_links(out, data[end:], sheet, ids[sheet.link_token])
                else:
                    out.write(data[end:])


SPLICED_LEVEL = 1  # zlib level of the spliced parts: ~2.5x faster than 6, ~25 % larger


def _fast_entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A deflated entry named as ``info``, compressed at :data:`SPLICED_LEVEL` (the big
    sheets: compressing them is most of what saving costs)."""
    entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    if hasattr(entry, "compress_level"):  # Python 3.13 and later
        entry.compress_level = SPLICED_LEVEL
    else:
        entry._compresslevel = SPLICED_LEVEL
    return entry


def _big(path: str) -> bool:
    return os.path.getsize(path) * 2 >= ZIP64_FROM
