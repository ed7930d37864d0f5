"""One annual report against a monitoring pack: the cluster's tier and its part in each target.

Values come from the reader (shares already 0..100). A value that cannot be meant (a negative
count, a share outside 0–100%, more eco-industrial parks than parks) gets a finding at its cell
and counts for nothing; the rest of the report still counts.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Finding, Location
from clusterctl.targets.model import (
    ClusterResult,
    Contribution,
    ProgressState,
    Target,
    TargetKind,
    TargetPack,
    Tier,
)
from clusterctl.workbook.grid import bi

if TYPE_CHECKING:
    from clusterctl.workbook.model import Application

PERCENT = "percent"


def reporting_year(app: Application) -> int | None:
    year = app.value("identity.reporting_year")
    if isinstance(year, int | float) and not isinstance(year, bool):
        return int(year)
    return next((y for y in app.years if isinstance(y, int)), None)


def _cell(app: Application, key: str) -> Location:
    """Where an indicator's (only) year was read from."""
    year = app.years[0] if app.years else None
    cell_key = f"indicators.{key}.{year}" if year is not None else f"indicators.{key}"
    return app.cell(cell_key) or Location(app.file, field=cell_key)


def read_values(
    app: Application, pack: TargetPack
) -> tuple[dict[str, float | None], dict[str, Location], list[Finding]]:
    """The indicators the pack reads, for the report's one year; unusable values are None."""
    values: dict[str, float | None] = {}
    cells: dict[str, Location] = {}
    findings: list[Finding] = []
    for key in pack.reads:
        spec = pack.indicator(key)
        series = app.series(key)
        value = series[0] if series else None
        location = _cell(app, key)
        cells[key] = location
        ref = location.ref() or location.file
        if value is not None and spec.type == PERCENT and not 0 <= value <= 100:
            findings.append(Finding("V210", location, {"value": f"{value:g}", "ref": ref}))
            value = None
        elif value is not None and value < 0:
            params = {"value": f"{value:g}", "ref": ref, **bi("label", spec.label)}
            findings.append(Finding("V213", location, params))
            value = None
        values[key] = float(value) if value is not None else None
    for target in pack.targets:
        if target.kind is not TargetKind.RATIO:
            continue
        part, whole = target.numerator or "", target.denominator or ""
        if (values.get(part) or 0) > (values.get(whole) or 0) and values.get(whole) is not None:
            location = cells[part]
            params = {
                "value": f"{values[part]:g}",
                "total_value": f"{values[whole]:g}",
                "ref": location.ref() or location.file,
                **bi("part", pack.indicator(part).label),
                **bi("total", pack.indicator(whole).label),
            }
            findings.append(Finding("T504", location, params))
            values[part] = None
    return values, cells, findings


def evaluate_cluster(app: Application, pack: TargetPack) -> tuple[ClusterResult, list[Finding]]:
    """The cluster's tier and contributions, and the findings about its values."""
    values, cells, findings = read_values(app, pack)
    scale = values.get(pack.scale)
    tier = pack.tier_of(scale)
    name = app.value("identity.cluster_name")
    planned = pack.planned_tier(name if isinstance(name, str) else None)
    contributions = []
    for target in pack.targets:
        contributions.append(_contribution(target, pack, values, cells, scale, tier))
    uscc = app.value("identity.operator_uscc")
    result = ClusterResult(
        path=app.file,
        name=name if isinstance(name, str) else None,
        operator_uscc=uscc if isinstance(uscc, str) else None,
        year=reporting_year(app),
        edition=app.edition,
        scale=scale,
        tier=tier.key if tier else None,
        planned_tier=planned.key if planned else None,
        values=values,
        contributions=tuple(contributions),
    )
    return result, findings


def _contribution(
    target: Target,
    pack: TargetPack,
    values: dict[str, float | None],
    cells: dict[str, Location],
    scale: float | None,
    tier: Tier | None,
) -> Contribution:
    kind = target.kind
    if kind is TargetKind.TIER_COUNT:
        wanted = pack.tier(target.tier or "")
        if tier is None or scale is None:
            counts = False
        elif target.cumulative:
            counts = tier.threshold >= wanted.threshold
        else:
            counts = tier.key == wanted.key
        value = None if scale is None else float(counts)
        return Contribution(target.code, value, location=cells.get(pack.scale))
    if kind is TargetKind.RATIO:
        part, whole = values.get(target.numerator or ""), values.get(target.denominator or "")
        usable = part is not None and whole is not None
        return Contribution(
            target.code,
            100 * part / whole if usable and whole else None,
            numerator=part if usable else None,
            denominator=whole if usable else None,
            location=cells.get(target.numerator or ""),
        )
    value = values.get(target.metric or "")
    location = cells.get(target.metric or "")
    if kind is TargetKind.TOTAL:
        state = target.state_of(value) if target.per_cluster else None
        return Contribution(target.code, value, state=state, location=location)
    weight = scale if value is not None and scale is not None and scale > 0 else None
    if kind is TargetKind.MARGIN:
        reference = values.get(target.reference or "")
        gap = value - reference if value is not None and reference is not None else None
        return Contribution(target.code, gap, weight=weight, location=location)
    state = target.state_of(value) if target.per_cluster else None
    return Contribution(target.code, value, weight=weight, state=state, location=location)


def common_reference(
    results: list[ClusterResult], key: str
) -> tuple[float | None, list[ClusterResult]]:
    """The provincial average the reports give (their median), and the reports that differ."""
    given = [r for r in results if r.values.get(key) is not None]
    if not given:
        return None, []
    used = float(median(r.values[key] for r in given))  # type: ignore[misc]
    return used, [r for r in given if abs((r.values[key] or 0) - used) > 1e-9]


__all__ = ["ProgressState", "common_reference", "evaluate_cluster", "reporting_year"]
