"""Type an acceptance case into the tool's own template the way a person does: BY THE CHINESE
LABELS the template shows (never the hidden keys in column A or row 2), with openpyxl.

The template comes from the public CLI (`clusterctl template --criteria ID --year Y -o ...`),
generated once per edition and year and copied for each case. A label the template does not
show is the case's mistake (:class:`FillError`), except an indicator the edition does not read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl

SHEETS = {
    "basic": "基本信息",
    "indicators": "指标数据",
    "roster": "企业名录",
    "qualitative": "定性条件",
    "declarations": "承诺声明",
}
HEADER_SCAN = 10


class FillError(ValueError):
    """The case names something its edition's template does not show."""


def norm(label: Any) -> str:
    """A label as the case format compares it: no trailing " *", no surrounding whitespace."""
    return str(label).strip().removesuffix("*").strip()


def template(pack_id: str, year: int, cache: Path) -> Path:
    """The edition's template for ``year``, written by the CLI once (cached in ``cache``)."""
    path = cache / f"template-{pack_id}-{year}.xlsx"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "clusterctl", "template", "--criteria", pack_id]
        cmd += ["--year", str(year), "-o", str(path)]
        subprocess.run(cmd, check=True, capture_output=True)
    return path


def _header(ws: Any, *wanted: str) -> tuple[int, dict[str, int]]:
    """The header row (the first row naming all of ``wanted``) and its label -> column."""
    for row in range(1, HEADER_SCAN + 1):
        labels: dict[str, int] = {}
        for cell in ws[row]:
            if cell.value is not None:
                labels.setdefault(norm(cell.value), cell.column)
        if all(w in labels for w in wanted):
            return row, labels
    raise FillError(f"sheet {ws.title}: no header row with {wanted}")


def _rows_by(ws: Any, col: int, start: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in range(start, ws.max_row + 1):
        value = ws.cell(row, col).value
        if value is not None:
            found.setdefault(norm(value), row)
    return found


def _year_of(value: Any) -> int | None:
    text = norm(value).removesuffix("年") if value is not None else ""
    return int(text) if text.isdigit() else None


def fill_case(case: Any, pack_id: str, out: Path, cache: Path) -> Path:
    """Write ``case`` for edition ``pack_id`` into a copy of its template at ``out``."""
    shutil.copyfile(template(pack_id, case.application_year, cache), out)
    wb = openpyxl.load_workbook(out)
    _fill_form(wb[SHEETS["basic"]], {"申报年度": case.application_year, **case.basic})
    _fill_indicators(wb[SHEETS["indicators"]], case)
    _fill_roster(wb[SHEETS["roster"]], case.roster)
    _fill_qualitative(wb[SHEETS["qualitative"]], case.qualitative)
    _fill_declarations(wb[SHEETS["declarations"]], case.declarations, pack_id)
    wb.save(out)
    return out


def _fill_form(ws: Any, values: dict[str, Any]) -> None:
    row, header = _header(ws, "项目", "填写内容")
    rows = _rows_by(ws, header["项目"], row + 1)
    for label, value in values.items():
        if norm(label) not in rows:
            raise FillError(f"{ws.title}: no label {label!r}")
        ws.cell(rows[norm(label)], header["填写内容"]).value = value


def _fill_indicators(ws: Any, case: Any) -> None:
    row, header = _header(ws, "指标", "单位")
    year_cols = {}
    for cell in ws[row]:
        year = _year_of(cell.value) if cell.value is not None else None
        if year is not None:
            year_cols[year] = cell.column
    headings = getattr(case, "year_headings", None)  # smoke cases: how the headings are typed
    if headings is not None:
        cols = sorted(year_cols.values())
        year_cols = {}
        for col, heading in zip(cols, headings, strict=True):
            ws.cell(row, col).value = heading
            if _year_of(heading) is not None:
                year_cols[_year_of(heading)] = col
    rows = _rows_by(ws, header["指标"], row + 1)
    for label, by_year in case.indicators.items():
        label = row_label(label, rows)
        if norm(label) not in rows:
            if norm(label) not in _indicator_labels():
                raise FillError(f"{ws.title}: no pack has an indicator {label!r}")
            continue  # an indicator this edition does not read: its template has no row
        for year, value in by_year.items():
            if year in year_cols:
                ws.cell(rows[norm(label)], year_cols[year]).value = value
            elif headings is None:
                raise FillError(f"{ws.title}: no column for year {year}")


def _indicator_labels() -> set[str]:
    """Every shipped pack's indicator labels (a case may carry one its edition does not read)."""
    from clusterctl.criteria.loader import list_packs

    return {norm(i.label.zh) for p in list_packs() for i in p.indicators}


def _column(header: dict[str, int], label: str) -> int | None:
    """A header's column by its label, with or without the unit the header shows after it."""
    if norm(label) in header:
        return header[norm(label)]
    units = [col for text, col in header.items() if text.startswith(norm(label) + "（")]
    return units[0] if len(units) == 1 else None


def _fill_roster(ws: Any, firms: tuple[dict[str, Any], ...]) -> None:
    row, header = _header(ws, "企业名称")
    for i, firm in enumerate(firms, start=1):
        for label, value in firm.items():
            col = _column(header, label)
            if col is None:
                raise FillError(f"{ws.title}: no column {label!r}")
            ws.cell(row + i, col).value = value


def _fill_qualitative(ws: Any, answers: dict[str, tuple[Any, Any, Any]]) -> None:
    row, header = _header(ws, "编号", "是否满足", "情况说明", "佐证材料清单")
    rows = _rows_by(ws, header["编号"], row + 1)
    for code, answer in answers.items():
        if code not in rows:
            raise FillError(f"{ws.title}: no row {code}")
        for label, value in zip(("是否满足", "情况说明", "佐证材料清单"), answer, strict=True):
            ws.cell(rows[code], header[label]).value = value


OR_REVENUE = "（或营业收入）"


def row_label(label: str, rows: Any) -> str:
    """The indicator row a case's label names in a template. Beijing's rows read
    产值（或营业收入）; the national text measures 产值 only, so its template's rows read 产值:
    the person typing reads the row of the same quantity."""
    plain = label.replace(OR_REVENUE, "")
    return plain if norm(label) not in rows and norm(plain) in rows else label


def in_pack(pack_id: str, code: str) -> bool:
    """Whether the edition has the criterion (a case may answer one only Beijing has: CR103)."""
    return _in_pack(pack_id, code)


def _in_pack(pack_id: str, code: str) -> bool:
    from clusterctl.criteria.loader import resolve_pack

    try:
        resolve_pack(pack_id).criterion(code)
    except KeyError:
        return False
    return True


def _fill_declarations(ws: Any, values: dict[str, Any], pack_id: str) -> None:
    row, header = _header(ws, "编号", "承诺事项", "确认（是/否）")
    codes = _rows_by(ws, header["编号"], row + 1)
    labels = _rows_by(ws, header["承诺事项"], row + 1)
    for name, value in values.items():
        target = codes.get(name) or labels.get(norm(name))
        if target is None and name.startswith("CR") and not _in_pack(pack_id, name):
            continue  # a declaration this edition does not have (CR103 is Beijing's): no row
        if target is None:
            raise FillError(f"{ws.title}: no row {name!r}")
        ws.cell(target, header["确认（是/否）"]).value = value
