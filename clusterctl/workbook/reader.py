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
from typing import TYPE_CHECKING, Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.workbook import recover as rc
from clusterctl.workbook.columns import parse_as
from clusterctl.workbook.grid import Grid, SheetMap, bi
from clusterctl.workbook.kind import (
    HEADER_ROW,
    KEY_ROW_MARKER,
    SHEET_MARKER_PREFIX,
    Sheet,
    WorkbookKind,
    detect_kind,
    load_kind,
)
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.model import Application, CellMap
from clusterctl.workbook.read_sheets import SheetReaders
from clusterctl.workbook.series_specs import declared_edition, indicator_specs

if TYPE_CHECKING:
    from clusterctl.criteria.model import IndicatorSpec, Pack

KEY_ROW_SCAN = 50  # how far down the key row may have moved


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
        self.by_content: set[str] = set()  # sheets recognised by their labels alone
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
            rc.label_norm(text): s for s in self.kind.sheets for text in (s.title.zh, s.title.en)
        }
        untitled = []
        for name in unmarked:
            s = titles.get(rc.label_norm(name))
            if s is None or s.key in found:
                untitled.append(name)
                continue
            if not self._load(found, s, sheets, name):
                continue
            self.add(
                "S102",
                Location(self.path, name),
                sheet=name,
                marker=s.marker,
                **bi("expected", s.title),
            )
        self._by_content(found, sheets, untitled)
        return found

    def _by_content(self, found: dict[str, Grid], sheets: dict[str, Any], names: list[str]) -> None:
        """Renamed sheets without markers: the kind's sheet whose labels each shows most of."""
        assert self.kind is not None
        specs = indicator_specs(self.pack, None).values()
        for name in names:
            left = [s for s in self.kind.sheets if s.key not in found]
            probe: dict[str, Grid] = {}
            if not left or not self._load(probe, left[0], sheets, name):
                continue
            grid = probe[left[0].key]
            score, best = max(
                ((rc.sheet_score(self.kind, s, grid, specs), i) for i, s in enumerate(left)),
            )
            if score >= rc.MIN_SHEET_SCORE:
                found[left[best].key] = grid
                self.by_content.add(left[best].key)

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

    def map_sheet(
        self, sheet: Sheet, grid: Grid, specs: dict[str, IndicatorSpec] | None = None
    ) -> SheetMap | None:
        """Where ``sheet``'s rows and columns are: by the hidden keys, else by the visible
        labels (:mod:`.recover`; ``recovered``). ``None`` when neither finds the layout."""
        scan = range(1, min(grid.height, KEY_ROW_SCAN) + 1)
        key_row = next((r for r in scan if grid.key(r) == KEY_ROW_MARKER), None)
        first = grid.key(1)
        keyed_col_a = key_row is not None or bool(first and first.startswith(SHEET_MARKER_PREFIX))
        columns: dict[str, int] = {}
        if key_row is not None:
            line = grid.rows[key_row - 1]
            for col in range(2, len(line) + 1):
                name = grid.get(key_row, col)
                if isinstance(name, str) and name.strip() and name.strip() not in columns:
                    columns[name.strip()] = col
        rows = self._keyed_rows(sheet, grid) if keyed_col_a else {}
        if sheet.layout == "instructions":
            return rc.map_instructions(grid, columns, rows, key_row)
        assert self.kind is not None
        recovered = not keyed_col_a or key_row is None
        header_row = key_row + 1 if key_row is not None else None
        if not set(sheet.column_keys) <= set(columns):
            found_row, by_label = rc.find_header(
                grid, rc.header_labels(self.kind, sheet), sheet.layout == "series"
            )
            if found_row:  # a key row lacking a column the headers name: recovered too
                recovered = recovered or any(k not in columns for k in by_label)
                header_row = header_row or found_row
                if sheet.layout == "series" and key_row is None:
                    columns = {k: c for k, c in columns.items() if not rc.YEAR_KEY.fullmatch(k)}
                for name, col in by_label.items():
                    columns.setdefault(name, col)
            elif key_row is None and keyed_col_a:  # row keys, no key row, no headers: defaults
                recovered = True
                header_row = header_row or HEADER_ROW
                for col, name in enumerate(sheet.column_keys, start=2):
                    columns.setdefault(name, col)
        start = (header_row or 0) + 1
        label = "label" if sheet.layout == "form" else "title"
        fields = sheet.fields if sheet.layout in ("form", "rows") else ()
        if fields and label in columns and not any(f.key in rows for f in fields):
            rows.update(rc.rows_by_label(grid, columns[label], rc.field_pairs(fields)))
            recovered = True
        series = sheet.layout == "series" and specs and "label" in columns
        if series and specs and not any(k in rows for k in specs):
            pairs = rc.spec_pairs(specs.values())
            rows.update(rc.rows_by_label(grid, columns["label"], pairs, start))
            recovered = True
        codes = sheet.layout == "rows" and "code" in columns
        if codes and not any(rc.CODE.fullmatch(k) for k in rows):
            rows.update(rc.rows_by_code(grid, columns["code"], start))
            recovered = True
        smap = SheetMap(grid, columns, rows, key_row, header_row, recovered)
        return smap if rc.layout_found(sheet, smap) else None

    def _keyed_rows(self, sheet: Sheet, grid: Grid) -> dict[str, int]:
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
                if sheet.layout != "table":
                    self.add("S110", self.loc(grid, row, 1, rkey), field=rkey, sheet=grid.title)
                continue
            rows[rkey] = row
        return rows

    # --- values ----------------------------------------------------------------------------
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
        maps: dict[str, SheetMap] = {}
        lost: list[str] = []
        edition: list[str | None] = []  # the edition the forms declare, once they are mapped
        for sheet in order:
            if sheet.key in sheets:
                specs = None
                if sheet.layout == "series":  # its rows are the declared edition's indicators
                    if self.pack is None and not edition:
                        edition.append(
                            declared_edition([(s, maps[s.key]) for s in order if s.key in maps])
                        )
                    specs = indicator_specs(self.pack, edition[0] if edition else None)
                smap = self.map_sheet(sheet, sheets[sheet.key], specs)
                if smap is None:
                    lost.append(sheets[sheet.key].title)
                else:
                    maps[sheet.key] = smap
        if lost:  # one clear error, not a finding per field or sheet
            self.findings = [f for f in self.findings if f.code not in ("S102", "S110")]
            self.add("S113", Location(self.path), sheets=_quoted(lost))
            return None, self.findings
        recovered = [
            m.grid.title
            for s in kind.sheets
            if (m := maps.get(s.key)) and (m.recovered or s.key in self.by_content)
        ]
        if recovered:
            names = set(recovered)
            self.findings = [
                f for f in self.findings if not (f.code == "S102" and f.location.sheet in names)
            ]
            self.add("S112", Location(self.path), sheets=_quoted(recovered))
        for sheet in order:
            if sheet.key not in maps:
                continue
            smap = maps[sheet.key]
            if sheet.layout == "series":
                self.read_series(sheet, smap, indicator_specs(self.pack, self.app.edition))
            else:
                getattr(self, f"read_{sheet.layout}")(sheet, smap)
        return self.app, self.findings


def _quoted(titles: list[str]) -> str:
    return "、".join(f"“{title}”" for title in titles)


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
