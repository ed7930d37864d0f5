"""Read an application workbook into an :class:`~clusterctl.workbook.model.Application`.

Sheets are found by the ``#sheet:<key>`` marker in ``A1`` (falling back to the Chinese or English
sheet title, with an info finding), rows by the field key in the hidden column ``A`` and columns
by the hidden key row, so inserted rows, reordered or renamed sheets do not fool the reader.
Values go through :mod:`clusterctl.workbook.normalize`; whatever was normalised is reported as an
info finding and whatever cannot be read as an error with its sheet and cell.

Never raises: a workbook python-calamine cannot parse becomes an ``S106`` finding.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.i18n import Text
from clusterctl.workbook import normalize as nz
from clusterctl.workbook.columns import (
    NEEDS_FINDING,
    QUIET_TYPES,
    is_filled,
    parse_as,
    parse_column,
)
from clusterctl.workbook.fields import (
    BASIC_FIELDS,
    DECLARATION_FIELDS,
    INDICATORS,
    ROSTER_COLUMNS,
    SHEET_MARKER_PREFIX,
    SHEETS,
    Field,
    FieldType,
    Indicator,
    Qualification,
)
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.model import Answer, Application, CellMap, Firm
from clusterctl.workbook.template import (
    KEY_ROW_MARKER,
    SHEET_COLUMNS,
    YEAR_KEYS,
    YEARS_ROW_KEY,
)

REQUIRED_SHEETS = ("basic", "indicators")  # without them it is not an application workbook
EXPECTED_SHEETS = ("basic", "indicators", "roster", "qualitative", "declarations")
KEY_ROW_SCAN = 50  # how far down the key row may have moved
MAX_SHOWN = 80  # characters of a cell value quoted in a message
_CODE = re.compile(r"[A-Z]{1,4}\d{1,4}")


def bi(name: str, text: Text | None) -> dict[str, str]:
    """A bilingual message parameter: ``name_zh`` and ``name_en``."""
    if text is None:
        return {f"{name}_zh": "", f"{name}_en": ""}
    return {f"{name}_zh": text.zh, f"{name}_en": text.en}


def shown(raw: Any) -> str:
    """A raw cell value as quoted in a message (bounded)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


@dataclass(slots=True)
class Grid:
    """One sheet's cells, 1-based, empty strings as None."""

    title: str
    rows: list[list[Any]]

    def get(self, row: int, col: int) -> Any:
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        line = self.rows[row - 1]
        if col > len(line):
            return None
        value = line[col - 1]
        return None if value == "" else value

    @property
    def height(self) -> int:
        return len(self.rows)

    def key(self, row: int) -> str | None:
        """The field key in the hidden column A of ``row``."""
        value = self.get(row, 1)
        return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass(slots=True)
class SheetMap:
    """Where the keyed rows and columns of one sheet are."""

    grid: Grid
    columns: dict[str, int]
    rows: dict[str, int]
    key_row: int | None


def _norm_title(title: str) -> str:
    return re.sub(r"\s+", "", title).lower()


_TITLES = {_norm_title(text): s.key for s in SHEETS for text in (s.title.zh, s.title.en)}


