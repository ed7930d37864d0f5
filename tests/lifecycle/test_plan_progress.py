"""Plan progress states (docs/scoring.md, "Lifecycle filings"): completion = (actual - base) /
(target - base); MET >= 1, ON_TRACK >= 0.9, BEHIND below, UNKNOWN without figures."""

from __future__ import annotations

import pytest

from clusterctl.lifecycle.model import PlanState
from clusterctl.lifecycle.plan import completion, plan_state


@pytest.mark.parametrize(
    ("base", "target", "actual", "state"),
    [
        (12, 20, 20, PlanState.MET),  # reached exactly: (20-12)/(20-12) = 1
        (12, 20, 25, PlanState.MET),
        (12, 20, 19.2, PlanState.ON_TRACK),  # (19.2-12)/8 = 0.9: within a tenth of the way
        (12, 20, 19.1, PlanState.BEHIND),  # 0.8875
        (12, 20, 14, PlanState.BEHIND),  # 0.25
        (0.5, 0.3, 0.29, PlanState.MET),  # a target below its base (an intensity to cut)
        (0.5, 0.3, 0.45, PlanState.BEHIND),  # (0.45-0.5)/(0.3-0.5) = 0.25
        (None, 80, 80, PlanState.MET),  # no base: actual / target = 1
        (None, 80, 73, PlanState.ON_TRACK),  # 0.9125
        (None, 80, 40, PlanState.BEHIND),
        (None, 0, 5, PlanState.UNKNOWN),  # no base and no positive target: nothing to measure
        (10, 10, 10, PlanState.MET),  # target = base: holding the level is meeting it
        (10, 10, 9, PlanState.BEHIND),
        (10, None, 9, PlanState.UNKNOWN),
        (10, 20, None, PlanState.UNKNOWN),
    ],
)
def test_plan_state(base, target, actual, state):
    assert plan_state(base, target, actual) is state


def test_completion_is_the_share_of_the_way():
    assert completion(12, 20, 14) == pytest.approx(0.25)
    assert completion(None, 80, 40) == pytest.approx(0.5)
    assert completion(10, 10, 12) is None
