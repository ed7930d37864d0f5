"""Workbook kinds as data: the model of ``kinds/<id>.toml`` and the layout facts they share.

A *kind* (the application, the annual report, …) is a TOML file shipped beside this module. It
lists the kind's sheets; each sheet has a ``layout`` the interpreters know:

- ``instructions``: keyed meta rows (kind, edition, template version, years) and the steps;
- ``form``: one field per row (label, value, unit, help);
- ``series``: one row per indicator the pack reads, one column per year of the year series;
- ``table``: one record per row, one column per field (the roster);
- ``rows``: one row per pack criterion of a kind (``rows = "pack:qualitative"``), per criterion
  (``"pack:criteria"``) or per fixed item of the kind (``[[sheets.items]]``); descriptive
  columns then input columns; optional trailing form fields (the declarations' signature).

The template writer (:mod:`.writer`), the reader (:mod:`.reader`), the application's checks
(:mod:`.validate`) and the structural checks of any kind (:mod:`.structure`) interpret these;
the layout facts below are theirs, no other module's. Loading validates the file and raises
:class:`KindError` naming the offending key.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from clusterctl.i18n import Text

# --- layout facts shared by the interpreters ---------------------------------------------------
SHEET_MARKER_PREFIX = "#sheet:"  # in A1 of every sheet
KEY_COLUMN = 1  # hidden column A holds each row's key
KEY_ROW = 2  # hidden row: "#columns" in A, then a key above each column
HEADER_ROW = 3
FIRST_DATA_ROW = 4
KEY_ROW_MARKER = "#columns"
YEARS_ROW_KEY = "#years"  # key of a series sheet's header row (its year cells are inputs)
FORM_COLUMNS = ("label", "value", "unit", "help")
LAYOUTS = ("instructions", "form", "series", "table", "rows")
RECORDS = ("dict", "firm", "answer", "value")
PACK_ROWS = ("pack:qualitative", "pack:declaration", "pack:criteria")


class FieldType(StrEnum):
    TEXT = "text"
    INT = "int"  # whole number, e.g. a count
    YEAR = "year"  # a calendar year (2000..2100 in the template)
    NUMBER = "number"  # decimal with a unit
    PERCENT = "percent"  # stored as 0..100; "75%" and 0.75 are both read as 75
    BOOL = "bool"  # 是/否
    CHOICE = "choice"
    DATE = "date"
    USCC = "uscc"  # unified social credit code
    DIVISION = "division"  # 6-digit administrative division code
    PHONE = "phone"
    EMAIL = "email"
    YEAR_OR_BOOL = "year_or_bool"  # qualification cell: year obtained, or 是


def indicator_type(spec: Any) -> FieldType:
    """The field type of a pack's indicator (an ``IndicatorSpec``): its ``type`` (number, int,
    percent), a number when the pack names a type the workbook does not have."""
    try:
        return FieldType(spec.type)
    except ValueError:
        return FieldType.NUMBER


class KindError(ValueError):
    """A kind file that does not describe a workbook (our own data: a bug, said clearly)."""


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # stable key, written into the workbook
    label: Text
    type: FieldType
    required: bool = False
    unit: Text | None = None
    choices: tuple[str, ...] = ()  # CHOICE/BOOL values as typed in the workbook (Chinese)
    help: Text | None = None  # the template's note beside the input
    fill: str | None = None  # "pack": the pack id, locked; "year": the template's year
    long: bool = False  # long text: a tall, wrapped input
    width: float | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """A fixed row of a ``rows`` sheet."""

    key: str
    label: Text


@dataclass(frozen=True, slots=True)
class YearSeries:
    """How many year columns, relative to which value: the first year is ``base + offset``."""

    count: int
    relative_to: str  # a value key, e.g. "basic.application_year"
    offset: int
    default: str = "edition_year"  # the base when the template is given no year

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f"y{i + 1}" for i in range(self.count))

    def years(self, base: int) -> list[int]:
        return [base + self.offset + i for i in range(self.count)]


@dataclass(frozen=True, slots=True)
class Sheet:
    key: str  # marker key: A1 holds "#sheet:<key>"; unique across kinds
    prefix: str  # value keys start "<prefix>." (the application's sheets: prefix = key)
    title: Text
    layout: str
    required: bool = False  # without it the workbook is not of this kind
    expected: bool = True  # missing: a finding
    fields: tuple[Field, ...] = ()  # form fields (a rows sheet: after its rows)
    columns: tuple[Field, ...] = ()  # input columns of a table or rows sheet
    info: tuple[str, ...] = ()  # descriptive columns of a rows sheet (code, title, …)
    rows: str | None = None  # "pack:indicators" | "pack:qualitative" | "pack:declaration"
    items: tuple[Item, ...] = ()  # fixed rows of a rows sheet
    record: str = "dict"  # what a row becomes: dict, firm, answer, value (its one column)
    table_rows: int = 0  # pre-formatted input rows of a table
    years: YearSeries | None = None
    headers: dict[str, Text] | None = None
    widths: dict[str, float] | None = None
    parts: tuple[tuple[str, str], ...] = ()  # series: (part, whole) indicator pairs
    steps: tuple[Text, ...] = ()  # instructions: numbered steps ({year}, {first}, … filled)

    @property
    def marker(self) -> str:
        return SHEET_MARKER_PREFIX + self.key

    @property
    def column_keys(self) -> tuple[str, ...]:
        """The hidden key row, from column B on."""
        if self.layout in ("instructions", "form"):
            return FORM_COLUMNS
        if self.layout == "series":
            assert self.years is not None
            return ("label", *self.years.keys, "unit", "help")
        if self.layout == "table":
            return tuple(c.key for c in self.columns)
        return (*self.info, *(c.key for c in self.columns))

    def column(self, key: str) -> int:
        """The template's 1-based column of ``key``."""
        return self.column_keys.index(key) + 2

    def field(self, key: str) -> Field:
        for f in (*self.fields, *self.columns):
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class WorkbookKind:
    id: str
    title: Text
    version: str  # TEMPLATE_VERSION of this kind
    compatible: tuple[str, ...]  # template versions its reader reads
    sheets: tuple[Sheet, ...]
    headers: dict[str, Text]

    def sheet(self, key: str) -> Sheet:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(key)

    def by_prefix(self, prefix: str) -> Sheet | None:
        return next((s for s in self.sheets if s.prefix == prefix), None)

    def of_layout(self, layout: str) -> list[Sheet]:
        return [s for s in self.sheets if s.layout == layout]

    @property
    def series(self) -> Sheet | None:
        return next(iter(self.of_layout("series")), None)

    def header(self, sheet: Sheet, key: str) -> Text | None:
        return (sheet.headers or {}).get(key) or self.headers.get(key)


