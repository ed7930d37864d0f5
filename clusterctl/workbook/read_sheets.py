"""The reader's interpreters of each sheet layout of a workbook kind (:mod:`.kind`): form,
series, table, rows and instructions sheets into an :class:`~.model.Application`.

A series sheet's rows are the pack's indicators (``pack.input_indicators()``): their types and
units come from the pack, never from a catalogue in code.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Text, unit_label
from clusterctl.workbook import normalize as nz
from clusterctl.workbook import recover as rc
from clusterctl.workbook.columns import (
    NEEDS_FINDING,
    QUIET_TYPES,
    is_filled,
    parse_as,
    parse_column,
)
from clusterctl.workbook.grid import Grid, SheetMap, bi, shown
from clusterctl.workbook.kind import YEARS_ROW_KEY, Field, FieldType, Sheet, indicator_type
from clusterctl.workbook.model import Answer, Firm, Qualification

if TYPE_CHECKING:
    from clusterctl.criteria.model import IndicatorSpec
    from clusterctl.diagnostics import Location
    from clusterctl.workbook.model import Application

CODE = re.compile(r"[A-Z]{1,4}\d{1,4}")  # a criterion code keying a row


class SheetReaders:
    """Mixed into the reader (which gives ``app``, ``path``, ``add()`` and ``loc()``): the
    interpreters of each sheet layout, and ``value()``, one cell parsed and reported."""

    app: Application
    path: str

    def value(
        self,
        grid: Grid,
        row: int,
        col: int,
        key: str,
        ftype: FieldType,
        unit: str | None = None,
        choices: tuple[str, ...] = (),
    ) -> Any:
        """Parse one cell, record its location under ``key`` and report how it was read."""
        location = self.loc(grid, row, col, key)
        self.app.cells[key] = location
        raw = grid.get(row, col)
        parsed = parse_as(raw, ftype, unit, choices)
        if not parsed.ok:
            self.app.unreadable.add(key)
            code = ERROR_CODES.get(ftype, "V202")
            params: dict[str, Any] = {"original": shown(raw), **bi("expected", parsed.error)}
            if ftype is FieldType.CHOICE:
                params["choices"] = "、".join(choices)
            self.add(code, location, **params)
            return None
        if parsed.from_unit:
            self.add(
                "V203",
                location,
                original=shown(raw),
                value=nz.format_value(parsed.value),
                **bi("from_unit", _units(parsed.from_unit)),
                **bi("to_unit", _units(parsed.to_unit)),
            )
        elif parsed.normalised and ftype not in QUIET_TYPES:
            reading = nz.format_value(getattr(parsed.value, "year", None) or parsed.value)
            self.add(
                "V201",
                location,
                original=shown(raw),
                **bi("reading", nz.CHOICE_LABELS.get(reading) or Text(reading, reading)),
            )
        return parsed.value

    def add(self, code: str, location: Location, /, **params: Any) -> None:
        raise NotImplementedError

    def loc(self, grid: Grid | None, row: int | None = None, col: int | None = None, key=None):
        raise NotImplementedError

    def missing_row(self, grid: Grid, key: str, f: Field | IndicatorSpec) -> None:
        """S107: the template row of field ``f`` (location key ``key``) is not in the sheet."""
        self.add(
            "S107", self.loc(grid, key=key), sheet=grid.title, field=f.key, **bi("label", f.label)
        )

    def field_value(self, grid: Grid, row: int, col: int, key: str, f: Field) -> Any:
        unit = f.unit.zh if f.unit else None
        if f.type is not FieldType.YEAR:
            return self.value(grid, row, col, key, f.type, unit, f.choices)
        value = self.value(grid, row, col, key, FieldType.INT, unit)
        if value is None or (isinstance(value, int) and nz.MIN_YEAR <= value <= nz.MAX_YEAR):
            return value
        self.add(
            "V215",
            self.loc(grid, row, col, key),
            original=shown(grid.get(row, col)),
            **bi("expected", nz.YEAR),
        )
        return None

    def read_fields(self, sheet: Sheet, smap: SheetMap, col: int, label_col: int) -> None:
        """Keyed form fields of ``sheet`` (a form sheet, or the fields after a rows sheet's
        rows), by their visible labels when the key column was deleted."""
        rows = rc.field_rows(sheet, smap, label_col)
        values = self.app.form(sheet.prefix)
        for f in sheet.fields:
            key = f"{sheet.prefix}.{f.key}"
            row = rows.get(f.key)
            if row is None:
                self.missing_row(smap.grid, key, f)
                continue
            values[f.key] = value = self.field_value(smap.grid, row, col, key, f)
            if f.fill == "pack" and isinstance(value, str):
                self.app.edition = value

    def read_form(self, sheet: Sheet, smap: SheetMap) -> None:
        self.read_fields(sheet, smap, smap.columns.get("value", 3), smap.columns.get("label", 2))

    def read_instructions(self, sheet: Sheet, smap: SheetMap) -> None:
        col = smap.columns.get("value", 3)
        version_row = smap.rows.get("template_version")
        if version_row is not None:
            self.app.template_version = nz.clean_text(smap.grid.get(version_row, col))
        edition_row = smap.rows.get("edition")
        if self.app.edition is None and edition_row is not None:
            self.app.edition = nz.clean_text(smap.grid.get(edition_row, col))

    def read_series(self, sheet: Sheet, smap: SheetMap, specs: dict[str, IndicatorSpec]) -> None:
        """Each value belongs to the year in its column heading, whatever the column order; the
        years read are the series' years for the application year (a year without a column
        stays blank, never another year's value), else the headings oldest first."""
        assert sheet.years is not None
        grid = smap.grid
        year_row = smap.rows.get(YEARS_ROW_KEY) or smap.header_row
        if year_row is None:
            year_row = next(
                (r for r in range(1, grid.height + 1) if grid.key(r) == YEARS_ROW_KEY),
                (smap.key_row or 2) + 1,
            )
        ycols = sorted(
            ((k, c) for k, c in smap.columns.items() if rc.YEAR_KEY.fullmatch(k)),
            key=lambda kc: int(kc[0][1:]),
        )
        headed: dict[int, int] = {}  # year -> column
        unheaded: list[tuple[str, int]] = []
        for ykey, col in ycols:
            raw = grid.get(year_row, col)
            location = self.loc(grid, year_row, col, f"years.{ykey}")
            self.app.cells[f"years.{ykey}"] = location
            year = rc.heading_year(raw)
            if year is None:
                self.add("V215", location, original=shown(raw), **bi("expected", nz.YEAR))
                unheaded.append((ykey, col))
            else:
                headed.setdefault(year, col)
        base = self.app.application_year
        if isinstance(base, int) and headed:  # the years the standard asks for, by heading
            years: list[int | None] = list(sheet.years.years(base))
            if set(headed) != set(years) and ycols:
                found = [rc.heading_year(grid.get(year_row, c)) for _, c in ycols]
                self.add(
                    "V212",
                    self.loc(grid, year_row, ycols[0][1], "years.y1"),
                    found="、".join("?" if y is None else str(y) for y in found),
                    year=base,
                    want="、".join(str(y) for y in years),
                )
        elif headed and not unheaded:
            years = sorted(headed)
        else:  # headings unreadable: the columns in the template's order
            years = [rc.heading_year(grid.get(year_row, c)) for _, c in ycols]
            headed = {}
        cols = [headed.get(y) for y in years] if headed else [c for _, c in ycols]
        self.app.years = years
        prefix = sheet.prefix
        for spec in specs.values():
            row = smap.rows.get(spec.key)
            if row is None:
                if spec.required:
                    self.missing_row(grid, f"{prefix}.{spec.key}", spec)
                self.app.indicators[spec.key] = [None] * len(cols)
                continue
            ftype = indicator_type(spec)
            values = []
            for i, col in enumerate(cols):
                if col is None:
                    values.append(None)
                    continue
                label = years[i] if years[i] is not None else f"y{i + 1}"
                key = f"{prefix}.{spec.key}.{label}"
                values.append(self.value(grid, row, col, key, ftype, spec.unit.zh))
                # the same cell under its column key, as the template's layout names it
                self.app.cells[f"{prefix}.{spec.key}.y{i + 1}"] = self.app.cells[key]
            self.app.indicators[spec.key] = values

    def read_table(self, sheet: Sheet, smap: SheetMap) -> None:
        grid = smap.grid
        start = (smap.header_row or (smap.key_row or 2) + 1) + 1  # the header row, then records
        columns = [
            (f, smap.columns[f.key], f.unit.zh if f.unit else None)
            for f in sheet.columns
            if f.key in smap.columns
        ]
        # Hot path (up to thousands of firms per file, see docs/performance.md): a table is
        # parsed a column at a time (clusterctl.workbook.columns: fast paths for clean columns);
        # only a cell that needs a finding goes through value(), in row order as a reader going
        # row by row would report it. The roster's cell locations are computed on demand.
        locations = {f.key: col for f, col, _ in columns}
        if sheet.record == "firm":
            record_rows = self.app.cells.set_roster(self.path, grid.title, locations)  # type: ignore[attr-defined]
        body = grid.rows[start - 1 :]
        raw = _columns_of(body, [col for _, col, _ in columns])
        keys = [f.key for f, _, _ in columns]
        first = parse_column(raw[0], columns[0][0].type) if columns else None
        # a record is a row with anything in it; a row with a first value always has
        kept = [
            i
            for i, value in enumerate(first if first is not None else [None] * len(body))
            if value is not None or any(is_filled(cells[i]) for cells in raw)
        ]
        if len(kept) < len(body):
            raw = [[cells[i] for i in kept] for cells in raw]
            if first is not None:
                first = [first[i] for i in kept]
        values = [
            first if j == 0 else parse_column(cells, f.type, unit, f.choices)
            for j, (cells, (f, _, unit)) in enumerate(zip(raw, columns, strict=True))
        ]
        flagged = sorted(
            (i, j) for j, column in enumerate(values) for i in _positions(column, NEEDS_FINDING)
        )
        rows = [start + i for i in kept]
        for i, j in flagged:
            f, col, unit = columns[j]
            key = f"{sheet.prefix}.{i}.{f.key}"
            if f.type is FieldType.YEAR:
                values[j][i] = self.field_value(grid, rows[i], col, key, f)
            else:
                values[j][i] = self.value(grid, rows[i], col, key, f.type, unit, f.choices)
        table = self.app.table(sheet.prefix)
        if sheet.record == "firm":
            record_rows.extend(rows)
            table.extend(_firms(rows, dict(zip(keys, values, strict=True))))
            return
        for i, row in enumerate(rows):
            for f, col, _ in columns:
                key = f"{sheet.prefix}.{i}.{f.key}"
                self.app.cells.setdefault(key, self.loc(grid, row, col, key))
        table.extend(dict(zip(keys, record, strict=True)) for record in zip(*values, strict=True))

    def read_rows(self, sheet: Sheet, smap: SheetMap) -> None:
        grid = smap.grid
        items = {item.key for item in sheet.items}
        fields = {f.key for f in sheet.fields}
        found = self.app.rows.setdefault(sheet.prefix, {})
        for item in sheet.items:
            if item.key not in smap.rows:
                key = f"{sheet.prefix}.{item.key}"
                self.add("S107", self.loc(grid, key=key), sheet=grid.title, field=item.key)
        for code, row in smap.rows.items():
            if code in fields or not (code in items if items else CODE.fullmatch(code)):
                continue
            values: dict[str, Any] = {}
            for n, f in enumerate(sheet.columns):
                # the first input cell answers to the row's key (qualitative.CR401)
                key = f"{sheet.prefix}.{code}" + (f".{f.key}" if n else "")
                col = smap.columns.get(f.key)
                if col is None:  # a column deleted with its key and header: blank, not shifted
                    values[f.key] = None
                elif f.type is FieldType.TEXT and sheet.record == "answer":
                    values[f.key] = nz.clean_text(grid.get(row, col))
                else:
                    values[f.key] = self.field_value(grid, row, col, key, f)
            if sheet.record == "answer":
                found[code] = Answer(values["met"], values["description"], values["evidence"])
            elif sheet.record == "value":
                found[code] = values[sheet.columns[0].key]
            else:
                found[code] = values
        if sheet.fields:
            label_key = "title" if "title" in sheet.info else sheet.info[0]
            col = smap.columns.get(sheet.columns[0].key, sheet.column(sheet.columns[0].key))
            self.read_fields(sheet, smap, col, smap.columns.get(label_key, 2))


