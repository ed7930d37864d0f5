"""The summary's table sheets as pandas DataFrames: 统计 (pass rates per criterion, the score
distribution) and 标准 (the pack's criteria and thresholds)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Lang
from clusterctl.reports.labels import comparison, count_rules, label, pack_short
from clusterctl.reports.summary_columns import header

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.rows import FileRow
    from clusterctl.criteria.model import Pack


def pass_rate_frame(
    rows: Sequence[FileRow], codes: Sequence[str], pack: Pack | None, lang: Lang
) -> pd.DataFrame:
    """统计: per criterion, how many files reached each status, the pass rate (% met of the
    files decided on it: evaluated, not awaiting expert review) and the share awaiting review
    (a criterion every file awaits review on has no pass rate: it is not a 0 %)."""
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
        review = counts.get(Status.REVIEW, 0)
        decided = evaluated - review
        record: dict[str, Any] = {
            header("criterion", lang): code,
            header("name", lang): titles.get(code, code),
            header("evaluated", lang): evaluated,
        }
        for status in Status:
            record[status.label.get(lang)] = counts.get(status, 0)
        met = counts.get(Status.MET, 0)
        record[header("pass_rate", lang)] = round(100.0 * met / decided, 1) if decided else None
        share = round(100.0 * review / evaluated, 1) if evaluated else None
        record[header("review_share", lang)] = share
        records.append(record)
    return pd.DataFrame.from_records(records, columns=pass_rate_columns(lang))


def pass_rate_columns(lang: Lang) -> list[str]:
    columns = [header(k, lang) for k in ("criterion", "name", "evaluated")]
    columns += [s.label.get(lang) for s in Status]
    return [*columns, header("pass_rate", lang), header("review_share", lang)]


SCORE_BINS = tuple(range(0, 101, 10))


def score_bins_frame(rows: Sequence[FileRow], lang: Lang) -> pd.DataFrame:
    """统计: score distribution in bins of 10 points ([0,10), …, [90,100]), with the mean of
    the points in each bin that await expert review (counted as met until confirmed)."""
    pd = load_pandas()

    pairs = [(r.score, r.provisional or 0.0) for r in rows if r.score is not None]
    scores = pd.Series([score for score, _ in pairs], dtype="float64")
    provisional = pd.Series([points for _, points in pairs], dtype="float64")
    labels = [f"{lo}–{lo + 10}" for lo in SCORE_BINS[:-1]]
    cut = pd.cut(scores.clip(0, 100), bins=list(SCORE_BINS), labels=labels, right=False)
    # 100 belongs to the last bin
    cut = cut.where(scores < 100, labels[-1])
    counts = cut.value_counts().reindex(labels, fill_value=0)
    means = provisional.groupby(cut, observed=False).mean().reindex(labels).round(1)
    return pd.DataFrame(
        {
            header("bin", lang): labels,
            header("count", lang): counts.to_list(),
            header("bin_provisional", lang): means.to_list(),
        }
    )


def criteria_frame(packs: Sequence[Pack] | Pack | None, lang: Lang) -> pd.DataFrame:
    """标准: every criterion and threshold of every pack used, so the summary can be audited
    alone; every value in words (:mod:`clusterctl.reports.labels`)."""
    pd = load_pandas()

    if packs is None:
        packs = []
    elif not isinstance(packs, Sequence):
        packs = [packs]
    keys = ["pack", "criterion", "name", "dimension", "clause", "kind", "op", "years"]
    keys += ["severity", "weight", "provenance", "source_note"]
    columns = [header(k, lang) for k in keys]
    records = []
    for pack in packs:
        name = pack_short(pack, lang)
        for c in pack.criteria:
            records.append(
                [
                    name,
                    c.code,
                    c.title.get(lang),
                    c.dimension.title.get(lang),  # the pack's own section title
                    c.clause,
                    label("kind", c.kind, lang),
                    requirement(c, lang),
                    label("years", c.years, lang) or None,
                    label("constraint", c.severity, lang),
                    c.weight,
                    label("provenance", c.provenance, lang),
                    c.source_note,
                ]
            )
    return pd.DataFrame.from_records(records, columns=columns)


def requirement(criterion: Any, lang: Lang) -> str | None:
    """The criterion's requirement as the standard words it: ``不低于15%``, or its firm
    counts; none for a criterion judged on evidence."""
    if getattr(criterion, "count_rules", None):
        return count_rules(criterion.count_rules, lang)
    if getattr(criterion, "op", None) is not None:
        return comparison(criterion.op, criterion.threshold, criterion.unit, lang)
    return None
