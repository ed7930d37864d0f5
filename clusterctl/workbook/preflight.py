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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import PurePosixPath
from xml.etree.ElementTree import ParseError

from clusterctl.diagnostics import Finding, Location
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
    base = PurePosixPath(workbook).parent
    rels_name = str(base / "_rels" / (PurePosixPath(workbook).name + ".rels"))
    targets: dict[str, str] = {}
    if rels_name in names:
        rels = ElementTree.fromstring(_read_member(zf, zf.getinfo(rels_name), MAX_PART_BYTES))
        for rel in rels:
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target:
                if target.startswith("/"):
                    member = target.lstrip("/")
                else:
                    member = _normalise(str(base / target))
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


def _stream(zf: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    with zf.open(member) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _dimension_extent(ref: str) -> tuple[int, int] | None:
    """Largest (row, col) named by a ``<dimension ref>`` such as ``A1:H40``."""
    corners = _A1.findall(ref)
    if not corners:
        return None
    return (
        max(int(row) for _col, row in corners),
        max(column_number(col) for col, _row in corners),
    )


def sheet_extent(zf: zipfile.ZipFile, member: str, max_cells: int) -> tuple[int, int]:
    """Largest row and column of a worksheet from its dimension and its cell references.

    Stops early once the extent alone exceeds ``max_cells``. Streams the XML in chunks.
    """
    max_row = max_col = 0
    tail = b""
    first = True
    for chunk in _stream(zf, member):
        window = tail + chunk
        if first:
            match = _DIMENSION.search(window)
            if match:
                extent = _dimension_extent(match.group(1).decode("ascii", "replace"))
                if extent:
                    max_row, max_col = extent
            first = False
        refs = _CELL_REF.findall(window)
        if refs:  # reduced in C: tens of thousands of cells, a handful of distinct columns
            max_row = max(max_row, max(map(int, map(itemgetter(1), refs))))
            for col in set(map(itemgetter(0), refs)):
                max_col = max(max_col, column_number(col.decode("ascii")))
        if max_row * max_col > max_cells:
            break
        # keep an unfinished tag for the next window (a match may straddle the boundary)
        cut = window.rfind(b"<")
        tail = window[cut:] if cut >= 0 and len(window) - cut < 512 else b""
    return max_row, max_col


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
    if _workbook_member(names) is None:
        shown = ", ".join(sorted(names)[:3]) + (" …" if len(names) > 3 else "")
        return [Finding("F105", where, {"detail": shown or "empty archive"})]
    # hostile XML: no DOCTYPE/ENTITY anywhere (Excel never writes one)
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")) and info.file_size:
            with zf.open(info) as fh:
                prolog = fh.read(PROLOG_BYTES)
            if _DOCTYPE.search(prolog):
                return [Finding("F115", where, {"member": info.filename})]
    # the range of every worksheet, before a reader allocates it
    for part in sheet_parts(zf):
        rows, cols = sheet_extent(zf, part.member, limits.max_cells)
        if rows * cols > limits.max_cells:
            cell = Location(where.file, part.name, rows, cols).cell
            params = {"sheet": part.name, "cell": cell, "cells": rows * cols}
            params["limit"] = limits.max_cells
            return [Finding("F114", Location(where.file, part.name), params)]
    # not fatal: formulas whose value no reader can see (reported, never read as empty)
    return [
        Finding("F119", loc, {"ref": loc.ref()})
        for sheet, row, col in _formulas_in(zf, sheet_parts(zf), None)[:MAX_FORMULA_FINDINGS]
        for loc in [Location(where.file, sheet, row, col)]
    ]


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
            return _formulas_in(zf, sheet_parts(zf), wanted)
    except Exception:  # unreadable or malformed: preflight has already said why
        return []


def _formulas_in(
    zf: zipfile.ZipFile, parts: list[SheetPart], wanted: set[str] | None
) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for part in parts:
        if wanted is not None and part.name not in wanted:
            continue
        for ref in _formula_cells(zf, part.member):
            match = _A1.fullmatch(ref)
            if match:
                col, row = match.groups()
                found.append((part.name, int(row), column_number(col)))
    return found


def _has_value(attrs: bytes, body: bytes) -> bool:
    if _HAS_VALUE.search(body):
        return True
    return bool(_STR_TYPE.search(attrs) and _HAS_EMPTY_VALUE.search(body))


def _formula_cells(zf: zipfile.ZipFile, member: str) -> Iterator[str]:
    pending = b""
    for chunk in _stream(zf, member):
        window = pending + chunk
        if _HAS_FORMULA.search(window):
            end = 0
            for match in _CELL.finditer(window):
                end = match.end()
                attrs, body = match.group(1), match.group(2)
                if body and _HAS_FORMULA.search(body) and not _has_value(attrs, body):
                    ref = _ATTR_R.search(attrs)
                    if ref:
                        yield ref.group(1).decode("ascii")
            window = window[end:]
        # keep only a cell that may still be open, from its start tag on
        recent = window[-MAX_PENDING_CELL:]
        start = _last_cell_start(recent)
        pending = recent[start:] if start >= 0 else recent[-16:]


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
