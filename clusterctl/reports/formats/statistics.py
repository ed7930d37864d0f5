"""``--statistics``: counts per finding code, most frequent first (like ``ruff --statistics``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from clusterctl.reports.formats.base import clean

if TYPE_CHECKING:
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext


def statistics_rows(reports: Sequence[FileReport]) -> list[tuple[int, str, str, str]]:
    """(count, code, level, kebab name) per code, most frequent first, then by code."""
    counts: Counter[str] = Counter()
    first = {}
    for report in reports:
        for f in report.findings:
            counts[f.code] += 1
            first.setdefault(f.code, f)
    rows = [(n, code, first[code].level.value, first[code].type.name) for code, n in counts.items()]
    return sorted(rows, key=lambda row: (-row[0], row[1]))


def render_statistics(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    rows = statistics_rows(reports)
    if not rows:
        return ""
    width = max(len(str(n)) for n, *_ in rows)
    first = {}
    for report in reports:
        for f in report.findings:
            first.setdefault(f.code, f)
    lines = []
    for n, code, level, name in rows:
        title = clean(first[code].type.title.get(ctx.lang))
        lines.append(f"{n:>{width}}  {code:<6} [{level}] {name}  {title}")
    return "\n".join(lines) + "\n"
