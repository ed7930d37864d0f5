"""What the reader gets out of a workbook of any kind: values by key.

An :class:`Application` holds a workbook's values by the keys of its kind (kinds/*.toml): form
fields by sheet prefix then field key (``app.values["basic"]["cluster_name"]``), the year series
by indicator key, table rows as dicts by column key (``app.tables["roster"]``; the roster's rows
are :class:`Firm`), and the rows of a rows sheet by row key (``app.rows["qualitative"]``). A new
field needs no new attribute. The accessors the evaluation reads (``basic``, ``roster``,
``qualitative``, ``declarations``, ``signatory`` …) are views of those.

Values are already normalised (numbers as float, shares as 0..100, booleans as bool); what could
not be read is ``None`` and has a finding. ``cells`` maps a value key to the cell it came from so
that evaluation results can point at cells:

- ``basic.<field>`` for basic information,
- ``indicators.<key>.<year>`` for a year of an indicator,
- ``roster.<index>.<column>`` for roster cells,
- ``qualitative.<criterion code>`` and ``declarations.<criterion code>`` for those rows,
- ``<prefix>.<field>``, ``<prefix>.<index>.<column>`` and ``<prefix>.<row>.<column>`` for the
  form, table and rows sheets of other kinds.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from clusterctl.diagnostics import Location
from clusterctl.i18n import Text
from clusterctl.workbook.kind import FieldType, load_kind


class _QualificationBase(StrEnum):
    @property
    def label(self) -> Text:
        return QUALIFICATION_LABELS[self]  # type: ignore[index]


# Enterprise qualifications counted by the tiered-cultivation criterion: the application roster's
# q_<key> columns in kinds/application.toml (CHAMPION = "champion", LITTLE_GIANT = …).
_QUALIFICATION_COLUMNS = [
    c
    for c in load_kind("application").sheet("roster").columns
    if c.key.startswith("q_") and c.type is FieldType.YEAR_OR_BOOL
]
Qualification = _QualificationBase(  # type: ignore[misc]
    "Qualification",
    [(c.key[2:].upper(), c.key[2:]) for c in _QUALIFICATION_COLUMNS],
    module=__name__,
)
QUALIFICATION_LABELS = {Qualification(c.key[2:]): c.label for c in _QUALIFICATION_COLUMNS}


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


class Firm(dict):
    """A roster row: its values by column key, with the accessors the evaluation reads.

    ``qualifications`` maps each qualification held (``q_<key>`` columns) to the year obtained.
    """

    __slots__ = ("qualifications", "row")

    def __init__(
        self,
        name: str | None = None,
        /,
        *,
        qualifications: dict[Any, int | None] | None = None,
        row: int | None = None,
        **values: Any,
    ) -> None:
        super().__init__(values)
        self["name"] = name if name is not None else values.get("name")
        self.qualifications = qualifications if qualifications is not None else {}
        self.row = row  # 1-based row in the roster sheet

    @classmethod
    def of(cls, values: dict[str, Any], qualifications: dict[Any, int | None], row: int | None):
        """A firm from a roster row's values by column key (the reader's fast path)."""
        firm = cls.__new__(cls)
        dict.__init__(firm, values)
        firm.qualifications, firm.row = qualifications, row
        return firm

    def __reduce__(self):
        return (Firm.of, (dict(self), self.qualifications, self.row))

    name = property(lambda self: self.get("name"))
    uscc = property(lambda self: self.get("uscc"))
    size = property(lambda self: self.get("size"))  # 大型/中型/小型/微型
    in_leading = property(lambda self: self.get("in_leading"))
    revenue = property(lambda self: self.get("revenue"))  # 亿元

    @property
    def is_sme(self) -> bool:
        return self.get("size") in ("中型", "小型", "微型")

    def __repr__(self) -> str:
        return f"Firm({dict.__repr__(self)}, row={self.row})"


class Answer(dict):
    """A qualitative condition as answered in the 定性条件 sheet: its values by column key."""

    __slots__ = ()

    def __init__(
        self, met: bool | None = None, description: str | None = None, evidence: str | None = None
    ) -> None:
        super().__init__(met=met, description=description, evidence=evidence)

    met = property(lambda self: self.get("met"))
    description = property(lambda self: self.get("description"))
    evidence = property(lambda self: self.get("evidence"))

    @property
    def has_evidence(self) -> bool:
        return bool((self.description or "").strip()) and bool((self.evidence or "").strip())

    def __reduce__(self):
        return (Answer, (self.met, self.description, self.evidence))


class Application:
    """A workbook's values by key (any kind; ``kind`` says which)."""

    __slots__ = (
        "cells",
        "edition",
        "file",
        "indicators",
        "kind",
        "rows",
        "suspect",
        "tables",
        "template_version",
        "unreadable",
        "values",
        "years",
    )

    def __init__(
        self,
        file: str,
        basic: dict[str, Any] | None = None,
        years: list[int | None] | None = None,
        indicators: dict[str, list[float | None]] | None = None,
        roster: list[Firm] | None = None,
        qualitative: dict[str, Answer] | None = None,
        declarations: dict[str, bool | None] | None = None,
        signatory: str | None = None,
        signed_on: str | None = None,
        template_version: str | None = None,
        edition: str | None = None,
        cells: dict[str, Location] | None = None,
        unreadable: set[str] | None = None,
        *,
        kind: str = "application",
    ) -> None:
        self.file = file
        self.kind = kind
        self.values: dict[str, dict[str, Any]] = {"basic": basic if basic is not None else {}}
        self.years: list[int | None] = years if years is not None else []  # oldest first
        self.indicators: dict[str, list[float | None]] = indicators or {}  # aligned to years
        self.tables: dict[str, list[dict[str, Any]]] = {"roster": roster or []}
        self.rows: dict[str, dict[str, Any]] = {
            "qualitative": qualitative or {},
            "declarations": declarations or {},
        }
        self.template_version = template_version
        self.edition = edition  # pack id declared by the workbook
        self.cells: dict[str, Location] = cells if cells is not None else {}
        self.unreadable: set[str] = unreadable or set()  # keys whose value failed to parse
        # keys whose value validation finds probably in the wrong unit: they decide nothing
        self.suspect: set[str] = set()
        if signatory is not None:
            self.form("declarations")["signatory"] = signatory
        if signed_on is not None:
            self.form("declarations")["signed_on"] = signed_on

    def form(self, prefix: str) -> dict[str, Any]:
        """The form fields of the sheet with value prefix ``prefix``, by field key."""
        return self.values.setdefault(prefix, {})

    def table(self, prefix: str) -> list[dict[str, Any]]:
        return self.tables.setdefault(prefix, [])

    def value(self, key: str) -> Any:
        """A form field's value by its full key, e.g. ``basic.cluster_name``."""
        prefix, _, field = key.partition(".")
        return self.values.get(prefix, {}).get(field)

    # --- the accessors of the application kind -----------------------------------------------
    @property
    def basic(self) -> dict[str, Any]:
        return self.form("basic")

    @basic.setter
    def basic(self, values: dict[str, Any]) -> None:
        self.values["basic"] = values

    @property
    def roster(self) -> list[Firm]:
        return self.table("roster")  # type: ignore[return-value]

    @roster.setter
    def roster(self, firms: list[Firm]) -> None:
        self.tables["roster"] = firms  # type: ignore[assignment]

    @property
    def qualitative(self) -> dict[str, Answer]:
        return self.rows.setdefault("qualitative", {})

    @qualitative.setter
    def qualitative(self, answers: dict[str, Answer]) -> None:
        self.rows["qualitative"] = answers

    @property
    def declarations(self) -> dict[str, bool | None]:
        return self.rows.setdefault("declarations", {})

    @declarations.setter
    def declarations(self, values: dict[str, bool | None]) -> None:
        self.rows["declarations"] = values

    @property
    def signatory(self) -> str | None:
        return self.value("declarations.signatory")

    @property
    def signed_on(self) -> str | None:  # ISO date
        return self.value("declarations.signed_on")

    @property
    def name(self) -> str | None:
        return next(
            (v["cluster_name"] for v in self.values.values() if v.get("cluster_name")), None
        )

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

    def __reduce__(self):
        state = {name: getattr(self, name) for name in self.__slots__}
        return (_application, (state,))

    def __repr__(self) -> str:
        return f"Application({self.file!r}, kind={self.kind!r}, edition={self.edition!r})"


def _application(state: dict[str, Any]) -> Application:
    app = Application(state["file"])
    for name, value in state.items():
        setattr(app, name, value)
    return app
