"""Checks beyond types: required fields, years, parts against totals, shares, likely unit
mistakes, identifiers, duplicates, regions, evidence, declarations, edition and template version.

Every finding points at the cell it is about (from ``app.cells``) and carries the type's bilingual
fix hint. Reads the :class:`Application` and the :class:`Pack`, returns findings; the one thing
it records on the application is ``app.suspect``, the cells of values probably in the wrong unit
(V211), which the evaluation then treats as missing (a suspect value does not decide), so it runs
before the evaluation.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from clusterctl.criteria.model import Kind, Pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.i18n import Text, t
from clusterctl.workbook.grid import bi
from clusterctl.workbook.identifiers import (
    division_problem,
    firm_code_key,
    province_code,
    roster_identities,
)
from clusterctl.workbook.kind import FieldType, Sheet, indicator_type, load_kind
from clusterctl.workbook.model import Application, Firm
from clusterctl.workbook.normalize import format_value
from clusterctl.workbook.regions import province_code_for_name, province_name
from clusterctl.workbook.structure import code_findings, contact_findings

APPLICATION = load_kind("application")
KNOWN_TEMPLATE_VERSIONS = APPLICATION.compatible
UNIT_MISTAKE_TOTAL = 100_000.0  # 亿元: more than the output of any cluster by far
UNIT_MISTAKE_RATIO = 1_000.0  # one year this many times another: a 万元 figure among 亿元
# Money indicators (by the unit the pack gives them) and the same bound in each unit.
MONEY_UNITS = {"亿元": UNIT_MISTAKE_TOTAL, "万元": UNIT_MISTAKE_TOTAL * 10_000}


class _Validator:
    def __init__(self, app: Application, pack: Pack) -> None:
        self.app = app
        self.pack = pack
        self.kind = APPLICATION
        self.specs = {i.key: i for i in pack.input_indicators()}
        self.findings: list[Finding] = []

    def where(self, key: str) -> Location:
        return self.app.cell(key) or Location(self.app.file, field=key)

    def add(self, code: str, key: str | Location, /, **params: Any) -> None:
        location = key if isinstance(key, Location) else self.where(key)
        params.setdefault("ref", location.ref() or location.file)
        self.findings.append(Finding(code, location, params))

    # --- checks ----------------------------------------------------------------------------
    def edition(self) -> None:
        app = self.app
        if app.edition and app.edition != self.pack.id:
            self.add("S104", "basic.edition", edition=app.edition, pack=self.pack.id)
        if app.template_version is not None and app.template_version not in KNOWN_TEMPLATE_VERSIONS:
            self.add(
                "S103",
                Location(app.file),
                version=app.template_version,
                known="、".join(KNOWN_TEMPLATE_VERSIONS),
            )

    def required_fields(self, sheet: Sheet) -> None:
        """V207 for each required form field of ``sheet`` left blank."""
        for f in sheet.fields:
            key = f"{sheet.prefix}.{f.key}"
            if f.required and self.app.value(key) is None and self._blank(key):
                self.add("V207", key, **bi("label", f.label))

    def _blank(self, key: str) -> bool:
        """True unless the cell held a value that failed to parse (already reported)."""
        return key not in self.app.unreadable

    def identifiers(self) -> None:
        basic = self.app.basic
        self.findings.extend(code_findings(self.app, self.kind))  # every credit code, by type
        division = basic.get("division_code")
        if not isinstance(division, str):
            return
        problem = division_problem(division)
        if problem:
            self.add("V209", "basic.division_code", original=division, **bi("reason", problem))
            return
        code_prov = province_code(division)
        province = basic.get("province")
        named = province_code_for_name(province) if isinstance(province, str) else None
        if code_prov and named and named != code_prov:
            self.add(
                "X303",
                "basic.division_code",
                code=division,
                province=province,
                **bi("code_province", province_name(code_prov)),
            )
        if self.pack.province_code and code_prov != self.pack.province_code:
            self.add(
                "X304",
                "basic.division_code",
                code=division,
                pack=self.pack.id,
                **bi("jurisdiction", self.pack.jurisdiction),
            )

    def contacts(self) -> None:
        self.findings.extend(contact_findings(self.app, self.kind))

    def years(self) -> None:
        year = self.app.application_year
        if year is None or not self.app.years:
            return
        series = self.kind.series
        assert series is not None and series.years is not None
        want = series.years.years(year)
        if list(self.app.years) != want:
            self.add(
                "V212",
                "years.y1",
                found="、".join("?" if y is None else str(y) for y in self.app.years),
                year=year,
                want="、".join(str(y) for y in want),
            )

    def indicator_key(self, key: str, i: int) -> str:
        year = self.app.years[i] if i < len(self.app.years) else None
        return f"indicators.{key}.{year if year is not None else f'y{i + 1}'}"

    def indicators(self) -> None:
        read_by_pack = self._pack_indicators()
        for ind in self.specs.values():
            values = self.app.series(ind.key)
            for i, value in enumerate(values):
                key = self.indicator_key(ind.key, i)
                if value is None:
                    # optional is optional: a row without * never gives an error when blank
                    if ind.required and ind.key in read_by_pack and self._blank(key):
                        self.add("V216", key, year=self._year(i), **bi("label", ind.label))
                    continue
                if value < 0:
                    self.add("V213", key, value=format_value(value), **bi("label", ind.label))
                if indicator_type(ind) is FieldType.PERCENT and not 0 <= value <= 100:
                    self.add("V210", key, value=format_value(value))
        self._parts()
        self._unit_mistakes()
        self._conditional()

    def _year(self, i: int) -> str:
        year = self.app.years[i] if i < len(self.app.years) else None
        return str(year) if year is not None else f"y{i + 1}"

    def _pack_indicators(self) -> set[str]:
        """Indicators the pack's unconditional criteria read (all required ones as fallback)."""
        keys: set[str] = set()
        for c in self.pack.criteria:
            if c.applies_if or not c.metric:
                continue
            try:
                keys.update(self.pack.inputs_of(c.metric))
            except KeyError:  # not an indicator (a static metric such as the area)
                continue
        return (keys & set(self.specs)) or {k for k, i in self.specs.items() if i.required}

    def _parts(self) -> None:
        series = self.kind.series
        for part, whole in series.parts if series else ():
            if part not in self.specs or whole not in self.specs:
                continue
            total = self.app.series(whole)
            for i, value in enumerate(self.app.series(part)):
                amount = total[i] if i < len(total) else None
                if value is not None and amount is not None and value > amount:
                    self.add(
                        "X301",
                        self.indicator_key(part, i),
                        year=self._year(i),
                        value=format_value(value),
                        total_value=format_value(amount),
                        **bi("part", self.specs[part].label),
                        **bi("total", self.specs[whole].label),
                    )

    def _unit_mistakes(self) -> None:
        for ind in self.specs.values():
            limit = MONEY_UNITS.get(ind.unit.zh)
            if limit is None:
                continue
            values = self.app.series(ind.key)
            known = [v for v in values if v is not None and v > 0]
            for i, value in enumerate(values):
                if value is None or value <= 0:
                    continue
                reason: Text | None = None
                if value > limit:
                    reason = t(
                        f"超过 {limit:,.0f} {ind.unit.zh}", f"above {limit:,.0f} {ind.unit.en}"
                    )
                elif any(value >= UNIT_MISTAKE_RATIO * other for other in known):
                    reason = t(
                        f"是其他年度的 {UNIT_MISTAKE_RATIO:,.0f} 倍以上",
                        f"at least {UNIT_MISTAKE_RATIO:,.0f} times another year",
                    )
                if reason:
                    self.app.suspect.add(self.indicator_key(ind.key, i))  # decides nothing
                    self.add(
                        "V211",
                        self.indicator_key(ind.key, i),
                        value=format_value(value),
                        **bi("money_unit", ind.unit),
                        **bi("label", ind.label),
                        **bi("reason", reason),
                    )

    def _conditional(self) -> None:
        """X307: a flag set (high_energy) and a year of an indicator its conditional criteria
        read left blank."""
        flags = {f.key: f.label for f in self.kind.sheet("basic").fields}
        for c in self.pack.criteria:
            if not c.applies_if or not c.metric or self.app.flag(c.applies_if) is not True:
                continue
            try:
                keys = self.pack.inputs_of(c.metric)
            except KeyError:
                continue
            for key in keys:
                if key not in self.specs:
                    continue
                for i, value in enumerate(self.app.series(key)):
                    ikey = self.indicator_key(key, i)
                    if value is None and self._blank(ikey):
                        self.add(
                            "X307",
                            ikey,
                            year=self._year(i),
                            **bi("flag", flags.get(c.applies_if, Text(c.applies_if, c.applies_if))),
                            **bi("label", self.specs[key].label),
                        )

    def roster(self) -> None:
        roster = self.app.roster
        if not roster:
            self.add("X309", Location(self.app.file, field="roster"))
            return
        required = [c for c in self.kind.sheet("roster").columns if c.required]
        # Hot path (docs/performance.md): find the few firms with a finding (a required value
        # missing, a firm listed twice, distinct firms under one name) a column at a time, then
        # check those row by row. A firm listed twice is the one rule of firm identity the
        # count criteria use too (identifiers.roster_identities, computed once per roster).
        columns = {key: _column(roster, key) for key in ("name", "uscc")}
        identities = roster_identities(columns["name"], columns["uscc"])
        firms = identities.firsts
        # distinct firms (different credit codes) under one name: counted as two, but worth a look
        namesakes = identities.namesakes
        few: set[int] = {*identities.repeats, *namesakes}
        for c in required:
            column = columns[c.key] if c.key in columns else _column(roster, c.key)
            if None in column:
                few.update(i for i, value in enumerate(column) if value is None)
        same_name = t("企业名称相同", "same name")
        same_code = t("统一社会信用代码相同", "same credit code")
        namesake = t(
            "企业名称相同，但统一社会信用代码不同，计数时按两家企业；请核对",
            "same name but different credit codes, counted as two firms; please check",
        )
        for i in sorted(few):
            firm = roster[i]
            for c in required:
                if firm.get(c.key) is not None:
                    continue
                key = f"roster.{i}.{c.key}"
                if self._blank(key):
                    self.add("V207", key, **bi("label", c.label))
            first = firms[i]
            if i in namesakes:
                other = roster[namesakes[i]]
                self.add(
                    "X302",
                    f"roster.{i}.name",
                    value=firm.name,
                    other_row=other.row or namesakes[i] + 1,
                    **bi("what", namesake),
                )
                continue
            if first is None or first == i:
                continue
            other = roster[first]
            code = firm_code_key(firm.uscc)
            by_code = code is not None and code == firm_code_key(other.uscc)
            self.add(
                "X302",
                f"roster.{i}.{'uscc' if by_code else 'name'}",
                value=firm.uscc if by_code else firm.name,
                other_row=other.row or first + 1,
                **bi("what", same_code if by_code else same_name),
            )

    def qualitative(self) -> None:
        for c in self.pack.of_kind(Kind.QUALITATIVE):
            key = f"qualitative.{c.code}"
            answer = self.app.qualitative.get(c.code)
            if answer is None or answer.met is None:
                if self._blank(key):
                    self.add("X308", key, code=c.code, **bi("title", c.title))
                continue
            if answer.met and not answer.has_evidence:
                missing = [
                    part
                    for part, text in (
                        (t("情况说明", "description"), answer.description),
                        (t("佐证材料清单", "evidence list"), answer.evidence),
                    )
                    if not (text or "").strip()
                ]
                joined = Text("和".join(m.zh for m in missing), " or ".join(m.en for m in missing))
                self.add("X305", key, code=c.code, **bi("title", c.title), **bi("missing", joined))

    def declarations(self) -> None:
        for c in self.pack.of_kind(Kind.DECLARATION):
            key = f"declarations.{c.code}"
            value = self.app.declarations.get(c.code)
            if value is True or (value is None and not self._blank(key)):
                continue
            answer = t("否", "no") if value is False else t("未填写", "blank")
            self.add("X306", key, code=c.code, **bi("title", c.title), **bi("answer", answer))
        self.required_fields(self.kind.sheet("declarations"))

    def run(self) -> list[Finding]:
        self.edition()
        for sheet in self.kind.of_layout("form"):
            self.required_fields(sheet)
        self.identifiers()
        self.contacts()
        self.years()
        self.indicators()
        self.roster()
        self.qualitative()
        self.declarations()
        return self.findings


def _column(roster: list[Firm], key: str) -> list[Any]:
    """One column of the roster (each firm's value of ``key``, None when absent), in C."""
    return list(map(dict.get, roster, repeat(key)))


def validate(app: Application, pack: Pack) -> list[Finding]:
    """Checks beyond types; values the reader could not read are not reported again."""
    return _Validator(app, pack).run()
