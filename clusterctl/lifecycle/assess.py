"""A filing (annual report or re-review) assessed: its :class:`Filing` and its findings.

``check`` calls :func:`assess` in the worker (the per-file pipeline); the Filing travels back in
``FileReport.filing`` (plain picklable data). The rules are stated once in docs/scoring.md
("Lifecycle filings"): the revocation grounds of the Beijing measures 第十七条 that the data can
show (an unreported major change: (四); an incident: (五); a failed re-review: (一)), plan progress
(:mod:`.plan`), the criteria re-checked (:mod:`.criteria`) and the re-review's self-assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clusterctl.criteria.model import Pack
from clusterctl.criteria.model import Severity as Hardness
from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.model import Evaluation, Status, Verdict
from clusterctl.i18n import Text
from clusterctl.lifecycle.criteria import filing_year
from clusterctl.lifecycle.model import (
    CriterionCheck,
    Filing,
    FilingKind,
    FilingOutcome,
    Incident,
    MajorChange,
    PlanState,
    PlanTarget,
)
from clusterctl.lifecycle.plan import plan_targets
from clusterctl.workbook.kind import load_kind
from clusterctl.workbook.model import Application
from clusterctl.workbook.normalize import CHOICE_LABELS

# 第十七条 (五) names tax evasion and serious dishonesty without a grade: each is a ground. An
# accident or a security incident is one from the 较大及以上 grade up, which the form does not
# record: the bureau verifies it (a warning).
GROUND_KINDS = frozenset({"偷税漏税", "严重失信"})
KIND_LABELS = {
    FilingKind.ANNUAL_REPORT: Text("年度发展报告", "an annual report"),
    FilingKind.REREVIEW: Text("复核申报表", "a re-review"),
}
_YES_NO = {True: Text("满足", "met"), False: Text("不满足", "not met")}


@dataclass(slots=True)
class Assessed:
    filing: Filing
    findings: list[Finding] = field(default_factory=list)


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _uscc(value: Any) -> str | None:
    text = _text(value)
    return "".join(text.split()).upper() if text else None


class _Assessor:
    def __init__(self, app: Application, pack: Pack, evaluation: Evaluation) -> None:
        self.app, self.pack, self.evaluation = app, pack, evaluation
        self.kind = FilingKind(app.kind)
        self.findings: list[Finding] = []

    def cell(self, key: str) -> Location:
        return self.app.cells.get(key) or Location(self.app.file, field=key)

    def add(self, code: str, location: Location, /, **params: Any) -> None:
        params.setdefault("ref", location.ref() or location.file)
        self.findings.append(Finding(code, location, params))

    def identity(self) -> Filing:
        ident = self.app.form("identity")
        return Filing(
            kind=self.kind,
            file=self.app.file,
            operator_uscc=_uscc(ident.get("operator_uscc")),
            cluster_name=_text(ident.get("cluster_name")),
            operator_name=_text(ident.get("operator_name")),
            batch=_text(ident.get("batch")),
            edition=self.pack.id,
            valid_from=_date(ident.get("valid_from")),
            valid_to=_date(ident.get("valid_to")),
            year=filing_year(self.app, self.kind),
            filed_on=_date(ident.get("filed_on")),
            cells={k: v for k, v in self.app.cells.items() if k.startswith("identity.")},
        )

    def changes(self) -> list[MajorChange]:
        sheet = load_kind(self.kind.value).by_prefix("changes")
        if sheet is None:
            return []
        rows = self.app.rows.get("changes", {})
        changes = []
        for item in sheet.items:
            values = rows.get(item.key) or {}
            change = MajorChange(
                item=item.key,
                changed=_bool(values.get("changed")),
                reported=_bool(values.get("reported")),
                reported_on=_date(values.get("date")),
                location=self.cell(f"changes.{item.key}"),
            )
            changes.append(change)
            if change.unreported:
                where = self.cell(f"changes.{item.key}.reported")
                self.add("L501", where, item_zh=item.label.zh, item_en=item.label.en.lower())
        return changes

    def incidents(self) -> list[Incident]:
        incidents = []
        for i, row in enumerate(self.app.tables.get("incidents", ())):
            kind = _text(row.get("kind"))
            if kind is None and not any(row.get(k) for k in ("date", "description")):
                continue
            incident = Incident(
                kind=kind or "",
                on=_date(row.get("date")),
                description=_text(row.get("description")),
                location=self.cell(f"incidents.{i}.kind"),
            )
            incidents.append(incident)
            code = "L502" if kind in GROUND_KINDS else "L503"
            on = incident.on.isoformat() if incident.on else "—"
            label = CHOICE_LABELS.get(kind or "", Text(kind or "—", kind or "—"))
            self.add(code, incident.location, kind_zh=label.zh, kind_en=label.en, date=on)
        return incidents

    def plan(self) -> list[PlanTarget]:
        targets = plan_targets(self.app)
        for p in targets:
            if p.state is PlanState.BEHIND:
                done = "—" if p.completion is None else f"{p.completion * 100:.0f}%"
                self.add(
                    "L504",
                    p.location,
                    indicator=p.indicator,
                    actual=_num(p.actual),
                    target=_num(p.target),
                    completion=done,
                )
        return targets

    def criteria(self) -> list[CriterionCheck]:
        assessed = self.app.rows.get("assessment", {})
        checks = []
        rereview = self.kind is FilingKind.REREVIEW
        for criterion, result in zip(self.pack.criteria, self.evaluation.results, strict=True):
            row = assessed.get(criterion.code) or {}
            said = _bool(row.get("met")) if rereview else None
            reason = _text(row.get("reason")) if rereview else None
            location = result.locations[0] if result.locations else None
            if rereview and location is None:
                location = self.app.cells.get(f"assessment.{criterion.code}")
            checks.append(
                CriterionCheck(
                    code=criterion.code,
                    title=criterion.title,
                    status=result.status,
                    hard=criterion.severity is Hardness.HARD,
                    self_assessed=said,
                    reason=reason,
                    location=location,
                )
            )
            title = {"title_zh": criterion.title.zh, "title_en": criterion.title.en}
            where = location or Location(self.app.file)
            if result.status is Status.NOT_MET:
                sentence = {"sentence_zh": result.sentence.zh, "sentence_en": result.sentence.en}
                code = "L506" if rereview else "L505"
                self.add(code, where, code=criterion.code, **title, **sentence)
            if not rereview:
                continue
            failed = said is False or result.status is Status.NOT_MET
            if failed and reason is None:
                self.add(
                    "L507",
                    self.cell(f"assessment.{criterion.code}.reason"),
                    code=criterion.code,
                    **title,
                )
            found = {Status.MET: True, Status.NOT_MET: False}.get(result.status)
            if said is not None and found is not None and said is not found:
                self.add(
                    "L508",
                    self.cell(f"assessment.{criterion.code}"),
                    code=criterion.code,
                    said_zh=_YES_NO[said].zh,
                    said_en=_YES_NO[said].en,
                    found_zh=_YES_NO[found].zh,
                    found_en=_YES_NO[found].en,
                    **title,
                )
        return checks

    def run(self) -> Assessed:
        filing = self.identity()
        filing.criteria = self.criteria()
        filing.plan = self.plan()
        filing.changes = self.changes()
        filing.incidents = self.incidents()
        filing.outcome = outcome(filing, self.evaluation.verdict)
        return Assessed(filing, self.findings)


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def outcome(filing: Filing, verdict: Verdict) -> FilingOutcome:
    """The verdict line of a filing (docs/scoring.md): for a re-review the criteria decide
    (复核不通过 / 材料不全 / 复核条件均满足); for an annual report a revocation ground stated in
    it (an unreported change, an incident of a kind that is a ground) comes first, then the
    criteria judged on the year."""
    if filing.kind is FilingKind.REREVIEW:
        if verdict is Verdict.INELIGIBLE:
            return FilingOutcome.FAILS
        return FilingOutcome.INCOMPLETE if verdict is Verdict.INCOMPLETE else FilingOutcome.PASSES
    if filing.unreported_changes or any(i.kind in GROUND_KINDS for i in filing.incidents):
        return FilingOutcome.GROUNDS_FOUND
    if verdict is Verdict.INELIGIBLE:
        return FilingOutcome.PARTLY_UNMET
    if verdict is Verdict.INCOMPLETE:
        return FilingOutcome.INCOMPLETE
    return FilingOutcome.STILL_MEETS


def assess(app: Application, pack: Pack, evaluation: Evaluation) -> Assessed:
    """The Filing of ``app`` (an annual report or a re-review) and its L5xx findings."""
    return _Assessor(app, pack, evaluation).run()
