"""Preflight: is this a workbook we may hand to a parser? Runs before any spreadsheet library.

Sniffs the format from the bytes (never the file name), then, for a zip, checks the central
directory against :class:`~clusterctl.workbook.limits.Limits` (declared sizes, compression ratio,
duplicate member names, compared as OPC compares part names: case-insensitively), reads every XML
part (never more than its declared size, CRC checked), refuses DOCTYPE/ENTITY declarations
anywhere in any of them, bounds each worksheet's extent as python-calamine would place its cells
(:mod:`clusterctl.workbook.sheet_scan`) and rewrites error cells python-calamine cannot read
(V217). Memory is bounded by ``max_uncompressed_mb``; the input is opened read-only.

What passes is handed on as :attr:`Preflight.package`: the XML parts exactly as checked, in a zip
without compression, which is what the reader gives python-calamine. The parser therefore reads
the bytes that were checked, not the file again (which may have changed since, or hold a second
member of the same name), and does not inflate them a second time.

Format decisions (docs/robustness.md): ``.xlsx``/``.xlsm``/``.xltx``/``.xltm`` (any OOXML
spreadsheet, whatever its name) are read; ``.xls``, ``.ods`` and ``.xlsb`` are refused with
"save as .xlsx", because the template is ``.xlsx`` and a round trip through those formats is
not something we test the hidden field keys against.

Also exposes :func:`formulas_without_values`: cells whose formula has no cached value (files
written by openpyxl or pandas and never opened in Excel).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree.ElementTree import ParseError

from clusterctl.diagnostics import Finding, Location
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.sheet_scan import (
    _A1,
    PROLOG_BYTES,
    SheetScan,
    column_number,
    declares_doctype,
    has_doctype,
    replace_unknown_errors,
    scan_xml,
)
from clusterctl.workbook.sniff import is_zip, ole2_kind, text_kind
from clusterctl.workbook.zip_parts import (
    MAX_PART_BYTES,
    SheetPart,
    part_key,
    read_member,
    scan_sheet,
    sheet_parts,
    sheet_parts_of,
    workbook_member,
)

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MIN_RATIO_BYTES = 1 << 20  # members smaller than this unpacked cannot be a bomb worth flagging
MAX_FORMULA_FINDINGS = 50  # one finding per cell, up to this many per file
XML_SUFFIXES = (".xml", ".rels", ".vml")
MB = 1024 * 1024

__all__ = [
    "Preflight",
    "SheetPart",
    "SheetScan",
    "check_file",
    "column_number",
    "formulas_without_values",
    "preflight",
    "scan_sheet",
    "sheet_parts",
]


# ---------------------------------------------------------------- the checks


@dataclass(slots=True)
class Preflight:
    """What preflight found, and what may be parsed."""

    findings: list[Finding] = field(default_factory=list)
    # the XML parts as checked, in an uncompressed zip; None when a finding is fatal
    package: bytes | None = None

    @property
    def fatal(self) -> bool:
        return any(f.type.fatal for f in self.findings)


def preflight(path: str, limits: Limits) -> list[Finding]:
    """Check a file before any parser sees it; fatal findings mean: do not open it."""
    return check_file(path, limits).findings


def check_file(path: str, limits: Limits) -> Preflight:
    """:func:`preflight`, with the checked package for the parser when nothing is fatal."""
    where = Location(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
            fh.seek(0, 2)
            size = fh.tell()
    except OSError as exc:
        error = f"{type(exc).__name__}: {exc.strerror or exc}"
        return Preflight([Finding("F120", where, {"error": error})])
    if size == 0:
        return Preflight([Finding("F101", where)])
    if size > limits.max_file_mb * MB:
        params = {"size_mb": _mb(size), "limit_mb": f"{limits.max_file_mb:g}"}
        return Preflight([Finding("F111", where, params)])
    if head.startswith(OLE2_MAGIC):
        kind = ole2_kind(path, size)
        code = {"encrypted": "F106", "xls": "F107"}.get(kind, "F110")
        return Preflight([Finding(code, where)])
    if not is_zip(head):
        text = text_kind(head)
        suffix = PurePosixPath(path.replace("\\", "/")).suffix or "(none)"
        if text:
            return Preflight([Finding("F102", where, {"kind": text, "suffix": suffix})])
        return Preflight([Finding("F103", where, {"magic": head[:8].hex(" ").upper()})])
    return _check_zip(path, limits, where)


def _mb(size: float) -> str:
    return f"{size / MB:.1f}"


def _check_zip(path: str, limits: Limits, where: Location) -> Preflight:
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_package(zf, limits, where)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,  # includes defusedxml's refusals
        NotImplementedError,  # an unsupported compression method
        ParseError,  # workbook.xml or its rels are not well-formed XML
        KeyError,  # a member named in the directory cannot be found
    ) as exc:
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return Preflight([Finding("F104", where, {"detail": detail})])
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            return Preflight([Finding("F106", where)])
        return Preflight([Finding("F104", where, {"detail": f"RuntimeError: {exc}"[:200]})])
    except OSError as exc:
        return Preflight([Finding("F120", where, {"error": f"{type(exc).__name__}: {exc}"[:200]})])


def _check_package(zf: zipfile.ZipFile, limits: Limits, where: Location) -> Preflight:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    # the central directory first: ~0.1 ms, nothing decompressed yet
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_mb * MB:
        params = {"size_mb": _mb(total), "limit_mb": f"{limits.max_uncompressed_mb:g}"}
        return Preflight([Finding("F112", where, params)])
    for info in infos:
        if info.file_size >= MIN_RATIO_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                params = {
                    "member": info.filename,
                    "ratio": f"{ratio:.0f}",
                    "limit": f"{limits.max_ratio:g}",
                }
                return Preflight([Finding("F113", where, params)])
    # what kind of package is it?
    if "xl/workbook.bin" in names or any(n.lower().endswith("workbook.bin") for n in names):
        return Preflight([Finding("F109", where)])
    if "content.xml" in names and ("mimetype" in names or "META-INF/manifest.xml" in names):
        return Preflight([Finding("F108", where)])
    if {"EncryptionInfo", "EncryptedPackage"} <= names:
        return Preflight([Finding("F106", where)])
    if any("\\" in n for n in names) and workbook_member({n.replace("\\", "/") for n in names}):
        return Preflight([Finding("F104", where, {"detail": "member names use backslashes"})])
    # two members of one name: which would a parser read? OPC part names are case-insensitive
    # (a reader may take XL/WORKSHEETS/SHEET2.XML for xl/worksheets/sheet2.xml)
    seen = Counter(part_key(i.filename) for i in infos)
    if len(seen) < len(infos):
        twins = sorted(i.filename for i in infos if seen[part_key(i.filename)] > 1)
        twice = ", ".join(twins[:4])
        return Preflight([Finding("F104", where, {"detail": f"duplicate member names: {twice}"})])
    workbook = workbook_member(names)
    if workbook is None:
        shown = ", ".join(sorted(names)[:3]) + (" …" if len(names) > 3 else "")
        return Preflight([Finding("F105", where, {"detail": shown or "empty archive"})])
    return _check_parts(zf, infos, limits, where)


def _check_parts(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    limits: Limits,
    where: Location,
) -> Preflight:
    """Read every XML part; then DOCTYPE/ENTITY anywhere in any of them (F115, the first in zip
    order), each worksheet's extent (F114, in workbook order), then formulas without cached
    values (F119) and error values calamine cannot read (V217, rewritten as ``#N/A`` in the
    package). A part that cannot be read is reported after a DOCTYPE in any part's head, as if
    every head had been read first."""
    xml_infos = [i for i in infos if i.filename.lower().endswith(XML_SUFFIXES)]
    try:
        parts = {i.filename: read_member(zf, i, i.file_size) for i in xml_infos}
    except Exception:
        if refusal := _doctype_in_heads(zf, xml_infos, where):
            return Preflight(refusal)
        raise
    for name, data in parts.items():
        if declares_doctype(data):
            return Preflight([Finding("F115", where, {"member": name})])
    searched = set(parts)  # for DOCTYPE/ENTITY

    def read(name: str) -> bytes:
        if name in parts:
            return parts[name][:MAX_PART_BYTES]
        return read_member(zf, zf.getinfo(name), MAX_PART_BYTES)

    sheets = sheet_parts_of([i.filename for i in infos], read)
    for part in sheets:  # a worksheet under another extension is checked (and passed on) too
        if part.member not in parts:
            info = zf.getinfo(part.member)
            parts[part.member] = read_member(zf, info, info.file_size)
    # every part a parser might take for a worksheet has its extent checked
    named = {p.member for p in sheets}
    checked = sheets + [
        SheetPart(name, name)
        for name, data in parts.items()
        if name not in named and b"sheetData" in data
    ]
    formulas: list[tuple[str, str]] = []
    for part in checked:
        scan = scan_xml(
            parts[part.member],
            limits.max_cells,
            max_formulas=MAX_FORMULA_FINDINGS - len(formulas) if part.member in named else 0,
            refuse_doctype=part.member not in searched,
        )
        if scan.doctype:
            return Preflight([Finding("F115", where, {"member": part.member})])
        if scan.malformed:
            detail = f"{part.member}: not well-formed XML"
            return Preflight([Finding("F104", where, {"detail": detail})])
        if scan.too_large:
            rows, cols = scan.rows, scan.cols
            cell = Location(where.file, part.name, rows, cols).cell
            params = {"sheet": part.name, "cell": cell, "cells": rows * cols}
            params["limit"] = limits.max_cells
            return Preflight([Finding("F114", Location(where.file, part.name), params)])
        formulas.extend((part.name, ref) for ref in scan.formulas)
    # not fatal: formulas whose value no reader can see (reported, never read as empty)
    findings = [
        Finding("F119", loc, {"ref": loc.ref()})
        for sheet, row, col in _ref_cells(formulas)
        for loc in [Location(where.file, sheet, row, col)]
    ]
    findings.extend(_unknown_errors(parts, checked, where))
    return Preflight(findings, _package(parts))


def _unknown_errors(
    parts: dict[str, bytes], checked: list[SheetPart], where: Location
) -> list[Finding]:
    """V217 for each error cell calamine would refuse (it fails the whole sheet), its value
    rewritten as ``#N/A`` (an empty cell to the reader) in ``parts``."""
    findings: list[Finding] = []
    for part in checked:
        data, cells = replace_unknown_errors(parts[part.member])
        if not cells:
            continue
        parts[part.member] = data
        for cell in cells[: max(0, MAX_FORMULA_FINDINGS - len(findings))]:
            found = _ref_cells([(part.name, cell.ref)]) if cell.ref else []
            loc = Location(where.file, *found[0]) if found else Location(where.file, part.name)
            findings.append(Finding("V217", loc, {"ref": loc.ref(), "value": cell.value}))
    return findings


