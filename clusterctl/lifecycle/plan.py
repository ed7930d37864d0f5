"""Plan progress: each row of a filing's plan sheet against its target (docs/scoring.md).

completion = (actual − base) / (target − base): the share of the way from the base-year value
to the target (a target below its base, such as an energy intensity to cut, works the same way).
Without a base value, completion = actual / target (a target above zero taken as a level to
reach). The state:

- MET: the actual reached the target (completion ≥ 1; target = base and the actual at least
  there);
- ON_TRACK: not reached but within a tenth of the way (completion ≥ 0.9);
- BEHIND: completion < 0.9;
- UNKNOWN: the target or the actual is blank or unreadable, or no completion can be computed.

An annual report compares the year's target (本年度目标值), a re-review the final target
(规划期末目标值) with the latest actual.
"""

from __future__ import annotations

from typing import Any

from clusterctl.diagnostics import Location
from clusterctl.lifecycle.model import PlanState, PlanTarget
from clusterctl.workbook.model import Application

ON_TRACK_FROM = 0.9


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def completion(base: float | None, target: float, actual: float) -> float | None:
    if base is None:
        return actual / target if target > 0 else None
    if target == base:
        return None
    return (actual - base) / (target - base)


def plan_state(base: float | None, target: float | None, actual: float | None) -> PlanState:
    if target is None or actual is None:
        return PlanState.UNKNOWN
    if base is not None and target == base:
        reached = actual >= target
        return PlanState.MET if reached else PlanState.BEHIND
    done = completion(base, target, actual)
    if done is None:
        return PlanState.UNKNOWN
    done = round(done, 9)  # 0.8999999999 is 0.9: no float noise at a boundary
    if done >= 1:
        return PlanState.MET
    return PlanState.ON_TRACK if done >= ON_TRACK_FROM else PlanState.BEHIND


def plan_targets(app: Application) -> list[PlanTarget]:
    """The plan rows of a filing (table ``plan``: indicator, base_value, target, actual, unit)."""
    targets = []
    for i, row in enumerate(app.tables.get("plan", ())):
        unread = {f"plan.{i}.{k}" for k in ("base_value", "target", "actual")} & app.unreadable
        base = _number(row.get("base_value"))
        target = _number(row.get("target"))
        actual = _number(row.get("actual"))
        state = PlanState.UNKNOWN if unread else plan_state(base, target, actual)
        done = None
        if target is not None and actual is not None and not unread:
            done = completion(base, target, actual)
        name = row.get("indicator")
        targets.append(
            PlanTarget(
                indicator=str(name) if name is not None else "",
                unit=row.get("unit") if isinstance(row.get("unit"), str) else None,
                base=base,
                target=target,
                actual=actual,
                completion=None if done is None else round(done, 4),
                state=state,
                location=app.cells.get(f"plan.{i}.target") or Location(app.file),
            )
        )
    return targets
