"""Key facts of an application for reports: plain JSON-able values."""

from __future__ import annotations

from typing import Any

from clusterctl.evaluation.growth import cagr, periods_between
from clusterctl.evaluation.model import Evaluation
from clusterctl.workbook.model import Application

# The basic-information texts a report carries (the batch keeps them per file: batch/compact.py)
TEXT_FACTS = (
    "cluster_name",
    "province",
    "city",
    "district",
    "division_code",
    "leading_industry",
    "niche",
    "operator_name",
    "operator_uscc",
)
BASIC_KEYS = (*TEXT_FACTS, "application_year", "area_km2")
LATEST_INDICATORS = (
    "total_output",
    "sme_output",
    "leading_output",
    "firm_count",
    "employees",
    "invention_patents",
    "sme_rd_spending",
)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _share(part: float | None, whole: float | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return round(100.0 * part / whole, 2)


def _latest(values: list[float | None]) -> float | None:
    return values[-1] if values else None


def _growth(values: list[float | None], years: list[int | None]) -> float | None:
    """Compound annual growth in % from the first to the last year (evaluation.growth's rule,
    the one the growth criteria use), when both are known."""
    if len(values) < 2 or values[0] is None or values[-1] is None:
        return None
    rate = cagr(values[0], values[-1], periods_between(years, 0, len(values) - 1))
    return None if rate is None else round(rate, 2)


def summarize(app: Application, evaluation: Evaluation | None = None) -> dict[str, Any]:
    """cluster_name, region, operator, application year, edition, area and the latest year's key
    indicators (total output, shares, growth, firm count …), plus the roster size."""
    facts: dict[str, Any] = {key: _plain(app.basic.get(key)) for key in BASIC_KEYS}
    facts["edition"] = evaluation.pack_id if evaluation is not None else app.edition
    facts["workbook_edition"] = app.edition
    years = [y for y in app.years if y is not None]
    facts["years"] = list(app.years)
    facts["latest_year"] = years[-1] if years else None
    latest = {key: _latest(app.series(key)) for key in LATEST_INDICATORS}
    facts.update({key: _plain(value) for key, value in latest.items()})
    facts["sme_share"] = _share(latest["sme_output"], latest["total_output"])
    facts["leading_share"] = _share(latest["leading_output"], latest["total_output"])
    facts["output_growth"] = _growth(app.series("total_output"), list(app.years))
    facts["roster_firms"] = len(app.roster)
    facts["roster_smes"] = sum(1 for f in app.roster if f.is_sme)
    if evaluation is not None:
        facts["verdict"] = evaluation.verdict.value
        facts["score"] = round(evaluation.score, 2)
    return facts
