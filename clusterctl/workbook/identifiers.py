"""Identifiers: the unified social credit code (GB 32100-2015) and division codes (GB/T 2260)."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import not_
from typing import Any

from clusterctl.i18n import Text, t

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z; values 0..30
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_DIVISION = re.compile(r"[1-9]\d{5}")
_USCC17 = re.compile(f"[{USCC_ALPHABET}]{{17}}")
_USCC18 = re.compile(f"[{USCC_ALPHABET}]{{18}}")
# The weights are 3**i mod 31, and 34 = 3 mod 31: written as base-34 digits (each character's
# value 0..30, the first character last), the 17 characters read by int(..., 34) are congruent
# to the weighted sum mod 31. So the sum is a slice, a translate and an int() in C (bytes:
# twice as fast as str.translate).
_TO_BASE34 = bytes.maketrans(USCC_ALPHABET.encode(), b"0123456789abcdefghijklmnopqrstu")


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    if not _USCC17.fullmatch(first17):
        raise ValueError(f"not 17 credit-code characters: {first17!r}")
    return _check_char(first17)


def _check_char(first17: str) -> str:
    """The check character for the first 17 characters of ``first17`` (validated)."""
    # called once per firm of every roster (docs/performance.md): see _TO_BASE34
    total = int(first17[16::-1].encode().translate(_TO_BASE34), 34)  # the first 17 of a code
    return USCC_ALPHABET[-total % 31]


def uscc_problem(code: str) -> Text | None:
    """Why ``code`` is not a valid credit code, or None when it is."""
    if len(code) != 18:
        return t(f"应为 18 位，实为 {len(code)} 位", f"it has {len(code)} characters, not 18")
    bad = [] if _USCC18.fullmatch(code) else sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        chars = "".join(bad)
        return t(f"含有不允许的字符 {chars}", f"it contains characters not allowed: {chars}")
    expected = _check_char(code[:17])
    if code[17] != expected:
        return t(
            f"校验位应为 {expected}，实为 {code[17]}",
            f"the check character should be {expected}, not {code[17]}",
        )
    return None


_USCC18_JOINED = re.compile(f"(?:[{USCC_ALPHABET}]{{18}}\x00)*")


# From this many codes on, the check characters are one numpy matrix product (~3× faster than
# int(..., 34) per code); below it numpy's import (~70 ms) would cost a single check more than it
# saves, unless the process has numpy already (docs/performance.md).
NUMPY_MIN_CODES = 1000


def invalid_uscc_positions(codes: Sequence[str | None]) -> list[int]:
    """Positions of the codes that :func:`uscc_problem` rejects (blanks skipped), for a whole
    roster at once: one regex over the joined codes (else one per code), then the check
    characters of the well-formed ones together."""
    if all(codes):
        positions: Sequence[int] = range(len(codes))
        present = list(codes)
    else:
        positions = list(compress(range(len(codes)), codes))
        present = list(compress(codes, codes))
    joined = "\x00".join(present)  # type: ignore[arg-type]
    if present and _USCC18_JOINED.fullmatch(joined + "\x00"):
        return [positions[j] for j in _wrong_check_chars(present, joined)]  # type: ignore[arg-type]
    # some are not 18 characters of the alphabet (uscc_problem names what is wrong)
    shaped = list(map(_USCC18.fullmatch, present))  # type: ignore[arg-type]
    bad = set(compress(range(len(present)), map(not_, shaped)))
    good = list(compress(present, shaped))
    if good:
        good_at = list(compress(range(len(present)), shaped))
        bad.update(good_at[j] for j in _wrong_check_chars(good, "\x00".join(good)))  # type: ignore[arg-type]
    return [positions[j] for j in sorted(bad)]


def _wrong_check_chars(codes: list[str], joined: str) -> list[int]:
    """Indexes of the codes (18 characters of the alphabet each, at least one; ``joined`` by
    NUL) whose check character is wrong."""
    if len(codes) >= NUMPY_MIN_CODES or "numpy" in sys.modules:
        tables = _numpy_tables()
        if tables is not None:
            return _bad_check_chars(joined, tables)
    table = _TO_BASE34  # _check_char inlined: once per firm
    return [
        j
        for j, code in enumerate(codes)
        if USCC_ALPHABET[-int(code[16::-1].encode().translate(table), 34) % 31] != code[17]
    ]


@cache
def _numpy_tables() -> tuple[Any, Any, Any] | None:
    """(character value by byte, the 17 weights, the alphabet as bytes); None without numpy."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - pandas brings numpy
        return None
    values = np.zeros(256, dtype=np.int64)
    for i, ch in enumerate(USCC_ALPHABET):
        values[ord(ch)] = i
    alphabet = np.frombuffer(USCC_ALPHABET.encode(), dtype=np.uint8)
    return values, np.array(USCC_WEIGHTS, dtype=np.int64), alphabet


