"""Re-screening: an earlier summary read back and compared with this batch
(``clusterctl screen DIR -o new.xlsx --baseline previous-summary.xlsx``).

The earlier summary is read by its sheets' names and headers, Chinese or English (the labels the
summary writes: ``reports/summary_context.py``, ``summary_columns.py``): 运行信息 (every input's
path and SHA-256), 汇总 (rank, verdict, score), 指标矩阵 (each criterion's status) and 问题明细 (the
errors and warnings, by file, sheet, cell and code). An application is matched by its path, else
by its file name, and is **new** (not in the baseline), **changed** (its SHA-256 differs),
**unchanged** or **withdrawn** (only in the baseline). Its findings get SARIF's
``baselineState``: **new**, **unchanged** (same code, sheet, cell and message), **updated** (same
code, sheet and cell, another message) or **absent** (fixed: only in the baseline).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from clusterctl.evaluation.model import Status, Verdict
from clusterctl.i18n import t
from clusterctl.workbook.limits import Limits

STATES = ("new", "changed", "unchanged", "withdrawn")
FINDING_STATES = ("new", "unchanged", "updated", "absent")


class BaselineError(Exception):
    """The file is not a summary we can compare with (a usage error: zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.text = t(zh, en)


@dataclass(slots=True)
class OldFile:
    path: str
    sha256: str | None = None
    rank: int | None = None
    verdict: str | None = None  # the label as written
    score: float | None = None
    statuses: dict[str, str] = field(default_factory=dict)  # code -> status value
    findings: dict[tuple[str, str, str], str] = field(default_factory=dict)  # key -> message


@dataclass(slots=True)
class Baseline:
    path: str
    lang: str
    files: list[OldFile]

    def find(self, path: str) -> OldFile | None:
        for old in self.files:
            if old.path == path:
                return old
        name = _name(path)
        named = [o for o in self.files if _name(o.path) == name]
        return named[0] if len(named) == 1 else None


def _name(path: str) -> str:
    return os.path.basename(str(path).replace("\\", "/"))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_baseline(path: str, limits: Limits | None = None) -> Baseline:
    """The earlier summary's files; :class:`BaselineError` when it is not one."""
    from python_calamine import CalamineWorkbook

    from clusterctl.reports.summary_context import SHEET_NAMES
    from clusterctl.reports.summary_xlsx import is_our_summary
    from clusterctl.workbook.preflight import check_file

    limits = limits or Limits()
    if not os.path.isfile(path):
        raise BaselineError(f"找不到基线汇总表：{path}", f"no such baseline summary: {path}")
    checked = check_file(path, limits)
    if checked.fatal or checked.package is None or not is_our_summary(path):
        raise BaselineError(
            f"{path} 不是 clusterctl screen 生成的汇总表，无法比较",
            f"{path} is not a summary written by clusterctl screen: cannot compare",
        )
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(checked.package))
        names = set(wb.sheet_names)
        lang = "zh" if SHEET_NAMES["run"].zh in names else "en"

        def grid(key: str) -> list[list[Any]]:
            name = SHEET_NAMES[key].get(lang)
            if name not in names:
                return []
            sheet = wb.get_sheet_by_name(name)
            end = sheet.end
            if end and (end[0] + 1) * (end[1] + 1) > limits.max_cells:
                raise BaselineError(f"工作表“{name}”过大", f"the sheet '{name}' is too large")
            return sheet.to_python(skip_empty_area=False)

        files = _inputs(grid("run"))
        _summary(grid("summary"), files, lang)
        _matrix(grid("matrix"), files, lang)
        _findings(grid("findings"), files, lang)
    except BaselineError:
        raise
    except Exception as exc:  # calamine's own errors, a layout we did not write
        raise BaselineError(
            f"无法读取基线汇总表 {path}：{type(exc).__name__}", f"cannot read {path}: {exc}"[:300]
        ) from None
    return Baseline(path, lang, list(files.values()))


def _inputs(rows: list[list[Any]]) -> dict[str, OldFile]:
    from clusterctl.reports.summary_sheets import L

    heads = {L["index"].zh, L["index"].en}
    files: dict[str, OldFile] = {}
    start = next((i for i, r in enumerate(rows) if r and _text(r[0]) in heads), None)
    if start is None:
        raise BaselineError("运行信息表中没有输入文件清单", "the run sheet lists no inputs")
    for row in rows[start + 1 :]:
        if not row or _text(row[0]) is None or len(row) < 3:
            break
        path = _text(row[1])
        if path:
            files[path] = OldFile(path, _text(row[2]))
    return files


def _by_name(files: dict[str, OldFile]) -> dict[str, OldFile]:
    return {_name(p): f for p, f in files.items()}


def _header(row: list[Any], *keys: str) -> dict[str, int]:
    from clusterctl.reports.summary_columns import H

    found = {}
    for key in keys:
        texts = {H[key].zh, H[key].en}
        for c, value in enumerate(row):
            if _text(value) in texts:
                found[key] = c
                break
    return found


