"""One module per criterion kind; each module's docstring is its user documentation (shown by
``clusterctl rule``) and each exposes ``evaluate(criterion, app, ctx) -> CriterionResult``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from clusterctl.criteria.model import Pack
from clusterctl.workbook.model import Application

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may need beyond the criterion and the application."""

    pack: Pack
    memo: dict[Any, tuple[Application, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def per_app(self, app: Application, key: Any, compute: Callable[[Application], T]) -> T:
        """``compute(app)``, remembered for ``app``: the criteria of one evaluation share what
        depends only on the application (its year slots, a metric's series, the roster's
        firms). The answer is shared: do not change it."""
        found = self.memo.get(key)
        if found is not None and found[0] is app:
            return found[1]
        value = compute(app)
        self.memo[key] = (app, value)
        return value
