"""What the criteria of one evaluation share (``Context.per_app``: year slots, a metric's series,
the roster's firms) is shared only for the same application: one context used for two
applications (as ``clusterctl rule``'s examples do) gives each its own results."""

from __future__ import annotations

import copy

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Kind
from clusterctl.evaluation.engine import evaluate, evaluate_criterion
from clusterctl.evaluation.model import Status
from clusterctl.evaluation.rules import Context


def test_one_context_for_two_applications_keeps_them_apart(good_app):
    pack = resolve_pack("beijing-2023")
    good = good_app()
    poor = copy.deepcopy(good)
    poor.file = "poor.xlsx"
    for key in poor.indicators:
        poor.indicators[key] = [None, None, None]
    poor.roster = poor.roster[:1]
    ctx = Context(pack)
    quantitative = [c for c in pack.criteria if c.kind in (Kind.THRESHOLD, Kind.TREND, Kind.COUNT)]
    assert quantitative
    for criterion in quantitative:
        first = evaluate_criterion(criterion, good, ctx)
        second = evaluate_criterion(criterion, poor, ctx)
        again = evaluate_criterion(criterion, good, ctx)
        assert repr(first) == repr(again), criterion.code
        assert repr(second) == repr(evaluate_criterion(criterion, poor, Context(pack)))
    assert evaluate(good, pack).verdict != evaluate(poor, pack).verdict
    statuses = {evaluate_criterion(c, poor, ctx).status for c in quantitative}
    assert Status.MISSING in statuses


def test_the_shared_answer_is_computed_once_per_application(good_app):
    pack = resolve_pack("beijing-2023")
    app, other = good_app(), good_app()
    ctx = Context(pack)
    calls: list[object] = []

    def compute(a):  # type: ignore[no-untyped-def]
        calls.append(a)
        return len(calls)

    assert ctx.per_app(app, "k", compute) == ctx.per_app(app, "k", compute) == 1
    assert ctx.per_app(other, "k", compute) == 2  # another application: computed for it
    assert ctx.per_app(app, "k", compute) == 3
    assert calls == [app, other, app]
