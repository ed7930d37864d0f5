"""Fast variants of an .xlsx workbook by substituting placeholder tokens in its sheet XML.

A *base* workbook is written once by the real template writer with a placeholder token
(``@@<value key>@@``) in every input cell. Each variant then rewrites only the sheet XML with the
standard library: a token cell becomes a number, an inline string or an empty cell (keeping its
style), and the roster's single token row is repeated once per firm. This is ~100x cheaper than
writing every workbook with openpyxl, and the layout stays exactly the template's.

Works on inline strings (openpyxl ≥ 3.1) and on shared strings alike.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape, unescape

TOKEN = re.compile(r"^@@(.+)@@$")
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_INLINE_TEXT = re.compile(r"<is>.*?<t[^>]*>(.*?)</t>.*?</is>", re.S)
_VALUE = re.compile(r"<v>(.*?)</v>", re.S)
_SI = re.compile(r"<si>(.*?)</si>", re.S)
_T = re.compile(r"<t[^>]*>(.*?)</t>", re.S)
_ADDR = re.compile(r"([A-Z]+)(\d+)")
_ROSTER_KEY = re.compile(r"^roster\.0\.(.+)$")

Value = str | int | float | None


@dataclass(slots=True)
class SheetTemplate:
    """One sheet's XML split around its token cells, ready to be filled quickly."""

    name: str  # zip member name
    head: str  # XML before <sheetData>
    tail: str  # XML after </sheetData>
    rows: list[tuple[int, str, list[tuple[str, str, str | None]]]] = field(default_factory=list)
    # rows: (row number, row attributes without r, cells as (column, attrs without r/t, token key))
    roster_row: int | None = None  # the row whose tokens are roster.0.<column>
    max_column: str = "A"  # rightmost column letter used

    @property
    def tokens(self) -> set[str]:
        return {k for _, _, cells in self.rows for _, _, k in cells if k}


@dataclass(slots=True)
class BaseWorkbook:
    """A base workbook loaded once; :meth:`render` writes a variant."""

    members: dict[str, bytes]  # untouched zip members
    sheets: dict[str, SheetTemplate]
    order: list[str]  # zip member order

    @property
    def tokens(self) -> set[str]:
        found: set[str] = set()
        for sheet in self.sheets.values():
            found |= sheet.tokens
        return found

    @property
    def roster_columns(self) -> list[str]:
        for sheet in self.sheets.values():
            if sheet.roster_row is not None:
                return [
                    m.group(1)
                    for r, _, cells in sheet.rows
                    if r == sheet.roster_row
                    for _, _, k in cells
                    if k and (m := _ROSTER_KEY.match(k))
                ]
        return []

    def render(
        self,
        path: str,
        values: Mapping[str, Value],
        roster: list[Mapping[str, Value]],
        compresslevel: int = 1,
    ) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
            for name in self.order:
                sheet = self.sheets.get(name)
                if sheet is None:
                    zf.writestr(name, self.members[name])
                else:
                    zf.writestr(name, _render_sheet(sheet, values, roster))


def load_base(path: str) -> BaseWorkbook:
    """Read a base workbook and find its token cells."""
    with zipfile.ZipFile(path) as zf:
        order = zf.namelist()
        members = {name: zf.read(name) for name in order}
    shared: list[str] = []
    if "xl/sharedStrings.xml" in members:
        sst = members["xl/sharedStrings.xml"].decode("utf-8")
        shared = [unescape("".join(_T.findall(si))) for si in _SI.findall(sst)]
    sheets = {}
    for name in order:
        if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
            sheets[name] = _parse_sheet(name, members[name].decode("utf-8"), shared)
    return BaseWorkbook(members, sheets, order)


