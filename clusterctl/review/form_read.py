"""Review forms read back (``clusterctl screen --expert-scores review-a.xlsx …``).

A form is untrusted input: preflight checks it before any parser runs (size, zip limits,
hostile XML), python-calamine reads the parts preflight passed, a sheet larger than the limits
is not read, and every problem is a finding located in the form (R5xx), never a traceback. A
form is found by its hidden keys (:mod:`.form_write`): the very hidden ``_keys`` sheet names the
batch, the pack and the applications; each row's key in the hidden column A names the
application and the criterion, and the hidden row of column keys names the columns, so sorted,
filtered, re-ordered or re-sized rows and columns read the same. When column A or the key row is
lost, the visible headers and the file-name column are used instead.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.experts import Judgement, grade_of
from clusterctl.review.form_write import COLUMNS, FORM_KIND, FORM_VERSION, KEYS_SHEET, L
from clusterctl.review.model import DEFAULT_SPREAD, ExpertForms, FormApplication
from clusterctl.workbook.limits import Limits

ROW_CODES = frozenset({"R505", "R507"})  # about a form's rows
MAX_CODES = 8  # criteria named in one R505
MAX_TEXT = 2000  # of a comment or a name kept from a form
HEADERS = {head.zh: key for key, head, _ in COLUMNS} | {head.en: key for key, head, _ in COLUMNS}
EXPERT_LABELS = {L["expert"].zh, L["expert"].en}
DATE_LABELS = {L["date"].zh, L["date"].en}


class FormError(Exception):
    """A form that cannot be used at all (R501 or R502 with this reason)."""

    def __init__(self, code: str, reason: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.code, self.reason, self.reason_en = code, reason, reason_en


def read_forms(
    paths: Sequence[str], limits: Limits | None = None, spread: float = DEFAULT_SPREAD
) -> ExpertForms:
    """Every form in ``paths``; a form that cannot be used is a finding and the others go on."""
    forms = ExpertForms(spread=spread)
    for path in paths:
        forms.forms.append(path)
        try:
            read_form(path, limits or Limits(), forms)
        except FormError as exc:
            forms.findings.append(
                Finding(
                    exc.code, Location(path), {"reason": exc.reason, "reason_en": exc.reason_en}
                )
            )
        except Exception as exc:  # an input we did not foresee: one finding
            reason = f"{type(exc).__name__}: {exc}"[:300]
            forms.findings.append(
                Finding("R501", Location(path), {"reason": reason, "reason_en": reason})
            )
    return forms


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date().isoformat() if value.time() == time() else value.isoformat()
    elif isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[:MAX_TEXT] or None


def _open(path: str, limits: Limits) -> Any:
    from python_calamine import CalamineWorkbook

    from clusterctl.workbook.preflight import check_file

    checked = check_file(path, limits)
    if checked.fatal or checked.package is None:
        fatal = [f for f in checked.findings if f.type.fatal] or checked.findings
        reason = fatal[0].message("zh") if fatal else "无法打开"
        raise FormError("R501", reason, fatal[0].message("en") if fatal else "cannot open it")
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(checked.package))
    except Exception as exc:  # calamine's own error types
        raise FormError("R501", f"{type(exc).__name__}: {exc}"[:300], str(exc)[:300]) from None


def _grid(wb: Any, name: str, limits: Limits) -> list[list[Any]]:
    sheet = wb.get_sheet_by_name(name)
    end = sheet.end
    if end and (end[0] + 1) * (end[1] + 1) > limits.max_cells:
        raise FormError("R501", f"工作表“{name}”过大", f"the sheet '{name}' is too large")
    return sheet.to_python(skip_empty_area=False)


def read_form(path: str, limits: Limits, forms: ExpertForms) -> None:
    """One form's applications and judgements into ``forms`` (findings included)."""
    wb = _open(path, limits)
    names = list(wb.sheet_names)
    if KEYS_SHEET not in names:
        raise FormError(
            "R502", "不是 clusterctl 生成的专家评审表", "is not a review form clusterctl wrote"
        )
    keys = _grid(wb, KEYS_SHEET, limits)
    meta = {_text(r[0]): _text(r[1]) for r in keys if len(r) >= 2 and _text(r[0]) != "app"}
    if meta.get("kind") != FORM_KIND:
        raise FormError(
            "R502", "不是 clusterctl 生成的专家评审表", "is not a review form clusterctl wrote"
        )
    if meta.get("version") != FORM_VERSION:
        version = meta.get("version")
        raise FormError("R502", f"版本 {version} 不受支持", f"has an unsupported version {version}")
    apps: dict[str, tuple[str, str | None, str | None]] = {}  # number -> path, sha, pack
    for r in keys:
        if len(r) >= 5 and _text(r[0]) == "app" and _text(r[2]):
            apps[str(_text(r[1]))] = (str(_text(r[2])), _text(r[3]), _text(r[4]))
    by_name = {os.path.basename(p.replace("\\", "/")): n for n, (p, _, _) in apps.items()}
    judged: dict[str, list[Judgement]] = {n: [] for n in apps}
    expert = date = None
    unjudged: dict[str, tuple[str, Location, list[str]]] = {}  # number -> file, first cell, codes
    for name in names:
        if name == KEYS_SHEET:
            continue
        grid = _grid(wb, name, limits)
        columns = _columns(grid)
        if columns is None:
            continue
        expert = expert or _labelled(grid, "#expert", EXPERT_LABELS)
        date = date or _labelled(grid, "#date", DATE_LABELS)
        header_row = columns.pop("#row")
        for r, row in enumerate(grid[header_row + 1 :], header_row + 2):
            _judgement(path, name, r, row, columns, by_name, judged, forms, unjudged)
    for file, where, codes in unjudged.values():  # one finding per application: what is left
        more = "…" if len(codes) > MAX_CODES else ""
        shown = "、".join(codes[:MAX_CODES]) + more
        params = {"file": file, "codes": shown, "codes_en": ", ".join(codes[:MAX_CODES]) + more}
        params["n"] = len(codes)
        forms.findings.append(Finding("R505", where, params))
    who = expert or os.path.splitext(os.path.basename(path))[0]
    forms.experts[path] = who
    for number, (app_path, sha, pack) in apps.items():
        marks = tuple(
            Judgement(j.code, j.grade, who, date, j.comment, path) for j in judged.get(number, [])
        )
        forms.applications.append(FormApplication(path, app_path, sha, pack, marks))


