"""The ranking of a batch, written once.

Eligible first, then incomplete, then ineligible, then unreadable; within a group by score,
highest first (no score last); ties by file name (case-insensitive), then by the full path
(documented in docs/screening.md; the summary's 运行信息 sheet states it too).

:func:`rank_key` is the rule. It is a byte string whose byte order is the ranking, so the same
value sorts rows in memory (:func:`rank_rows`) and in the spool's SQLite table, which stores it
and only orders by it (:meth:`clusterctl.batch.spool.FindingSpool.rank`): SQLite compares BLOBs
with ``memcmp``, as Python compares ``bytes``.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING

from clusterctl.evaluation.model import Verdict

if TYPE_CHECKING:
    from clusterctl.batch.rows import FileRow

VERDICT_ORDER = {
    Verdict.ELIGIBLE: 0,
    Verdict.INCOMPLETE: 1,
    Verdict.INELIGIBLE: 2,
    Verdict.UNREADABLE: 3,
}
_SIGN = 1 << 63


def rank_key(row: FileRow) -> bytes:
    """The row's place in the ranking as bytes: the verdict's group, the score (highest first,
    none last), the case-folded file name, then the path."""
    return (
        bytes((VERDICT_ORDER[row.verdict],))
        + _descending(row.score)
        + _utf8(row.name.casefold())
        + b"\0"  # ends the name: a shorter name sorts first (no file name holds NUL)
        + _utf8(row.path)
    )


def rank_rows(rows: list[FileRow]) -> list[FileRow]:
    """Sort in place by :func:`rank_key` and number the ranks from 1; returns ``rows``."""
    rows.sort(key=rank_key)
    number_ranks(rows)
    return rows


def number_ranks(rows: Sequence[FileRow]) -> None:
    """Ranks 1…N in the order given."""
    for rank, row in enumerate(rows, 1):
        row.rank = rank


def _descending(score: float | None) -> bytes:
    """8 bytes whose order is the scores' from highest to lowest; no score (or NaN) last."""
    # + 0.0: -0.0 and 0.0 rank alike
    value = math.inf if score is None or math.isnan(score) else -score + 0.0
    (bits,) = struct.unpack(">Q", struct.pack(">d", value))
    # IEEE 754 as an unsigned integer: negative numbers reversed, positive ones above them
    bits = ~bits & (2**64 - 1) if bits & _SIGN else bits | _SIGN
    return bits.to_bytes(8, "big")


def _utf8(text: str) -> bytes:
    """UTF-8, whose byte order is the text's code-point order (lone surrogates included: a file
    name not valid in the file system's encoding)."""
    return text.encode("utf-8", "surrogatepass")
