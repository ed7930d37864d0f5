"""The criterion kinds: one rule module each (``rules/<kind>.py``) declaring its keys (``KEYS``,
beyond those every criterion has), a one-line title (``TITLE``) and evaluating it
(``evaluate``); its docstring is its documentation (``clusterctl rule KIND``). The pack schema
(:mod:`clusterctl.evaluation.pack_schema`) and ``clusterctl rule`` read them from here."""

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
from clusterctl.i18n import Text

MODULES: dict[Kind, ModuleType] = {
    m.KIND: m for m in (threshold, count, trend, conditional, qualitative, declaration)
}


def keys_of(kind: Kind | str) -> tuple[Key, ...]:
    """The keys a criterion of this kind has beyond the common ones."""
    return MODULES[Kind(kind)].KEYS


def doc_of(kind: Kind | str) -> str:
    """The kind's documentation: its rule module's docstring."""
    return (MODULES[Kind(kind)].__doc__ or "").strip()


def title_of(kind: Kind | str) -> Text:
    return MODULES[Kind(kind)].TITLE
