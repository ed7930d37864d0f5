"""The columns of the summary's row sheets: the headers of every summary table (:data:`H`), and
one file's values on 汇总 and 指标矩阵, from its :class:`~clusterctl.batch.rows.FileRow`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from clusterctl.batch.indicators import KEY_INDICATORS
from clusterctl.i18n import Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.rows import FileRow
    from clusterctl.criteria.model import Pack
    from clusterctl.evaluation.model import Status

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
    "errors": t("错误数", "Errors"),
    "warnings": t("警告数", "Warnings"),
    "reason": t("说明", "Reason"),
    "pack": t("认定标准", "Criteria"),
    "criterion": t("条件编号", "Criterion"),
    "name": t("名称", "Name"),
    "dimension": t("维度", "Dimension"),
    "clause": t("原文条款", "Clause"),
    "kind": t("类型", "Kind"),
    "op": t("比较", "Comparison"),
    "threshold": t("门槛值", "Threshold"),
    "unit": t("单位", "Unit"),
    "years": t("年度口径", "Years"),
    "severity": t("约束", "Severity"),
    "weight": t("权重", "Weight"),
    "provenance": t("来源核实", "Provenance"),
    "source_note": t("来源说明", "Source note"),
    "evaluated": t("参评数", "Evaluated"),
    "pass_rate": t("达标率（%）", "Pass rate (%)"),
    "bin": t("得分区间", "Score range"),
    "count": t("申报数", "Applications"),
}


def header(key: str, lang: Lang) -> str:
    return H[key].get(lang)


def status_label(status: Status | None, lang: Lang) -> str:
    return status.label.get(lang) if status is not None else "—"


def summary_values(row: FileRow, lang: Lang) -> list[Any]:
    """汇总: one file's values, in the order of :func:`summary_columns`."""
    f = row.facts
    values: list[Any] = [
        row.rank,
        row.path,
        f.get("cluster_name"),
        f.get("province"),
        f.get("district"),
        f.get("leading_industry"),
        f.get("niche"),
        row.verdict.label.get(lang),
        None if row.score is None else round(row.score, 2),
        row.errors,
        row.warnings,
    ]
    for ki in KEY_INDICATORS:
        value = row.indicators.get(ki.key)
        values.append(None if value is None else round(value, 2))
    values += [row.pack_id, row.reason]
    return values


def summary_columns(lang: Lang) -> list[str]:
    keys = ["rank", "file", "cluster", "province", "district", "leading_industry", "niche"]
    keys += ["verdict", "score", "errors", "warnings"]
    columns = [header(k, lang) for k in keys]
    columns += [f"{ki.label.get(lang)}（{ki.unit}）" for ki in KEY_INDICATORS]
    return [*columns, header("pack", lang), header("reason", lang)]


def criterion_codes(rows: Iterable[FileRow], pack: Pack | None) -> list[str]:
    """The matrix columns: the pack's criteria in order, then codes only other packs used."""
    codes = [c.code for c in pack.criteria] if pack else []
    known = set(codes)
    extra = sorted({code for row in rows for code in row.statuses} - known)
    return codes + extra


MATRIX_FIXED = ("rank", "file", "cluster", "verdict")


def matrix_values(row: FileRow, lang: Lang) -> list[Any]:
    """指标矩阵: the fixed columns of one file (the statuses follow, one per criterion code)."""
    return [row.rank, row.path, row.facts.get("cluster_name"), row.verdict.label.get(lang)]
