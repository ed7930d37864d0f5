"""The summary's table sheets as pandas DataFrames: 统计 (pass rates per criterion, the score
distribution) and 标准 (the pack's criteria and thresholds)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Lang
from clusterctl.reports.summary_columns import header

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.rows import FileRow
    from clusterctl.criteria.model import Pack


def pass_rate_frame(
    rows: Sequence[FileRow], codes: Sequence[str], pack: Pack | None, lang: Lang
) -> pd.DataFrame:
    """统计: per criterion, how many files reached each status and the pass rate (% of the files
    evaluated on it, i.e. readable and the criterion applicable)."""
    pd = load_pandas()

    titles = {c.code: c.title.get(lang) for c in pack.criteria} if pack else {}
    by_code: dict[str, Counter[Status]] = {code: Counter() for code in codes}
    for row in rows:
        for code, status in row.statuses.items():
            if code in by_code:
                by_code[code][status] += 1
    records = []
    for code in codes:
        counts = by_code[code]
        evaluated = sum(n for s, n in counts.items() if s is not Status.NOT_APPLICABLE)
        record: dict[str, Any] = {
            header("criterion", lang): code,
            header("name", lang): titles.get(code, code),
            header("evaluated", lang): evaluated,
        }
        for status in Status:
            record[status.label.get(lang)] = counts.get(status, 0)
        met = counts.get(Status.MET, 0)
        record[header("pass_rate", lang)] = round(100.0 * met / evaluated, 1) if evaluated else None
        records.append(record)
    columns = [header(k, lang) for k in ("criterion", "name", "evaluated")]
    columns += [s.label.get(lang) for s in Status] + [header("pass_rate", lang)]
    return pd.DataFrame.from_records(records, columns=columns)


SCORE_BINS = tuple(range(0, 101, 10))


def score_bins_frame(rows: Sequence[FileRow], lang: Lang) -> pd.DataFrame:
    """统计: score distribution in bins of 10 points ([0,10), …, [90,100])."""
    pd = load_pandas()

    scores = pd.Series([r.score for r in rows if r.score is not None], dtype="float64")
    labels = [f"{lo}–{lo + 10}" for lo in SCORE_BINS[:-1]]
    cut = pd.cut(scores.clip(0, 100), bins=list(SCORE_BINS), labels=labels, right=False)
    # 100 belongs to the last bin
    cut = cut.where(scores < 100, labels[-1])
    counts = cut.value_counts().reindex(labels, fill_value=0)
    return pd.DataFrame({header("bin", lang): labels, header("count", lang): counts.to_list()})


def criteria_frame(pack: Pack | None, lang: Lang) -> pd.DataFrame:
    """标准: every criterion and threshold of the pack, so the summary can be audited alone."""
    pd = load_pandas()

    keys = ["criterion", "name", "dimension", "clause", "kind", "op", "threshold", "unit"]
    keys += ["years", "severity", "weight", "provenance", "source_note"]
    columns = [header(k, lang) for k in keys]
    if pack is None:
        return pd.DataFrame(columns=columns)
    records = []
    for c in pack.criteria:
        records.append(
            [
                c.code,
                f"{c.title.get(lang)} ({c.name})",
                c.dimension.title.get(lang),
                c.clause,
                c.kind.value,
                c.op.symbol if c.op else _count_rules(c),
                c.threshold,
                c.unit,
                c.years.value if c.years else None,
                c.severity.value,
                c.weight,
                c.provenance.value,
                c.source_note,
            ]
        )
    return pd.DataFrame.from_records(records, columns=columns)


def _count_rules(criterion: Any) -> str | None:
    if not criterion.count_rules:
        return None
    parts = []
    for rule in criterion.count_rules:
        scope = " leading" if rule.leading_only else ""
        parts.append(f"≥{rule.minimum} {'/'.join(rule.qualifications)}{scope}")
    return " | ".join(parts)
