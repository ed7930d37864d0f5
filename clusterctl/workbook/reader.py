"""Read a workbook of any kind (kinds/*.toml) into an :class:`~.model.Application`.

Sheets are found by the ``#sheet:<key>`` marker in ``A1`` (falling back to the Chinese or English
sheet title, with an info finding); the markers tell the workbook's kind. Rows are found by the
key in the hidden column ``A`` and columns by the hidden key row, so inserted rows, reordered or
renamed sheets do not fool the reader. Each sheet is read by its layout's interpreter
(:mod:`clusterctl.workbook.read_sheets`). Values go through :mod:`clusterctl.workbook.normalize`;
whatever was normalised is reported as an info finding and whatever cannot be read as an error
with its sheet and cell.

Never raises: a workbook python-calamine cannot parse becomes an ``S106`` finding.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.workbook import normalize as nz
from clusterctl.workbook.columns import QUIET_TYPES, parse_as
from clusterctl.workbook.grid import Grid, SheetMap, bi, norm_title, shown
from clusterctl.workbook.kind import (
    KEY_ROW_MARKER,
    SHEET_MARKER_PREFIX,
    FieldType,
    Sheet,
    WorkbookKind,
    all_kinds,
    load_kind,
)
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.model import Application, CellMap
from clusterctl.workbook.read_sheets import SheetReaders

if TYPE_CHECKING:
    from clusterctl.criteria.model import IndicatorSpec, Pack

KEY_ROW_SCAN = 50  # how far down the key row may have moved
_PATH_LIKE = re.compile(r"[/\\]|\.toml\s*$", re.IGNORECASE)


def detect_kind(markers: set[str], kinds: list[WorkbookKind] | None = None) -> WorkbookKind:
    """The kind whose sheet markers the workbook carries most of (the application when none)."""
    kinds = kinds or all_kinds()
    best = max(kinds, key=lambda k: sum(s.key in markers for s in k.sheets))
    return best if any(s.key in markers for s in best.sheets) else load_kind("application")


def indicator_specs(pack: Pack | None, edition: str | None) -> dict[str, IndicatorSpec]:
    """What the series rows are: the pack's input indicators (``pack``, else the workbook's own
    edition, else every shipped pack's), by key."""
    from clusterctl.criteria.loader import find_pack, list_packs

    if pack is None and edition and not _PATH_LIKE.search(edition):  # workbook text: never a path
        pack = find_pack(edition)
    packs = [pack] if pack is not None else list_packs()
    specs: dict[str, IndicatorSpec] = {}
    for p in packs:
        for spec in p.input_indicators():
            specs.setdefault(spec.key, spec)
    return specs


class _Reader(SheetReaders):
    def __init__(
        self,
        path: str,
        limits: Limits,
        package: bytes | None = None,
        pack: Pack | None = None,
        kind: str | WorkbookKind | None = None,
    ) -> None:
        self.path = path
        self.limits = limits
        self.package = package
        self.pack = pack
        self.kind = load_kind(kind) if isinstance(kind, str) else kind
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
        """The grids of the kind's sheets by sheet key (sets ``self.kind``)."""
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
        sheets: dict[str, Any] = {}
        marked: dict[str, str] = {}  # marker key -> sheet name (the first one)
        unmarked: list[str] = []
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
                sheets[name] = sheet
                if isinstance(marker, str) and marker.strip().startswith(SHEET_MARKER_PREFIX):
                    marked.setdefault(marker.strip()[len(SHEET_MARKER_PREFIX) :], name)
                else:
                    unmarked.append(name)
            except Exception as exc:
                self._unreadable_sheet(name, exc)
        if self.kind is None:
            self.kind = detect_kind(set(marked))
        self.app.kind = self.kind.id
        found: dict[str, Grid] = {}
        for s in self.kind.sheets:
            if s.key in marked:
                self._load(found, s, sheets, marked[s.key])
        titles = {
            norm_title(text): s for s in self.kind.sheets for text in (s.title.zh, s.title.en)
        }
        for name in unmarked:
            s = titles.get(norm_title(name))
            if s is None or s.key in found or not self._load(found, s, sheets, name):
                continue
            self.add(
                "S102",
                Location(self.path, name),
                sheet=name,
                marker=s.marker,
                **bi("expected", s.title),
            )
        return found

    def _load(self, found: dict[str, Grid], s: Sheet, sheets: dict[str, Any], name: str) -> bool:
        try:
            sheet = sheets[name]
            found[s.key] = Grid(name, sheet.to_python(skip_empty_area=False) if sheet.end else [])
        except Exception as exc:
            self._unreadable_sheet(name, exc)
            return False
        return True

    def _unreadable_sheet(self, name: str, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"[:300]
        self.add("S111", Location(self.path, name), sheet=name, error=error)

    def map_sheet(self, sheet: Sheet, grid: Grid) -> SheetMap:
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
        defaults = {name: i for i, name in enumerate(sheet.column_keys, start=2)}
        if sheet.layout != "instructions" and (
            key_row is None or not set(defaults) <= set(columns)
        ):
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
                if rkey not in rows and rkey != KEY_ROW_MARKER:
                    rows[rkey] = row  # #years
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

    # --- all -------------------------------------------------------------------------------
    def read(self) -> tuple[Application | None, list[Finding]]:
        sheets = self.open_sheets()
        if sheets is None:
            return None, self.findings
        kind = self.kind
        assert kind is not None
        missing = [s for s in kind.sheets if s.expected and s.key not in sheets]
        if missing:
            self.add("S101", Location(self.path), sheets="、".join(s.title.zh for s in missing))
            if any(s.required for s in missing):
                return None, self.findings
        # forms first: the edition they declare says what the series rows are
        order = sorted(kind.sheets, key=lambda s: (s.layout != "form", s.layout != "instructions"))
        for sheet in order:
            if sheet.key not in sheets:
                continue
            smap = self.map_sheet(sheet, sheets[sheet.key])
            if sheet.layout == "series":
                self.read_series(sheet, smap, indicator_specs(self.pack, self.app.edition))
            else:
                getattr(self, f"read_{sheet.layout}")(sheet, smap)
        return self.app, self.findings


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


def read_workbook(
    path: str,
    limits: Limits,
    package: bytes | None = None,
    *,
    pack: Pack | None = None,
    kind: str | WorkbookKind | None = None,
) -> tuple[Application | None, list[Finding]]:
    """Read one workbook of ``kind`` (default: the kind its sheet markers say; ``app.kind``).
    ``None`` only when it is not such a workbook at all (the findings say why). Never raises
    for any content.

    ``package``: the workbook's parts as preflight checked them
    (:attr:`~clusterctl.workbook.preflight.Preflight.package`), read instead of ``path``.
    ``pack``: the pack whose indicators the series rows are (default: the workbook's edition)."""
    reader = _Reader(path, limits, package, pack, kind)
    try:
        return reader.read()
    except Exception as exc:  # content we did not foresee must not become a traceback
        reader.add("S106", Location(path), error=f"{type(exc).__name__}: {exc}"[:300])
        return None, reader.findings


def read_application(
    path: str, limits: Limits, package: bytes | None = None, pack: Pack | None = None
) -> tuple[Application | None, list[Finding]]:
    """Read one application workbook (:func:`read_workbook` of the application kind)."""
    return read_workbook(path, limits, package, pack=pack, kind="application")


__all__ = ["bi", "detect_kind", "parse_as", "read_application", "read_workbook"]
