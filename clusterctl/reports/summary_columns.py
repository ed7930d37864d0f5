"""The columns of the summary's row sheets: the headers of every summary table (:data:`H`), and
one file's values on 汇总 and 指标矩阵, from its :class:`~clusterctl.batch.rows.FileRow`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from clusterctl.batch.indicators import KEY_INDICATORS
from clusterctl.i18n import Lang, t
from clusterctl.reports.labels import label

if TYPE_CHECKING:
    from clusterctl.batch.rows import FileRow
    from clusterctl.criteria.model import Pack

H = {
    "rank": t("排名", "Rank"),
    "file": t("文件", "File"),
    "cluster": t("集群名称", "Cluster"),
    "province": t("省份", "Province"),
    "district": t("区（县）", "District"),
    "leading_industry": t("主导产业", "Leading industry"),
    "niche": t("细分领域", "Niche"),
    "verdict": t("结论", "Verdict"),
    "score": t("得分", "Score"),
    "provisional": t("其中待专家\n确认（分）", "Of which\nawaiting\nreview (points)"),
    "errors": t("错误", "Err."),
    "warnings": t("警告", "Warn."),
    "reason": t("说明", "Reason"),
    "pack": t("认定标准", "Criteria"),
    "criterion": t("条件编号", "Criterion"),
    "name": t("名称", "Name"),
    "dimension": t("维度", "Dimension"),
    "clause": t("原文条款", "Official clause (Chinese)"),
    "kind": t("类型", "Kind"),
    "op": t("要求", "Requirement"),
    "threshold": t("门槛值", "Threshold"),
    "unit": t("单位", "Unit"),
    "years": t("年度口径", "Years"),
    "severity": t("约束", "Constraint"),
    "weight": t("权重", "Weight"),
    "provenance": t("来源核实", "Provenance"),
    "source_note": t("来源说明", "Source note"),
    "evaluated": t("参评数", "Evaluated"),
    "pass_rate": t("达标率（%，不含待评审）", "Pass rate (%, review excluded)"),
    "review_share": t("待专家评审占比（%）", "Awaiting review (%)"),
    "bin": t("得分区间", "Score range"),
    "count": t("申报数", "Applications"),
    "bin_provisional": t("其中待专家确认（平均分）", "Of which awaiting review (mean points)"),
}
# 汇总's columns in order: the first PRINTED print on a landscape A4 page across
SUMMARY_KEYS = (
    "rank",
    "file",
    "cluster",
    "province",
    "district",
    "leading_industry",
    "niche",
    "verdict",
    "score",
    "provisional",
    "errors",
    "warnings",
    "pack",
    "reason",
)
SUMMARY_WIDEST = (5, 17, 20, 7, 8, 12, 12, 8, 6, 10, 5, 5, 10, 12)  # wider text wraps
PRINTED = len(SUMMARY_KEYS)  # the key indicators follow, on screen only
VERDICT_COLUMN = SUMMARY_KEYS.index("verdict")
FILE_COLUMN = SUMMARY_KEYS.index("file")


def header(key: str, lang: Lang) -> str:
    return H[key].get(lang)


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def pack_name(pack_id: str | None, names: Mapping[str, str] | None) -> str | None:
    """A pack's short name for a cell (``names``: id -> name), else its id."""
    if pack_id is None:
        return None
    return (names or {}).get(pack_id, pack_id)


def summary_values(
    row: FileRow, lang: Lang, pack_names: Mapping[str, str] | None = None
) -> list[Any]:
    """汇总: one file's values, in the order of :func:`summary_columns`."""
    f = row.facts
    values: list[Any] = [
        row.rank,
        row.name,
        f.get("cluster_name"),
        f.get("province"),
        f.get("district"),
        f.get("leading_industry"),
        f.get("niche"),
        row.verdict.label.get(lang),
        _points(row.score),
        None if row.score is None or row.provisional is None else round(row.provisional, 1),
        row.errors,
        row.warnings,
        pack_name(row.pack_id, pack_names),
        row.reason,
    ]
    for ki in KEY_INDICATORS:
        value = row.indicators.get(ki.key)
        values.append(None if value is None else round(value, 2))
    return values


def summary_columns(lang: Lang) -> list[str]:
    columns = [header(k, lang) for k in SUMMARY_KEYS]
    unit = lambda ki: label("unit", ki.unit, lang)  # noqa: E731
    if lang == "en":
        return columns + [f"{ki.label.get(lang)} ({unit(ki)})" for ki in KEY_INDICATORS]
    return columns + [f"{ki.label.get(lang)}（{unit(ki)}）" for ki in KEY_INDICATORS]


def criterion_codes(rows: Iterable[FileRow], pack: Pack | None) -> list[str]:
    """The matrix columns: the pack's criteria in order, then codes only other packs used."""
    codes = [c.code for c in pack.criteria] if pack else []
    known = set(codes)
    extra = sorted({code for row in rows for code in row.statuses} - known)
    return codes + extra


MATRIX_FIXED = ("rank", "file", "cluster", "verdict", "pack")
MATRIX_WIDTHS = (5.0, 18.0, 20.0, 8.0, 10.0)


def matrix_values(
    row: FileRow, lang: Lang, pack_names: Mapping[str, str] | None = None
) -> list[Any]:
    """指标矩阵: the fixed columns of one file (the statuses follow, one per criterion code)."""
    return [
        row.rank,
        row.name,
        row.facts.get("cluster_name"),
        row.verdict.label.get(lang),
        pack_name(row.pack_id, pack_names),
    ]
