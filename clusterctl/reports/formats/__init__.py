"""The output-format registry: a name maps to a formatter object.

Every formatter has ``render(reports, ctx) -> str`` and ``write(reports, ctx, out)`` (which
streams where the format allows it); ``machine`` says whether the output is for programs (stdout
then carries nothing else). ``check`` and ``screen`` both render through this registry::

    from clusterctl.reports.formats import RenderContext, get_formatter

    text = get_formatter("sarif").render(reports, RenderContext(lang="en"))

A format that can also write a whole screened batch (``screen --format json``) has
``write_batch(result, out)`` (:class:`~clusterctl.reports.formats.base.BatchFormatter`);
:func:`batch_formatter` gives it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from clusterctl.reports.formats.context import RenderContext

if TYPE_CHECKING:
    from clusterctl.reports.formats.base import BatchFormatter, Formatter

# name -> module defining FORMATTER; modules are imported on first use only.
_MODULES: dict[str, str] = {
    "human": "clusterctl.reports.formats.human",
    "concise": "clusterctl.reports.formats.concise",
    "json": "clusterctl.reports.formats.json_format",
    "json-lines": "clusterctl.reports.formats.jsonl",
    "sarif": "clusterctl.reports.formats.sarif_batch",  # sarif's formatter, with write_batch
    "junit": "clusterctl.reports.formats.junit",
    "github": "clusterctl.reports.formats.github",
}
FORMAT_NAMES: tuple[str, ...] = tuple(_MODULES)


def get_formatter(name: str) -> Formatter:
    """The formatter registered under ``name``; ``LookupError`` lists the choices."""
    try:
        module = _MODULES[name]
    except KeyError:
        raise LookupError(
            f"unknown output format {name!r}; choose one of: {', '.join(FORMAT_NAMES)}"
        ) from None
    return importlib.import_module(module).FORMATTER


def batch_formatter(name: str) -> BatchFormatter:
    """The formatter ``name`` when it also writes a screened batch (``write_batch``:
    ``screen``); ``LookupError`` otherwise."""
    formatter = get_formatter(name)
    if not callable(getattr(formatter, "write_batch", None)):
        raise LookupError(f"the output format {name!r} does not write a screened batch")
    return formatter  # type: ignore[return-value]


__all__ = ["FORMAT_NAMES", "RenderContext", "batch_formatter", "get_formatter"]