# --- loading -----------------------------------------------------------------------------------

KIND_IDS = ("application", "annual-report", "rereview")  # the kinds a workbook's markers tell
# kinds only one command reads (``monitor --registry``): loadable, never detected by markers
TOOL_KIND_IDS = ("registry",)
KINDS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kinds")


@cache
def load_kind(kind_id: str = "application") -> WorkbookKind:
    """The shipped kind ``kind_id`` (``kinds/<id>.toml``), validated; cached."""
    if kind_id not in KIND_IDS + TOOL_KIND_IDS:
        known = ", ".join(KIND_IDS + TOOL_KIND_IDS)
        raise KindError(f"unknown workbook kind {kind_id!r}; known: {known}")
    name = f"{kind_id}.toml"
    with open(os.path.join(KINDS_DIR, name), "rb") as file:  # package data beside this module
        return parse_kind(tomllib.load(file), name)


def all_kinds() -> list[WorkbookKind]:
    return [load_kind(k) for k in KIND_IDS]


def detect_kind(markers: set[str], kinds: list[WorkbookKind] | None = None) -> WorkbookKind:
    """The kind whose sheet markers the workbook carries most of (the application when none)."""
    kinds = kinds or all_kinds()
    best = max(kinds, key=lambda k: sum(s.key in markers for s in k.sheets))
    return best if any(s.key in markers for s in best.sheets) else load_kind("application")


