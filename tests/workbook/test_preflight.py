"""Preflight units: format sniffing, limits from the central directory, sheet extents."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ---------------------------------------------------------------- one pass per sheet

FILLER = "".join(f'<row r="{r}">{inline(f"A{r}", "z" * 300)}</row>' for r in range(1, 600))


def test_a_far_reference_in_the_middle_of_a_long_sheet_is_refused(tmp_path: Path) -> None:
    # the dimension is honest about the rest, the far cell is neither at the head nor the tail
    far = '<row r="600"><c r="XFD1048576"><v>2</v></c></row>'
    tail = "".join(f'<row r="{r}">{inline(f"B{r}", "y" * 300)}</row>' for r in range(601, 900))
    path = tmp_path / "far-in-the-middle.xlsx"
    write_zip(path, minimal_parts(sheet_xml(FILLER + far + tail, "A1:B899")))
    (finding,) = preflight(str(path), Limits())
    assert finding.code == "F114"
    assert finding.params["cell"] == "XFD1048576"


@pytest.mark.parametrize("attribute", ["r = 'XFD1048576'", 'r\t=\n"XFD1048576"', "r='AB100000'"])
def test_a_far_reference_written_unusually_is_refused(tmp_path: Path, attribute: str) -> None:
    cells = FILLER + f'<row r="600"><c {attribute}><v>2</v></c></row>'
    path = tmp_path / "unusual.xlsx"
    write_zip(path, minimal_parts(sheet_xml(cells, "A1:A599")))
    assert _codes(path) == ["F114"]


def test_a_reference_past_the_dimension_but_within_the_limit_passes(tmp_path: Path) -> None:
    # AB: beyond the dimension and the one-letter bound, so the sheet is re-read cell by cell;
    # its formula without a value is still reported once
    cells = FILLER + '<row r="600"><c r="AB600"><v>1</v></c><c r="C600"><f>AB600*2</f></c></row>'
    path = tmp_path / "wide.xlsx"
    write_zip(path, minimal_parts(sheet_xml(cells, "A1:A599")))
    findings = preflight(str(path), Limits())
    assert [f.to_row() for f in findings] == [("F119", "Sheet1", "C600", "error")]
    assert _codes(path, Limits(max_cells=600 * 27)) == ["F114"]  # 600 rows x AB (28) is more


def test_doctype_in_a_worksheet_head_is_refused(tmp_path: Path) -> None:
    prolog = b'<!DOCTYPE x [<!ENTITY a "b">]>'
    path = tmp_path / "doctype.xlsx"
    write_zip(path, minimal_parts(sheet_xml(FILLER, "A1:A599", prolog=prolog)))
    findings = preflight(str(path), Limits())
    assert [(f.code, f.params["member"]) for f in findings] == [
        ("F115", "xl/worksheets/sheet1.xml")
    ]


def _refs(draw: st.DrawFn) -> list[tuple[int, int]]:
    return draw(
        st.lists(
            st.tuples(
                st.integers(1, 300_000),
                st.one_of(st.integers(1, 30), st.integers(1, 20_000)),
            ),
            min_size=1,
            max_size=40,
        )
    )


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[bytes, int]:
    from clusterctl.diagnostics.finding import column_letter

    cells = []
    for row, col in _refs(draw):
        quote = draw(st.sampled_from(['"', "'"]))
        ref = f"{column_letter(col)}{row}"
        formula = draw(st.sampled_from(["<v>1</v>", "<f>1+1</f>", "<f>1</f><v>1</v>"]))
        cells.append(f"<row r={quote}{row}{quote}><c r={quote}{ref}{quote}>{formula}</c></row>")
        cells.append(inline(f"A{row}", "x" * draw(st.integers(0, 3000))))
    rows, cols = draw(st.integers(1, 300_000)), draw(st.integers(1, 40))
    dimension = draw(st.sampled_from([None, f"A1:{column_letter(cols)}{rows}"]))
    return sheet_xml("".join(cells), dimension), draw(st.sampled_from([2_000_000, 50_000, 600]))


@settings(max_examples=60, deadline=None)
@given(case=_sheets())
def test_the_bounded_scan_agrees_with_the_cell_by_cell_scan(case: tuple[bytes, int]) -> None:
    import io

    from clusterctl.workbook.preflight import scan_sheet

    sheet, max_cells = case
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sheet.xml", sheet)
    with zipfile.ZipFile(buffer) as zf:
        fast = scan_sheet(zf, "sheet.xml", max_cells)
        exact = scan_sheet(zf, "sheet.xml", max_cells, exact=True)
    assert fast.too_large == exact.too_large
    assert fast.formulas == exact.formulas
    if exact.too_large:
        assert (fast.rows, fast.cols) == (exact.rows, exact.cols)
    else:
        assert exact.rows * exact.cols <= max_cells


# ---------------------------------------------------------------- cells placed without references


def test_cells_and_rows_without_references_are_counted_where_calamine_puts_them(
    tmp_path: Path,
) -> None:
    # 40 rows of 3 cells, no r anywhere (legal XML; some writers do this): 40 x 3, passes
    rows = "".join("<row>" + "<c><v>1</v></c>" * 3 + "</row>" for _ in range(40))
    path = tmp_path / "unreferenced.xlsx"
    write_zip(path, minimal_parts(sheet_xml(rows, None)))
    assert _codes(path) == []
    assert _codes(path, Limits(max_cells=120)) == []
    (finding,) = preflight(str(path), Limits(max_cells=119))
    assert finding.code == "F114"


@pytest.mark.parametrize(
    "cells",
    [
        '<row r="9"><c r="c9"><v>1</v></c></row>',  # lowercase: calamine reads it as C9
        '<row r="9"><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>',
        '<row r="8"></row><row><c r="B9"/><c><v>1</v></c></row>',  # r-less cell after B9
        '<x:row xmlns:x="urn:x" r="9"><x:c r="C9"><x:v>1</x:v></x:c></x:row>',
    ],
)
def test_unusual_cells_are_placed_like_calamine_does(tmp_path: Path, cells: str) -> None:
    path = tmp_path / "odd.xlsx"
    first = f'<row r="1">{inline("A1", "x")}</row>'
    write_zip(path, minimal_parts(sheet_xml(first + cells, "A1")))
    assert _codes(path, Limits(max_cells=27)) == []  # 9 rows x 3 columns
    assert _codes(path, Limits(max_cells=26)) == ["F114"]


def test_a_sheet_that_is_not_well_formed_is_refused_when_it_must_be_parsed(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    write_zip(path, minimal_parts(sheet_xml("<row><c><v>1</v></row>", None)))
    (finding,) = preflight(str(path), Limits())
    assert finding.code == "F104"
    assert "sheet1.xml" in finding.params["detail"]


def test_two_members_of_one_name_are_refused(tmp_path: Path) -> None:
    import warnings

    path = tmp_path / "twice.xlsx"
    parts = minimal_parts(sheet_xml(inline("A1", "x"), "A1"))
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore")
        for name, data in [*parts.items(), ("xl/worksheets/sheet1.xml", b"<worksheet/>")]:
            zf.writestr(name, data)
    (finding,) = preflight(str(path), Limits())
    assert finding.code == "F104"
    assert "xl/worksheets/sheet1.xml" in finding.params["detail"]


def test_the_parser_reads_the_bytes_preflight_checked(tmp_path: Path) -> None:
    from clusterctl.workbook.preflight import check_file
    from clusterctl.workbook.reader import read_application

    path = tmp_path / "changing.xlsx"
    write_zip(path, minimal_parts(sheet_xml(inline("A1", "checked"), "A1")))
    checked = check_file(str(path), Limits())
    assert not checked.fatal and checked.package is not None
    with zipfile.ZipFile(io.BytesIO(checked.package)) as zf:
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
        assert "xl/worksheets/sheet1.xml" in zf.namelist()
    # the file changes after the check (or a second reader would see something else)
    write_zip(path, minimal_parts(sheet_xml(inline("A1", "swapped"), "A1")))
    _app, findings = read_application(str(path), Limits(), checked.package)
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_filelike(io.BytesIO(checked.package)).get_sheet_by_index(0)
    assert grid.to_python() == [["checked"]]
    assert all("swapped" not in str(f.params) for f in findings)


@st.composite
def _odd_sheets(draw: st.DrawFn) -> str:
    """Small sheets mixing every way of placing a cell: references in either case, none, rows
    with and without r, self-closing rows and cells, cells outside any row."""
    from clusterctl.diagnostics.finding import column_letter

    canonical = draw(st.booleans())  # as Excel writes: every row and cell referenced
    out = []
    for _ in range(draw(st.integers(1, 12))):
        kinds = ["row-r"] if canonical else ["row", "row-r", "row-empty", "cell-outside"]
        kind = draw(st.sampled_from(kinds))
        if kind == "row-empty":
            out.append(f'<row r="{draw(st.integers(1, 60))}"/>')
            continue
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            ref = f"{column_letter(draw(st.integers(1, 30)))}{draw(st.integers(1, 60))}"
            if canonical:
                cells.append(f'<c r="{ref}"><v>1</v></c>')
                continue
            ref = ref.lower() if draw(st.booleans()) else ref
            attr = draw(st.sampled_from(["", f' r="{ref}"']))
            cells.append(draw(st.sampled_from([f"<c{attr}><v>1</v></c>", f"<c{attr}/>"])))
        if kind == "cell-outside":
            out.extend(cells)
        else:
            attr = f' r="{draw(st.integers(1, 60))}"' if kind == "row-r" else ""
            out.append(f"<row{attr}>{''.join(cells)}</row>")
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(cells=_odd_sheets(), max_cells=st.sampled_from([40, 300, 2000]))
def test_what_passes_is_within_the_limit_where_calamine_puts_it(cells: str, max_cells: int) -> None:
    from python_calamine import CalamineWorkbook

    from clusterctl.workbook.sheet_scan import scan_xml

    sheet = sheet_xml(cells, None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in minimal_parts(sheet).items():
            zf.writestr(name, data)
    try:
        grid = CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_index(0)
    except Exception:  # calamine refuses it: nothing is allocated
        return
    if grid.end is None:
        return
    rows, cols = grid.end[0] + 1, grid.end[1] + 1
    replay = scan_xml(sheet, max_cells=10**9, exact=True)  # an upper bound of each position
    assert rows <= replay.rows and cols <= replay.cols, (grid.end, replay)
    if not scan_xml(sheet, max_cells).too_large:  # the fast path, or the replay when needed
        assert rows * cols <= max_cells


@settings(max_examples=300, deadline=None)
@given(
    bounds=st.sampled_from([(26, 9999), (26, 76923), (11, 99999), (702, 2849), (30, 66666)]),
    col=st.integers(1, 20_000),
    row=st.integers(0, 2_000_000),
    style=st.sampled_from(["", "lower", "zeros", "quote", "second"]),
)
def test_the_fast_path_lets_through_exactly_the_canonical_references_within_bounds(
    bounds: tuple[int, int], col: int, row: int, style: str
) -> None:
    from clusterctl.diagnostics.finding import column_letter
    from clusterctl.workbook.sheet_scan import _outside

    letters, digits = column_letter(col), str(row)
    ref = {"lower": letters.lower() + digits, "zeros": f"{letters}0{digits}"}.get(
        style, letters + digits
    )
    tag = {"quote": f"<c r='{ref}'>", "second": f'<c s="1" r="{ref}">'}.get(style, f'<c r="{ref}">')
    canonical = style == "" and row >= 1
    inside = canonical and col <= bounds[0] and row <= bounds[1]
    pattern = _outside(*bounds)
    assert (pattern.search(tag.encode()) is None) == inside, (tag, bounds)
    row_tag = f'<row r="{digits}">' if style != "zeros" else f'<row r="0{digits}">'
    assert (pattern.search(row_tag.encode()) is None) == (
        style != "zeros" and 1 <= row <= bounds[1]
    )


def test_a_dimension_beyond_the_limit_is_refused_even_without_cells(tmp_path: Path) -> None:
    path = tmp_path / "wide-dimension.xlsx"
    write_zip(path, minimal_parts(sheet_xml("", "A1:XFD1048576")))
    (finding,) = preflight(str(path), Limits())
    assert (finding.code, finding.params["cell"]) == ("F114", "XFD1048576")


# ------------------------------------------------- issue 15: items 4 and 6, unknown error values


@pytest.mark.parametrize(
    ("twin", "refused"),
    [
        ("XL/WORKSHEETS/SHEET1.XML", True),
        ("xl/Worksheets/sheet1.xml", True),
        ("xl/./worksheets/sheet1.xml", True),
        ("xl//worksheets/sheet1.xml", True),
        ("xl/worksheets/sheet1.xml.bak", False),
    ],
)
def test_members_whose_part_names_match_case_insensitively_are_refused(
    tmp_path: Path, twin: str, refused: bool
) -> None:
    import warnings

    from clusterctl.workbook.preflight import part_key

    parts = minimal_parts(sheet_xml(inline("A1", "named"), "A1"))
    path = tmp_path / "twins.xlsx"
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as zf:
        warnings.simplefilter("ignore")
        for name, data in [*parts.items(), (twin, sheet_xml(inline("A1", "hidden"), "A1"))]:
            zf.writestr(name, data)
    assert (part_key(twin) == part_key("xl/worksheets/sheet1.xml")) == refused
    findings = preflight(str(path), Limits())
    if refused:
        assert [f.code for f in findings] == ["F104"]
        assert twin in findings[0].params["detail"]
    else:
        assert findings == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-16"])
@pytest.mark.parametrize("pad", [0, 70 * 1024, 300 * 1024])
def test_a_doctype_anywhere_in_a_part_in_any_encoding_is_found(encoding: str, pad: int) -> None:
    from clusterctl.workbook.sheet_scan import declares_doctype

    head = '<?xml version="1.0"?>' + " " * pad
    doc = head + '<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    assert declares_doctype(doc.encode(encoding))
    clean = head + "<r><!-- a comment! --><![CDATA[x!]]>Sheet1!A1</r>"
    assert not declares_doctype(clean.encode(encoding))


def test_a_doctype_after_the_root_element_or_late_in_a_rels_part_is_refused(
    tmp_path: Path,
) -> None:
    late = sheet_xml(inline("A1", "x"), "A1").replace(
        b"<sheetData>", b"<sheetData>" + b" " * 70_000 + b'<!ENTITY a "b">'
    )
    path = tmp_path / "late.xlsx"
    write_zip(path, minimal_parts(late))
    assert _codes(path) == ["F115"]
    parts = minimal_parts(sheet_xml(inline("A1", "x"), "A1"))
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"?>", b"?>" + b"\n" * 70_000 + b"<!DOCTYPE r>", 1)
    write_zip(path, parts)
    assert _codes(path) == ["F115"]


ERROR_CASES = {
    '<c r="B2" t="e"><v>#GETTING_DATA</v></c>': ["#GETTING_DATA"],
    '<c r="b2" t="e"><v>#SPILL!</v></c>': ["#SPILL!"],
    "<c r='B2' t = 'e'><v> #N/A</v></c>": [" #N/A"],
    '<c r="B2" s="1" t="e"><f>1/0</f><v>#N&amp;A</v></c>': ["#N&A"],
    '<c r="B2" t="e"><v>#N/A</v><v>#FOO</v></c>': ["#FOO"],
    '<c r="B2" t="e"><v>#DIV/0!</v></c>': [],
    '<c r="B2" t="e"/>': [],
    '<c r="B2" t="n"><v>5</v></c>': [],
}


@pytest.mark.parametrize(("cell", "shown"), list(ERROR_CASES.items()))
def test_error_values_calamine_cannot_read_are_rewritten_and_reported(
    tmp_path: Path, cell: str, shown: list[str]
) -> None:
    from python_calamine import CalamineWorkbook

    from clusterctl.workbook.preflight import check_file

    path = tmp_path / "errors.xlsx"
    row = f'<row r="2"><c r="A2"><v>7</v></c>{cell}<c r="C2"><v>9</v></c></row>'
    write_zip(path, minimal_parts(sheet_xml(row, "A2:C2")))
    checked = check_file(str(path), Limits())
    found = [f for f in checked.findings if f.code == "V217"]
    assert [f.params["value"] for f in found] == shown
    assert all((f.location.row, f.location.col) == (2, 2) for f in found)
    assert all(f.location.sheet == "Sheet1" for f in found)
    assert checked.package is not None
    wb = CalamineWorkbook.from_filelike(io.BytesIO(checked.package))
    values = wb.get_sheet_by_index(0).to_python()  # the whole sheet reads
    assert values[-1][0] == 7 and values[-1][-1] == 9


def test_the_error_cell_scan_is_linear_in_unclosed_cells() -> None:
    import time

    from clusterctl.workbook.sheet_scan import replace_unknown_errors

    # 100,000 error cells that never close: a scan to the end of the sheet for each would take
    # hours; one to the next cell tag takes well under a second
    sheet = b"<sheetData><row>" + b'<c r="A1" t="e"><v>#X</v>' * 100_000 + b"</row></sheetData>"
    start = time.process_time()
    data, cells = replace_unknown_errors(sheet)
    assert time.process_time() - start < 10
    assert (data, cells) == (sheet, [])  # nothing closes, so nothing is a cell to rewrite
    closed = sheet.replace(b"<v>#X</v>", b"<v>#X</v></c>")
    data, cells = replace_unknown_errors(closed)
    assert len(cells) == 100_000 and b"#X" not in data
