"""Preflight: is this a workbook we may hand to a parser? Runs before any spreadsheet library.

Sniffs the format from the bytes (never the file name), then, for a zip, checks the central
directory against :class:`~clusterctl.workbook.limits.Limits` (declared sizes, compression ratio),
refuses DOCTYPE/ENTITY declarations in any XML part, and bounds each worksheet's range from its
``<dimension ref>`` and the largest cell reference it holds. Everything is streamed in small
chunks: memory stays bounded whatever the input, and the input is opened read-only.

Format decisions (docs/robustness.md): ``.xlsx``/``.xlsm``/``.xltx``/``.xltm`` (any OOXML
spreadsheet, whatever its name) are read; ``.xls``, ``.ods`` and ``.xlsb`` are refused with
"save as .xlsx", because the template is ``.xlsx`` and a round trip through those formats is
not something we test the hidden field keys against.

Also exposes :func:`formulas_without_values` for the reader: cells whose formula has no cached
value (files written by openpyxl or pandas and never opened in Excel).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import PurePosixPath
from xml.etree.ElementTree import ParseError

from clusterctl.diagnostics import Finding, Location
from clusterctl.diagnostics.finding import column_letter
from clusterctl.workbook.limits import Limits

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
CHUNK = 1 << 16
PROLOG_BYTES = 1 << 16  # how far into each XML part we look for DOCTYPE/ENTITY
MAX_PART_BYTES = 16 << 20  # workbook.xml and its rels: read whole, but never more than this
MAX_PENDING_CELL = 4 << 20  # longest single <c> element the formula scan will buffer
MIN_RATIO_BYTES = 1 << 20  # members smaller than this unpacked cannot be a bomb worth flagging
MAX_FORMULA_FINDINGS = 50  # one finding per cell, up to this many per file
MB = 1024 * 1024

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_REF = re.compile(rb"""<(?:\w+:)?c\s[^>]*?\br\s*=\s*["']([A-Z]{1,4})([0-9]{1,8})["']""")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_A1 = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})")
_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s/>]")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_FORMULA_HINT = re.compile(rb"f[\s/>]")  # in every formula tag; a fast scan for a rare letter
_HAS_VALUE = re.compile(rb"<(?:\w+:)?v\s*>[^<]|<(?:\w+:)?is[\s>]")  # a non-empty cached value
_HAS_EMPTY_VALUE = re.compile(rb"<(?:\w+:)?v\s*>")  # <v></v>: cached "" (t="str" only)
_STR_TYPE = re.compile(rb"""\bt\s*=\s*["']str["']""")
_ATTR_R = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,4}[0-9]{1,8})["']""")


def column_number(letters: str) -> int:
    """``A`` -> 1, ``XFD`` -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


# ---------------------------------------------------------------- format sniffing


def _is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGICS)


def _text_kind(head: bytes) -> str | None:
    """``CSV``/``HTML``/``XML``/``TXT`` if the first bytes are text, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in head:
            return None
        text = None
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = head.decode(encoding)
                break
            except UnicodeDecodeError:
                # the head may cut a multi-byte character: retry without the last 3 bytes
                try:
                    text = head[:-3].decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
        if text is None:
            return None
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<html", "<!doctype html", "<table", "<meta")):
        return "HTML"
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return "XML"
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if lines and sum(1 for line in lines if "," in line or "\t" in line or ";" in line) * 2 >= len(
        lines
    ):
        return "CSV"
    return "TXT"


def _ole2_kind(path: str, max_bytes: int) -> str:
    """``encrypted``, ``xls`` or ``other`` for an OLE2 compound file.

    Directory entry names are UTF-16LE; an encrypted OOXML package has the streams
    ``EncryptionInfo`` and ``EncryptedPackage``, a legacy workbook ``Workbook`` or ``Book``. The
    file (already bounded by ``max_file_mb``) is scanned in chunks with an overlap; names compare
    case-insensitively (some writers use ``WORKBOOK``).
    """
    needles = {
        "encrypted": ("encryptedpackage".encode("utf-16-le"), "encryptioninfo".encode("utf-16-le")),
        "xls": ("workbook\x00".encode("utf-16-le"), "book\x00".encode("utf-16-le")),
    }
    overlap = 64
    found: set[str] = set()
    tail = b""
    read = 0
    with open(path, "rb") as fh:
        while read < max_bytes and (chunk := fh.read(CHUNK)):
            read += len(chunk)
            window = (tail + chunk).lower()  # stream names are case-insensitive
            for kind, names in needles.items():
                if any(name in window for name in names):
                    found.add(kind)
            if "encrypted" in found:
                return "encrypted"
            tail = window[-overlap:]
    return "xls" if "xls" in found else "other"


