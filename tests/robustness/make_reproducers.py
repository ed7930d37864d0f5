"""Build the reproducers of issue 15's content defects (deterministic).

    python tests/robustness/make_reproducers.py OUT_FOLDER

Each starts from the committed sample ``sample_data/01-eligible-beijing.xlsx`` (an eligible
application from the template writer) and changes one thing:

- ``nonchar-\\ufffe\\uffff.xlsx``: U+FFFE/U+FFFF in the cluster name, a roster firm name, a
  value quoted by a finding (the area) and the file name (item 1);
- ``case-twins.xlsx``: a second member ``XL/WORKSHEETS/SHEET2.XML`` beside
  ``xl/worksheets/sheet2.xml`` with other content (item 4);
- ``underscore-escape.xlsx``: a cluster name whose visible text is ``_x0041_B`` (item 5);
- ``late-doctype-space.xlsx``, ``late-doctype-comment.xlsx``, ``late-doctype-rels.xlsx``:
  70 KB of white space or a comment before a ``<!DOCTYPE`` with an entity, in a worksheet and in
  a relationships part (item 6);
- ``error-getting-data.xlsx``: the area cell holds the error value ``#GETTING_DATA``, which
  python-calamine cannot read (the issue's "also").

:func:`build` returns ``{file name: what the test expects}`` (see ``EXPECTED``).
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "01-eligible-beijing.xlsx"
DATE_TIME = (2024, 1, 1, 0, 0, 0)
NONCHARS = "\ufffe\uffff"
NONCHAR_NAME = f"nonchar-{NONCHARS}.xlsx"
CLUSTER_NONCHAR = f"北京市{NONCHARS}海淀区示例集群"
FIRM_NONCHAR = f"示例{NONCHARS}科技有限公司"
AREA_NONCHAR = f"12.5{NONCHARS}平方公里"
UNDERSCORE_TEXT = "_x0041_B"
LATE_PAD = 70 * 1024
DOCTYPE = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'

# file name -> the fatal code preflight must give, or None (read; see the tests)
EXPECTED: dict[str, str | None] = {
    NONCHAR_NAME: None,
    "case-twins.xlsx": "F104",
    "underscore-escape.xlsx": None,
    "late-doctype-space.xlsx": "F115",
    "late-doctype-comment.xlsx": "F115",
    "late-doctype-rels.xlsx": "F115",
    "error-getting-data.xlsx": None,
}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, parts: dict[str, bytes] | list[tuple[str, bytes]]) -> None:
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(zipfile.ZipInfo(name, date_time=DATE_TIME), data)


def cells() -> dict[str, tuple[str, int, int]]:
    """Field key -> (sheet title, row, column) of the sample's input cells."""
    from clusterctl.pipeline import Options, process_file

    where = process_file(str(SAMPLE), Options()).cells
    return {key: (loc.sheet, loc.row, loc.col) for key, loc in where.items()}


def _edited(path: Path, values: dict[str, str], roster_name: str | None = None) -> None:
    """The sample with text ``values`` in the named input cells (and the first roster firm's
    name), saved to ``path`` with fixed timestamps."""
    from openpyxl import load_workbook

    where = cells()
    wb = load_workbook(SAMPLE)
    for key, text in values.items():
        sheet, row, col = where[key]
        cell = wb[sheet].cell(row, col)
        cell.value = text  # force_text would clean it: these texts are hostile on purpose
        cell.data_type = "s"
    if roster_name is not None:
        from clusterctl.workbook.kind import FIRST_DATA_ROW, KEY_ROW

        roster = next(ws for ws in wb.worksheets if ws["A1"].value == "#sheet:roster")
        keys = [cell.value for cell in roster[KEY_ROW]]
        name = roster.cell(FIRST_DATA_ROW, keys.index("name") + 1)
        assert isinstance(name.value, str) and name.value, "the sample's first firm has a name"
        name.value = roster_name
        name.data_type = "s"
    wb.save(path)
    write_zip(path, members(path))


def nonchar(path: Path) -> None:
    _edited(
        path,
        {"basic.cluster_name": CLUSTER_NONCHAR, "basic.area_km2": AREA_NONCHAR},
        roster_name=FIRM_NONCHAR,
    )


def underscore(path: Path) -> None:
    # the visible text _x0041_B is stored escaped, as Excel stores it
    _edited(path, {"basic.cluster_name": "_x005F_x0041_B"})


def case_twins(path: Path) -> None:
    parts = list(members(SAMPLE).items())
    sheet2 = dict(parts)["xl/worksheets/sheet2.xml"]
    hidden = sheet2.replace("集群".encode(), "隐藏".encode())
    write_zip(path, [*parts, ("XL/WORKSHEETS/SHEET2.XML", hidden)])


def _late(data: bytes, pad: bytes) -> bytes:
    """``data`` with ``pad`` and a DOCTYPE after its XML declaration."""
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:end] + pad + DOCTYPE + data[end:]


def late_doctype(member: str, pad: bytes):
    def build(path: Path) -> None:
        parts = members(SAMPLE)
        parts[member] = _late(parts[member], pad)
        write_zip(path, parts)

    return build


def error_cell(path: Path) -> None:
    sheet, row, col = cells()["basic.area_km2"]
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(col)}{row}"
    parts = members(SAMPLE)
    from openpyxl import load_workbook

    index = load_workbook(SAMPLE, read_only=True).sheetnames.index(sheet)
    name = f"xl/worksheets/sheet{index + 1}.xml"
    xml = parts[name].decode("utf-8")
    cell = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.DOTALL)
    assert cell.search(xml), (name, ref)
    xml = cell.sub(f'<c r="{ref}" t="e"><v>#GETTING_DATA</v></c>', xml, count=1)
    parts[name] = xml.encode("utf-8")
    write_zip(path, parts)


CASES = {
    NONCHAR_NAME: nonchar,
    "case-twins.xlsx": case_twins,
    "underscore-escape.xlsx": underscore,
    "late-doctype-space.xlsx": late_doctype("xl/worksheets/sheet2.xml", b" " * LATE_PAD),
    "late-doctype-comment.xlsx": late_doctype(
        "xl/worksheets/sheet2.xml", b"<!--" + b"x" * LATE_PAD + b"-->"
    ),
    "late-doctype-rels.xlsx": late_doctype("xl/_rels/workbook.xml.rels", b"\n" * LATE_PAD),
    "error-getting-data.xlsx": error_cell,
}


def build(folder: str | Path, only: list[str] | None = None) -> dict[str, str | None]:
    """Write the reproducers (or ``only`` those) into ``folder``; return :data:`EXPECTED`."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, builder in CASES.items():
        if only is None or name in only:
            builder(out / name)
    return {name: code for name, code in EXPECTED.items() if only is None or name in only}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_reproducers.py OUT_FOLDER")
    for name, code in build(sys.argv[1]).items():
        print(f"{name!a}\t{code or '-'}")
