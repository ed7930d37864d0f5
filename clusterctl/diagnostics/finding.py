"""One finding and where it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clusterctl.diagnostics.severity import Severity
from clusterctl.i18n import DEFAULT_LANG, Lang


def column_letter(col: int) -> str:
    """1-based column number to letters (1 -> A, 28 -> AB)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a file, optionally a sheet and a cell (1-based row/column)."""

    file: str
    sheet: str | None = None
    row: int | None = None
    col: int | None = None
    field: str | None = None  # stable field key of the cell, e.g. "basic.cluster_name"

    @property
    def cell(self) -> str | None:
        if self.row is None or self.col is None:
            return None
        return f"{column_letter(self.col)}{self.row}"

    def ref(self) -> str:
        """``Sheet!B7`` (or just the sheet, or empty) for messages."""
        if self.sheet is None:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict[str, Any]:
        """Position for machine formats: sheet name, A1 address and 1-based row and column."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "column": self.col,
            "field": self.field,
        }

    def with_file(self, file: str) -> Location:
        return Location(file, self.sheet, self.row, self.col, self.field)


@dataclass(frozen=True, slots=True)
class Finding:
    """One occurrence of a :class:`~clusterctl.diagnostics.registry.FindingType`."""

    code: str
    location: Location
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # None: the type's default (config may override later)
    # Criterion results carry their own type built from the pack (codes like CR203 are not in
    # the global registry because each pack words them its own way).
    ftype: Any = None

    @property
    def type(self):  # -> FindingType (import cycle avoided)
        if self.ftype is not None:
            return self.ftype
        from clusterctl.diagnostics.registry import get_type

        return get_type(self.code)

    @property
    def level(self) -> Severity:
        return self.severity or self.type.severity

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.type.message.format(lang, **self.params)

    def hint(self, lang: Lang = DEFAULT_LANG) -> str | None:
        hint = self.type.hint
        return hint.format(lang, **self.params) if hint else None

    def with_severity(self, severity: Severity) -> Finding:
        return Finding(self.code, self.location, self.params, severity, self.ftype)

    def to_row(self) -> tuple[str, str | None, str | None, str]:
        """Flattened for one-line test assertions: (code, sheet, cell, severity)."""
        return (self.code, self.location.sheet, self.location.cell, self.level.value)

    def to_dict(self, lang: Lang = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.type.name,
            "severity": self.level.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
            **self.location.to_dict(),
            "params": {k: _jsonable(v) for k, v in self.params.items()},
        }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)
