"""What a criterion reads: one of its pack's indicators, as one value per year.

A pack declares its indicators (``[[indicators]]``): rows of the workbook's year series, or
derived ones with a ``formula`` over other indicators (:mod:`clusterctl.criteria.formula`), e.g.
``sme_output / total_output * 100``. A formula over ``basic.<field>`` names only is *static*: one
value from the basic-information sheet (the cluster area). :func:`metric_for` turns an indicator
into a :class:`Metric` that computes its values from an
:class:`~clusterctl.workbook.model.Application` (aligned to ``app.years``) and names the cells
each value came from, so results can point at them.

A metric can also run backwards (:meth:`Metric.example`): input values that give a wanted value,
found from the formula itself. ``clusterctl rule`` uses that to build passing and failing
examples for the real evaluator.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from clusterctl.criteria.formula import BASIC_PREFIX, Formula, parse
from clusterctl.criteria.model import Pack
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import BASIC_FIELDS
from clusterctl.workbook.kind import load_kind
from clusterctl.workbook.model import Application

Value = float | None

_BASIC_LABELS = {f.key: f.label for f in BASIC_FIELDS}
_APPLICATION = load_kind("application")
_EXAMPLE_BASES = (100.0, 1000.0, 10000.0, 100000.0, 1000000.0)


@functools.lru_cache(maxsize=512)
def _parsed(source: str) -> Formula:
    return parse(source)


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    title: Text
    unit: str  # as shown next to numbers ("%", "亿元", …)
    formula: Text  # how it is computed, in words
    inputs: tuple[str, ...]  # indicator keys, and ``basic.<field>`` names, it is computed from
    static: bool = False  # one value from basic information, not a yearly series
    steps: tuple[tuple[str, Formula], ...] = ()  # derived indicators to compute, in order

    @property
    def derived(self) -> bool:
        return bool(self.steps)

    def _value(self, env: dict[str, Value]) -> Value:
        if not self.steps:
            return _number(env.get(self.key))
        for key, formula in self.steps:
            env[key] = formula.evaluate(env)
        return env[self.key]

    def series(self, app: Application) -> list[Value]:
        """One value per year of ``app.years`` (a static metric: one value)."""
        if self.inputs == (self.key,) and not (self.steps or self.static or self._basic()):
            # a workbook row (most criteria): its numbers as they are, nothing to compute
            column = self._trusted(app, self.key)
            width = len(app.years) or len(column)
            values = list(map(_number, column[:width]))
            return values + [None] * (width - len(values))
        basic = {n: _number(app.basic.get(n.removeprefix(BASIC_PREFIX))) for n in self._basic()}
        if self.static:
            return [self._value(dict(basic))]
        yearly = [n for n in self.inputs if not n.startswith(BASIC_PREFIX)]
        columns = [self._trusted(app, key) for key in yearly]
        width = len(app.years) or max((len(c) for c in columns), default=0)
        values: list[Value] = []
        for i in range(width):
            env = dict(basic)
            env.update(
                {
                    k: _number(c[i]) if i < len(c) else None
                    for k, c in zip(yearly, columns, strict=True)
                }
            )
            values.append(self._value(env))
        return values

    @staticmethod
    def _trusted(app: Application, key: str) -> list[Value]:
        """The row ``key`` with the values validation found suspect (``app.suspect``, probably
        in the wrong unit) taken out: a suspect value decides nothing."""
        values = app.series(key)
        if not app.suspect:
            return values
        return [
            None if i < len(app.years) and f"indicators.{key}.{app.years[i]}" in app.suspect else v
            for i, v in enumerate(values)
        ]

    def suspects(self, app: Application, index: int) -> list[tuple[str, float]]:
        """The inputs of year ``index`` taken out as suspect: (indicator key, value as typed)."""
        if self.static or not app.suspect or index >= len(app.years):
            return []
        found = []
        for key in self.inputs:
            if f"indicators.{key}.{app.years[index]}" in app.suspect:
                raw = app.series(key)
                value = raw[index] if index < len(raw) else None
                if isinstance(value, (int, float)):
                    found.append((key, float(value)))
        return found

    def _basic(self) -> list[str]:
        return [n for n in self.inputs if n.startswith(BASIC_PREFIX)]

    def cell_keys(self, app: Application, index: int | None) -> list[str]:
        """Cell keys (``app.cells``) the value of year ``index`` was computed from."""
        if self.static:
            return self._basic()
        if index is None or index >= len(app.years):
            return []
        year = app.years[index]
        yearly = [n for n in self.inputs if not n.startswith(BASIC_PREFIX)]
        return [f"indicators.{key}.{year}" for key in yearly] + self._basic()

    def compute(self, inputs: dict[str, float]) -> Value:
        """The value for one year's inputs (``basic.<field>`` names included)."""
        return self._value({k: float(v) for k, v in inputs.items()})

    def example(self, value: float, like: float | None = None) -> dict[str, float]:
        """Input values giving ``value``: the first input of the formula is solved for, the
        others set to a round base: the first base at which the value ``like`` (default
        ``value``; give the threshold so that a passing and a failing example share one base)
        needs an input of at least 10."""
        if not self.steps:
            return {self.key: value}
        unknown, others = self.inputs[0], self.inputs[1:]
        chosen = _EXAMPLE_BASES[-1]
        for base in _EXAMPLE_BASES:
            x = self._solve(unknown, dict.fromkeys(others, base), value if like is None else like)
            if x is not None and abs(x) >= 10:
                chosen = base
                break
        env = dict.fromkeys(others, chosen)
        x = self._solve(unknown, env, value)
        return {**env, unknown: x} if x is not None else dict.fromkeys(self.inputs, 1.0)

    def _solve(self, unknown: str, env: dict[str, float], wanted: float) -> float | None:
        def f(x: float) -> Value:
            return self.compute({**env, unknown: x})

        # formulas here are linear in their first input (a numerator): two points solve them;
        # otherwise a few secant steps
        a, b = 0.0, 1.0
        fa, fb = f(a), f(b)
        for _ in range(50):
            if fa is None or fb is None or fa == fb:
                return None
            x = b + (wanted - fb) * (b - a) / (fb - fa)
            fx = f(x)
            if fx is not None and abs(fx - wanted) <= 1e-9 * max(1.0, abs(wanted)):
                return round(x, 9)
            a, fa, b, fb = b, fb, x, fx
        return None


