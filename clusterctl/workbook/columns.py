"""Parse cells as field types, one cell or a whole roster column at a time.

The roster is most of a workbook's cells (docs/performance.md), so its columns are parsed a
column at a time, with fast paths for the clean case: texts without stray spaces and canonical
codes (one regex over the joined column), finite floats taken as they are, and the few distinct
texts of 是/否, size and qualification columns parsed once. Every other cell goes through
:func:`parse_as`, so a column reads exactly as its cells would one at a time.

A cell whose reading needs a finding (unreadable, or read with a change worth reporting) comes
back as :data:`NEEDS_FINDING`; the reader reports it through its per-cell path.
"""

from __future__ import annotations

import math
import re
from typing import Any

from clusterctl.workbook import normalize as nz
from clusterctl.workbook.kind import FieldType

# Types whose clean-up (spaces trimmed, upper case) is not worth a finding.
QUIET_TYPES = frozenset(
    {FieldType.TEXT, FieldType.PHONE, FieldType.EMAIL, FieldType.USCC, FieldType.DIVISION}
)
# Types read by parse_text: never unreadable, never reported.
_TEXT_TYPES = frozenset({FieldType.TEXT, FieldType.PHONE, FieldType.EMAIL})
# Roster column types with few distinct values: each parsed once per column.
_FEW_VALUE_TYPES = frozenset({FieldType.BOOL, FieldType.CHOICE, FieldType.YEAR_OR_BOOL})
# Cell classes that never compare equal across classes (unlike True == 1 == 1.0).
_DISTINCT_CLASSES = frozenset({str, float, type(None)})
# A column of codes already in canonical form (NFKC-stable, no spaces or dashes, upper case),
# joined with NUL.
_CANONICAL_CODES = re.compile(r"[0-9A-Z\x00]*")

NEEDS_FINDING: Any = type("NeedsFinding", (), {"__repr__": lambda self: "NEEDS_FINDING"})()


def parse_as(
    raw: Any, ftype: FieldType, unit: str | None = None, choices: tuple[str, ...] = ()
) -> nz.Parsed:
    """Parse a raw cell value as a field type."""
    if ftype is FieldType.NUMBER:
        return nz.parse_number(raw, unit)
    if ftype in (FieldType.INT, FieldType.YEAR):
        return nz.parse_int(raw, unit)
    if ftype is FieldType.PERCENT:
        return nz.parse_percent(raw)
    if ftype is FieldType.BOOL:
        return nz.parse_bool(raw)
    if ftype is FieldType.DATE:
        return nz.parse_date(raw)
    if ftype is FieldType.CHOICE:
        return nz.parse_choice(raw, choices)
    if ftype is FieldType.YEAR_OR_BOOL:
        return nz.parse_year_or_bool(raw)
    if ftype in (FieldType.USCC, FieldType.DIVISION):
        return nz.parse_code(raw)
    return nz.parse_text(raw)


def needs_no_finding(parsed: nz.Parsed, ftype: FieldType) -> bool:
    """True when ``parsed`` is read as typed (or with a clean-up not worth a finding)."""
    return (
        parsed.error is None
        and not parsed.from_unit
        and (not parsed.normalised or ftype in QUIET_TYPES)
    )


def parse_cell(
    raw: Any, ftype: FieldType, unit: str | None = None, choices: tuple[str, ...] = ()
) -> Any:
    """The value of one cell (None when blank), or :data:`NEEDS_FINDING`."""
    if raw == "" or raw is None:
        return None
    parsed = parse_as(raw, ftype, unit, choices)
    return parsed.value if needs_no_finding(parsed, ftype) else NEEDS_FINDING


def parse_column(
    cells: list[Any], ftype: FieldType, unit: str | None = None, choices: tuple[str, ...] = ()
) -> list[Any]:
    """:func:`parse_cell` of each cell, with fast paths for clean columns."""
    if not cells:
        return []
    classes = set(map(type, cells))
    if ftype in _TEXT_TYPES:
        if classes == {str} and not nz.has_stray_space("\x00".join(cells)):
            return [cell or None for cell in cells]
        return list(map(nz.clean_text, cells))
    if ftype in (FieldType.USCC, FieldType.DIVISION):
        if classes == {str} and _CANONICAL_CODES.fullmatch("\x00".join(cells)):
            return [cell or None for cell in cells]
    elif ftype is FieldType.NUMBER:
        if classes == {float} and math.isfinite(sum(cells)):  # no inf or nan among them
            return list(cells)
        # x - x == 0.0 holds for every finite float, never for inf or nan
        return [
            cell
            if cell.__class__ is float and cell - cell == 0.0
            else parse_cell(cell, ftype, unit, choices)
            for cell in cells
        ]
    elif ftype in _FEW_VALUE_TYPES and classes <= _DISTINCT_CLASSES:
        table = {cell: parse_cell(cell, ftype, unit, choices) for cell in set(cells)}
        return list(map(table.__getitem__, cells))
    return [parse_cell(cell, ftype, unit, choices) for cell in cells]


def is_filled(raw: Any) -> bool:
    """A cell holding something other than blanks and spaces."""
    return raw != "" and raw is not None and nz.clean_text(raw) is not None


__all__ = [
    "NEEDS_FINDING",
    "QUIET_TYPES",
    "is_filled",
    "needs_no_finding",
    "parse_as",
    "parse_cell",
    "parse_column",
]
