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

Also removed/limited here: characters XML 1.0 forbids (control characters; openpyxl would raise),
lone surrogates, and text longer than Excel's 32,767 characters per cell.
"""

from __future__ import annotations

import math
import numbers
import re
from copy import copy
from typing import Any

EXCEL_MAX_TEXT = 32_767
INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")
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


def clean_text(value: str) -> str:
    """Text that XML and Excel accept: no control characters or lone surrogates (see
    :func:`readable`), ≤ 32,767 chars."""
    if value.isprintable() and len(value) <= EXCEL_MAX_TEXT:
        return value  # no control character, no surrogate: nothing to change
    text = readable(value).encode("utf-8", "replace").decode("utf-8")
    text = _ILLEGAL.sub("\ufffd", text)
    if len(text) > EXCEL_MAX_TEXT:
        text = text[: EXCEL_MAX_TEXT - 1] + _ELLIPSIS
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
    text = clean_text(str(value))
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
        text = clean_text(value)
        if style or needs_quote_prefix(text) or text.startswith("#"):
            return text_cell(ws, text, **style)
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