# ---------------------------------------------------------------- zip parts


@dataclass(frozen=True, slots=True)
class SheetPart:
    name: str  # the sheet's name as users see it
    member: str  # zip member holding its XML, e.g. xl/worksheets/sheet1.xml


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as fh:
        return fh.read(limit)


def _workbook_member(names: set[str]) -> str | None:
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    for name in sorted(names):
        if name.lower().endswith("/workbook.xml") or name.lower() == "workbook.xml":
            return name
    return None


def sheet_parts(zf: zipfile.ZipFile) -> list[SheetPart]:
    """The worksheets of an OOXML package, in workbook order, with their zip members."""
    from defusedxml import ElementTree

    names = {i.filename for i in zf.infolist()}
    workbook = _workbook_member(names)
    if workbook is None:
        return []
    base = str(PurePosixPath(workbook).parent)
    rels_name = _rels_member(workbook)
    targets: dict[str, str] = {}
    if rels_name in names:
        rels = ElementTree.fromstring(_read_member(zf, zf.getinfo(rels_name), MAX_PART_BYTES))
        for rel in rels:
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target:
                if target.startswith("/"):
                    member = target.lstrip("/")
                else:
                    member = _normalise(f"{base}/{target}")
                targets[rid] = member
    root = ElementTree.fromstring(_read_member(zf, zf.getinfo(workbook), MAX_PART_BYTES))
    parts: list[SheetPart] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        member = targets.get(rid or "")
        if member and member in names:
            parts.append(SheetPart(element.get("name") or member, member))
    return parts


def _normalise(path: str) -> str:
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece and piece != ".":
            out.append(piece)
    return "/".join(out)


def _dimension_extent(ref: str) -> tuple[int, int] | None:
    """Largest (row, col) named by a ``<dimension ref>`` such as ``A1:H40``."""
    corners = _A1.findall(ref)
    if not corners:
        return None
    return (
        max(int(row) for _col, row in corners),
        max(column_number(col) for col, _row in corners),
    )


def _greater_than(value: str, low: str, high: str, lead: str) -> str:
    """Regex alternatives matching the start of every string greater than ``value``.

    Strings over the alphabet ``low``..``high`` where a longer string is always greater (row
    numbers without leading zeros, column letters); ``lead`` is the class of a longer string's
    first character. Used as a superset test, so matching a prefix of a longer string is fine.
    """
    width = len(value)
    alternatives = [f"{lead}[{low}-{high}]{{{width}}}"]
    for i, ch in enumerate(value):
        if ch < high:
            rest = f"[{low}-{high}]{{{width - i - 1}}}"
            alternatives.append(f"{re.escape(value[:i])}[{chr(ord(ch) + 1)}-{high}]{rest}")
    return "|".join(alternatives)


def _bounds(rows: int, cols: int, max_cells: int) -> tuple[int, int] | None:
    """A column and a row bound that cover the ``<dimension>`` and whose product stays within
    ``max_cells``, as round as possible (every column of as many letters, every row number of
    as many digits) so that checking a chunk against them is one cheap regex search. None if
    there is none: the sheet is checked cell by cell."""
    widest = column_number("Z" * len(column_letter(max(cols, 1))))
    for col_bound in dict.fromkeys((widest, max(cols, 1))):
        row_limit = max_cells // col_bound
        nines = 10 ** (len(str(row_limit + 1)) - 1) - 1
        for row_bound in dict.fromkeys((nines, row_limit)):
            if row_bound >= rows:
                return col_bound, row_bound
    return None


@lru_cache(maxsize=64)
def _beyond(col_bound: int, row_bound: int) -> re.Pattern[bytes]:
    """Matches at least every cell reference right of ``col_bound`` or below ``row_bound``.

    A superset of what :data:`_CELL_REF` finds there (any ``r`` attribute, with or without the
    ``<c`` around it): a chunk it does not match holds no reference outside the bounds, at the
    cost of one regex search per chunk and no Python per cell.
    """
    if set(str(row_bound)) == {"9"}:  # 99..9: any longer digit string (zeros included)
        row_gt = f"[0-9]{{{len(str(row_bound)) + 1}}}"
    else:
        row_gt = "0*+(?:" + _greater_than(str(row_bound), "0", "9", "[1-9]") + ")"
    if col_bound == 26:  # the common case, factored: a second letter, or too many digits
        ref_gt = f"[A-Z](?:[A-Z]|{row_gt})"
    else:
        col_gt = _greater_than(column_letter(col_bound), "A", "Z", "[A-Z]")
        ref_gt = f"{col_gt}|[A-Z]{{1,4}}+{row_gt}"
    pattern = rf"""r\s*+=\s*+["'](?:{ref_gt})"""
    return re.compile(pattern.encode("ascii"))