def _parse_sheet(name: str, xml: str, shared: list[str]) -> SheetTemplate:
    start = xml.index("<sheetData")
    if xml.startswith("<sheetData/>", start):
        return SheetTemplate(name, xml[:start], xml[start + len("<sheetData/>") :])
    open_end = xml.index(">", start) + 1
    close = xml.index("</sheetData>", open_end)
    sheet = SheetTemplate(name, xml[:start], xml[close + len("</sheetData>") :])
    for row_match in _ROW.finditer(xml, open_end, close):
        attrs = dict(_ATTR.findall(row_match.group(1)))
        number = int(attrs.pop("r"))
        attrs.pop("spans", None)
        row_attrs = "".join(f' {k}="{v}"' for k, v in attrs.items())
        cells = []
        for cell in _CELL.finditer(row_match.group(2) or ""):
            cattrs = dict(_ATTR.findall(cell.group(1)))
            column = _ADDR.match(cattrs.pop("r")).group(1)
            kind = cattrs.pop("t", None)
            text = _cell_text(kind, cell.group(2) or "", shared)
            token = TOKEN.match(text) if text is not None else None
            rest = "".join(f' {k}="{v}"' for k, v in cattrs.items())
            if token:
                cells.append((column, rest, token.group(1)))
                if _ROSTER_KEY.match(token.group(1)):
                    sheet.roster_row = number
            else:  # keep the cell as written, re-addressed on render
                body = cell.group(2)
                kind_attr = f' t="{kind}"' if kind else ""
                cells.append((column, rest + kind_attr + ("\0" + body if body else ""), None))
        sheet.rows.append((number, row_attrs, cells))
    columns = [c for _, _, cells in sheet.rows for c, _, _ in cells] or ["A"]
    sheet.max_column = max(columns, key=lambda c: (len(c), c))
    return sheet


def _cell_text(kind: str | None, body: str, shared: list[str]) -> str | None:
    if kind == "inlineStr":
        m = _INLINE_TEXT.search(body)
        return unescape(m.group(1)) if m else None
    if kind == "s":
        m = _VALUE.search(body)
        if m and m.group(1).isdigit() and int(m.group(1)) < len(shared):
            return shared[int(m.group(1))]
    return None


def _cell_xml(ref: str, rest: str, value: Value) -> str:
    if value is None or value == "":
        return f'<c r="{ref}"{rest}/>'
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{rest}><v>{value!r}</v></c>'
    return (
        f'<c r="{ref}"{rest} t="inlineStr"><is><t xml:space="preserve">'
        f"{escape(str(value), quote=False)}</t></is></c>"
    )


def _static_cell(ref: str, rest: str) -> str:
    attrs, _, body = rest.partition("\0")
    return f'<c r="{ref}"{attrs}>{body}</c>' if body else f'<c r="{ref}"{attrs}/>'


def _row_xml(number: int, attrs: str, cells: list[str]) -> str:
    return f'<row r="{number}"{attrs}>{"".join(cells)}</row>'


def _render_sheet(
    sheet: SheetTemplate, values: Mapping[str, Value], roster: list[Mapping[str, Value]]
) -> str:
    out: list[str] = []
    shift = 0
    last_row = 1
    for number, attrs, cells in sheet.rows:
        if number == sheet.roster_row:
            keys = [(col, rest, k and _ROSTER_KEY.match(k).group(1)) for col, rest, k in cells]
            for i, firm in enumerate(roster):
                r = number + i
                out.append(_row_xml(r, attrs, _roster_cells(r, keys, firm)))
            shift = len(roster) - 1
            last_row = number + shift
            continue
        if sheet.roster_row is not None and number > sheet.roster_row and _blank(cells):
            continue  # pre-formatted empty roster rows of the template
        r = number + shift
        rendered = [
            _cell_xml(f"{col}{r}", rest, values.get(key))
            if key
            else _static_cell(f"{col}{r}", rest)
            for col, rest, key in cells
        ]
        out.append(_row_xml(r, attrs, rendered))
        last_row = max(last_row, r)
    dimension = f'<dimension ref="A1:{sheet.max_column}{last_row}"/>'
    head = re.sub(r'<dimension ref="[^"]*"\s*/>', dimension, sheet.head)
    return f"{head}<sheetData>{''.join(out)}</sheetData>{sheet.tail}"


def _roster_cells(
    r: int, keys: list[tuple[str, str, str | None]], firm: Mapping[str, Value]
) -> list[str]:
    return [
        _cell_xml(f"{col}{r}", rest, firm.get(key)) if key else _static_cell(f"{col}{r}", rest)
        for col, rest, key in keys
    ]


def _blank(cells: list[tuple[str, str, str | None]]) -> bool:
    return all(key is None and "\0" not in rest for _, rest, key in cells)
