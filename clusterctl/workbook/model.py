"""What the reader gets out of an application workbook.

Values are already normalised (numbers as float, shares as 0..100, booleans as bool); what could
not be read is ``None`` and has a finding. ``cells`` maps a value key to the cell it came from so
that evaluation results can point at cells:

- ``basic.<field>`` for basic information,
- ``indicators.<key>.<year>`` for a year of an indicator,
- ``roster.<index>.<column>`` for roster cells,
- ``qualitative.<criterion code>`` and ``declarations.<criterion code>`` for those rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clusterctl.diagnostics import Location
from clusterctl.workbook.fields import Qualification


class CellMap(dict):
    """``Application.cells`` with the roster's locations computed on demand.

    A roster of 5,000 firms has 50,000 cells; building a :class:`Location` for each costs more
    than reading the workbook (docs/performance.md). The reader registers the roster's layout
    with :meth:`set_roster` and appends each firm's row; ``[]``, ``get`` and ``in`` then answer
    ``roster.<index>.<column>`` keys as if they were stored. Iteration, ``len`` and ``items``
    list only the stored keys (everything but the roster).
    """

    __slots__ = ("_roster",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._roster: tuple[str, str, list[int], dict[str, int]] | None = None

    def set_roster(self, file: str, sheet: str, columns: dict[str, int]) -> list[int]:
        """Register the roster sheet; returns the list to append each firm's row to."""
        rows: list[int] = []
        self._roster = (file, sheet, rows, columns)
        return rows

    def _roster_cell(self, key: Any) -> Location | None:
        if self._roster is None or not isinstance(key, str) or not key.startswith("roster."):
            return None
        _, index, column = [*key.split(".", 2), "", ""][:3]
        file, sheet, rows, columns = self._roster
        if not index.isdigit() or int(index) >= len(rows) or column not in columns:
            return None
        return Location(file, sheet, rows[int(index)], columns[column], key)

    def __missing__(self, key: Any) -> Location:
        location = self._roster_cell(key)
        if location is None:
            raise KeyError(key)
        return location

    def get(self, key: Any, default: Any = None) -> Any:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        location = self._roster_cell(key)
        return default if location is None else location

    def __contains__(self, key: Any) -> bool:
        return dict.__contains__(self, key) or self._roster_cell(key) is not None

    def __reduce__(self):  # pickles with its roster layout
        return (_cell_map, (dict(self), self._roster))


def _cell_map(items: dict, roster: Any) -> CellMap:
    cells = CellMap(items)
    cells._roster = roster
    return cells


@dataclass(slots=True)
class Firm:
    name: str | None
    uscc: str | None = None
    size: str | None = None  # 大型/中型/小型/微型
    in_leading: bool | None = None
    qualifications: dict[Qualification, int | None] = field(default_factory=dict)
    revenue: float | None = None  # 亿元
    row: int | None = None  # 1-based row in the roster sheet

    @property
    def is_sme(self) -> bool:
        return self.size in ("中型", "小型", "微型")


@dataclass(slots=True)
class Answer:
    """A qualitative condition as answered in the 定性条件 sheet."""

    met: bool | None
    description: str | None = None
    evidence: str | None = None

    @property
    def has_evidence(self) -> bool:
        return bool((self.description or "").strip()) and bool((self.evidence or "").strip())


@dataclass(slots=True)
class Application:
    file: str
    basic: dict[str, Any] = field(default_factory=dict)
    years: list[int | None] = field(default_factory=list)  # the three year columns, oldest first
    indicators: dict[str, list[float | None]] = field(default_factory=dict)  # aligned to years
    roster: list[Firm] = field(default_factory=list)
    qualitative: dict[str, Answer] = field(default_factory=dict)  # by criterion code
    declarations: dict[str, bool | None] = field(default_factory=dict)  # by criterion code
    signatory: str | None = None
    signed_on: str | None = None  # ISO date
    template_version: str | None = None
    edition: str | None = None  # pack id declared by the workbook
    cells: dict[str, Location] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # cell keys with a value that failed to parse

    @property
    def name(self) -> str | None:
        return self.basic.get("cluster_name")

    @property
    def application_year(self) -> int | None:
        year = self.basic.get("application_year")
        return int(year) if isinstance(year, (int, float)) else None

    def series(self, key: str) -> list[float | None]:
        return self.indicators.get(key, [None] * len(self.years))

    def flag(self, key: str) -> bool | None:
        value = self.basic.get(key)
        return value if isinstance(value, bool) else None

    def cell(self, key: str) -> Location | None:
        return self.cells.get(key)