class _Reader:
    def __init__(self, path: str, limits: Limits, package: bytes | None = None) -> None:
        self.path = path
        self.limits = limits
        self.package = package
        self.findings: list[Finding] = []
        self.cells = CellMap()
        self.app = Application(file=path, cells=self.cells)

    # --- findings --------------------------------------------------------------------------
    def loc(
        self,
        grid: Grid | None,
        row: int | None = None,
        col: int | None = None,
        key: str | None = None,
    ) -> Location:
        return Location(self.path, grid.title if grid else None, row, col, key)

    def add(self, code: str, location: Location, /, **params: Any) -> None:
        if location.sheet is not None and "ref" not in params:
            params["ref"] = location.ref()
        self.findings.append(Finding(code, location, params))

    # --- sheets ----------------------------------------------------------------------------
    def open_sheets(self) -> dict[str, Grid] | None:
        from python_calamine import CalamineWorkbook

        try:
            if self.package is not None:  # the parts preflight checked (preflight.Preflight)
                wb = CalamineWorkbook.from_filelike(io.BytesIO(self.package))
            else:
                wb = CalamineWorkbook.from_path(self.path)
            names = list(wb.sheet_names)
        except Exception as exc:  # calamine raises its own error types for broken files
            self.add("S106", Location(self.path), error=f"{type(exc).__name__}: {exc}"[:300])
            return None
        found: dict[str, Grid] = {}
        by_title: dict[str, str] = {}
        for name in names:
            try:
                sheet = wb.get_sheet_by_name(name)
                end = sheet.end
                cells = (end[0] + 1) * (end[1] + 1) if end else 0
                if cells > self.limits.max_cells:
                    self.add(
                        "S109",
                        Location(self.path, name),
                        sheet=name,
                        cells=cells,
                        limit=self.limits.max_cells,
                    )
                    continue
                first = sheet.to_python(skip_empty_area=False, nrows=1) if end else []
                marker = first[0][0] if first and first[0] else None
                key = None
                if isinstance(marker, str) and marker.strip().startswith(SHEET_MARKER_PREFIX):
                    key = marker.strip()[len(SHEET_MARKER_PREFIX) :]
                if key in SHEET_COLUMNS and key not in found:
                    found[key] = Grid(name, sheet.to_python(skip_empty_area=False) if end else [])
                elif key is None and _norm_title(name) in _TITLES:
                    by_title.setdefault(_TITLES[_norm_title(name)], name)
            except Exception as exc:
                self._unreadable_sheet(name, exc)
        for key, name in by_title.items():
            if key in found:
                continue
            try:
                sheet = wb.get_sheet_by_name(name)
                found[key] = Grid(name, sheet.to_python(skip_empty_area=False) if sheet.end else [])
            except Exception as exc:
                self._unreadable_sheet(name, exc)
                continue
            expected = next(s.title for s in SHEETS if s.key == key)
            self.add(
                "S102",
                Location(self.path, name),
                sheet=name,
                marker=SHEET_MARKER_PREFIX + key,
                **bi("expected", expected),
            )
        return found

    def missing_row(self, grid: Grid, key: str, f: Field | Indicator) -> None:
        """S107: the template row of field ``f`` (location key ``key``) is not in the sheet."""
        self.add(
            "S107", self.loc(grid, key=key), sheet=grid.title, field=f.key, **bi("label", f.label)
        )

    def _unreadable_sheet(self, name: str, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"[:300]
        self.add("S111", Location(self.path, name), sheet=name, error=error)

    def map_sheet(self, key: str, grid: Grid) -> SheetMap:
        key_row = None
        for row in range(1, min(grid.height, KEY_ROW_SCAN) + 1):
            if grid.key(row) == KEY_ROW_MARKER:
                key_row = row
                break
        columns: dict[str, int] = {}
        if key_row is not None:
            line = grid.rows[key_row - 1]
            for col in range(2, len(line) + 1):
                name = grid.get(key_row, col)
                if isinstance(name, str) and name.strip() and name.strip() not in columns:
                    columns[name.strip()] = col
        defaults = {name: i for i, name in enumerate(SHEET_COLUMNS[key], start=2)}
        if key != "instructions" and (key_row is None or not set(defaults) <= set(columns)):
            self.add("S108", self.loc(grid), sheet=grid.title)
            for name, col in defaults.items():
                columns.setdefault(name, col)
        rows: dict[str, int] = {}
        # column A of every row, as Grid.key reads it (a roster has thousands of rows)
        keyed = [
            (row, line[0].strip())
            for row, line in enumerate(grid.rows, start=1)
            if line and line[0] and isinstance(line[0], str) and line[0].strip()
        ]
        for row, rkey in keyed:
            if rkey.startswith("#"):
                continue
            if rkey in rows:
                self.add("S110", self.loc(grid, row, 1, rkey), field=rkey, sheet=grid.title)
                continue
            rows[rkey] = row
        return SheetMap(grid, columns, rows, key_row)

    # --- values ----------------------------------------------------------------------------
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
                from_unit=parsed.from_unit,
                to_unit=parsed.to_unit,
            )
        elif parsed.normalised and ftype not in QUIET_TYPES:
            self.add(
                "V201",
                location,
                original=shown(raw),
                value=nz.format_value(getattr(parsed.value, "year", None) or parsed.value),
            )
        return parsed.value

    # --- sections --------------------------------------------------------------------------
    def read_basic(self, smap: SheetMap) -> None:
        col = smap.columns["value"]
        label_col = smap.columns.get("label", 2)
        rows = dict(smap.rows)
        if not any(f.key in rows for f in BASIC_FIELDS):
            rows.update(_rows_by_label(smap.grid, label_col, BASIC_FIELDS))
        for f in BASIC_FIELDS:
            key = f"basic.{f.key}"
            row = rows.get(f.key)
            if row is None:
                self.missing_row(smap.grid, key, f)
                continue
            ftype = FieldType.INT if f.key == "application_year" else f.type
            unit = f.unit.zh if f.unit else None
            value = self.value(smap.grid, row, col, key, ftype, unit, f.choices)
            if f.key == "application_year" and value is not None:
                value = self._year(value, smap.grid, row, col, key)
            self.app.basic[f.key] = value
        edition = self.app.basic.get("edition")
        if isinstance(edition, str):
            self.app.edition = edition

    def _year(self, value: Any, grid: Grid, row: int, col: int, key: str) -> int | None:
        if isinstance(value, int) and nz.MIN_YEAR <= value <= nz.MAX_YEAR:
            return value
        self.add(
            "V215",
            self.loc(grid, row, col, key),
            original=shown(grid.get(row, col)),
            **bi("expected", nz.YEAR),
        )
        return None

    def read_instructions(self, smap: SheetMap) -> None:
        col = smap.columns.get("value", 3)
        version_row = smap.rows.get("template_version")
        if version_row is not None:
            version = nz.clean_text(smap.grid.get(version_row, col))
            self.app.template_version = version
        edition_row = smap.rows.get("edition")
        if self.app.edition is None and edition_row is not None:
            self.app.edition = nz.clean_text(smap.grid.get(edition_row, col))

    def read_indicators(self, smap: SheetMap) -> None:
        grid = smap.grid
        year_cols = [smap.columns[y] for y in YEAR_KEYS]
        year_row = smap.rows.get(YEARS_ROW_KEY)
        if year_row is None:
            year_row = next(
                (r for r in range(1, grid.height + 1) if grid.key(r) == YEARS_ROW_KEY),
                (smap.key_row or 2) + 1,
            )
        years: list[int | None] = []
        for ykey, col in zip(YEAR_KEYS, year_cols, strict=True):
            raw = grid.get(year_row, col)
            location = self.loc(grid, year_row, col, f"years.{ykey}")
            self.app.cells[f"years.{ykey}"] = location
            parsed = nz.parse_year(raw)
            if not parsed.ok:
                self.add("V215", location, original=shown(raw), **bi("expected", nz.YEAR))
            years.append(parsed.value)
        self.app.years = years
        for ind in INDICATORS:
            row = smap.rows.get(ind.key)
            if row is None:
                if ind.required:
                    self.missing_row(grid, f"indicators.{ind.key}", ind)
                self.app.indicators[ind.key] = [None] * len(year_cols)
                continue
            values = []
            for i, col in enumerate(year_cols):
                label = years[i] if years[i] is not None else YEAR_KEYS[i]
                key = f"indicators.{ind.key}.{label}"
                values.append(self.value(grid, row, col, key, ind.type, ind.unit.zh))
                # the same cell under its column key, as the template's layout names it
                self.app.cells[f"indicators.{ind.key}.{YEAR_KEYS[i]}"] = self.app.cells[key]
            self.app.indicators[ind.key] = values

    def read_roster(self, smap: SheetMap) -> None:
        grid = smap.grid
        start = (smap.key_row or 2) + 2  # key row, header row, then firms
        columns = [
            (f, smap.columns[f.key], f.unit.zh if f.unit else None)
            for f in ROSTER_COLUMNS
            if f.key in smap.columns
        ]
        # Hot path (up to thousands of firms per file, see docs/performance.md): the roster is
        # parsed a column at a time (clusterctl.workbook.columns: fast paths for clean columns);
        # only a cell that needs a finding goes through value(), in row order as a reader going
        # row by row would report it. The cells' locations are computed on demand (CellMap).
        firm_rows = self.cells.set_roster(
            self.path, grid.title, {f.key: col for f, col, _ in columns}
        )
        body = grid.rows[start - 1 :]
        raw = _columns_of(body, [col for _, col, _ in columns])
        keys = [f.key for f, _, _ in columns]
        name_at = keys.index("name") if "name" in keys else None
        names = parse_column(raw[name_at], FieldType.TEXT) if name_at is not None else None
        # a firm is a row with anything in it; a row with a name always has
        kept = [
            i
            for i, name in enumerate(names if names is not None else [None] * len(body))
            if name is not None or any(is_filled(cells[i]) for cells in raw)
        ]
        if len(kept) < len(body):
            raw = [[cells[i] for i in kept] for cells in raw]
            if names is not None:
                names = [names[i] for i in kept]
        values = [
            names if j == name_at else parse_column(cells, f.type, unit, f.choices)
            for j, (cells, (f, _, unit)) in enumerate(zip(raw, columns, strict=True))
        ]
        flagged = sorted(
            (i, j) for j, column in enumerate(values) for i in _positions(column, NEEDS_FINDING)
        )
        rows = [start + i for i in kept]
        for i, j in flagged:
            f, col, unit = columns[j]
            key = f"roster.{i}.{f.key}"
            values[j][i] = self.value(grid, rows[i], col, key, f.type, unit, f.choices)
        firm_rows.extend(rows)
        self.app.roster.extend(_firms(rows, dict(zip(keys, values, strict=True))))

    def read_qualitative(self, smap: SheetMap) -> None:
        grid = smap.grid
        for code, row in smap.rows.items():
            if not _CODE.fullmatch(code):
                continue
            key = f"qualitative.{code}"
            met = self.value(grid, row, smap.columns["met"], key, FieldType.BOOL)
            self.app.qualitative[code] = Answer(
                met=met,
                description=nz.clean_text(grid.get(row, smap.columns["description"])),
                evidence=nz.clean_text(grid.get(row, smap.columns["evidence"])),
            )

    def read_declarations(self, smap: SheetMap) -> None:
        grid = smap.grid
        col = smap.columns["value"]
        for code, row in smap.rows.items():
            if _CODE.fullmatch(code):
                key = f"declarations.{code}"
                self.app.declarations[code] = self.value(grid, row, col, key, FieldType.BOOL)
        for f in DECLARATION_FIELDS:
            row = smap.rows.get(f.key)
            if row is None:
                self.missing_row(grid, f"declarations.{f.key}", f)
                continue
            value = self.value(grid, row, col, f"declarations.{f.key}", f.type)
            setattr(self.app, f.key, value)

    # --- all -------------------------------------------------------------------------------
    def read(self) -> tuple[Application | None, list[Finding]]:
        sheets = self.open_sheets()
        if sheets is None:
            return None, self.findings
        missing = [k for k in EXPECTED_SHEETS if k not in sheets]
        if missing:
            names = "、".join(_sheet_title(k) for k in missing)
            self.add("S101", Location(self.path), sheets=names)
            if any(k in missing for k in REQUIRED_SHEETS):
                return None, self.findings
        readers: dict[str, Callable[[SheetMap], None]] = {
            "basic": self.read_basic,
            "instructions": self.read_instructions,
            "indicators": self.read_indicators,
            "roster": self.read_roster,
            "qualitative": self.read_qualitative,
            "declarations": self.read_declarations,
        }
        for key, reader in readers.items():
            if key in sheets:
                reader(self.map_sheet(key, sheets[key]))
        return self.app, self.findings


