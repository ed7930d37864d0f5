"""The batch as a table: one compact row per input file, the ranking, and the pandas DataFrames
the summary workbook, the overview and ``--format json`` are built from.

A :class:`FileRow` keeps what the summary needs of a :class:`~clusterctl.report.FileReport` (a
few facts, key indicators, one status per criterion) and nothing else: the findings themselves
are spooled to disk (:class:`clusterctl.batch.run.FindingSpool`), so 10,000 files fit in flat
memory.

Ranking (documented in docs/screening.md): eligible first, then incomplete, then ineligible,
then unreadable; within a group by score, highest first (no score last); ties by file name
(case-insensitive), then by the full path.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.diagnostics import Location, Severity
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.i18n import Lang, Text, t
from clusterctl.workbook.summary import TEXT_FACTS

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.criteria.model import Pack
    from clusterctl.report import FileReport

VERDICT_ORDER = {
    Verdict.ELIGIBLE: 0,
    Verdict.INCOMPLETE: 1,
    Verdict.INELIGIBLE: 2,
    Verdict.UNREADABLE: 3,
}


@dataclass(frozen=True, slots=True)
class KeyIndicator:
    key: str
    label: Text
    unit: str
    metric: str
    growth: bool = False  # the criterion's value (a CAGR) rather than the latest year


KEY_INDICATORS: tuple[KeyIndicator, ...] = (
    KeyIndicator(
        "total_output", t("最近年度总产值", "Latest total output"), "亿元", "total_output"
    ),
    KeyIndicator("sme_share", t("中小企业产值占比", "SME share"), "%", "sme_share"),
    KeyIndicator(
        "leading_share", t("主导产业占比", "Leading-industry share"), "%", "leading_share"
    ),
    KeyIndicator(
        "output_growth", t("产值年均增速", "Output growth (CAGR)"), "%", "total_output", growth=True
    ),
    KeyIndicator(
        "rd_growth", t("研发经费年均增速", "R&D growth (CAGR)"), "%", "sme_rd_spending", growth=True
    ),
    KeyIndicator(
        "patents_per_10k",
        t("每万人发明专利", "Patents per 10k people"),
        "件/万人",
        "patents_per_10k",
    ),
    KeyIndicator(
        "platform_rate", t("工业互联网普及率", "Platform penetration"), "%", "platform_rate"
    ),
    KeyIndicator("area_km2", t("占地面积", "Area"), "km²", "area_km2"),
)


# Facts whose values repeat across a batch: one shared string per distinct value.
SHARED_FACTS = frozenset(
    {"province", "city", "district", "division_code", "leading_industry", "niche"}
)
_STATUS_LIST = tuple(Status)
_STATUS_INDEX = {s: i for i, s in enumerate(_STATUS_LIST)}
_CODE_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


class StatusMap(Mapping):
    """Criterion code -> :class:`Status` in ~100 bytes: the codes are one tuple shared by every
    file evaluated on the same criteria, the statuses one byte each."""

    __slots__ = ("_codes", "_values")

    def __init__(self, items: Iterable[tuple[str, Status]] = ()) -> None:
        pairs = dict(items)
        codes = tuple(sys.intern(str(c)) for c in pairs)
        self._codes = _CODE_TUPLES.setdefault(codes, codes)
        self._values = bytes(_STATUS_INDEX[Status(v)] for v in pairs.values())

    def __getitem__(self, code: str) -> Status:
        try:
            return _STATUS_LIST[self._values[self._codes.index(code)]]
        except ValueError:
            raise KeyError(code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def items(self):  # type: ignore[override]
        return zip(self._codes, (_STATUS_LIST[v] for v in self._values), strict=True)

    def __repr__(self) -> str:
        return f"StatusMap({dict(self.items())!r})"


@dataclass(slots=True)
class FileRow:
    """What the batch keeps of one file."""

    index: int  # position in the input order
    path: str
    sha256: str | None
    size: int | None
    verdict: Verdict
    score: float | None
    pack_id: str | None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    reason: str | None = None  # why the file could not be evaluated (unreadable)
    facts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Location] = field(default_factory=dict)  # fact key -> its cell
    indicators: dict[str, float] = field(default_factory=dict)
    # criterion code -> status (a dict, or a compact StatusMap in a batch)
    statuses: Mapping[str, Status] = field(default_factory=dict)
    fails: bool = True  # makes the run exit 1
    seconds: float | None = None
    rank: int = 0

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def __getstate__(self) -> tuple:
        """Compact state for the spool (read back many times per run): the cells as plain
        tuples rather than :class:`Location` dataclasses, which are slow to unpickle."""
        cells = {
            k: tuple(getattr(loc, f) for f in _LOCATION_FIELDS) for k, loc in self.cells.items()
        }
        return tuple(cells if name == "cells" else getattr(self, name) for name in _ROW_FIELDS)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(_ROW_FIELDS, state, strict=True):
            if name == "cells":
                value = {k: Location(*loc) for k, loc in value.items()}
            object.__setattr__(self, name, value)

    def count(self, severity: Severity) -> None:
        if severity is Severity.ERROR:
            self.errors += 1
        elif severity is Severity.WARNING:
            self.warnings += 1
        else:
            self.infos += 1


_ROW_FIELDS = tuple(f.name for f in fields(FileRow))
_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _facts(summary: dict[str, Any]) -> dict[str, str]:
    """Basic facts from a report's summary (flat, or under ``basic``)."""
    nested = summary.get("basic") if isinstance(summary.get("basic"), dict) else {}
    facts = {}
    for key in TEXT_FACTS:  # kept per file: the batch checks and the 汇总 sheet
        value = _text(summary.get(key, nested.get(key)))
        if value is not None:
            facts[key] = sys.intern(value) if key in SHARED_FACTS else value
    return facts


