"""How workbooks travel between people, applied to filled files (the inputs are never changed).

Each transport maps a list of files to a list of new files in ``out`` (same base names):
``libreoffice`` re-saves through ``soffice --headless --convert-to xlsx`` (one call for all
files), ``copy_values`` types every visible value into a fresh workbook at the same positions
(no hidden keys, markers, styles or data validation), ``key_column_deleted`` and
``key_row_deleted`` delete the hidden column A or row 2, ``sheets_renamed`` renames the sheets
and reverses their order.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from clusterctl.workbook.kind import KEY_COLUMN, KEY_ROW

Transport = Callable[[list[Path], Path], list[Path]]
SOFFICE_TIMEOUT = 600


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice(files: list[Path], out: Path) -> list[Path]:
    """Open and re-save every file in LibreOffice Calc (headless), in one process."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("soffice is not installed (apt-get install libreoffice-calc-nogui)")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless"]
        cmd += ["--convert-to", "xlsx", "--outdir", str(out), *map(str, files)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT)
    result = [out / f"{f.stem}.xlsx" for f in files]
    missing = [p.name for p in result if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return result


def _each(change: Callable[[openpyxl.Workbook], openpyxl.Workbook]) -> Transport:
    def transport(files: list[Path], out: Path) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        result = []
        for f in files:
            target = out / f.name
            change(openpyxl.load_workbook(f)).save(target)
            result.append(target)
        return result

    transport.__name__ = change.__name__
    return transport


def _copy_values(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    fresh = openpyxl.Workbook()
    fresh.remove(fresh.active)
    for ws in wb.worksheets:
        new = fresh.create_sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                hidden = cell.column == KEY_COLUMN or cell.row == KEY_ROW
                if cell.value is not None and not hidden:
                    new.cell(cell.row, cell.column).value = cell.value
    return fresh


def _unmerge(ws) -> None:
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))


def _delete_key_column(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    for ws in wb.worksheets:
        _unmerge(ws)
        ws.delete_cols(KEY_COLUMN)
    return wb


def _delete_key_row(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    for ws in wb.worksheets:
        _unmerge(ws)
        ws.delete_rows(KEY_ROW)
    return wb


def _rename_and_reorder(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    for i, ws in enumerate(wb.worksheets, start=1):
        ws.title = f"表{i}"
    wb._sheets.reverse()  # openpyxl has no public reorder; move_sheet one by one is the same
    wb.active = 0
    return wb


copy_values = _each(_copy_values)
key_column_deleted = _each(_delete_key_column)
key_row_deleted = _each(_delete_key_row)
sheets_renamed = _each(_rename_and_reorder)

# name -> (transport, whether the hidden keys are lost: the reader must say it used the labels)
TRANSPORTS: dict[str, tuple[Transport, bool]] = {
    "libreoffice": (libreoffice, False),
    "copy-values": (copy_values, True),
    "key-column-deleted": (key_column_deleted, True),
    "key-row-deleted": (key_row_deleted, True),
    "sheets-renamed": (sheets_renamed, False),
}
