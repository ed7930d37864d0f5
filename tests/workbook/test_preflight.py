"""Preflight units: format sniffing, limits from the central directory, sheet extents."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from clusterctl.workbook.limits import Limits
from clusterctl.workbook.preflight import column_number, formulas_without_values, preflight

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "robustness"))
from make_corpus import inline, minimal_parts, sheet_xml, write_zip


def _codes(path: Path, limits: Limits | None = None) -> list[str]:
    return [f.code for f in preflight(str(path), limits or Limits())]


def test_column_numbers() -> None:
    assert [column_number(c) for c in ("A", "Z", "AA", "XFD")] == [1, 26, 27, 16384]


def test_a_plain_workbook_passes(tmp_path: Path) -> None:
    path = tmp_path / "ok.xls"  # the name does not matter, the content does
    write_zip(path, minimal_parts(sheet_xml(inline("A1", "x"), "A1")))
    assert _codes(path) == []


@pytest.mark.parametrize(
    ("limits", "code"),
    [
        (Limits(max_file_mb=0.0001), "F111"),
        (Limits(max_uncompressed_mb=0.001), "F112"),
        (Limits(max_cells=3), "F114"),
    ],
)
def test_each_limit_is_enforced(tmp_path: Path, limits: Limits, code: str) -> None:
    cells = "".join(f'<row r="{r}">{inline(f"B{r}", "y" * 300)}</row>' for r in range(1, 6))
    path = tmp_path / "book.xlsx"
    write_zip(path, minimal_parts(sheet_xml(cells, "A1:B5")))
    assert _codes(path) == []
    assert _codes(path, limits) == [code]


def test_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "ratio.xlsx"
    parts = minimal_parts(sheet_xml(inline("A1", "x"), "A1"))
    parts["xl/media/blank.bin"] = b"\0" * (2 << 20)
    write_zip(path, parts)
    findings = preflight(str(path), Limits())
    assert [f.code for f in findings] == ["F113"]
    assert findings[0].params["member"] == "xl/media/blank.bin"


def test_extent_refusal_names_the_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    write_zip(path, minimal_parts(sheet_xml('<row r="70000"><c r="AD70000"><v>1</v></c></row>')))
    (finding,) = preflight(str(path), Limits())
    assert finding.to_row() == ("F114", "Sheet1", None, "error")
    assert finding.params["cell"] == "AD70000"
    assert "AD70000" in finding.message("zh")


def test_formula_cells_across_chunk_boundaries(tmp_path: Path) -> None:
    filler = "".join(f'<row r="{r}">{inline(f"A{r}", "z" * 500)}</row>' for r in range(1, 400))
    cells = filler + '<row r="400"><c r="C400"><f>SUM(A1:A2)</f></c>'
    cells += '<c r="D400"><f>1+1</f><v>2</v></c><c r="E400" t="str"><f>""</f><v></v></c></row>'
    path = tmp_path / "formulas.xlsx"
    write_zip(path, minimal_parts(sheet_xml(cells, None)))
    assert formulas_without_values(str(path)) == [("Sheet1", 400, 3)]
    assert formulas_without_values(str(path), ["Other"]) == []
    findings = preflight(str(path), Limits())
    assert [f.to_row() for f in findings] == [("F119", "Sheet1", "C400", "error")]


def test_zip_with_encrypted_members_is_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "weird.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    assert _codes(path) == ["F105"]