def _bad_check_chars(joined: str, tables: tuple[Any, Any, Any]) -> list[int]:
    """Indexes of the codes in ``joined`` (18-character codes of the alphabet, NUL-separated,
    at least one)
    whose check character is wrong: a (codes × 17) value matrix times the weights, mod 31."""
    import numpy as np

    values, weights, alphabet = tables
    matrix = np.frombuffer((joined + "\x00").encode("ascii"), dtype=np.uint8).reshape(-1, 19)
    expected = alphabet[-(values[matrix[:, :17]] @ weights) % 31]
    return np.flatnonzero(expected != matrix[:, 17]).tolist()


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


def make_uscc(first17: str) -> str:
    """Complete 17 characters with their check character (for tests and sample data)."""
    return first17 + uscc_check_char(first17)


def division_problem(code: str) -> Text | None:
    """Why ``code`` is not a 6-digit division code of a known province, or None."""
    from clusterctl.workbook.regions import PROVINCES

    if not _DIVISION.fullmatch(code):
        return t("应为 6 位数字", "it must be 6 digits")
    if code[:2] not in PROVINCES:
        return t(f"前两位 {code[:2]} 不是省级代码", f"{code[:2]} is not a province code")
    if code[2:] == "0000":
        return t(
            "这是省级代码，应填写区（县）级代码", "it is a province code, not a county-level one"
        )
    return None


def province_code(code: str) -> str | None:
    """The province (first two digits) of a division code, or None when malformed."""
    return code[:2] if _DIVISION.fullmatch(code) else None


# --- firm identity (one rule for the duplicate finding and for counting firms) -----------------


class _NameChars(dict):
    """``str.translate`` table of :func:`firm_name_key`: a character is dropped (``None``) when
    it is whitespace or punctuation (Unicode category P*), else kept. Filled on first sight of
    each character (the check then runs in C for every character seen before); at most
    ``_NAME_CHARS_MAX`` entries are kept, so hostile text cannot grow it without bound."""

    def __missing__(self, point: int) -> int | None:
        ch = chr(point)
        kept = None if ch.isspace() or unicodedata.category(ch)[0] == "P" else point
        if len(self) < _NAME_CHARS_MAX:
            self[point] = kept
        return kept


_NAME_CHARS_MAX = 20_000  # distinct characters remembered (~1-2 MB); CJK names need a few 1,000
_NAME_CHARS = _NameChars()


def firm_name_key(name: object) -> str | None:
    """A firm name as compared: NFKC (full-width letters, digits and spaces become half-width),
    case folded, whitespace and punctuation removed. ``None`` for a blank name."""
    if not isinstance(name, str):
        return None
    return unicodedata.normalize("NFKC", name).casefold().translate(_NAME_CHARS) or None


def firm_code_key(code: object) -> str | None:
    """A credit code as compared: NFKC, spaces removed, upper case. ``None`` when blank."""
    if not isinstance(code, str):
        return None
    key = "".join(unicodedata.normalize("NFKC", code).split()).upper()
    return key or None


def _joined(values: Sequence[object]) -> tuple[Sequence[object], str]:
    """The values (a non-text as an empty text) and their texts joined by NUL."""
    try:
        return values, "\x00".join(values)  # type: ignore[arg-type]
    except TypeError:  # a blank (None) or a number
        texts = [value if isinstance(value, str) else "" for value in values]
        return texts, "\x00".join(texts)


def firm_name_keys(names: Sequence[object]) -> list[str | None]:
    """:func:`firm_name_key` of each name, for a whole roster at once: one NFKC, casefold and
    translate over the names joined by NUL (each of the three maps a NUL-separated text piece by
    piece: NUL is a starter that composes with nothing, and no character folds to it or from
    it), then split. A name holding a NUL itself takes the per-name path."""
    texts, joined = _joined(names)
    if joined.count("\x00") != max(len(texts) - 1, 0):  # a NUL of its own
        return [firm_name_key(name) for name in names]
    keyed = unicodedata.normalize("NFKC", joined).casefold()
    # Most rosters' names are letters and digits only (str.isalnum: no alphanumeric character
    # is whitespace or punctuation, tested over every code point): nothing to drop. Else the
    # common whitespace and punctuation go by one regex, and what is left, if anything is,
    # by the table of every character.
    if not keyed.replace("\x00", "").isalnum():
        keyed = _COMMON_DROPPED.sub("", keyed)
        if not keyed.replace("\x00", "").isalnum():
            keyed = keyed.translate(_NAME_CHARS)
    return [key or None for key in keyed.split("\x00")] if texts else []


def _common_dropped() -> re.Pattern[str]:
    """Whitespace and the punctuation of the blocks names use (ASCII, Latin-1, general and CJK
    punctuation, full-width forms), as one character class."""
    blocks = (
        (0x0, 0x100),
        (0x2000, 0x2070),
        (0x3000, 0x3040),
        (0xFE30, 0xFE50),
        (0xFF00, 0xFF66),
    )
    chars = (chr(i) for start, end in blocks for i in range(start, end))
    dropped = "".join(ch for ch in chars if ch.isspace() or unicodedata.category(ch)[0] == "P")
    return re.compile(f"[{re.escape(dropped)}\\s]+")


_COMMON_DROPPED = _common_dropped()