def _has_doctype(head: bytes) -> bool:
    return b"!" in head and _DOCTYPE.search(head) is not None


@dataclass(slots=True)
class SheetScan:
    """What one streaming pass over a worksheet's XML found."""

    # the extent from <dimension> and cell references, exact when too_large (and when the scan
    # was exact); otherwise possibly only the <dimension>, all references being within bounds
    rows: int = 0
    cols: int = 0
    too_large: bool = False  # rows * cols exceeded max_cells: the scan stopped there
    doctype: bool = False  # its head declares a DOCTYPE/ENTITY: the scan stopped there
    formulas: list[str] = field(default_factory=list)  # A1 refs of formulas without values


class _OutOfBounds(Exception):
    """A chunk holds a cell reference outside the bounds: scan the sheet cell by cell."""


def scan_sheet(
    zf: zipfile.ZipFile,
    member: str,
    max_cells: int | None,
    max_formulas: int | None = None,
    refuse_doctype: bool = False,
    exact: bool = False,
) -> SheetScan:
    """One streaming pass over a worksheet: its extent and its formulas without cached values.

    ``max_cells``: stop once the extent (``<dimension>`` and every cell reference so far)
    exceeds it; None skips the extent. Each chunk is first checked against round bounds (see
    :func:`_bounds`); only a sheet with a reference outside them is read again, cell by cell
    (``exact``: from the start). ``max_formulas``: keep at most this many formula refs (the
    scan goes on for the extent). ``refuse_doctype``: stop if the first chunk (the
    :data:`PROLOG_BYTES` head) declares a DOCTYPE/ENTITY. Memory is bounded by one chunk plus
    one unfinished cell (at most :data:`MAX_PENDING_CELL`); nothing is parsed.
    """
    try:
        return _scan_sheet(zf, member, max_cells, max_formulas, refuse_doctype, exact)
    except _OutOfBounds:
        return _scan_sheet(zf, member, max_cells, max_formulas, refuse_doctype, True)


def _scan_sheet(
    zf: zipfile.ZipFile,
    member: str,
    max_cells: int | None,
    max_formulas: int | None,
    refuse_doctype: bool,
    exact: bool,
) -> SheetScan:
    scan = SheetScan()
    beyond: re.Pattern[bytes] | None = None
    carry = b""
    first = True
    with zf.open(member) as fh:
        while chunk := fh.read(CHUNK):
            window = carry + chunk if carry else chunk
            if first:
                first = False
                if refuse_doctype and _has_doctype(chunk):
                    scan.doctype = True
                    return scan
                match = _DIMENSION.search(window) if b"dimension" in window else None
                if match:
                    extent = _dimension_extent(match.group(1).decode("ascii", "replace"))
                    if extent:
                        scan.rows, scan.cols = extent
                if max_cells is not None and not exact:
                    bounds = _bounds(scan.rows, scan.cols, max_cells)
                    exact = bounds is None
                    beyond = _beyond(*bounds) if bounds else None
            if max_cells is not None:
                if exact:
                    _widen(scan, window)
                elif beyond is not None and beyond.search(window):
                    raise _OutOfBounds
                if scan.rows * scan.cols > max_cells:
                    scan.too_large = True
                    return scan
            carry = _formulas_in_window(window, scan.formulas, max_formulas)
    return scan


def _widen(scan: SheetScan, window: bytes) -> None:
    refs = _CELL_REF.findall(window)
    if refs:  # reduced in C: tens of thousands of cells, a handful of distinct columns
        scan.rows = max(scan.rows, max(map(int, map(itemgetter(1), refs))))
        for col in set(map(itemgetter(0), refs)):
            scan.cols = max(scan.cols, column_number(col.decode("ascii")))


