"""Two versions of one application compared (``clusterctl diff old.xlsx new.xlsx``): which
cells changed (sheet, cell, the row's key, old → new) and which criterion results changed.

Both files go through the pipeline in the worker pool (a hostile file costs its worker, not the
command); the cells are read there too (:class:`DiffTransform`): preflight first, python-calamine
on the checked parts, no sheet beyond the cell limit, at most :data:`MAX_CELLS` cells kept.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from clusterctl.workbook.limits import Limits

if TYPE_CHECKING:
    from clusterctl.report import FileReport

MAX_CELLS = 500_000  # kept per file
Cells = dict[str, dict[str, tuple[int, int, Any]]]  # sheet -> A1 -> (row, col, value)


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def read_cells(path: str, limits: Limits) -> Cells | None:
    """Every non-empty cell's value by sheet and A1 reference; None when the file cannot be
    opened (the pipeline's findings say why)."""
    from python_calamine import CalamineWorkbook

    from clusterctl.diagnostics.finding import column_letter
    from clusterctl.workbook.preflight import check_file

    checked = check_file(path, limits)
    if checked.fatal or checked.package is None:
        return None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(checked.package))
        cells: Cells = {}
        kept = 0
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            end = sheet.end
            if end and (end[0] + 1) * (end[1] + 1) > limits.max_cells:
                continue
            start = sheet.start or (0, 0)
            values: dict[str, tuple[int, int, Any]] = {}
            for r, row in enumerate(sheet.to_python(skip_empty_area=False), start[0] + 1):
                for c, raw in enumerate(row, start[1] + 1):
                    value = _value(raw)
                    if value is None or value == "":
                        continue
                    values[f"{column_letter(c)}{r}"] = (r, c, value)
                    kept += 1
                    if kept > MAX_CELLS:
                        cells[name] = values
                        return cells
            cells[name] = values
        return cells
    except Exception:  # calamine's own error types: the pipeline reports the file
        return None


class DiffTransform:
    """Run in the worker: the file's report and its cells (picklable)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def __call__(self, report: FileReport) -> tuple[FileReport, Cells | None]:
        return report, read_cells(report.path, self.limits)


@dataclass(slots=True)
class CellChange:
    sheet: str
    cell: str
    key: str | None  # the row's key (hidden column A), e.g. sme_output
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "cell": self.cell,
            "key": self.key,
            "old": self.old,
            "new": self.new,
        }


@dataclass(slots=True)
class CriterionChange:
    code: str
    title: str | None
    old_status: str | None
    new_status: str | None
    old_value: float | None
    new_value: float | None
    old_points: float | None
    new_points: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "old": {"status": self.old_status, "value": self.old_value, "points": self.old_points},
            "new": {"status": self.new_status, "value": self.new_value, "points": self.new_points},
        }


@dataclass(slots=True)
class Diff:
    old: FileReport
    new: FileReport
    cells: list[CellChange] = field(default_factory=list)
    criteria: list[CriterionChange] = field(default_factory=list)
    sheets_added: list[str] = field(default_factory=list)
    sheets_removed: list[str] = field(default_factory=list)
    unreadable: bool = False

    @property
    def differs(self) -> bool:
        return bool(
            self.cells
            or self.criteria
            or self.sheets_added
            or self.sheets_removed
            or self.old.verdict != self.new.verdict
            or self.old.score != self.new.score
        )


_CELL = re.compile(r"([A-Z]+)(\d+)")


def _keys(sheet: dict[str, tuple[int, int, Any]]) -> dict[int, str]:
    """Row -> the row's key in the hidden column A (a template's field or indicator key)."""
    return {r: str(v) for r, c, v in sheet.values() if c == 1 and isinstance(v, str)}


def compare_cells(old: Cells, new: Cells) -> tuple[list[CellChange], list[str], list[str]]:
    changes: list[CellChange] = []
    for name in [n for n in new if n in old]:
        before, after = old[name], new[name]
        keys = _keys(after) | {r: k for r, k in _keys(before).items() if r not in _keys(after)}
        refs = sorted(set(before) | set(after), key=lambda a: _pos(before, after, a))
        for ref in refs:
            a, b = before.get(ref), after.get(ref)
            va, vb = (a[2] if a else None), (b[2] if b else None)
            if va != vb:
                row = (b or a)[0]  # type: ignore[index]
                changes.append(CellChange(name, ref, keys.get(row), va, vb))
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    return changes, added, removed


def _pos(before: dict, after: dict, ref: str) -> tuple[int, int]:
    hit = after.get(ref) or before.get(ref)
    return (hit[0], hit[1]) if hit else (0, 0)


def compare_results(old: FileReport, new: FileReport, lang: str) -> list[CriterionChange]:
    from clusterctl.criteria.loader import find_pack

    if old.evaluation is None or new.evaluation is None:
        return []
    pack = find_pack(new.pack_id)
    titles = {c.code: c.title.get(lang) for c in pack.criteria} if pack is not None else {}
    before = {r.code: r for r in old.evaluation.results}
    changes = []
    for result in new.evaluation.results:
        was = before.get(result.code)
        points = round(result.points, 4)
        if was is None:
            changes.append(
                CriterionChange(
                    result.code,
                    titles.get(result.code),
                    None,
                    result.status.value,
                    None,
                    result.value,
                    None,
                    points,
                )
            )
            continue
        same = (
            was.status == result.status
            and was.value == result.value
            and round(was.points, 4) == points
        )
        if not same:
            changes.append(
                CriterionChange(
                    result.code,
                    titles.get(result.code),
                    was.status.value,
                    result.status.value,
                    was.value,
                    result.value,
                    round(was.points, 4),
                    points,
                )
            )
    return changes


def diff_reports(
    old: tuple[FileReport, Cells | None], new: tuple[FileReport, Cells | None], lang: str
) -> Diff:
    (old_report, old_cells), (new_report, new_cells) = old, new
    diff = Diff(old_report, new_report)
    if old_cells is None or new_cells is None:
        diff.unreadable = True
    else:
        diff.cells, diff.sheets_added, diff.sheets_removed = compare_cells(old_cells, new_cells)
    diff.criteria = compare_results(old_report, new_report, lang)
    return diff
