"""Firm identity for a whole roster at once (``identifiers.firm_name_keys``, ``firm_code_keys``,
``roster_identities``) against the one-firm-at-a-time rule it replaces."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_path_parity import NAMES, per_char_name_key, per_row_identities

from clusterctl.workbook import identifiers
from clusterctl.workbook.identifiers import (
    firm_code_key,
    firm_code_keys,
    firm_name_keys,
    roster_identities,
)

EVERY_CHARACTER = "".join(map(chr, [*range(0x30000), *range(0xE0000, 0xE0080), 0x10FFFF]))
CHUNKS = [EVERY_CHARACTER[i : i + 37] for i in range(0, len(EVERY_CHARACTER), 37)]
ODD = [None, 3.0, True, "", "  ", "a\x00b", "\x00", "A+B", "（北京）", "ß", "ǅ", "\u0301x"]


def test_no_letter_or_digit_is_dropped_by_the_name_key():
    """The names' fast path keeps a name that is alphanumeric as it is: that is only right if
    no alphanumeric character is whitespace or punctuation."""
    for point in range(sys.maxunicode + 1):
        ch = chr(point)
        if ch.isalnum():
            assert not ch.isspace() and unicodedata.category(ch)[0] != "P", hex(point)


def test_the_common_class_drops_only_what_the_name_key_drops():
    for point in range(sys.maxunicode + 1):
        ch = chr(point)
        if identifiers._COMMON_DROPPED.fullmatch(ch):
            assert ch.isspace() or unicodedata.category(ch)[0] == "P", hex(point)


def test_name_keys_of_a_roster_equal_the_per_character_keys():
    for names in ([*NAMES, *CHUNKS, *ODD], NAMES, CHUNKS, ODD, [], ["浩华科技"], ["浩华", "浩 华"]):
        assert firm_name_keys(names) == [per_char_name_key(n) for n in names], names[:3]


def test_code_keys_of_a_roster_equal_the_per_code_keys():
    codes = [
        "９１１１０１０８ＭＡ００１２３４５Ｘ",
        " 91110108ma00123450 ",
        "91110000MA01ABCD1X",
        "a\u3000b\u00a0c",
        "ß\u2028",
        *ODD,
        *CHUNKS,
    ]
    for chosen in (codes, codes[:3], ODD, [], ["x"]):
        assert firm_code_keys(chosen) == [firm_code_key(c) for c in chosen], chosen[:3]


# few names and codes, so that rosters repeat firms, names and codes in every combination
NAME = st.sampled_from([None, "甲公司", "甲 公司", "乙公司", "ABC Ltd.", "abc ltd", "丙"])
CODE = st.sampled_from(
    [None, "", "91110000MA01ABCD1X", "９１１１０００ＭＡ０１ＡＢＣＤ１Ｘ", "X1", "x1"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAME, CODE), max_size=12))
def test_roster_identities_equal_the_per_row_rule(rows):
    names = [name for name, _ in rows]
    codes = [code for _, code in rows]
    want = per_row_identities(names, codes)
    assert roster_identities(names, codes) == want
    assert roster_identities(list(names), list(codes)) == want  # remembered: the same answer
    assert identifiers.firm_identities(rows) == list(want.firsts)


def test_every_row_coded_takes_the_first_row_of_its_code():
    codes = ["A1", "B2", "a1", "C3", "B2"]
    names = ["甲", "乙", "丙", "乙", "戊"]
    got = roster_identities(names, codes)
    assert got.firsts == (0, 1, 0, 3, 1)
    assert got.repeats == (2, 4)
    assert got.namesakes == {3: 1}  # 乙 again with another code: two firms of one name
    assert got == per_row_identities(names, codes)