def _formulas_in_window(window: bytes, found: list[str], limit: int | None) -> bytes:
    """Add the refs of the window's complete formula cells without a cached value to
    ``found``; return what to carry into the next window (an unfinished tag)."""
    if _FORMULA_HINT.search(window) and _HAS_FORMULA.search(window):
        end = 0
        for match in _CELL.finditer(window):
            end = match.end()
            attrs, body = match.group(1), match.group(2)
            if body and _HAS_FORMULA.search(body) and not _has_value(attrs, body):
                ref = _ATTR_R.search(attrs)
                if ref and (limit is None or len(found) < limit):
                    found.append(ref.group(1).decode("ascii"))
        window = window[end:]
    # keep only a cell that may still be open, from its start tag on
    recent = window[-MAX_PENDING_CELL:]
    start = _last_cell_start(recent)
    if start >= 0:
        return recent[start:]
    # no cell starts here: keep an unfinished tag for the extent (a reference may straddle)
    cut = recent.rfind(b"<", max(0, len(recent) - 512))
    return recent[min(cut, len(recent) - 16) :] if cut >= 0 else recent[-16:]


def sheet_extent(zf: zipfile.ZipFile, member: str, max_cells: int) -> tuple[int, int]:
    """Largest row and column of a worksheet from its dimension and its cell references.

    Stops early once the extent alone exceeds ``max_cells``. Streams the XML in chunks.
    """
    scan = scan_sheet(zf, member, max_cells, max_formulas=0, exact=True)
    return scan.rows, scan.cols


# ---------------------------------------------------------------- the checks