class _Node:
    """A TOML table being read: every key is checked, unknown keys are errors."""

    def __init__(self, raw: Any, where: str) -> None:
        if not isinstance(raw, dict):
            raise KindError(f"{where}: expected a table")
        self.raw, self.where, self.used = raw, where, set()

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., /) -> Any:
        self.used.add(key)
        if key not in self.raw:
            if default is ...:
                raise KindError(f"{self.where}: missing {key!r}")
            return default
        value = self.raw[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise KindError(f"{self.where}.{key}: wrong type {type(value).__name__}")
        return value

    def text(self, key: str, default: Any = ..., /) -> Text | None:
        raw = self.get(key, dict, default)
        if raw is None or raw is default:
            return raw
        node = _Node(raw, f"{self.where}.{key}")
        text = Text(node.get("zh", str), node.get("en", str))
        node.done()
        return text

    def nodes(self, key: str) -> list[_Node]:
        items = self.get(key, list, [])
        return [_Node(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(items)]

    def done(self) -> None:
        unknown = set(self.raw) - self.used
        if unknown:
            raise KindError(f"{self.where}: unknown keys {', '.join(sorted(unknown))}")


def _field(node: _Node) -> Field:
    try:
        ftype = FieldType(node.get("type", str))
    except ValueError as exc:
        raise KindError(f"{node.where}.type: {exc}") from None
    choices = tuple(node.get("choices", list, []))
    if ftype is FieldType.BOOL and not choices:
        choices = ("是", "否")
    if ftype is FieldType.CHOICE and not choices:
        raise KindError(f"{node.where}: a choice field needs choices")
    fill = node.get("fill", str, None)
    if fill not in (None, "pack", "year"):
        raise KindError(f"{node.where}.fill: expected pack or year")
    width = node.get("width", (int, float), None)
    f = Field(
        key=node.get("key", str),
        label=node.text("label"),
        type=ftype,
        required=node.get("required", bool, False),
        unit=node.text("unit", None),
        choices=choices,
        help=node.text("help", None),
        fill=fill,
        long=node.get("long", bool, False),
        width=float(width) if width is not None else None,
    )
    node.done()
    return f


def _text_of(node: _Node) -> Text:
    text = Text(node.get("zh", str), node.get("en", str))
    node.done()
    return text


def _texts(node: _Node, key: str) -> dict[str, Text] | None:
    raw = node.get(key, dict, None)
    if raw is None:
        return None
    table = _Node(raw, f"{node.where}.{key}")
    texts = {k: table.text(k) for k in raw}
    table.done()
    return texts


def _sheet(node: _Node) -> Sheet:
    key = node.get("key", str)
    layout = node.get("layout", str)
    if layout not in LAYOUTS:
        raise KindError(f"{node.where}.layout: {layout!r} is not one of {', '.join(LAYOUTS)}")
    record = node.get("record", str, "dict")
    if record not in RECORDS:
        raise KindError(f"{node.where}.record: {record!r} is not one of {', '.join(RECORDS)}")
    years = None
    if "years" in node.raw:
        ynode = _Node(node.get("years", dict), f"{node.where}.years")
        years = YearSeries(
            ynode.get("count", int),
            ynode.get("relative_to", str),
            ynode.get("offset", int),
            ynode.get("default", str, "edition_year"),
        )
        ynode.done()
    rows = node.get("rows", str, None)
    if layout == "series" and (years is None or rows != "pack:indicators"):
        raise KindError(f"{node.where}: a series sheet needs years and rows = 'pack:indicators'")
    items = []
    for item in node.nodes("items"):
        items.append(Item(item.get("key", str), item.text("label")))
        item.done()
    if layout == "rows" and rows not in PACK_ROWS and not items:
        raise KindError(f"{node.where}: a rows sheet needs rows = 'pack:…' or items")
    widths = node.get("widths", dict, None)
    parts = tuple(tuple(p) for p in node.get("parts", list, []))
    if any(len(p) != 2 or not all(isinstance(k, str) for k in p) for p in parts):
        raise KindError(f"{node.where}.parts: expected [part, whole] pairs")
    sheet = Sheet(
        key=key,
        prefix=node.get("prefix", str, key),
        title=node.text("title"),
        layout=layout,
        required=node.get("required", bool, False),
        expected=node.get("expected", bool, layout != "instructions"),
        fields=tuple(_field(f) for f in node.nodes("fields")),
        columns=tuple(_field(f) for f in node.nodes("columns")),
        info=tuple(node.get("info", list, [])),
        rows=rows,
        items=tuple(items),
        record=record,
        table_rows=node.get("table_rows", int, 0),
        years=years,
        headers=_texts(node, "headers"),
        widths={k: float(v) for k, v in widths.items()} if widths else None,
        parts=parts,  # type: ignore[arg-type]
        steps=tuple(_text_of(n) for n in node.nodes("steps")),
    )
    node.done()
    if layout in ("table", "rows") and not sheet.columns:
        raise KindError(f"{node.where}: a {layout} sheet needs columns")
    if sheet.record == "value" and len(sheet.columns) != 1:
        raise KindError(f"{node.where}: record = 'value' needs exactly one column")
    return sheet


def parse_kind(raw: dict[str, Any], where: str = "kind") -> WorkbookKind:
    """Build and check a kind from its parsed TOML."""
    node = _Node(raw, where)
    sheets = tuple(_sheet(s) for s in node.nodes("sheets"))
    kind = WorkbookKind(
        id=node.get("id", str),
        title=node.text("title"),
        version=node.get("version", str),
        compatible=tuple(node.get("compatible", list, [])),
        sheets=sheets,
        headers=_texts(node, "headers") or {},
    )
    node.done()
    keys = [s.key for s in sheets]
    if len(set(keys)) != len(keys) or len({s.prefix for s in sheets}) != len(keys):
        raise KindError(f"{where}: sheet keys and prefixes must be unique")
    if len(kind.of_layout("series")) > 1 or len(kind.of_layout("instructions")) != 1:
        raise KindError(f"{where}: at most one series sheet and exactly one instructions sheet")
    if kind.version not in kind.compatible:
        raise KindError(f"{where}: compatible must list version {kind.version!r}")
    for sheet in sheets:
        owned = [f.key for f in (*sheet.fields, *sheet.columns)]
        if len(set(owned)) != len(owned):
            raise KindError(f"{where}: sheet {sheet.key}: field keys must be unique")
        if sheet.years:
            prefix, _, field_key = sheet.years.relative_to.partition(".")
            base = kind.by_prefix(prefix)
            if base is None or field_key not in {f.key for f in base.fields}:
                raise KindError(f"{where}: {sheet.key}.years.relative_to names no field")
    return kind