def _columns_of(body: list[list[Any]], cols: list[int]) -> list[list[Any]]:
    """The cells of each 1-based column in ``cols`` (None beyond a short row)."""
    if not body:
        return [[] for _ in cols]
    if min(map(len, body)) >= max(cols, default=0):  # calamine's rows are all one width
        return [list(map(itemgetter(col - 1), body)) for col in cols]
    return [[line[col - 1] if col <= len(line) else None for line in body] for col in cols]


def _positions(values: list[Any], marker: Any) -> list[int]:
    """Where ``marker`` is in ``values`` (list.index runs in C; markers are few)."""
    found: list[int] = []
    at = -1
    try:
        while True:
            at = values.index(marker, at + 1)
            found.append(at)
    except ValueError:
        return found


def _firms(rows: list[int], values: dict[str, list[Any]]) -> list[Firm]:
    """One Firm per roster row from the columns' values: every column by its key, and the
    qualifications held (``q_<qualification>`` columns, in column order) with their years."""
    quals: list[dict[Any, int | None]] = [{} for _ in rows]
    for key, column in values.items():
        if key.startswith("q_"):
            qualification = Qualification(key[2:])
            for i in compress(range(len(column)), column):  # blanks are None
                value = column[i]
                if isinstance(value, nz.Held) and value.held:
                    quals[i][qualification] = value.year
    keys = list(values)
    records = zip(*values.values(), strict=True) if values else iter([()] * len(rows))
    return [
        Firm.of(dict(zip(keys, record, strict=True)), held, row)
        for record, held, row in zip(records, quals, rows, strict=True)
    ]


ERROR_CODES = {
    FieldType.NUMBER: "V202",
    FieldType.INT: "V202",
    FieldType.YEAR: "V202",
    FieldType.PERCENT: "V202",
    FieldType.BOOL: "V204",
    FieldType.DATE: "V205",
    FieldType.CHOICE: "V206",
    FieldType.YEAR_OR_BOOL: "V215",
    FieldType.USCC: "V208",
    FieldType.DIVISION: "V209",
}


def _units(unit: str | None) -> Text:
    """A unit as a bilingual message parameter (万元 / 10k CNY)."""
    return Text(unit or "", unit_label(unit, "en") or "")
