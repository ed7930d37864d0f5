"""One worksheet's XML, checked before python-calamine parses it: its extent and its formulas.

python-calamine builds a dense grid from the smallest to the largest cell position it meets, so a
sheet holding ``A1`` and ``XFD1048576`` asks for 17 billion cells and aborts the whole process.
:func:`scan_xml` bounds the extent calamine will see, counting a cell the way calamine places it:

- at its ``r`` reference, letters in either case (``xfd1048576`` is ``XFD1048576``);
- without ``r``, after the previous cell of its row; a row without ``r`` after the previous row.

**Fast path** (sheets as Excel, LibreOffice and openpyxl write them): one regex search over the
whole sheet finds any ``<c``/``<row`` tag that is not of the canonical form ``<c r="B12"`` /
``<row r="12"`` with a reference inside round bounds covering the ``<dimension>`` (see
:func:`_bounds`), and one more any namespace-prefixed ``c``/``row`` tag. If neither finds
anything, every cell lies inside the bounds and nothing else is looked at.

**Exact path** (anything else: cells or rows without ``r``, lowercase or far references,
prefixed tags, attributes in another order): the sheet is read as SAX events (defusedxml, no
DTD) and calamine's placement is replayed, as an upper bound of where calamine can put each cell
(a self-closing ``<row/>`` or ``<c/>``, which calamine skips, is counted as if it were a real
one). A sheet that is not well-formed XML is refused.

Formulas without a cached value (files written by openpyxl or pandas and never opened in Excel)
are listed by a chunked scan, only for a sheet that has a formula tag at all.

Also here: :func:`declares_doctype` (a DOCTYPE/ENTITY anywhere in an XML part) and
:func:`replace_unknown_errors` (error cells whose value python-calamine does not know, such as
``#GETTING_DATA`` or ``#SPILL!``, which make it refuse the whole sheet: rewritten as ``#N/A``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.handler import ContentHandler

from clusterctl.diagnostics.finding import column_letter

CHUNK = 1 << 16
PROLOG_BYTES = 1 << 16  # the head of a part that cannot be read to its end, for DOCTYPE/ENTITY
# the error values python-calamine 0.9 reads in a t="e" cell; any other one fails the sheet
KNOWN_ERRORS = frozenset(
    (b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!")
)
MAX_PENDING_CELL = 4 << 20  # longest single <c> element the formula scan will buffer
NO_ROW = 1 << 32  # where a cell at row 0 may end up

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_A1 = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})")
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")  # a superset of every prefixed c/row tag
_REF = re.compile(r"([A-Za-z]*)([0-9]*)")
_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s/>]")
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_FORMULA_HINT = re.compile(rb"f[\s/>]")  # in every formula tag; a fast scan for a rare letter
_HAS_VALUE = re.compile(rb"<(?:\w+:)?v\s*>[^<]|<(?:\w+:)?is[\s>]")  # a non-empty cached value
_HAS_EMPTY_VALUE = re.compile(rb"<(?:\w+:)?v\s*>")  # <v></v>: cached "" (t="str" only)
_STR_TYPE = re.compile(rb"""\bt\s*=\s*["']str["']""")
_ATTR_R = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,4}[0-9]{1,8})["']""")
_ERROR_TYPE = re.compile(rb"""t\s*=\s*["']e["']""")  # a superset of every error cell's t
# an error cell and its body; the body stops at the next <c or </c tag, taken possessively, so an
# unclosed cell costs a scan to the next cell, not to the end of the sheet (linear, not quadratic)
_ERROR_CELL = re.compile(
    rb"""<((?:\w+:)?)c(?=[\s/>])([^>]*?\b(?:\w+:)?t\s*=\s*["']e["'][^>]*?)"""
    rb"""(?:/>|>((?:[^<]++|<(?!/?(?:\w+:)?c[\s/>]))*+)</\1c\s*>)"""
)
_VALUE = re.compile(rb"(<(?:\w+:)?v(?:\s[^>]*)?>)([^<]*+)(</(?:\w+:)?v\s*>)")
_ANY_R = re.compile(rb"""\br\s*=\s*["']\s*([A-Za-z]{1,4}[0-9]{1,8})\s*["']""")


