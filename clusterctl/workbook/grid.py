"""One sheet's cells as the reader sees them, where its keyed rows and columns are, and how a
value is quoted in a message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clusterctl.i18n import Text

MAX_SHOWN = 80  # characters of a cell value quoted in a message


def bi(name: str, text: Text | None) -> dict[str, str]:
    """A bilingual message parameter: ``name_zh`` and ``name_en``."""
    if text is None:
        return {f"{name}_zh": "", f"{name}_en": ""}
    return {f"{name}_zh": text.zh, f"{name}_en": text.en}


def shown(raw: Any) -> str:
    """A raw cell value as quoted in a message (bounded)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


@dataclass(slots=True)
class Grid:
    """One sheet's cells, 1-based, empty strings as None."""

    title: str
    rows: list[list[Any]]

    def get(self, row: int, col: int) -> Any:
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        line = self.rows[row - 1]
        if col > len(line):
            return None
        value = line[col - 1]
        return None if value == "" else value

    @property
    def height(self) -> int:
        return len(self.rows)

    def key(self, row: int) -> str | None:
        """The key in the hidden column A of ``row``."""
        value = self.get(row, 1)
        return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass(slots=True)
class SheetMap:
    """Where the keyed rows and columns of one sheet are."""

    grid: Grid
    columns: dict[str, int]
    rows: dict[str, int]
    key_row: int | None
    header_row: int | None = None  # the visible header row (records start below it)
    recovered: bool = False  # found by the visible labels, not the hidden keys


def label_key(label: Any) -> str:
    return re.sub(r"[\s*＊]+", "", str(label)).lower()