def _cells(report: FileReport) -> dict[str, Location]:
    """Where each fact sits: ``report.cells`` (``basic.<key>``) when the pipeline recorded it."""
    found: dict[str, Location] = {}
    sources = [getattr(report, "cells", None), report.summary.get("cells")]
    for source in sources:
        if not isinstance(source, dict):
            continue
        for key in TEXT_FACTS:  # kept per file: the batch checks and the 汇总 sheet
            loc = source.get(f"basic.{key}", source.get(key))
            if isinstance(loc, Location) and key not in found:
                found[key] = _shared(loc, report.path)
    return found


def _shared(loc: Location, path: str) -> Location:
    """The same location with its texts shared (the file as the row's path when equal)."""
    return Location(
        path if loc.file == path else loc.file,
        sys.intern(loc.sheet) if loc.sheet else loc.sheet,
        loc.row,
        loc.col,
        sys.intern(loc.field) if loc.field else loc.field,
    )


def _latest(per_year: dict[int, float | None]) -> float | None:
    for year in sorted(per_year, reverse=True):
        if per_year[year] is not None:
            return per_year[year]
    return None


def _indicators(report: FileReport, pack: Pack | None) -> dict[str, float]:
    """Key indicators from the criterion results (by the metric each criterion reads)."""
    values: dict[str, float] = {}
    given = report.summary.get("indicators")
    if isinstance(given, dict):
        for ki in KEY_INDICATORS:
            value = given.get(ki.key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                values[ki.key] = float(value)
    if report.evaluation is None or pack is None:
        return values
    metric_of = {c.code: (c.metric, c.years.value if c.years else None) for c in pack.criteria}
    for result in report.evaluation.results:
        metric, years = metric_of.get(result.code, (None, None))
        if metric is None:
            continue
        for ki in KEY_INDICATORS:
            if ki.key in values or ki.metric != metric:
                continue
            if ki.growth:
                if years == "cagr" and result.value is not None:
                    values[ki.key] = float(result.value)
            else:
                latest = _latest(result.per_year) if years != "cagr" else None
                if latest is None and years != "cagr":
                    latest = result.value
                if latest is not None:
                    values[ki.key] = float(latest)
    return values


def _reason(report: FileReport, lang: Lang) -> str | None:
    if report.evaluation is not None:
        return None
    fatal = [f for f in report.findings if f.level is Severity.ERROR] or report.findings
    if not fatal:
        return None
    try:
        return fatal[0].message(lang)
    except Exception:  # an unknown code: still say something
        return fatal[0].code


def row_from_report(
    report: FileReport, index: int, pack: Pack | None, lang: Lang, fails: bool
) -> FileRow:
    """The compact row of one (already configured) report."""
    row = FileRow(
        index=index,
        path=report.path,
        sha256=report.sha256,
        size=report.size,
        verdict=report.verdict,
        score=report.score,
        pack_id=report.pack_id or (report.evaluation.pack_id if report.evaluation else None),
        reason=_reason(report, lang),
        facts=_facts(report.summary),
        cells=_cells(report),
        indicators=_indicators(report, pack),
        fails=fails,
        seconds=report.seconds,
    )
    for finding in report.findings:
        row.count(finding.level)
    if report.evaluation is not None:
        row.statuses = StatusMap((r.code, r.status) for r in report.evaluation.results)
    return row


def rank_key(row: FileRow) -> tuple:
    score = row.score if row.score is not None else float("-inf")
    return (VERDICT_ORDER[row.verdict], -score, row.name.casefold(), row.path)


def rank_rows(rows: list[FileRow]) -> list[FileRow]:
    """Sort in place by :func:`rank_key` and number the ranks from 1; returns ``rows``."""
    rows.sort(key=rank_key)
    for rank, row in enumerate(rows, 1):
        row.rank = rank
    return rows


# ---------------------------------------------------------------- DataFrames for the summary

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


def verdict_counts(rows: Iterable[FileRow]) -> dict[Verdict, int]:
    counts = Counter(r.verdict for r in rows)
    return {v: counts.get(v, 0) for v in Verdict}


def most_failed(rows: Iterable[FileRow], top: int = 5) -> list[tuple[str, int]]:
    """Criteria most often not met, with how many files failed each."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(code for code, s in row.statuses.items() if s is Status.NOT_MET)
    return counts.most_common(top)


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


# ---------------------------------------------------------------- --format json

JSON_KIND = "clusterctl-screen"


def row_record(row: FileRow, lang: Lang) -> dict[str, Any]:
    """A file's JSON record built from its row (when the json format gave none)."""
    return {
        "path": row.path,
        "sha256": row.sha256,
        "size": row.size,
        "pack_id": row.pack_id,
        "readable": row.verdict is not Verdict.UNREADABLE,
        "verdict": row.verdict.value,
        "verdict_label": row.verdict.label.get(lang),
        "score": row.score,
        "criteria": [{"code": c, "status": s.value} for c, s in row.statuses.items()],
        "findings": [],
        "counts": {"error": 0, "warning": 0, "info": 0},
    }


def batch_records(result: Any) -> Iterable[dict[str, Any]]:
    """Every file's JSON record in rank order: the ``json`` format's file object (so ``check``
    and ``screen`` agree) plus ``rank``, ``facts``, ``key_indicators`` and the batch findings."""
    for row in result.rows:
        record = result.spool.file_data(row.index)
        if record is None:
            record = row_record(row, result.lang)
            added = list(result.spool.of(row.index))
        else:
            added = [
                f for f in result.spool.of(row.index) if str(f.get("code", "")).startswith("B")
            ]
        record["findings"] = [*record.get("findings", []), *added]
        counts = record.setdefault("counts", {})
        for finding in added:
            level = finding.get("severity", "error")
            counts[level] = counts.get(level, 0) + 1
        record["rank"] = row.rank
        record["facts"] = dict(row.facts)
        record["key_indicators"] = dict(row.indicators)
        yield record


def write_batch_json(result: Any, out: Any) -> None:
    """``screen --format json``: one JSON document, streamed file by file."""
    import json

    from clusterctl import __version__
    from clusterctl.reports.formats.base import json_text
    from clusterctl.reports.formats.json_format import finite

    def dumps(value: Any) -> str:
        return json_text(finite(value), allow_nan=False)

    pack = result.pack
    head = {
        "schema_version": 1,
        "kind": JSON_KIND,
        "tool": {"name": "clusterctl", "version": __version__},
        "lang": result.lang,
        "pack_id": pack.id if pack else None,
        "quota": result.quota,
        "skipped": [{"path": s.path, "reason": s.message(result.lang)} for s in result.skipped],
    }
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {json.dumps(key)}: {dumps(value)},\n")
    out.write('  "files": [')
    for i, record in enumerate(batch_records(result)):
        out.write(("," if i else "") + "\n    " + dumps(record))
    out.write("\n  ],\n")
    totals = {
        "files": len(result.rows),
        "verdicts": {v.value: n for v, n in verdict_counts(result.rows).items()},
        "counts": {
            "error": sum(r.errors for r in result.rows),
            "warning": sum(r.warnings for r in result.rows),
            "info": sum(r.infos for r in result.rows),
        },
        "batch_findings": dict(result.batch_findings),
        "most_failed": [{"code": c, "files": n} for c, n in most_failed(result.rows)],
    }
    out.write(f'  "totals": {dumps(totals)}\n}}\n')
