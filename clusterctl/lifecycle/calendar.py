"""Deadlines and validity windows of recognised clusters as edition data (``calendars.toml``).

Per jurisdiction and list year: how long a recognition lasts and when its window starts and ends
(Beijing and the national lists by calendar year; Guangdong 07-10 to 07-09; Hainan 07-01 to
06-30), and the annual report's deadline (Beijing: end of March; national: 30 April for the
2022-2023 lists, 31 March from the 2024 list on). Each rule carries its source (document and
address). The data file is checked when loaded: a bad file is a :class:`CalendarError` naming
the key.

The API ``monitor`` uses::

    calendar_for(edition_or_jurisdiction: str) -> Calendar
    validity_window(jurisdiction: str, list_year: int) -> tuple[date, date]
    report_deadline(jurisdiction: str, list_year: int, reporting_year: int) -> date

``jurisdiction`` may be a jurisdiction key (``beijing``, ``national``, ``guangdong``, ``hainan``)
or an edition: a pack id or family (``beijing-2023``, ``national``) that a calendar lists.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from clusterctl.i18n import Text

CALENDARS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calendars.toml")
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_CONFIDENCE = ("high", "medium", "low")


class CalendarError(LookupError):
    """No calendar, no rule for a list year, no deadline in the data, or a bad data file."""


@dataclass(frozen=True, slots=True)
class Source:
    document: str  # the document (number, title) the date comes from
    address: str  # where it was read
    confidence: str  # high / medium / low


@dataclass(frozen=True, slots=True)
class ListRule:
    """The dates of the lists of ``first_list`` .. ``last_list`` (None: open ended)."""

    first_list: int
    last_list: int | None
    validity_years: int
    window_start: tuple[int, int]  # (month, day)
    start_offset: int  # the window starts in list year + start_offset
    window_source: Source
    report_due: tuple[int, int] | None = None  # (month, day) of the year after the reported one
    due_source: Source | None = None

    def covers(self, list_year: int) -> bool:
        return self.first_list <= list_year and (
            self.last_list is None or list_year <= self.last_list
        )

    def window(self, list_year: int) -> tuple[date, date]:
        month, day = self.window_start
        start = date(list_year + self.start_offset, month, day)
        end = date(start.year + self.validity_years, month, day) - timedelta(days=1)
        return start, end

    def deadline(self, reporting_year: int) -> date | None:
        if self.report_due is None:
            return None
        month, day = self.report_due
        return date(reporting_year + 1, month, day)


@dataclass(frozen=True, slots=True)
class Calendar:
    jurisdiction: str  # the key in calendars.toml
    name: Text
    editions: tuple[str, ...]  # pack ids and families it governs
    rules: tuple[ListRule, ...]

    def rule(self, list_year: int) -> ListRule:
        for rule in self.rules:
            if rule.covers(list_year):
                return rule
        raise CalendarError(f"{self.jurisdiction}: no rule for the {list_year} list")

    def validity_window(self, list_year: int) -> tuple[date, date]:
        return self.rule(list_year).window(list_year)

    def report_deadline(self, list_year: int, reporting_year: int) -> date:
        rule = self.rule(list_year)
        due = rule.deadline(reporting_year)
        if due is None:
            raise CalendarError(f"{self.jurisdiction}: no sourced annual-report deadline")
        return due


# --- loading -----------------------------------------------------------------------------------


def _month_day(raw: Any, where: str) -> tuple[int, int]:
    match = _MONTH_DAY.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        raise CalendarError(f"{where}: expected 'MM-DD', got {raw!r}")
    month, day = int(match[1]), int(match[2])
    try:
        date(2024, month, day)  # a leap year: 02-29 is a real day
    except ValueError:
        raise CalendarError(f"{where}: {raw!r} is no day of the year") from None
    return month, day


def _take(table: dict[str, Any], key: str, kind: type, where: str, default: Any = ...) -> Any:
    if key not in table:
        if default is ...:
            raise CalendarError(f"{where}: missing {key!r}")
        return default
    value = table[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise CalendarError(f"{where}.{key}: expected {kind.__name__}")
    return value


def _known(table: dict[str, Any], keys: set[str], where: str) -> None:
    unknown = set(table) - keys
    if unknown:
        raise CalendarError(f"{where}: unknown keys {', '.join(sorted(unknown))}")


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict):
        raise CalendarError(f"{where}: expected a table with document, address, confidence")
    _known(raw, {"document", "address", "confidence"}, where)
    source = Source(
        _take(raw, "document", str, where),
        _take(raw, "address", str, where),
        _take(raw, "confidence", str, where),
    )
    if not source.document.strip() or not source.address.strip():
        raise CalendarError(f"{where}: a source needs a document and an address")
    if source.confidence not in _CONFIDENCE:
        raise CalendarError(f"{where}.confidence: one of {', '.join(_CONFIDENCE)}")
    return source


def _rule(raw: Any, where: str) -> ListRule:
    if not isinstance(raw, dict):
        raise CalendarError(f"{where}: expected a table")
    keys = {"first_list", "last_list", "validity_years", "window_start", "start_offset"}
    _known(raw, keys | {"window_source", "report_due", "due_source"}, where)
    due = raw.get("report_due")
    if (due is None) != ("due_source" not in raw):
        raise CalendarError(f"{where}: report_due and due_source go together")
    rule = ListRule(
        first_list=_take(raw, "first_list", int, where),
        last_list=_take(raw, "last_list", int, where, None),
        validity_years=_take(raw, "validity_years", int, where),
        window_start=_month_day(_take(raw, "window_start", str, where), f"{where}.window_start"),
        start_offset=_take(raw, "start_offset", int, where, 0),
        window_source=_source(raw.get("window_source"), f"{where}.window_source"),
        report_due=None if due is None else _month_day(due, f"{where}.report_due"),
        due_source=None if due is None else _source(raw["due_source"], f"{where}.due_source"),
    )
    if rule.validity_years < 1 or (rule.last_list is not None and rule.last_list < rule.first_list):
        raise CalendarError(f"{where}: validity_years >= 1 and last_list >= first_list")
    return rule


def parse_calendars(raw: dict[str, Any], where: str = "calendars") -> dict[str, Calendar]:
    """Build and check the calendars from the parsed TOML."""
    _known(raw, {"jurisdictions"}, where)
    tables = _take(raw, "jurisdictions", dict, where)
    calendars: dict[str, Calendar] = {}
    for key, table in tables.items():
        at = f"{where}.jurisdictions.{key}"
        if not isinstance(table, dict):
            raise CalendarError(f"{at}: expected a table")
        _known(table, {"name", "editions", "rules"}, at)
        name = _take(table, "name", dict, at)
        if set(name) != {"zh", "en"} or not all(isinstance(v, str) for v in name.values()):
            raise CalendarError(f"{at}.name: expected {{ zh = ..., en = ... }}")
        editions = _take(table, "editions", list, at, [])
        if not all(isinstance(e, str) for e in editions):
            raise CalendarError(f"{at}.editions: expected strings")
        rules = tuple(
            _rule(r, f"{at}.rules[{i}]") for i, r in enumerate(_take(table, "rules", list, at))
        )
        if not rules:
            raise CalendarError(f"{at}: at least one rule")
        ordered = sorted(rules, key=lambda r: r.first_list)
        for a, b in itertools.pairwise(ordered):
            if a.last_list is None or a.last_list >= b.first_list:
                raise CalendarError(f"{at}: rules overlap at the {b.first_list} list")
        calendars[key] = Calendar(key, Text(name["zh"], name["en"]), tuple(editions), rules)
    owners: dict[str, str] = {}
    for cal in calendars.values():
        for edition in (cal.jurisdiction, *cal.editions):
            if owners.setdefault(edition.casefold(), cal.jurisdiction) != cal.jurisdiction:
                raise CalendarError(f"{where}: {edition!r} names two calendars")
    return calendars


def load_calendars(path: str | os.PathLike[str] | None = None) -> dict[str, Calendar]:
    """The calendars of ``path`` (default: the shipped ``calendars.toml``), checked."""
    if path is None:
        return _shipped()
    with open(path, "rb") as file:
        try:
            raw = tomllib.load(file)
        except tomllib.TOMLDecodeError as exc:
            raise CalendarError(f"{os.fspath(path)}: {exc}") from None
    return parse_calendars(raw, os.path.basename(os.fspath(path)))


@cache
def _shipped() -> dict[str, Calendar]:
    with open(CALENDARS_FILE, "rb") as file:
        return parse_calendars(tomllib.load(file), "calendars.toml")


# --- the API -------------------------------------------------------------------------------


def calendar_for(edition_or_jurisdiction: str) -> Calendar:
    """The calendar of a jurisdiction key, a pack id or a pack family (case-insensitive); a pack
    id not listed falls back to its family (``beijing-2026`` -> ``beijing``)."""
    wanted = edition_or_jurisdiction.strip().casefold()
    calendars = _shipped()
    for candidate in (wanted, re.sub(r"-\d{4}$", "", wanted)):
        for cal in calendars.values():
            if candidate in {cal.jurisdiction, *(e.casefold() for e in cal.editions)}:
                return cal
    known = ", ".join(sorted(calendars))
    raise CalendarError(f"no calendar for {edition_or_jurisdiction!r}; known: {known}")


def validity_window(jurisdiction: str, list_year: int) -> tuple[date, date]:
    """(first day, last day) of the recognition of the ``list_year`` list (both inclusive)."""
    return calendar_for(jurisdiction).validity_window(list_year)


def report_deadline(jurisdiction: str, list_year: int, reporting_year: int) -> date:
    """The last day to file the annual report on ``reporting_year`` (the year reported, filed
    the year after) for a cluster of the ``list_year`` list. :class:`CalendarError` when the
    data has no sourced deadline for it (e.g. Hainan)."""
    return calendar_for(jurisdiction).report_deadline(list_year, reporting_year)


_LIST_YEAR = re.compile(r"(20\d{2})")


def list_year_of(batch: str | None) -> int | None:
    """The list year a batch text names (``2023年度`` -> 2023; ``第二批（2023年）`` -> 2023)."""
    match = _LIST_YEAR.search(batch or "")
    return int(match[1]) if match else None