def _columns(grid: list[list[Any]]) -> dict[str, int] | None:
    """Column key -> 0-based column, from the hidden key row, else the visible headers; with
    ``#row``: the header's row (data below it)."""
    keyed = {key for key, _, _ in COLUMNS}
    for i, row in enumerate(grid[:50]):
        if row and _text(row[0]) == "#columns":
            found = {_text(v): c for c, v in enumerate(row) if _text(v) in keyed}
            header = next(
                (j for j, r in enumerate(grid[:50]) if r and _text(r[0]) == "#header"), None
            )
            if "grade" in found and "code" in found:
                return {**found, "#row": header if header is not None else i}  # type: ignore
    for i, row in enumerate(grid[:50]):
        found = {HEADERS[_text(v) or ""]: c for c, v in enumerate(row) if _text(v) in HEADERS}
        if {"grade", "code", "file"} <= found.keys():
            return {**found, "#row": i}
    return None


def _labelled(grid: list[list[Any]], key: str, labels: set[str]) -> str | None:
    """The value in the row keyed ``key`` (or labelled so): the first cell after the label."""
    for row in grid[:50]:
        texts = [_text(v) for v in row]
        if (texts and texts[0] == key) or labels & set(filter(None, texts)):
            start = next((c for c, v in enumerate(texts) if v in labels), 0)
            rest = [v for v in texts[start + 1 :] if v and v not in labels]
            return rest[0] if rest else None
    return None


def _judgement(
    path: str,
    sheet: str,
    r: int,
    row: list[Any],
    columns: dict[str, int],
    by_name: dict[str, str],
    judged: dict[str, list[Judgement]],
    forms: ExpertForms,
    unjudged: dict[str, tuple[str, Location, list[str]]],
) -> None:
    def cell(key: str) -> str | None:
        c = columns.get(key)
        return _text(row[c]) if c is not None and c < len(row) else None

    key = _text(row[0]) if row else None
    number = code = None
    if key and key.startswith("app:") and key.count(":") == 2:
        _, number, code = key.split(":")
    elif cell("code") and cell("file") in by_name:
        number, code = by_name[cell("file") or ""], cell("code")
    if number is None or code is None or number not in judged:
        return
    value = cell("grade")
    where = Location(path, sheet, r, (columns["grade"] + 1))
    file = cell("file") or code
    if value is None:
        unjudged.setdefault(number, (file, where, []))[2].append(code)
        return
    grade = grade_of(value)
    if grade is None:
        forms.findings.append(Finding("R507", where, {"value": value[:50]}))
        return
    judged[number].append(Judgement(code, grade, "", None, cell("comment"), path))


def check_batch(forms: ExpertForms, files: Sequence[str]) -> None:
    """Against the batch's files: a form none of whose applications is in the batch is refused
    (R502, another batch); an application on a form that is not in the batch is R508."""
    present = {os.path.basename(f.replace("\\", "/")) for f in files} | set(files)
    for form in forms.forms:
        entries = [a for a in forms.applications if a.form == form]
        missing = [a for a in entries if a.path not in present and a.name not in present]
        if entries and len(missing) == len(entries):
            forms.findings.append(
                Finding(
                    "R502",
                    Location(form),
                    {
                        "reason": "是为另一批次生成的（其中的申报文件均不在本批次中）",
                        "reason_en": "was written for another batch (none of its applications "
                        "is in this one)",
                    },
                )
            )
            forms.applications = [a for a in forms.applications if a.form != form]
            forms.findings = [  # its rows do not matter any more
                f for f in forms.findings if f.location.file != form or f.code not in ROW_CODES
            ]
            continue
        for entry in missing:
            forms.findings.append(Finding("R508", Location(form), {"file": entry.name}))
        forms.applications = [a for a in forms.applications if a not in missing]