def _sheet_title(key: str) -> str:
    return next(s.title.zh for s in SHEETS if s.key == key)


def _label_key(label: Any) -> str:
    return re.sub(r"[\s*＊]+", "", str(label)).lower()


def _rows_by_label(grid: Grid, col: int, fields: tuple[Field, ...]) -> dict[str, int]:
    """Fallback when the key column was deleted: match the visible labels."""
    wanted = {_label_key(text): f.key for f in fields for text in (f.label.zh, f.label.en)}
    rows: dict[str, int] = {}
    for row in range(1, grid.height + 1):
        for c in (col, col - 1):
            label = grid.get(row, c)
            if label is not None and _label_key(label) in wanted:
                rows.setdefault(wanted[_label_key(label)], row)
                break
    return rows


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


_FIRM_FIELDS = ("name", "uscc", "size", "in_leading")  # Firm's positional fields before quals


def _firms(rows: list[int], values: dict[str, list[Any]]) -> list[Firm]:
    """One Firm per roster row from the columns' values (qualifications in column order). Every
    roster column is one of Firm's fields, a ``q_`` qualification or ``revenue`` (tested)."""
    blank: list[Any] = [None] * len(rows)
    quals: list[dict[Qualification, int | None]] = [{} for _ in rows]
    for key, column in values.items():
        if key.startswith("q_"):
            qualification = Qualification(key[2:])
            for i in compress(range(len(column)), column):  # blanks are None
                value = column[i]
                if isinstance(value, nz.Held) and value.held:
                    quals[i][qualification] = value.year
    return list(
        map(
            Firm,
            *(values.get(key, blank) for key in _FIRM_FIELDS),
            quals,
            values.get("revenue", blank),
            rows,
        )
    )


ERROR_CODES = {
    FieldType.NUMBER: "V202",
    FieldType.INT: "V202",
    FieldType.PERCENT: "V202",
    FieldType.BOOL: "V204",
    FieldType.DATE: "V205",
    FieldType.CHOICE: "V206",
    FieldType.YEAR_OR_BOOL: "V215",
    FieldType.USCC: "V208",
    FieldType.DIVISION: "V209",
}


def read_application(
    path: str, limits: Limits, package: bytes | None = None
) -> tuple[Application | None, list[Finding]]:
    """Read one workbook. ``None`` only when it is not an application workbook at all (the
    findings say why). Never raises for any content.

    ``package``: the workbook's parts as preflight checked them
    (:attr:`~clusterctl.workbook.preflight.Preflight.package`), read instead of ``path``."""
    reader = _Reader(path, limits, package)
    try:
        return reader.read()
    except Exception as exc:  # content we did not foresee must not become a traceback
        reader.add("S106", Location(path), error=f"{type(exc).__name__}: {exc}"[:300])
        return None, reader.findings


__all__ = ["bi", "parse_as", "read_application"]