_NO_SPACE = dict.fromkeys(i for i in range(0x3001) if chr(i).isspace())  # all of str.split's


def firm_code_keys(codes: Sequence[object]) -> list[str | None]:
    """:func:`firm_code_key` of each code, for a whole roster at once (as :func:`firm_name_keys`:
    NFKC, whitespace dropped and upper case over the codes joined by NUL, then split)."""
    texts, joined = _joined(codes)
    if joined.count("\x00") != max(len(texts) - 1, 0):  # a NUL of its own
        return [firm_code_key(code) for code in codes]
    if not joined.isascii():
        joined = unicodedata.normalize("NFKC", joined)
    keyed = joined.translate(_NO_SPACE).upper()
    return [key or None for key in keyed.split("\x00")] if texts else []


@dataclass(frozen=True, slots=True)
class Identities:
    """A roster's firm identities (:func:`roster_identities`): for each row the first row of
    its firm (``None`` for a row with neither name nor code) and its name key; the rows that
    repeat an earlier firm; and the namesakes, rows whose name an earlier, different firm
    already gave (row -> that firm's first row of the name)."""

    firsts: tuple[int | None, ...]
    name_keys: tuple[str | None, ...]
    repeats: tuple[int, ...]
    namesakes: dict[int, int]


def roster_identities(names: list[object], codes: list[object]) -> Identities:
    """The :class:`Identities` of a roster given its names and credit codes (row by row), by
    the rule of :func:`firm_identities`. The last roster's answer is kept: validation and the
    count criteria ask about the same roster one after the other (do not change the answer)."""
    global _LAST_ROSTER
    last_names, last_codes, last = _LAST_ROSTER
    if last is not None and names == last_names and codes == last_codes:
        return last
    name_keys = firm_name_keys(names)
    firsts = _identities_of_keys(name_keys, firm_code_keys(codes))
    n = len(firsts)
    if firsts == list(range(n)):
        repeats: tuple[int, ...] = ()
    else:
        repeats = tuple(i for i, first in enumerate(firsts) if first is not None and first != i)
    named = list(filter(None, name_keys))
    namesakes: dict[int, int] = {}
    if None in firsts or len(set(named)) != len(named):  # a name given twice: look closer
        first_of_name: dict[str, int] = {}
        for i, name in enumerate(name_keys):
            if name is None or firsts[i] is None:
                continue
            other = first_of_name.setdefault(name, i)
            if other != i and firsts[other] != firsts[i]:
                namesakes[i] = other
    result = Identities(tuple(firsts), tuple(name_keys), repeats, namesakes)
    _LAST_ROSTER = (list(names), list(codes), result)
    return result


_LAST_ROSTER: tuple[list[object], list[object], Identities | None] = ([], [], None)


def firm_identities(rows: Sequence[tuple[object, object]]) -> list[int | None]:
    """For each roster row ``(name, credit code)`` the index of the first row of the same firm
    (the row itself when it is the first), ``None`` for a row with neither.

    Two rows are the same firm when they give the same credit code; a row without a code is the
    firm of the first row with the same name (normalised by :func:`firm_name_key`). Rows with
    different codes are different firms whatever their names."""
    rows = list(rows)
    names = [name for name, _ in rows]
    codes = [code for _, code in rows]
    return list(roster_identities(names, codes).firsts)


def _identities(rows: list[tuple[object, object]]) -> list[int | None]:
    """:func:`firm_identities` one row at a time (the slow twin of the parity test)."""
    return _identities_per_row(
        [firm_name_key(name) for name, _ in rows], [firm_code_key(code) for _, code in rows]
    )


def _identities_of_keys(
    name_keys: Sequence[str | None], code_keys: Sequence[str | None]
) -> list[int | None]:
    if None not in code_keys:
        # every row has a code: a row is the firm of the first row with its code (a name
        # matches only rows without a code, and there are none); dict() keeps the last
        # assignment, so walking backwards leaves each code's first row
        n = len(code_keys)
        first_of = dict(zip(reversed(code_keys), range(n - 1, -1, -1), strict=True))
        if len(first_of) == n:
            return list(range(n))
        return list(map(first_of.__getitem__, code_keys))  # type: ignore[arg-type]
    return _identities_per_row(name_keys, code_keys)


def _identities_per_row(
    name_keys: Sequence[str | None], code_keys: Sequence[str | None]
) -> list[int | None]:
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}  # first row of each name (with or without a code)
    coded: set[int] = set()  # firms (first rows) that have a credit code
    result: list[int | None] = []
    for i, (nkey, ckey) in enumerate(zip(name_keys, code_keys, strict=True)):
        if ckey is not None:
            first = by_code.get(ckey)
            if first is None:
                named = by_name.get(nkey) if nkey is not None else None
                # an earlier row of that name without a code (and no code yet): the same firm
                first = named if named is not None and named not in coded else i
                by_code[ckey] = first
                coded.add(first)
        elif nkey is not None:
            first = by_name.get(nkey, i)
        else:
            result.append(None)
            continue
        if nkey is not None:
            by_name.setdefault(nkey, first)
        result.append(first)
    return result