def preflight(path: str, limits: Limits) -> list[Finding]:
    """Check a file before any parser sees it; fatal findings mean: do not open it."""
    where = Location(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
            fh.seek(0, 2)
            size = fh.tell()
    except OSError as exc:
        return [Finding("F120", where, {"error": f"{type(exc).__name__}: {exc.strerror or exc}"})]
    if size == 0:
        return [Finding("F101", where)]
    if size > limits.max_file_mb * MB:
        return [
            Finding("F111", where, {"size_mb": _mb(size), "limit_mb": f"{limits.max_file_mb:g}"})
        ]
    if head.startswith(OLE2_MAGIC):
        kind = _ole2_kind(path, size)
        code = {"encrypted": "F106", "xls": "F107"}.get(kind, "F110")
        return [Finding(code, where)]
    if not _is_zip(head):
        text = _text_kind(head)
        suffix = PurePosixPath(path.replace("\\", "/")).suffix or "(none)"
        if text:
            return [Finding("F102", where, {"kind": text, "suffix": suffix})]
        return [Finding("F103", where, {"magic": head[:8].hex(" ").upper()})]
    return _check_zip(path, limits, where)


def _mb(size: float) -> str:
    return f"{size / MB:.1f}"


def _check_zip(path: str, limits: Limits, where: Location) -> list[Finding]:
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
        return [Finding("F104", where, {"detail": detail})]
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            return [Finding("F106", where)]
        return [Finding("F104", where, {"detail": f"RuntimeError: {exc}"[:200]})]
    except OSError as exc:
        return [Finding("F120", where, {"error": f"{type(exc).__name__}: {exc}"[:200]})]


def _check_package(zf: zipfile.ZipFile, limits: Limits, where: Location) -> list[Finding]:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    # the central directory first: ~0.1 ms, nothing decompressed yet
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_mb * MB:
        params = {"size_mb": _mb(total), "limit_mb": f"{limits.max_uncompressed_mb:g}"}
        return [Finding("F112", where, params)]
    for info in infos:
        if info.file_size >= MIN_RATIO_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                params = {
                    "member": info.filename,
                    "ratio": f"{ratio:.0f}",
                    "limit": f"{limits.max_ratio:g}",
                }
                return [Finding("F113", where, params)]
    # what kind of package is it?
    if "xl/workbook.bin" in names or any(n.lower().endswith("workbook.bin") for n in names):
        return [Finding("F109", where)]
    if "content.xml" in names and ("mimetype" in names or "META-INF/manifest.xml" in names):
        return [Finding("F108", where)]
    if {"EncryptionInfo", "EncryptedPackage"} <= names:
        return [Finding("F106", where)]
    if any("\\" in n for n in names) and _workbook_member({n.replace("\\", "/") for n in names}):
        return [Finding("F104", where, {"detail": "member names use backslashes"})]
    workbook = _workbook_member(names)
    if workbook is None:
        shown = ", ".join(sorted(names)[:3]) + (" …" if len(names) > 3 else "")
        return [Finding("F105", where, {"detail": shown or "empty archive"})]
    return _check_parts(zf, infos, workbook, limits, where)


def _check_parts(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    workbook: str,
    limits: Limits,
    where: Location,
) -> list[Finding]:
    """DOCTYPE/ENTITY in any XML part (F115), then each worksheet's range (F114), then formulas
    without cached values (F119), reading each worksheet once.

    The outcome is that of checking, in this order, the head of every XML part (in zip order),
    every sheet's extent (in workbook order), then every sheet's formulas. Any irregularity (a
    DOCTYPE, a sheet too large, an error) re-checks the heads in zip order first, so the first
    problem in that order is the one reported, as if the heads had all been read first.
    """
    xml_infos = [
        i for i in infos if i.filename.lower().endswith((".xml", ".rels", ".vml")) and i.file_size
    ]
    try:
        return _check_parts_once(zf, xml_infos, workbook, limits, where)
    except Exception:
        if refusal := _doctype_in_heads(zf, xml_infos, where):
            return refusal
        raise


def _check_parts_once(
    zf: zipfile.ZipFile,
    xml_infos: list[zipfile.ZipInfo],
    workbook: str,
    limits: Limits,
    where: Location,
) -> list[Finding]:
    # the two parts sheet_parts parses come first: no DOCTYPE reaches a parser
    parsed = {workbook, _rels_member(workbook)}
    if any(_head_has_doctype(zf, i) for i in xml_infos if i.filename in parsed):
        return _doctype_in_heads(zf, xml_infos, where)
    parts = sheet_parts(zf)
    streamed = {p.member for p in parts}
    others = (i for i in xml_infos if i.filename not in parsed and i.filename not in streamed)
    if any(_head_has_doctype(zf, i) for i in others):
        return _doctype_in_heads(zf, xml_infos, where)
    # every worksheet once: its head, its extent and its formulas in one streaming pass
    with_heads = {i.filename for i in xml_infos}  # the parts whose head the DOCTYPE rule covers
    formulas: list[tuple[str, str]] = []
    for part in parts:
        scan = scan_sheet(
            zf,
            part.member,
            limits.max_cells,
            max_formulas=MAX_FORMULA_FINDINGS - len(formulas),
            refuse_doctype=part.member in with_heads,
        )
        if (scan.doctype or scan.too_large) and (
            refusal := _doctype_in_heads(zf, xml_infos, where)
        ):
            return refusal
        if scan.too_large:
            rows, cols = scan.rows, scan.cols
            cell = Location(where.file, part.name, rows, cols).cell
            params = {"sheet": part.name, "cell": cell, "cells": rows * cols}
            params["limit"] = limits.max_cells
            return [Finding("F114", Location(where.file, part.name), params)]
        formulas.extend((part.name, ref) for ref in scan.formulas)
    # not fatal: formulas whose value no reader can see (reported, never read as empty)
    return [
        Finding("F119", loc, {"ref": loc.ref()})
        for sheet, row, col in _ref_cells(formulas)
        for loc in [Location(where.file, sheet, row, col)]
    ]


def _rels_member(workbook: str) -> str:
    path = PurePosixPath(workbook)
    return str(path.parent / "_rels" / (path.name + ".rels"))


def _head_has_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with zf.open(info) as fh:
        return _has_doctype(fh.read(PROLOG_BYTES))


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


# ---------------------------------------------------------------- for the reader


def formulas_without_values(
    path: str, sheets: Iterable[str] | None = None
) -> list[tuple[str, int, int]]:
    """Cells holding a formula but no cached value, as ``(sheet name, row, col)`` (1-based).

    ``sheets``: the sheet names (as the reader sees them) to scan; None scans all worksheets.
    A file saved by Excel/WPS/LibreOffice caches every formula's value; one written by openpyxl
    or pandas does not, and a reader would see an empty cell. The scan streams each sheet's XML
    with a bounded buffer; a file that cannot be opened yields an empty list (preflight has
    already reported why).
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


def _has_value(attrs: bytes, body: bytes) -> bool:
    if _HAS_VALUE.search(body):
        return True
    return bool(_STR_TYPE.search(attrs) and _HAS_EMPTY_VALUE.search(body))


def _last_cell_start(buf: bytes, tries: int = 64) -> int:
    """Offset of the last cell start tag in ``buf``, or -1. Looks back from the end (the
    last tag is nearly always close to it) instead of listing every cell of the chunk."""
    end = len(buf)
    for _ in range(tries):
        pos = buf.rfind(b"<", 0, end)
        if pos < 0:
            return -1
        if _CELL_START.match(buf, pos):
            return pos
        end = pos
    starts = [m.start() for m in _CELL_START.finditer(buf, 0, end)]
    return starts[-1] if starts else -1
