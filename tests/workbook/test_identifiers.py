"""Credit codes (GB 32100-2015) and division codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clusterctl.workbook.identifiers import (
    USCC_ALPHABET,
    USCC_WEIGHTS,
    division_problem,
    invalid_uscc_positions,
    is_valid_uscc,
    make_uscc,
    province_code,
    uscc_check_char,
    uscc_problem,
)
from clusterctl.workbook.regions import province_code_for_name, province_name


def test_known_public_code_is_valid():
    # a published example code with its check character
    assert is_valid_uscc("91350100M000100Y43")
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_wrong_check_character_is_explained():
    problem = uscc_problem("91350100M000100Y44")
    assert problem is not None and "3" in problem.zh and "check" in problem.en


def test_length_and_alphabet():
    assert "18" in uscc_problem("9135").zh
    assert "O" in uscc_problem("91350100O000100Y43").en


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_made_codes_validate_and_any_change_breaks_them(first17):
    code = make_uscc(first17)
    assert is_valid_uscc(code)
    other = USCC_ALPHABET[(USCC_ALPHABET.index(code[-1]) + 1) % 31]
    assert not is_valid_uscc(code[:-1] + other)


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_check_char_is_the_weighted_sum_of_the_standard(first17):
    # GB 32100-2015: C18 = 31 - (sum of value(Ci) * Wi) mod 31, with 31 written as 0
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    assert uscc_check_char(first17) == USCC_ALPHABET[(31 - total % 31) % 31]


def test_division_codes():
    assert division_problem("110108") is None
    assert division_problem("320481") is None
    assert division_problem("11010") is not None
    assert division_problem("990101") is not None  # no province 99
    assert division_problem("110000") is not None  # a province, not a county
    assert province_code("320481") == "32"
    assert province_code("abc") is None


def test_province_names():
    assert province_code_for_name("江苏省") == "32"
    assert province_code_for_name("江苏") == "32"
    assert province_code_for_name(" 北京市 ") == "11"
    assert province_code_for_name("Guangdong") == "44"
    assert province_code_for_name("新疆") == "65"
    assert province_code_for_name("火星") is None
    assert province_name("530102").zh == "云南省"


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.just(""),
            st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17).map(make_uscc),
            st.text(alphabet=USCC_ALPHABET, min_size=18, max_size=18),
            st.text(alphabet=USCC_ALPHABET + "IOSa -", min_size=16, max_size=19),
        ),
        max_size=20,
    )
)
def test_invalid_positions_of_a_roster_are_the_codes_with_a_problem(codes):
    expected = [i for i, code in enumerate(codes) if code and uscc_problem(code)]
    assert invalid_uscc_positions(codes) == expected


def test_numpy_check_characters_agree_with_the_per_code_path(monkeypatch):
    """The matrix product (large rosters) and int(..., 34) per code find the same bad codes."""
    import random

    from clusterctl.workbook import identifiers as ids

    rnd = random.Random(21)
    codes: list[str | None] = []
    for n in range(3000):
        code = ids.make_uscc("".join(rnd.choice(ids.USCC_ALPHABET) for _ in range(17)))
        if n % 7 == 0:  # a wrong check character
            code = code[:17] + next(c for c in ids.USCC_ALPHABET if c != code[17])
        codes.append(None if n % 11 == 0 else code)
    expected = [i for i, c in enumerate(codes) if c and not ids.is_valid_uscc(c)]
    assert len(expected) > 300
    monkeypatch.setattr(ids, "NUMPY_MIN_CODES", 1)
    assert ids.invalid_uscc_positions(codes) == expected  # numpy
    bad = codes[expected[0]]
    assert ids.invalid_uscc_positions([bad]) == [0]  # one code, its check character wrong
    monkeypatch.setattr(ids, "_numpy_tables", lambda: None)
    assert ids.invalid_uscc_positions(codes) == expected  # per code
    codes[4] = "91110000MA0000000X"  # not a code of the alphabet: the slow path, same answer
    assert ids.invalid_uscc_positions(codes) == sorted({*expected, 4})


def test_malformed_codes_among_many_leave_the_rest_to_the_bulk_check(monkeypatch):
    """A roster with some codes of the wrong shape: those are bad by their shape, the others'
    check characters are still computed together (numpy and per code agree)."""
    import random

    from clusterctl.workbook import identifiers as ids

    rnd = random.Random(5)
    codes: list[str | None] = []
    for n in range(1500):
        code = ids.make_uscc("".join(rnd.choice(ids.USCC_ALPHABET) for _ in range(17)))
        if n % 9 == 0:
            code = code[:17] + next(c for c in ids.USCC_ALPHABET if c != code[17])
        codes.append(code)
    codes[3], codes[10], codes[11], codes[700] = "9135", "91350100O000100Y43", "", " " + codes[12]
    expected = [i for i, c in enumerate(codes) if c and uscc_problem(c)]
    assert {3, 10, 700} <= set(expected) and 11 not in expected
    monkeypatch.setattr(ids, "NUMPY_MIN_CODES", 1)
    assert ids.invalid_uscc_positions(codes) == expected
    monkeypatch.setattr(ids, "_numpy_tables", lambda: None)
    assert ids.invalid_uscc_positions(codes) == expected
    assert ids.invalid_uscc_positions(["9135", None, ""]) == [0]
    assert ids.invalid_uscc_positions([]) == []