def _package(parts: dict[str, bytes]) -> bytes:
    """The parts as an uncompressed zip, in their order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as out:
        for name, data in parts.items():
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def _head_has_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with zf.open(info) as fh:
        return has_doctype(fh.read(PROLOG_BYTES))


def _doctype_in_heads(
    zf: zipfile.ZipFile, xml_infos: list[zipfile.ZipInfo], where: Location
) -> list[Finding]:
    """F115 for the first XML part (in zip order) whose head declares a DOCTYPE/ENTITY."""
    for info in xml_infos:
        if _head_has_doctype(zf, info):
            return [Finding("F115", where, {"member": info.filename})]
    return []


def _ref_cells(refs: Iterable[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """``(sheet, "C400")`` pairs as ``(sheet, 400, 3)``."""
    cells: list[tuple[str, int, int]] = []
    for sheet, ref in refs:
        match = _A1.fullmatch(ref)
        if match:
            col, row = match.groups()
            cells.append((sheet, int(row), column_number(col)))
    return cells


def formulas_without_values(
    path: str, sheets: Iterable[str] | None = None
) -> list[tuple[str, int, int]]:
    """Cells holding a formula but no cached value, as ``(sheet name, row, col)`` (1-based).

    ``sheets``: the sheet names (as the reader sees them) to scan; None scans all worksheets.
    A file saved by Excel/WPS/LibreOffice caches every formula's value; one written by openpyxl
    or pandas does not, and a reader would see an empty cell. A file that cannot be opened
    yields an empty list (preflight has already reported why).
    """
    wanted = set(sheets) if sheets is not None else None
    try:
        with zipfile.ZipFile(path) as zf:
            refs = [
                (part.name, ref)
                for part in sheet_parts(zf)
                if wanted is None or part.name in wanted
                for ref in scan_sheet(zf, part.member, None).formulas
            ]
    except Exception:  # unreadable or malformed: preflight has already said why
        return []
    return _ref_cells(refs)