def _summary(rows: list[list[Any]], files: dict[str, OldFile], lang: str) -> None:
    if not rows:
        return
    cols = _header(rows[0], "rank", "file", "verdict", "score")
    named = _by_name(files)
    for row in rows[1:]:
        old = named.get(_text(row[cols["file"]]) or "") if "file" in cols else None
        if old is None:
            continue
        rank = row[cols["rank"]] if "rank" in cols else None
        old.rank = int(rank) if isinstance(rank, int | float) else None
        old.verdict = _verdict(_text(row[cols["verdict"]])) if "verdict" in cols else None
        score = row[cols["score"]] if "score" in cols else None
        old.score = float(score) if isinstance(score, int | float) else None


def _verdict(label: str | None) -> str | None:
    for verdict in Verdict:
        if label in (verdict.label.zh, verdict.label.en):
            return verdict.value
    return label


def _matrix(rows: list[list[Any]], files: dict[str, OldFile], lang: str) -> None:
    if not rows:
        return
    cols = _header(rows[0], "file")
    statuses = {s.label.zh: s.value for s in Status} | {s.label.en: s.value for s in Status}
    codes = {c: (_text(v) or "").split("\n")[0] for c, v in enumerate(rows[0])}
    named = _by_name(files)
    for row in rows[1:]:
        old = named.get(_text(row[cols["file"]]) or "") if "file" in cols else None
        if old is None:
            continue
        for c, value in enumerate(row):
            status = statuses.get(_text(value) or "")
            if status is not None and codes.get(c):
                old.statuses[codes[c]] = status


def _findings(rows: list[list[Any]], files: dict[str, OldFile], lang: str) -> None:
    from clusterctl.reports.summary_context import L

    if not rows:
        return
    heads = [(c.zh, c.en) for c in L["finding_cols"]]
    index = {}
    for c, value in enumerate(rows[0]):
        for i, pair in enumerate(heads):
            if _text(value) in pair:
                index[i] = c
    if not {1, 2, 3, 4, 6} <= index.keys():
        return
    named = _by_name(files)
    for row in rows[1:]:
        cells = {i: _text(row[c]) if c < len(row) else None for i, c in index.items()}
        old = named.get(cells[1] or "")
        code = cells[4]
        if old is None or code is None:
            continue
        old.findings[(code, cells[2] or "", cells[3] or "")] = cells[6] or ""


# ------------------------------------------------------------------ comparison


@dataclass(slots=True)
class Change:
    """One application compared with the baseline."""

    path: str
    state: str  # STATES
    old: OldFile | None
    rank: int | None = None
    verdict: str | None = None
    score: float | None = None
    findings: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # state -> keys
    criteria: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def state_of(self, finding: dict[str, Any]) -> str | None:
        """A current finding's ``baselineState`` (None for an info finding)."""
        if finding.get("severity") == "info":
            return None
        key = finding_key(finding)
        for state in ("new", "updated", "unchanged"):
            if key in self.findings.get(state, ()):
                return state
        return "new"

    def to_dict(self) -> dict[str, Any]:
        old = self.old
        return {
            "state": self.state,
            "previous": None
            if old is None
            else {"rank": old.rank, "verdict": old.verdict, "score": old.score},
            "verdict_changed": old is not None and old.verdict != self.verdict,
            "rank_changed": old is not None and old.rank != self.rank,
            "findings": {
                k: [{"code": c, "sheet": s or None, "cell": x or None} for c, s, x in v]
                for k, v in self.findings.items()
            },
            "criteria": [{"code": c, "old": o, "new": n} for c, o, n in self.criteria],
        }


def finding_key(finding: dict[str, Any]) -> tuple[str, str, str]:
    return (str(finding.get("code")), finding.get("sheet") or "", finding.get("cell") or "")


def compare(baseline: Baseline, rows: Iterable[Any], findings_of: Any, lang: str) -> list[Change]:
    """Every application of the batch and of the baseline, compared; ``findings_of(row)``:
    the row's errors and warnings as dicts (code, sheet, cell, message)."""
    changes: list[Change] = []
    seen: set[int] = set()
    same_lang = baseline.lang == lang
    for row in rows:
        old = baseline.find(row.path)
        now = {
            finding_key(f): str(f.get("message") or "")
            for f in findings_of(row)
            if f.get("severity") != "info"
        }
        if old is None:
            state = "new"
        else:
            seen.add(id(old))
            state = "unchanged" if old.sha256 and old.sha256 == row.sha256 else "changed"
        change = Change(row.path, state, old, row.rank, row.verdict.value, row.score)
        before = old.findings if old is not None else {}
        buckets: dict[str, list[tuple[str, str, str]]] = {s: [] for s in FINDING_STATES}
        for key, message in now.items():
            if key not in before:
                buckets["new"].append(key)
            elif same_lang and before[key] != message:
                buckets["updated"].append(key)
            else:
                buckets["unchanged"].append(key)
        buckets["absent"] = [k for k in before if k not in now]
        change.findings = buckets
        if old is not None:
            for code, status in row.statuses.items():
                was = old.statuses.get(code)
                if was is not None and was != status.value:
                    change.criteria.append((code, was, status.value))
        changes.append(change)
    for old in baseline.files:
        if id(old) not in seen:
            gone = Change(old.path, "withdrawn", old)
            gone.findings = {s: [] for s in FINDING_STATES}
            gone.findings["absent"] = list(old.findings)
            changes.append(gone)
    return changes
