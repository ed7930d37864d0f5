"""A filing's figures evaluated against the edition: the recognition criteria re-checked.

The evaluator (:mod:`clusterctl.evaluation.engine`) reads an application; a filing is shown to it
as one (:func:`criteria_view`): the identity sheet's fields stand for basic information, the
reporting or review year for the application year, and the re-review's self-assessment
(是否满足) for the declarations, which the re-review form has no sheet of.

- A **re-review** is evaluated on every criterion of the edition, on the latest three years
  (the three full years before the review year, as for an application).
- An **annual report** gives one year. The criteria that year can decide are judged on it and
  say so in their sentence; a criterion needing several years (growth rates, trends), the roster,
  the qualitative conditions, the declarations or basic information the report does not carry
  (the area; the yes/no flags of conditional criteria) is 不适用 (not applicable), with the
  reason. docs/scoring.md ("Lifecycle filings") states the rule.
"""

from __future__ import annotations

import copy
from collections.abc import Collection

from clusterctl.criteria.model import Criterion, Kind, Pack, YearMode
from clusterctl.evaluation import scoring
from clusterctl.evaluation.engine import evaluate, verdict_of
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status
from clusterctl.i18n import Text
from clusterctl.lifecycle.model import FilingKind
from clusterctl.workbook.model import Application

_MULTI_YEAR = (YearMode.CAGR, YearMode.DECREASING, YearMode.INCREASING)
YEAR_FIELD = {FilingKind.ANNUAL_REPORT: "reporting_year", FilingKind.REREVIEW: "review_year"}


def filing_year(app: Application, kind: FilingKind) -> int | None:
    year = app.value(f"identity.{YEAR_FIELD[kind]}")
    return int(year) if isinstance(year, (int, float)) and not isinstance(year, bool) else None


def criteria_view(app: Application, pack: Pack, kind: FilingKind) -> Application:
    """The filing as the evaluator reads an application (a shallow copy: ``app`` is kept)."""
    view = copy.copy(app)
    identity = dict(app.form("identity"))
    identity["application_year"] = filing_year(app, kind) if kind is FilingKind.REREVIEW else None
    view.values = {**app.values, "basic": identity}
    for key in list(app.cells):
        if key.startswith("identity."):
            app.cells.setdefault("basic." + key.removeprefix("identity."), app.cells[key])
    if kind is FilingKind.REREVIEW:
        assessed = app.rows.get("assessment", {})
        declarations: dict[str, bool | None] = {}
        for c in pack.of_kind(Kind.DECLARATION):
            met = (assessed.get(c.code) or {}).get("met")
            declarations[c.code] = met if isinstance(met, bool) else None
            if (cell := app.cells.get(f"assessment.{c.code}")) is not None:
                app.cells.setdefault(f"declarations.{c.code}", cell)
        view.rows = {**app.rows, "declarations": declarations}
    return view


def not_decidable(criterion: Criterion, pack: Pack) -> Text | None:
    """Why one year of an annual report cannot decide ``criterion`` (None: it can)."""
    if criterion.kind in (Kind.QUALITATIVE, Kind.DECLARATION, Kind.COUNT):
        return Text(
            "年度报告不含定性条件、承诺声明和企业名录，本条在有效期满复核时判断",
            "an annual report has no qualitative conditions, declarations or roster; the "
            "re-review at expiry judges it",
        )
    if criterion.kind is Kind.CONDITIONAL:
        return Text(
            "年度报告不填是否属于该类行业，本条在复核时判断",
            "an annual report does not say whether the industry is of that kind; the re-review "
            "judges it",
        )
    if criterion.years in _MULTI_YEAR:
        return Text(
            "需多年数据（增速或趋势），年度报告只有一年，本条在复核时按近三年判断",
            "it needs several years (a growth rate or a trend) and an annual report gives one; "
            "the re-review judges it on three years",
        )
    if criterion.metric and metric_for(pack, criterion.metric).static:
        return Text(
            "年度报告不填基本信息（如占地面积），其变化见“重大变化”表",
            "an annual report has no basic information (such as the area); its changes are "
            "in the major changes sheet",
        )
    return None


def evaluate_filing(
    app: Application, pack: Pack, kind: FilingKind, *, off: Collection[str] = ()
) -> Evaluation:
    """The edition's criteria on the filing's figures (see the module's rule)."""
    view = criteria_view(app, pack, kind)
    evaluation = evaluate(view, pack, off=off)
    if kind is FilingKind.REREVIEW:
        return evaluation
    year = filing_year(app, kind)
    shown = str(year) if year is not None else "报告"
    results: list[CriterionResult] = []
    for criterion, result in zip(pack.criteria, evaluation.results, strict=True):
        why = not_decidable(criterion, pack)
        if why is not None:
            result = CriterionResult(
                criterion.code,
                Status.NOT_APPLICABLE,
                sentence=Text(
                    f"{criterion.title.zh}：{why.zh}，年度报告不适用。",
                    f"{criterion.title.en}: {why.en}; not applicable to an annual report.",
                ),
                weight=criterion.weight,
                detail={"annual_report": "not_decidable"},
            )
        else:
            s = result.sentence
            result.sentence = Text(
                f"{s.zh}（年度报告：按 {shown} 年一年数据判断）",
                f"{s.en} (annual report: judged on the one year {year or ''})".replace(" )", ")"),
            )
            result.detail["annual_report"] = "one_year"
        results.append(result)
    total, sections = scoring.score(pack, results)
    evaluation.results = results
    evaluation.score, evaluation.dimensions = total, sections
    evaluation.verdict = verdict_of(pack, results, evaluation.ignored)
    evaluation.unconfirmed_used = [r.code for r in results if r.unconfirmed]
    return evaluation
