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
