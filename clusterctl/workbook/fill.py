"""Write workbooks: empty (``clusterctl template``) or filled from a spec (samples, benchmarks).

The spec names inputs by value key (:mod:`clusterctl.workbook.model`); the writer's
:class:`~clusterctl.workbook.writer.Layout` says where each one is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import DEFAULT_LANG, Lang
from clusterctl.workbook.kind import (
    FIRST_DATA_ROW,
    FieldType,
    WorkbookKind,
    indicator_type,
    load_kind,
)
from clusterctl.workbook.writer import Layout, Writer

if TYPE_CHECKING:
    from openpyxl import Workbook

    from clusterctl.criteria.model import Pack


def years_for(application_year: int) -> list[int]:
    """近三年: the three full years before the application year, oldest first."""
    series = load_kind("application").series
    assert series is not None and series.years is not None
    return series.years.years(application_year)


def build_workbook(
    pack: Pack,
    lang: Lang = DEFAULT_LANG,
    application_year: int | None = None,
    kind: str | WorkbookKind = "application",
) -> tuple[Workbook, Layout]:
    """The workbook of ``kind`` for ``pack`` (openpyxl, in memory) and where its inputs are.
    ``application_year``: the base year of the kind's year series (the application year, the
    reporting year); default the edition's year."""
    kind = load_kind(kind) if isinstance(kind, str) else kind
    writer = Writer(kind, pack, lang, application_year)
    return writer.build(), writer.layout


