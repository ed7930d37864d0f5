"""The registry of finding types.

Each concern declares its own codes in a ``codes_*`` module next to this one with :func:`define`;
:func:`all_types` imports every catalogue so that listings (``clusterctl rule``, SARIF rules) are
complete. Criterion results of a criteria pack are reported under the criterion's own code (see
:mod:`clusterctl.evaluation.findings`), not registered here.

Code prefixes: ``F`` file and format (cannot be read as an application), ``S`` workbook
structure, ``V`` cell values, ``X`` consistency checks across fields, ``B`` checks across a batch,
``T`` monitoring targets (``clusterctl targets``), ``R`` expert review and re-screening,
``L`` lifecycle filings (annual reports, re-reviews).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from clusterctl.diagnostics.severity import Severity
from clusterctl.i18n import Text

CATALOGUES = (
    "clusterctl.diagnostics.codes_file",
    "clusterctl.diagnostics.codes_workbook",
    "clusterctl.diagnostics.codes_values",
    "clusterctl.diagnostics.codes_batch",
    "clusterctl.diagnostics.codes_targets",
    "clusterctl.diagnostics.codes_review",
    "clusterctl.diagnostics.codes_lifecycle",
    "clusterctl.diagnostics.codes_monitor",
)


@dataclass(frozen=True, slots=True)
class FindingType:
    """An error type as data."""

    code: str
    name: str  # kebab-case, readable, stable
    severity: Severity
    title: Text
    message: Text  # str.format template over the finding's params
    hint: Text | None = None  # how to fix it
    description: Text | None = None  # longer explanation for `clusterctl rule`
    fatal: bool = False  # the file cannot be evaluated at all (F codes)


_TYPES: dict[str, FindingType] = {}
_BY_NAME: dict[str, str] = {}
_loaded = False


def define(
    code: str,
    name: str,
    severity: Severity,
    title: Text,
    message: Text,
    hint: Text | None = None,
    description: Text | None = None,
    *,
    fatal: bool = False,
) -> FindingType:
    """Register a finding type; a code is defined once and never reused."""
    if code in _TYPES:
        raise ValueError(f"finding code {code} defined twice")
    if name in _BY_NAME:
        raise ValueError(f"finding name {name} defined twice")
    ftype = FindingType(code, name, severity, title, message, hint, description, fatal)
    _TYPES[code] = ftype
    _BY_NAME[name] = code
    return ftype


def _load_all() -> None:
    global _loaded
    if not _loaded:
        for module in CATALOGUES:
            importlib.import_module(module)
        _loaded = True


def get_type(code_or_name: str) -> FindingType:
    """Look a type up by code (``V101``) or name (``number-unreadable``)."""
    if code_or_name not in _TYPES:
        _load_all()
    code = _BY_NAME.get(code_or_name, code_or_name)
    try:
        return _TYPES[code.upper()]
    except KeyError:
        raise KeyError(code_or_name) from None


def all_types() -> list[FindingType]:
    _load_all()
    return sorted(_TYPES.values(), key=lambda ft: ft.code)
