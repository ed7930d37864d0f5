"""The criterion kinds: one rule module each (``rules/<kind>.py``) declaring its keys (``KEYS``)
and evaluating it (``evaluate``); its docstring is its documentation (``clusterctl rule``)."""

from __future__ import annotations

from types import ModuleType

from clusterctl.criteria.keys import Key
from clusterctl.criteria.model import Kind
from clusterctl.evaluation.rules import (
    conditional,
    count,
    declaration,
    qualitative,
    threshold,
    trend,
)

MODULES: dict[Kind, ModuleType] = {
    m.KIND: m for m in (threshold, count, trend, conditional, qualitative, declaration)
}


def keys_of(kind: Kind | str) -> tuple[Key, ...]:
    """The keys a criterion of this kind has beyond the common ones."""
    return MODULES[Kind(kind)].KEYS


def doc_of(kind: Kind | str) -> str:
    """The kind's documentation: its rule module's docstring."""
    return (MODULES[Kind(kind)].__doc__ or "").strip()
