"""The layout's measurement (dictionary lookups learnt per character and token, line counts
remembered per text) gives exactly what the per-character reference below gives: varied text,
CJK, full-width, emoji, combining marks, long words, spaces, hyphens, closing marks and text
longer than what is remembered."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable

import pytest

from clusterctl.reports import sheet_layout
from clusterctl.reports.sheet_layout import (
    NO_LINE_START,
    PAD,
    WIDE,
    char_units,
    row_height,
    text_lines,
    text_units,
)

# --- the per-character reference (the implementation before the lookups) --------------------

_NARROW = {
    **dict.fromkeys("il.,:;'|!`Ij()[]{} ", 0.6),
    **dict.fromkeys("abcdeghknopqrsuvxyz", 0.9),
    **dict.fromkeys("mwMW@%", 1.45),
}
_LATIN_WORD = re.compile(r"[^\s\-\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+-? ?| ")


def ref_char_units(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return WIDE
    return _NARROW.get(ch, 1.0)


def ref_text_units(text: str) -> float:
    return sum(ref_char_units(ch) for ch in text)


def ref_tokens(line: str) -> Iterable[str]:
    at = 0
    while at < len(line):
        match = _LATIN_WORD.match(line, at)
        if match and match.end() > at:
            yield match.group()
            at = match.end()
        else:
            yield line[at]
            at += 1


def ref_text_lines(text: str, width: float) -> int:
    usable = max(1.0, width - PAD)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used, last = 0.0, 0.0
        for token in ref_tokens(paragraph):
            size = ref_text_units(token.rstrip(" ")) if len(token) > 1 else ref_char_units(token)
            if used + size <= usable:
                used, last = used + size + (len(token) - len(token.rstrip(" "))), size
                continue
            if token == " ":
                continue
            if size > usable:
                for ch in token:
                    w = ref_char_units(ch)
                    if used + w > usable and used > 0:
                        lines, used = lines + 1, 0.0
                    used += w
                last = 0.0
                continue
            lines += 1
            if token in NO_LINE_START and last:
                used, last = last + size, size
            else:
                used, last = size, size
    return lines


# --- varied text --------------------------------------------------------------------------

PIECES = [
    "中小企业",
    "特色产业集群",
    "。",
    "，",
    "）",
    "、",
    "”",
    "%",
    " ",
    "  ",
    "-",
    "--",
    "\n",
    "\t",
    "\u3000",
    "ＡＢＣ１２３",
    "ｱｲｳ",  # half-width katakana (narrow)
    "한국어",
    "😀",
    "👨‍👩‍👧",
    "e\u0301",  # a combining mark
    "\u200b",
    "at least fifteen",
    "well-known ",
    "Supercalifragilisticexpialidocious",
    "x" * 70,
    "WWWWMMMM",
    "il.,:;|!",
    "91110108MA01ABCD2X",
    "CR203",
    "第12行",
    "3.14",
    "(a)[b]{c}",
    "𠀀𠀁",  # plane 2
    "\ue000",  # private use (ambiguous width)
    "Ω",
    "—",
]
WIDTHS = [1.0, 2.0, 5.0, 6.0, 8.5, 9.0, 10.0, 18.0, 33.0, 34.0, 42.0, 44.0, 60.0]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(0, 30))) for _ in range(count)]


def test_char_and_text_units_match_the_reference_over_planes_0_to_2():
    chars = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000]
    assert [char_units(ch) for ch in chars] == [ref_char_units(ch) for ch in chars]
    for text in _texts(500, 1):
        assert text_units(text) == ref_text_units(text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_text_lines_matches_the_reference_on_varied_text(seed):
    for text in _texts(700, seed):
        for width in WIDTHS:
            expected = ref_text_lines(text, width)
            assert text_lines(text, width) == expected, (text, width)
            assert text_lines(text, width) == expected  # remembered: the same answer


def test_row_height_matches_the_reference_path():
    for text in _texts(300, 7):
        widths = [9.0, 44.0, 5.0]
        values = [text, text[:5], 3.5]
        lines = 1
        for value, width in zip(values, widths, strict=True):
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            if value == "" or ("\n" not in shown and ref_text_units(shown) <= width - PAD):
                continue
            lines = max(lines, ref_text_lines(shown, width))
        expected = min(sheet_layout.MAX_HEIGHT, round(lines * 13.5 + 3.0, 1))
        assert row_height(values, widths) == expected


def test_long_and_many_texts_are_measured_but_not_all_remembered(monkeypatch):
    monkeypatch.setattr(sheet_layout, "_LINES", {})
    long = "中小企业特色产业集群 at least fifteen。" * 100
    assert len(long) > sheet_layout.LINES_TEXT
    assert text_lines(long, 44.0) == ref_text_lines(long, 44.0)
    assert sheet_layout._LINES == {}  # too long to be remembered
    for i in range(sheet_layout.LINES_LIMIT + 50):
        text = f"第{i}行 {'字' * (i % 40)}"
        assert text_lines(text, 10.0) == ref_text_lines(text, 10.0)
    assert len(sheet_layout._LINES) == sheet_layout.LINES_LIMIT
    # hostile text: every character distinct, the tables stay bounded
    many = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3 * sheet_layout.MEMO_LIMIT))
    assert text_units(many) == ref_text_units(many)
    assert len(sheet_layout._UNITS) <= sheet_layout.MEMO_LIMIT
    assert len(sheet_layout._SIZES) <= sheet_layout.MEMO_LIMIT
