"""Line breaking for the terminal reports: the one function every wrapped text goes through.

Rules (Chinese typesetting, simplified):

- a number stays with its unit: "3%", "2022年", "1.5亿元", "52.4 亿元", "100M" are never split;
- a Latin word is never split (unless it is wider than the line: then it is folded);
- the closing marks "。，、；：）" (and their kin) never start a line, the opening marks "（"
  (and kin) never end one;
- between other Chinese characters, and at spaces, a line may break; spaces at a break vanish.

Widths are terminal cells (a Chinese character is two), measured with rich.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len

# Characters that never start a line (closing punctuation) and never end one (opening).
NO_START = frozenset("。，、；：）！？」』”’》〉】〕…·%‰,.;:!?)]}")
NO_END = frozenset("（「『“‘《〈【〔([{")
# Units written after a number in the packs, the workbooks and the findings.
UNITS = (
    "平方米",
    "亿元",
    "万元",
    "千元",
    "小时",
    "个百分点",
    "年度",
    "元",
    "年",
    "月",
    "日",
    "个",
    "家",
    "项",
    "人",
    "名",
    "倍",
    "分",
    "次",
    "件",
    "位",
    "户",
    "台",
    "亿",
    "万",
    "天",
    "岁",
    "条",
    "行",
    "列",
    "页",
    "张",
    "所",
    "种",
)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2026"
_UNIT = "|".join(UNITS)
TOKEN = re.compile(
    rf"\s+"  # a break opportunity
    rf"|[^\s{_CJK}]+(?:(?<=[\d%‰]) ?(?:{_UNIT}))?"  # a Latin word or number (with its unit)
    rf"|.",  # one Chinese character or mark
    re.S,
)


def _groups(paragraph: str) -> list[str]:
    """``paragraph`` as the pieces a line never splits (spaces are their own pieces)."""
    groups: list[str] = []
    for token in TOKEN.findall(paragraph):
        last = groups[-1] if groups else ""
        glue = bool(last) and not last.isspace() and not token.isspace()
        if glue and (token[0] in NO_START or last[-1] in NO_END):
            groups[-1] = last + token
        else:
            groups.append(token)
    return groups


def _fold(piece: str, width: int) -> list[str]:
    """A piece wider than the line, cut by characters (the only place a piece is split)."""
    parts, current = [], ""
    for char in piece:
        if current and cell_len(current + char) > width:
            carry = ""  # a closing mark takes the character before it along (and "（" moves)
            if len(current) > 1 and (char in NO_START or current[-1] in NO_END):
                current, carry = current[:-1], current[-1]
            parts.append(current)
            current = carry
        current += char
    return [*parts, current]


def break_lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells (see the module's rules); the
    text's own line breaks are kept."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, space = "", ""
        for piece in _groups(paragraph):
            if piece.isspace():
                space = piece if current else ""
                continue
            candidate = current + space + piece
            if cell_len(candidate) <= width:
                current, space = candidate, ""
                continue
            if current:
                lines.append(current)
            current, space = "", ""
            if cell_len(piece) > width:
                *full, current = _fold(piece, width)
                lines.extend(full)
            else:
                current = piece
        lines.append(current)
    return lines


def longest_piece(text: str) -> int:
    """The width of the widest piece of ``text`` that a line never splits."""
    return max((cell_len(g) for p in text.split("\n") for g in _groups(p)), default=0)


class Wrapped:
    """A rich renderable: styled paragraphs broken by :func:`break_lines` at the width rich
    gives it (a table cell's width, the console's)."""

    def __init__(self, *parts: tuple[str, str] | str) -> None:
        self.parts = [(p, "") if isinstance(p, str) else p for p in parts]

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        texts = [text for text, _style in self.parts]
        widest = max((cell_len(line) for t in texts for line in t.split("\n")), default=0)
        least = min(max((longest_piece(t) for t in texts), default=0), 8)
        return Measurement(min(least, widest), widest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text as RText

        width = options.max_width
        out = RText(no_wrap=True, overflow="crop")
        for i, (text, style) in enumerate(self.parts):
            if i:
                out.append("\n")
            out.append("\n".join(break_lines(text, width)), style=style or None)
        yield out
