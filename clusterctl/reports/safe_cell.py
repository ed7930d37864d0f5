"""Text from untrusted workbooks is written into our Excel outputs as text, never as a formula.

openpyxl infers a cell's type from its value: a ``str`` starting with ``=`` becomes a formula
(``data_type "f"``) and a string such as ``#N/A`` becomes an error value. Any text that comes
from an input workbook (cluster names, file names, messages quoting cell values) therefore goes
through :func:`text_cell`, which sets ``data_type = "s"`` explicitly after assigning the value.

Decision on CSV-style injection prefixes (``=``, ``+``, ``-``, ``@``): we do **not** alter the
text (a leading apostrophe or space would corrupt legitimate values such as ``-5%`` or a phone
number ``+86…``). A string cell in an .xlsx file is never evaluated, whatever it starts with. As
defence in depth, a text starting with one of those characters also gets the ``quotePrefix``
style, so Excel keeps it as text even when a reviewer edits the cell (F2, Enter). clusterctl
writes no CSV files; if it ever does, that writer must neutralise the prefixes itself.

Also removed/limited here: characters outside XML 1.0's ``Char`` production (control characters,
which openpyxl would refuse, and U+FFFE/U+FFFF, which it would write and no XML parser reads
back), lone surrogates, and text longer than Excel's 32,767 characters per cell.
:func:`xml_text` is that rule for every XML we write (the summary's cells and hyperlinks, JUnit);
:func:`cell_text` adds SpreadsheetML's own escape: a literal ``_x0041_`` in a cell's text would
be read by Excel and calamine as ``A``, so it is written ``_x005F_x0041_``.
"""

from __future__ import annotations

import math
import numbers
import re
from copy import copy
from typing import Any

EXCEL_MAX_TEXT = 32_767
INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# every character outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
# [#xE000-#xFFFD] | [#x10000-#x10FFFF]
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# what Excel and calamine read as an escaped character in a cell's text (case-insensitive hex)
_OOXML_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_ELLIPSIS = "…"


# A path component (or word) holding lone surrogates: bytes the file system's encoding could not
# decode, as Python hands them over (os.fsdecode). Words are bounded by separators, white space
# and CJK or full-width punctuation (as in "找不到：<path>"). Split, not matched: a pattern that
# looks for a surrogate inside a word backtracks over every word without one (quadratic).
SURROGATE = re.compile("[\ud800-\udfff]")
_BOUNDS = re.compile(r"([/\\\s\u3000-\u303f\uff00-\uffef]+)")


def readable(text: str) -> str:
    """``text`` with each word or path component that holds undecodable bytes shown as people
    should read it: decoded as GB18030 (GBK file names, as Windows and its zip files write
    them, seen on a UTF-8 system), or else those bytes as ``\\xNN`` escapes. Never has lone
    surrogates, so it can be printed or written anywhere. Linear in the text's length."""
    if text.isprintable() or not SURROGATE.search(text):
        return text
    return "".join(
        _decoded(word) if SURROGATE.search(word) else word for word in _BOUNDS.split(text)
    )


def _decoded(word: str) -> str:
    try:
        raw = word.encode("utf-8", "surrogateescape")  # the bytes os.fsdecode was given
    except UnicodeEncodeError:  # a surrogate os.fsdecode does not make
        return word.encode("utf-8", "replace").decode("utf-8")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def xml_text(value: object) -> str:
    """``str(value)`` as XML 1.0 can carry it: undecodable file-name bytes shown as
    :func:`readable` shows them, every other character outside the ``Char`` production
    (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF) replaced with
    U+FFFD. Every other character is kept."""
    text = str(value)
    if text.isprintable():  # no control character, surrogate or unassigned code point
        return text
    return XML_INVALID.sub("\ufffd", readable(text))


def xml_uri(target: str) -> str:
    """A link target that XML 1.0 can carry: each character outside the ``Char`` production
    percent-encoded as its UTF-8 bytes (the link still names the same file)."""
    if target.isprintable() or not XML_INVALID.search(target):
        return target
    return XML_INVALID.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")),
        target,
    )


def clean_text(value: str) -> str:
    """Text that XML and Excel accept (:func:`xml_text`), ≤ 32,767 chars."""
    if value.isprintable() and len(value) <= EXCEL_MAX_TEXT:
        return value  # no control character, surrogate or non-character: nothing to change
    text = XML_INVALID.sub("\ufffd", readable(value))
    if len(text) > EXCEL_MAX_TEXT:
        text = text[: EXCEL_MAX_TEXT - 1] + _ELLIPSIS
    return text


def cell_text(value: str) -> str:
    """:func:`clean_text` as a cell's text is written in SpreadsheetML: a literal ``_xHHHH_``
    gets its ``_`` escaped as ``_x005F_``, so Excel and calamine read back the exact text."""
    text = clean_text(value)
    if "_x" in text:  # calamine and Excel unescape a lower-case x only
        text = _OOXML_ESCAPE.sub("_x005F_", text)
    return text


def needs_quote_prefix(text: str) -> bool:
    return text.startswith(INJECTION_PREFIXES)


def text_cell(ws: Any, value: str, template: Any = None, **style: Any) -> Any:
    """A cell for ``ws`` (write-only or normal worksheet) that holds ``value`` as text.

    ``style`` may set ``font``, ``fill``, ``alignment``, ``border``, ``number_format``;
    ``template``: a cell whose style is copied (much cheaper than setting styles per cell).
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    if template is not None:
        cell._style = copy(template._style)
    for name, spec in style.items():
        setattr(cell, name, spec)
    force_text(cell, value)
    return cell


def force_text(cell: Any, value: str) -> None:
    """Put ``value`` into an existing cell as a string (never a formula or error value)."""
    text = cell_text(str(value))
    cell.value = text
    cell.data_type = "s"
    if needs_quote_prefix(text):
        cell.quotePrefix = True


def safe_value(ws: Any, value: Any, **style: Any) -> Any:
    """Anything we write into a row: strings become :func:`text_cell`, numbers stay numbers.

    Without ``style``, a plain string that openpyxl would not mistake for something else is
    passed through as is (cheaper than a cell object for big sheets).
    """
    if isinstance(value, str):
        text = cell_text(value)
        if style or needs_quote_prefix(text) or text.startswith("#"):
            return text_cell(ws, value, **style)  # text_cell escapes it itself (once)
        return text
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers from pandas frames
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = float(value)
        if not math.isfinite(value):
            value = None  # NaN from a pandas frame is an empty cell; Excel has no NaN or inf
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        if style and value is not None:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(ws, value)
            for name, spec in style.items():
                setattr(cell, name, spec)
            return cell
        return value
    return safe_value(ws, str(value), **style)