def year_slots(app: Application) -> list[tuple[int, int | None]]:
    """The years a criterion reads, oldest first, each with its column in ``app.years`` (``None``
    when the workbook does not give that year: the criteria needing it are missing, never fed
    another year). 近三年 is the three full years before the application year (the kind's
    ``years`` rule); without an application year, the years the workbook gives, by year; columns
    without a year label, by position."""
    known = {y: i for i, y in enumerate(app.years) if isinstance(y, int)}
    year = app.application_year
    series = _APPLICATION.series
    if year is not None and series is not None and series.years is not None:
        return [(y, known.get(y)) for y in series.years.years(year)]
    if known and len(known) == len(app.years):
        return sorted(known.items())
    return [(i + 1, i) for i in range(len(app.years))]


def _number(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _label(pack: Pack, name: str) -> Text:
    if name.startswith(BASIC_PREFIX):
        key = name.removeprefix(BASIC_PREFIX)
        return _BASIC_LABELS.get(key, Text(key, key))
    try:
        return pack.indicator(name).label
    except KeyError:
        return Text(name, name)


def metric_for(pack: Pack, key: str) -> Metric:
    """The metric of the pack's indicator ``key``. A key the pack does not declare (a pack built
    in code) reads the workbook row of that key. Computed once per pack (``pack.memo``: a
    metric, like its pack, is frozen)."""
    found = pack.memo.get(("metric", key))
    if found is None:
        found = pack.memo[("metric", key)] = _metric_for(pack, key)
    return found


def _metric_for(pack: Pack, key: str) -> Metric:
    try:
        spec = pack.indicator(key)
    except KeyError:
        title = Text(key, key)
        return Metric(key, title, "", _row_formula(title), (key,))
    if not spec.derived:
        return Metric(key, spec.label, spec.unit.zh, _row_formula(spec.label), (key,))
    steps: list[tuple[str, Formula]] = []
    inputs: list[str] = []
    _expand(pack, key, steps, inputs, set())
    formula = _parsed(spec.formula or "")
    shown = Text(
        formula.render({n: _label(pack, n).zh for n in formula.names}),
        formula.render({n: _label(pack, n).en for n in formula.names}),
    )
    static = all(n.startswith(BASIC_PREFIX) for n in inputs)
    return Metric(key, spec.label, spec.unit.zh, shown, tuple(inputs), static, tuple(steps))


def _expand(
    pack: Pack, key: str, steps: list[tuple[str, Formula]], inputs: list[str], seen: set[str]
) -> None:
    """Derived indicators ``key`` needs, in the order to compute them, and its raw inputs (the
    loader has rejected cycles; ``seen`` only guards against a pack built in code)."""
    if key in seen:
        return
    seen.add(key)
    formula = _parsed(pack.indicator(key).formula or "")
    for name in formula.names:
        if name.startswith(BASIC_PREFIX):
            if name not in inputs:
                inputs.append(name)
            continue
        try:
            derived = pack.indicator(name).derived
        except KeyError:
            derived = False
        if derived:
            _expand(pack, name, steps, inputs, seen)
        elif name not in inputs:
            inputs.append(name)
    steps.append((key, formula))


def _row_formula(label: Text) -> Text:
    return t(f"指标数据表“{label.zh}”一行", f"the '{label.en}' row of the indicators sheet")
