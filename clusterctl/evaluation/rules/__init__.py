"""One module per criterion kind; each module's docstring is its user documentation (shown by
``clusterctl rule``) and each exposes ``evaluate(criterion, app, ctx) -> CriterionResult``."""

from __future__ import annotations

from dataclasses import dataclass

from clusterctl.criteria.model import Pack


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may need beyond the criterion and the application."""

    pack: Pack