def column_number(letters: str) -> int:
    """``A`` -> 1, ``XFD`` -> 16384 (either case)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def has_doctype(head: bytes) -> bool:
    """Does this XML head declare a DOCTYPE or an ENTITY?"""
    return b"!" in head and _DOCTYPE.search(head) is not None


def declares_doctype(data: bytes) -> bool:
    """Does this XML part declare a DOCTYPE or an ENTITY anywhere (not only in its head: 70 KB
    of white space or a comment may come first)? A search for ``!`` (memchr speed; in a part
    Excel wrote it starts comments and CDATA, and stands in formulas' sheet references), each
    checked for ``<!DOCTYPE``/``<!ENTITY``. A part in UTF-16 or UTF-32 (NUL bytes in its first
    four, as every such XML text has) is searched in each of those encodings."""
    if b"\x00" in data[:4]:
        return any(
            declares_doctype(data.decode(encoding, "replace").encode("utf-8", "replace"))
            for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
        )
    at = data.find(b"!", 1)
    while at >= 0:
        if data[at - 1] == 0x3C and _DOCTYPE.match(data, at - 1):  # 0x3C: "<"
            return True
        at = data.find(b"!", at + 1)
    return False


@dataclass(frozen=True, slots=True)
class ErrorCell:
    """An error cell whose value python-calamine does not know (see KNOWN_ERRORS)."""

    ref: str | None  # its A1 reference (upper case), None without one
    value: str  # the value as written (at most 40 characters shown)


def replace_unknown_errors(data: bytes) -> tuple[bytes, list[ErrorCell]]:
    """``data`` with each ``<v>`` of a ``t="e"`` cell that python-calamine would refuse (it
    fails the whole sheet on ``#GETTING_DATA``, ``#SPILL!``, `` #N/A``…) rewritten as
    ``#N/A``, which it reads as an empty cell; and those cells. ``data`` itself when there are
    none (nearly always: one or two substring searches)."""
    if b'"e"' not in data and (b"'" not in data or b"'e'" not in data):
        return data, []  # every t="e" (any spacing) holds one of these
    if not _ERROR_TYPE.search(data):
        return data, []
    found: list[ErrorCell] = []

    def value(match: re.Match[bytes]) -> bytes:
        raw = match.group(2)
        if raw in KNOWN_ERRORS:
            return match.group(0)
        found.append(ErrorCell(None, _shown(raw)))
        return match.group(1) + b"#N/A" + match.group(3)

    def cell(match: re.Match[bytes]) -> bytes:
        body = match.group(3)
        if not body:
            return match.group(0)
        before = len(found)
        body = _VALUE.sub(value, body)
        if len(found) == before:
            return match.group(0)
        ref = _ANY_R.search(match.group(2))
        at = ref.group(1).decode("ascii").upper() if ref else None
        found[before:] = [ErrorCell(at, e.value) for e in found[before:]]
        return (
            match.group(0)[: match.start(3) - match.start(0)]
            + body
            + match.group(0)[match.end(3) - match.start(0) :]
        )

    out = _ERROR_CELL.sub(cell, data)
    return (out, found) if found else (data, [])


def _shown(raw: bytes) -> str:
    from html import unescape

    text = unescape(raw.decode("utf-8", "replace"))
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass(slots=True)
class SheetScan:
    """What the scan of one worksheet found."""

    # the extent: at least the <dimension>; exact (every cell counted) when too_large or when
    # the exact path ran; otherwise the dimension, every cell being within round bounds of it
    rows: int = 0
    cols: int = 0
    too_large: bool = False  # rows * cols exceeds max_cells
    doctype: bool = False  # it declares a DOCTYPE/ENTITY: nothing else was looked at
    malformed: bool = False  # the exact path found it is not well-formed XML
    formulas: list[str] = field(default_factory=list)  # A1 refs of formulas without values


def scan_xml(
    data: bytes,
    max_cells: int | None,
    max_formulas: int | None = None,
    refuse_doctype: bool = False,
    exact: bool = False,
) -> SheetScan:
    """Scan a worksheet's XML (see the module docstring).

    ``max_cells``: the largest extent (rows x columns) allowed; None skips the extent.
    ``max_formulas``: keep at most this many formula refs (0: do not look for formulas).
    ``refuse_doctype``: stop if the part declares a DOCTYPE/ENTITY (anywhere in it).
    ``exact``: skip the fast path (tests compare the two).
    """
    scan = SheetScan()
    head = data[:PROLOG_BYTES]
    if refuse_doctype and declares_doctype(data):
        scan.doctype = True
        return scan
    match = _DIMENSION.search(head) if b"dimension" in head else None
    if match and (extent := _dimension_extent(match.group(1).decode("ascii", "replace"))):
        scan.rows, scan.cols = extent
    if max_cells is not None:
        if scan.rows * scan.cols > max_cells:  # the dimension alone says so
            scan.too_large = True
            return scan
        bounds = None if exact else _bounds(scan.rows, scan.cols, max_cells)
        if bounds is None or _PREFIXED.search(data) or _outside(*bounds).search(data):
            _exact_extent(data, scan, max_cells)
            if scan.too_large or scan.malformed:
                return scan
    if max_formulas != 0 and _FORMULA_HINT.search(data) and _HAS_FORMULA.search(data):
        _formulas(_chunks(data), scan.formulas, max_formulas)
    return scan


def _chunks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), CHUNK):
        yield data[start : start + CHUNK]


def _dimension_extent(ref: str) -> tuple[int, int] | None:
    """Largest (row, col) named by a ``<dimension ref>`` such as ``A1:H40``."""
    corners = _A1.findall(ref)
    if not corners:
        return None
    return (
        max(int(row) for _col, row in corners),
        max(column_number(col) for col, _row in corners),
    )


# ---------------------------------------------------------------- the fast path


def _bounds(rows: int, cols: int, max_cells: int) -> tuple[int, int] | None:
    """A column and a row bound that cover the ``<dimension>`` and whose product stays within
    ``max_cells``, as round as possible (every column of as many letters, every row number of
    as many digits) so the pattern checking them stays short. None if there is none."""
    widest = column_number("Z" * len(column_letter(max(cols, 1))))
    for col_bound in dict.fromkeys((widest, max(cols, 1))):
        row_limit = max_cells // col_bound
        nines = 10 ** (len(str(row_limit + 1)) - 1) - 1
        for row_bound in dict.fromkeys((nines, row_limit)):
            if row_bound >= rows and row_bound >= 1:
                return col_bound, row_bound
    return None


def _at_most(value: str, low: str, high: str, first: str) -> str:
    """A regex matching exactly the strings over ``low``..``high`` from ``first``-led strings
    shorter than ``value`` up to ``value`` itself, where a longer string is always greater
    (row numbers without leading zeros, column letters)."""
    width = len(value)
    if width == 1:
        return f"[{first}-{value}]"
    if set(value) == {high}:  # 99..9 or ZZ..Z: every string of up to this many characters
        return f"[{first}-{high}][{low}-{high}]{{0,{width - 1}}}"
    alternatives = [f"[{first}-{high}][{low}-{high}]{{0,{width - 2}}}"] if width > 1 else []
    for i, ch in enumerate(value):
        start = first if i == 0 else low
        if ch > start:
            rest = f"[{low}-{high}]{{{width - i - 1}}}"
            alternatives.append(f"{re.escape(value[:i])}[{start}-{chr(ord(ch) - 1)}]{rest}")
    alternatives.append(re.escape(value))
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=64)
def _outside(col_bound: int, row_bound: int) -> re.Pattern[bytes]:
    """Matches every ``<c``/``<row`` tag that is not ``<c r="…"``/``<row r="…"`` with a
    reference inside the bounds (as Excel writes them: a leading zero is outside too)."""
    cols = _at_most(column_letter(col_bound), "A", "Z", "A")
    rows = _at_most(str(row_bound), "0", "9", "1")
    pattern = rf"""<c(?! r="{cols}{rows}")[\s/>]|<row(?! r="{rows}")[\s/>]"""
    return re.compile(pattern.encode("ascii"))


# ---------------------------------------------------------------- the exact path


def _exact_extent(data: bytes, scan: SheetScan, max_cells: int) -> None:
    """Replay calamine's placement of every cell (an upper bound), widening ``scan``; stop as
    soon as the extent exceeds ``max_cells``. A SAX pass (defusedxml: no DTD, no entities):
    nothing is kept but two counters, whatever the sheet's size."""
    from xml.sax import SAXException

    from defusedxml import sax

    placement = _Placement(scan, max_cells)
    parser = sax.make_parser()
    parser.forbid_dtd = True
    parser.setContentHandler(placement)
    try:
        parser.parse(io.BytesIO(data))
    except _TooLarge:
        scan.too_large = True
    except (SAXException, ValueError):  # not well-formed, or defusedxml refused something
        scan.malformed = True


class _TooLarge(Exception):
    """The extent passed the limit: nothing more to read."""


class _Placement(ContentHandler):
    """Where calamine puts each cell: at its ``r`` reference, else after the previous cell of
    its row; a row without ``r`` after the previous row. Kept as an upper bound."""

    def __init__(self, scan: SheetScan, max_cells: int) -> None:
        super().__init__()
        self.scan, self.max_cells = scan, max_cells
        self.row = self.col = 0  # calamine's row_index and col_index (0-based), at least
        self.filled = False  # the current row had a cell: not <row/>, so its end resets col

    def startElement(self, name: str, attrs) -> None:  # the SAX interface
        tag = name.rsplit(":", 1)[-1]
        if tag == "row":
            self.filled = False
            self.row = max([self.row, *(r for r, _ in _refs(attrs))])
        elif tag == "c":
            self.filled = True
            at_row, at_col = self.row, self.col
            for r, c in _refs(attrs):
                at_row, at_col = max(at_row, r), max(at_col, c)
            self.col = at_col + 1
            scan = self.scan
            scan.rows, scan.cols = max(scan.rows, at_row + 1), max(scan.cols, self.col)
            if scan.rows * scan.cols > self.max_cells:
                raise _TooLarge

    def endElement(self, name: str) -> None:  # the SAX interface
        if name.rsplit(":", 1)[-1] == "row":
            self.row += 1
            if self.filled:
                self.col = 0


def _refs(attrs) -> list[tuple[int, int]]:
    """(0-based row, 0-based col) of every ``r`` attribute of an element, prefixed or not
    (calamine reads ``r`` only; taking all of them can only widen the extent). Row 0, which
    calamine cannot place, counts as the largest row there is."""
    found: list[tuple[int, int]] = []
    for key, value in attrs.items():
        if key.rsplit(":", 1)[-1] != "r":
            continue
        match = _REF.fullmatch(value.strip())
        if match and match.group(2):
            letters, digits = match.groups()
            row = int(digits) - 1 if int(digits) else NO_ROW
            found.append((row, column_number(letters) - 1 if letters else 0))
    return found


# ---------------------------------------------------------------- formulas


def _formulas(chunks: Iterable[bytes], found: list[str], limit: int | None) -> None:
    carry = b""
    for chunk in chunks:
        window = carry + chunk if carry else chunk
        carry = _formulas_in_window(window, found, limit)


def _formulas_in_window(window: bytes, found: list[str], limit: int | None) -> bytes:
    """Add the refs of the window's complete formula cells without a cached value to
    ``found``; return what to carry into the next window (an unfinished cell)."""
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
    # no cell starts here: keep an unfinished tag (a cell's start tag may straddle)
    cut = recent.rfind(b"<", max(0, len(recent) - 512))
    return recent[min(cut, len(recent) - 16) :] if cut >= 0 else recent[-16:]


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