def save_atomic(wb: Workbook, path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Save through a temporary file in the same folder (:mod:`clusterctl.atomic`).

    Raises FileExistsError when ``path`` exists and ``force`` is false.
    """
    from clusterctl.atomic import atomic_path

    if Path(path).exists() and not force:
        raise FileExistsError(str(path))
    with atomic_path(path, suffix=".xlsx") as tmp:
        wb.save(tmp)


def write_template(
    path: str | os.PathLike[str],
    pack: Pack,
    lang: Lang = DEFAULT_LANG,
    *,
    application_year: int | None = None,
    force: bool = False,
    kind: str | WorkbookKind = "application",
) -> None:
    """Write the empty workbook of ``kind`` for ``pack``."""
    wb, _ = build_workbook(pack, lang, application_year, kind)
    save_atomic(wb, path, force=force)


def write_filled(
    path: str | os.PathLike[str],
    pack: Pack,
    spec: dict[str, Any],
    lang: Lang = DEFAULT_LANG,
    *,
    force: bool = True,
    kind: str | WorkbookKind = "application",
) -> None:
    """Write the workbook of ``kind`` for ``pack`` with its input cells filled from ``spec``.

    ``spec`` is keyed by the kind's sheet prefixes (all optional): a form sheet {field: value}
    (``basic``); the series ``years`` [y1, y2, y3] (default: from the base field, e.g.
    ``basic.application_year``) and ``indicators`` {key: [v1, v2, v3]}; a table [{column key:
    value}] (``roster``); a rows sheet {row key: {column: value}} or, for one-column rows,
    {row key: value} (``qualitative``, ``declarations``), its trailing fields by key in the same
    table or at the top level (``signatory``, ``signed_on``). Values are written as given, so
    strings such as ``"45.6亿元"`` stay strings (to test the reader). Layout changes after
    filling: ``insert_rows`` {sheet key: [row, ...]} (openpyxl ``insert_rows``, applied in the
    order given), ``sheet_order`` [sheet key, ...], ``rename_sheets`` {sheet key: title},
    ``drop_markers`` [sheet key, ...] (clear the ``A1`` marker).
    """
    wb = fill_workbook(pack, spec, lang, kind=kind)
    save_atomic(wb, path, force=force)


def fill_workbook(
    pack: Pack,
    spec: dict[str, Any],
    lang: Lang = DEFAULT_LANG,
    *,
    kind: str | WorkbookKind = "application",
) -> Workbook:
    kind = load_kind(kind) if isinstance(kind, str) else kind
    series = kind.series
    base = None
    if series is not None and series.years is not None:
        prefix, _, key = series.years.relative_to.partition(".")
        base = spec.get(prefix, {}).get(key)
    wb, layout = build_workbook(pack, lang, base if isinstance(base, int) else None, kind)
    titles = {s.key: wb.worksheets[i].title for i, s in enumerate(kind.sheets)}
    specs = {i.key: i for i in pack.input_indicators()}

    def put(key: str, value: Any, *, percent: bool = False) -> None:
        if key not in layout.cells:
            raise KeyError(f"spec names an input the template does not have: {key}")
        sheet, row, col = layout.cells[key]
        if (
            percent
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
            and abs(value) > 1
        ):
            value = value / 100.0
        set_value(wb[titles[sheet]].cell(row, col), value)

    for sheet in kind.sheets:
        data = spec.get(sheet.prefix) or {}
        if sheet.layout == "form":
            for key, value in data.items():
                put(f"{sheet.prefix}.{key}", value)
        elif sheet.layout == "series" and sheet.years is not None:
            for ykey, value in zip(sheet.years.keys, spec.get("years", ()), strict=False):
                put(f"years.{ykey}", value)
            for key, values in data.items():
                percent = key in specs and indicator_type(specs[key]) is FieldType.PERCENT
                for ykey, value in zip(sheet.years.keys, values, strict=False):
                    put(f"{sheet.prefix}.{key}.{ykey}", value, percent=percent)
        elif sheet.layout == "table":
            ws = wb[titles[sheet.key]]
            for i, record in enumerate(data):
                for key, value in record.items():
                    set_value(ws.cell(FIRST_DATA_ROW + i, sheet.column(key)), value)
        elif sheet.layout == "rows":
            for code, answer in data.items():
                if isinstance(answer, dict):
                    for key, value in answer.items():
                        put(f"{sheet.prefix}.{code}.{key}", value)
                else:
                    put(f"{sheet.prefix}.{code}", answer)
            for f in sheet.fields:
                if f.key in spec:
                    put(f"{sheet.prefix}.{f.key}", spec[f.key])
    _perturb(wb, titles, spec)
    return wb


def set_value(cell: Any, value: Any) -> None:
    """Write a spec value: text stays text (never a formula), characters a worksheet cannot
    hold (control characters) are dropped."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _perturb(wb: Workbook, titles: dict[str, str], spec: dict[str, Any]) -> None:
    for key, rows in spec.get("insert_rows", {}).items():
        for row in rows:
            wb[titles[key]].insert_rows(row)
    for key in spec.get("drop_markers", ()):
        wb[titles[key]]["A1"].value = None
    for key, title in spec.get("rename_sheets", {}).items():
        wb[titles[key]].title = title
        titles[key] = title
    order = spec.get("sheet_order")
    if order:
        sheets = [wb[titles[k]] for k in order]
        rest = [ws for ws in wb.worksheets if ws not in sheets]
        wb._sheets = sheets + rest  # openpyxl has no public reorder
        wb.active = 0


# --- semantic dump (staleness tests) and regeneration --------------------------------------------


def semantic_dump(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What matters in a workbook, without the zip's timestamps: sheet names, every cell value,
    unlocked cells, data validations, merged cells, hidden rows/columns, frozen panes, defined
    names."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    dump: dict[str, Any] = {"defined_names": sorted(wb.defined_names.keys()), "sheets": []}
    for ws in wb.worksheets:
        cells = {}
        unlocked = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = cell.value
                if cell.has_style and not cell.protection.locked:
                    unlocked.append(cell.coordinate)
        dump["sheets"].append(
            {
                "title": ws.title,
                "cells": cells,
                "unlocked": unlocked,
                "validations": sorted(
                    (str(dv.sqref), dv.type, dv.formula1, dv.formula2)
                    for dv in ws.data_validations.dataValidation
                ),
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "hidden_columns": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
                "hidden_rows": sorted(k for k, d in ws.row_dimensions.items() if d.hidden),
                "freeze": ws.freeze_panes,
                "protected": bool(ws.protection.sheet),
            }
        )
    return dump
