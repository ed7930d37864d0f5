"""The batch's row model: what the batch keeps of one file (:class:`FileRow`), with its
criterion statuses in a compact mapping (:class:`StatusMap`).

A row keeps what the summary needs of a :class:`~clusterctl.report.FileReport` (a few facts, key
indicators, one status per criterion) and nothing else: the findings themselves are spooled to
disk (:class:`clusterctl.batch.spool.FindingSpool`), so 10,000 files fit in flat memory. Rows are
made from reports by :func:`clusterctl.batch.compact.row_from_report`, ranked by
:mod:`clusterctl.batch.ranking`; the reports read them (never the other way round).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields

from clusterctl.diagnostics import Location, Severity
from clusterctl.evaluation.model import Status, Verdict

_STATUS_LIST = tuple(Status)
_STATUS_INDEX = {s: i for i, s in enumerate(_STATUS_LIST)}
_CODE_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


class StatusMap(Mapping):
    """Criterion code -> :class:`Status` in ~100 bytes: the codes are one tuple shared by every
    file evaluated on the same criteria, the statuses one byte each."""

    __slots__ = ("_codes", "_values")

    def __init__(self, items: Iterable[tuple[str, Status]] = ()) -> None:
        pairs = dict(items)
        codes = tuple(sys.intern(str(c)) for c in pairs)
        self._codes = _CODE_TUPLES.setdefault(codes, codes)
        self._values = bytes(_STATUS_INDEX[Status(v)] for v in pairs.values())

    def __getitem__(self, code: str) -> Status:
        try:
            return _STATUS_LIST[self._values[self._codes.index(code)]]
        except ValueError:
            raise KeyError(code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def items(self):  # type: ignore[override]
        return zip(self._codes, (_STATUS_LIST[v] for v in self._values), strict=True)

    def __repr__(self) -> str:
        return f"StatusMap({dict(self.items())!r})"


@dataclass(slots=True)
class FileRow:
    """What the batch keeps of one file."""

    index: int  # position in the input order
    path: str
    sha256: str | None
    size: int | None
    verdict: Verdict
    score: float | None
    pack_id: str | None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    reason: str | None = None  # why the file could not be evaluated (unreadable)
    facts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Location] = field(default_factory=dict)  # fact key -> its cell
    indicators: dict[str, float] = field(default_factory=dict)
    # criterion code -> status (a dict, or a compact StatusMap in a batch)
    statuses: Mapping[str, Status] = field(default_factory=dict)
    fails: bool = True  # makes the run exit 1
    seconds: float | None = None
    rank: int = 0
    # points of the score (0-100 scale) earned by criteria awaiting expert review: counted as
    # met until the experts confirm them
    provisional: float | None = None

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def __getstate__(self) -> tuple:
        """Compact state for the spool (read back many times per run): the cells as plain
        tuples rather than :class:`Location` dataclasses, which are slow to unpickle."""
        cells = {
            k: tuple(getattr(loc, f) for f in _LOCATION_FIELDS) for k, loc in self.cells.items()
        }
        return tuple(cells if name == "cells" else getattr(self, name) for name in _ROW_FIELDS)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(_ROW_FIELDS, state, strict=True):
            if name == "cells":
                value = {k: Location(*loc) for k, loc in value.items()}
            object.__setattr__(self, name, value)

    def count(self, severity: Severity) -> None:
        if severity is Severity.ERROR:
            self.errors += 1
        elif severity is Severity.WARNING:
            self.warnings += 1
        else:
            self.infos += 1


_ROW_FIELDS = tuple(f.name for f in fields(FileRow))
_LOCATION_FIELDS = tuple(f.name for f in fields(Location))
