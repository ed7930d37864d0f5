"""The formatter protocol and helpers shared by several formats."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from clusterctl.diagnostics import Finding, Severity
from clusterctl.diagnostics.order import sorted_findings  # the formats' order, the spool's too
from clusterctl.reports.safe_cell import SURROGATE, readable

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult
    from clusterctl.evaluation.model import CriterionResult
    from clusterctl.i18n import Lang
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext


def json_text(data: object, **options: object) -> str:
    """``json.dumps(data, ensure_ascii=False, **options)`` that is always valid UTF-8.

    A file name that is not valid in the file system's encoding (say GBK bytes on a UTF-8
    system) reaches Python as lone surrogates, which stdout would write back as those raw
    bytes. Each is written as its ``\\uXXXX`` escape instead, which a JSON reader turns back
    into the same string (and ``os.fsencode`` into the file's real name)."""
    text = json.dumps(data, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def finite(value: object) -> object:
    """``value`` with NaN and infinities replaced by None, recursively (JSON has no NaN)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


class Formatter(Protocol):
    name: str
    machine: bool  # output for programs: nothing else may go to the same stream

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str: ...

    def write(self, reports: Iterable[FileReport], ctx: RenderContext, out: TextIO) -> None: ...


class BatchFormatter(Formatter, Protocol):
    """A format that also writes a whole screened batch (``screen``): ``json``."""

    def write_batch(self, result: BatchResult, out: TextIO) -> None: ...


class WholeDocument:
    """A format that needs every report before it can write (JSON, SARIF, JUnit)."""

    name = ""
    machine = True

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        raise NotImplementedError

    def write(self, reports: Iterable[FileReport], ctx: RenderContext, out: TextIO) -> None:
        out.write(self.render(list(reports), ctx))


class Streaming:
    """A format written one report at a time (human, concise, json-lines, github)."""

    name = ""
    machine = False

    def render_one(self, report: FileReport, ctx: RenderContext) -> str:
        raise NotImplementedError

    def render_end(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        return ""

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        return "".join(self.render_one(r, ctx) for r in reports) + self.render_end(reports, ctx)

    def write(self, reports: Iterable[FileReport], ctx: RenderContext, out: TextIO) -> None:
        seen = []
        for report in reports:
            out.write(self.render_one(report, ctx))
            out.flush()
            seen.append(report)
        out.write(self.render_end(seen, ctx))


def shown_findings(report: FileReport, ctx: RenderContext) -> list[Finding]:
    """Findings a human-facing format lists: info only with ``--verbose``."""
    return [
        f for f in sorted_findings(report.findings) if ctx.verbose or f.level is not Severity.INFO
    ]


def finding_text(finding: Finding, lang: Lang, hint_sep: str = "\n") -> str:
    """``Sheet!B7: message`` and, after ``hint_sep``, the hint: one finding as plain text."""
    ref = finding.location.ref()
    message = finding.message(lang)
    text = f"{ref}: {message}" if ref else message
    hint = finding.hint(lang)
    return f"{text}{hint_sep}{hint}" if hint else text


def clean(text: object) -> str:
    """Untrusted text made safe for a terminal or a one-line format: control characters (escape
    sequences, newlines, bidi overrides) become visible escapes; undecodable bytes in a file
    name are shown as :func:`~clusterctl.reports.safe_cell.readable` shows them."""
    out = []
    for ch in readable(str(text)):
        cat = unicodedata.category(ch)
        if cat == "Cc" or (cat == "Cf" and ch in _BIDI):
            out.append(" " if ch in "\n\r\t" else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def number(value: float | None) -> str:
    """A number as people write it: no trailing zeros, at most two decimals."""
    if value is None:
        return "—"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def with_unit(value: float | None, unit: str | None) -> str:
    text = number(value)
    if value is None or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


_OP_SYMBOLS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def requirement(result: CriterionResult) -> str:
    """``> 70%`` for a thresholded result, ``""`` otherwise."""
    if result.threshold is None or result.op is None:
        return ""
    return f"{_OP_SYMBOLS.get(result.op, result.op)} {with_unit(result.threshold, result.unit)}"
