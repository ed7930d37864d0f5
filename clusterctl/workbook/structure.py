"""Structural checks of any workbook kind, read from the kind's data: every required form field,
table column and row column filled, every year of every required indicator the pack reads, and
every credit code, phone number and e-mail address well formed (by the field's type).

The application's own checks (:mod:`.validate`) go further (identifiers, shares, duplicates,
declarations); this is what every kind gets by describing its fields as required. Values the
reader could not read are not reported again (they already have a finding at their cell).
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import TYPE_CHECKING, Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.i18n import t
from clusterctl.workbook.grid import bi
from clusterctl.workbook.identifiers import invalid_uscc_positions, uscc_problem
from clusterctl.workbook.kind import Field, FieldType, WorkbookKind, indicator_type, load_kind
from clusterctl.workbook.model import Application
from clusterctl.workbook.normalize import format_value

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack


_PHONE = re.compile(r"\+?[\d\-\s()（）转]{7,24}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CONTACTS = {
    FieldType.PHONE: (_PHONE, t("电话号码", "phone number")),
    FieldType.EMAIL: (_EMAIL, t("电子邮箱", "e-mail address")),
}


class _Checks:
    def __init__(self, app: Application, kind: WorkbookKind, pack: Pack | None) -> None:
        self.app, self.kind, self.pack = app, kind, pack
        self.findings: list[Finding] = []

    def add(self, code: str, key: str, /, **params: Any) -> None:
        location = self.app.cell(key) or Location(self.app.file, field=key)
        params.setdefault("ref", location.ref() or location.file)
        self.findings.append(Finding(code, location, params))

    def blank(self, key: str, value: Any, f: Field | Any) -> bool:
        return f.required and value is None and key not in self.app.unreadable

    def codes(self) -> list[Finding]:
        """V208 for each credit code (form fields and table columns of type uscc) that is not
        well formed."""
        for sheet in self.kind.sheets:
            for f in sheet.fields:
                key = f"{sheet.prefix}.{f.key}"
                value = self.app.value(key)
                if f.type is FieldType.USCC and isinstance(value, str):
                    self.uscc(key, value)
            if sheet.layout != "table":
                continue
            records = self.app.tables.get(sheet.prefix, ())
            for f in sheet.columns:
                if f.type is FieldType.USCC:
                    column = list(map(dict.get, records, repeat(f.key)))  # rows are dicts
                    for i in invalid_uscc_positions(column):
                        self.uscc(f"{sheet.prefix}.{i}.{f.key}", column[i])
        return self.findings

    def uscc(self, key: str, code: str) -> None:
        problem = uscc_problem(code)
        if problem:
            self.add("V208", key, original=code, **bi("reason", problem))

    def contacts(self) -> list[Finding]:
        """V214 for each phone number and e-mail address (form fields) not shaped like one."""
        for sheet in self.kind.sheets:
            for f in sheet.fields:
                key = f"{sheet.prefix}.{f.key}"
                value = self.app.value(key)
                if f.type in CONTACTS and isinstance(value, str):
                    pattern, expected = CONTACTS[f.type]
                    if not pattern.fullmatch(value):
                        self.add("V214", key, original=value, **bi("expected", expected))
        return self.findings

    def run(self) -> list[Finding]:
        self.codes()
        self.contacts()
        for sheet in self.kind.sheets:
            prefix = sheet.prefix
            for f in sheet.fields:
                key = f"{prefix}.{f.key}"
                if self.blank(key, self.app.value(key), f):
                    self.add("V207", key, **bi("label", f.label))
            if sheet.layout == "table":
                self.table(sheet)
            elif sheet.layout == "rows" and sheet.record == "dict":
                for code, values in self.app.rows.get(prefix, {}).items():
                    for n, f in enumerate(sheet.columns):
                        key = f"{prefix}.{code}" + (f".{f.key}" if n else "")
                        if self.blank(key, values.get(f.key), f):
                            self.add("V207", key, **bi("label", f.label))
            elif sheet.layout == "series" and self.pack is not None:
                self.series(prefix)
        return self.findings

    def table(self, sheet: Any) -> list[Finding]:
        """V207 for each required column left blank in a started row of a table sheet."""
        for i, record in enumerate(self.app.tables.get(sheet.prefix, ())):
            for f in sheet.columns:
                key = f"{sheet.prefix}.{i}.{f.key}"
                if self.blank(key, record.get(f.key), f):
                    self.add("V207", key, **bi("label", f.label))
        return self.findings

    def values(self) -> list[Finding]:
        """The value checks any kind's series gets: V213 negative, V210 a share outside 0-100,
        X301 a part above its whole (the kind's ``parts``)."""
        series = self.kind.series
        if series is None or self.pack is None:
            return self.findings
        specs = {s.key: s for s in self.pack.input_indicators()}

        def key(indicator: str, i: int) -> str:
            year = self.app.years[i] if i < len(self.app.years) else None
            return f"{series.prefix}.{indicator}.{year if year is not None else f'y{i + 1}'}"

        def year(i: int) -> str:
            y = self.app.years[i] if i < len(self.app.years) else None
            return str(y) if y is not None else f"y{i + 1}"

        for spec in specs.values():
            for i, value in enumerate(self.app.series(spec.key)):
                if value is None:
                    continue
                if value < 0:
                    self.add(
                        "V213",
                        key(spec.key, i),
                        value=format_value(value),
                        **bi("label", spec.label),
                    )
                if indicator_type(spec) is FieldType.PERCENT and not 0 <= value <= 100:
                    self.add("V210", key(spec.key, i), value=format_value(value))
        for part, whole in series.parts:
            if part not in specs or whole not in specs:
                continue
            totals = self.app.series(whole)
            for i, value in enumerate(self.app.series(part)):
                total = totals[i] if i < len(totals) else None
                if value is not None and total is not None and value > total:
                    self.add(
                        "X301",
                        key(part, i),
                        year=year(i),
                        value=format_value(value),
                        total_value=format_value(total),
                        **bi("part", specs[part].label),
                        **bi("total", specs[whole].label),
                    )
        return self.findings

    def series(self, prefix: str) -> None:
        assert self.pack is not None
        for spec in self.pack.input_indicators():
            for i, value in enumerate(self.app.series(spec.key)):
                year = self.app.years[i] if i < len(self.app.years) else None
                key = f"{prefix}.{spec.key}.{year if year is not None else f'y{i + 1}'}"
                if self.blank(key, value, spec):
                    self.add("V216", key, year=str(year or f"y{i + 1}"), **bi("label", spec.label))


def check_structure(
    app: Application, pack: Pack | None = None, kind: WorkbookKind | None = None
) -> list[Finding]:
    """V208/V214 for malformed codes and contacts, V207/V216 for what the kind (default:
    ``app.kind``) and the pack say is required."""
    return _Checks(app, kind or load_kind(app.kind), pack).run()


def code_findings(app: Application, kind: WorkbookKind | None = None) -> list[Finding]:
    """V208: the malformed credit codes of any kind (by field type)."""
    return _Checks(app, kind or load_kind(app.kind), None).codes()


def contact_findings(app: Application, kind: WorkbookKind | None = None) -> list[Finding]:
    """V214: phone numbers and e-mail addresses not shaped like one (by field type)."""
    return _Checks(app, kind or load_kind(app.kind), None).contacts()


def table_findings(
    app: Application, prefix: str, kind: WorkbookKind | None = None
) -> list[Finding]:
    """V207: the blank required cells of the started rows of the table sheet ``prefix`` (the
    application's optional plan targets: a row once started must be complete)."""
    kind = kind or load_kind(app.kind)
    sheet = kind.by_prefix(prefix)
    if sheet is None or sheet.layout != "table":
        return []
    return _Checks(app, kind, None).table(sheet)


def value_findings(app: Application, pack: Pack, kind: WorkbookKind | None = None) -> list[Finding]:
    """V213/V210/X301 on the series of any kind (a filing; the application's own checks in
    :mod:`.validate` do these and more)."""
    return _Checks(app, kind or load_kind(app.kind), pack).values()
