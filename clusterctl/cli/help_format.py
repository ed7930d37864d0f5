"""Help pages that wrap Chinese text: by display width, breaking between CJK characters.

click's formatter (vendored by typer) counts characters and breaks only at spaces, so a Chinese
help text (two columns a character, no spaces) runs past the terminal's edge. :class:`HelpContext`
(in clusterctl.cli.usage, which imports this module only for a help page) gives every command a
:class:`WideHelpFormatter` that measures with ``unicodedata``'s east-asian
width and may break a line between two CJK characters (never before closing punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from typer._click.formatting import HelpFormatter

# One CJK character (a break is allowed on either side), a run of anything else, or spaces.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_TOKENS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
# Tokens that never start a line ("/" keeps "中文 /" before the English together)
_NO_LINE_START = set("，。、；：？！）》」』】/")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` (a longer unbreakable word gets its own line).

    Punctuation that may not start a line takes the word before it along to the next line."""
    lines: list[str] = []
    line: list[tuple[bool, str]] = []  # (space before, token)
    space = False

    def text_of(parts: list[tuple[bool, str]]) -> str:
        return "".join((" " if gap and i else "") + token for i, (gap, token) in enumerate(parts))

    for token in _TOKENS.findall(text):
        if token.isspace():
            space = bool(line)
            continue
        candidate = [*line, (space, token)]
        if line and width(text_of(candidate)) > columns:
            carried: list[tuple[bool, str]] = []
            if token in _NO_LINE_START and len(line) > 1:
                carried = [line.pop()]
            lines.append(text_of(line))
            candidate = [*carried, (space, token)]
        line, space = candidate, False
    if line:
        lines.append(text_of(line))
    return lines


class WideHelpFormatter(HelpFormatter):
    """click's formatter, with :func:`wrap` for paragraphs and the definition lists."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text.expandtabs()) if p.strip()]
        out = []
        for paragraph in paragraphs:
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":  # click's "do not rewrap" marker
                out.append("\n".join(indent + line for line in lines[1:]))
                continue
            joined = " ".join(line.strip() for line in lines)
            wrapped = wrap(joined, max(self.width - self.current_indent, 20))
            out.append("\n".join(indent + line for line in wrapped))
        self.write("\n\n".join(out))
        self.write("\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(first, second) for first, second, *_ in ((*r, "") for r in rows)]
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max)
        first_col += col_spacing
        text_width = max(self.width - first_col - 2, 10)
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + pad)
            lines = [
                line
                for paragraph in second.split("\n\n")
                for line in wrap(" ".join(paragraph.split()), text_width)
            ] or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(pad + line + "\n")
