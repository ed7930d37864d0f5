"""Parity: the reader's fast paths give exactly what the per-cell path gives.

The roster is read a column at a time (``columns.parse_column``: clean columns take C-level fast
paths, a sloppy or mixed-type column falls back to one cell at a time) and its credit codes are
checked as one numpy matrix product (``identifiers``); firm names are compared by keys built
for a whole roster at once, the roster's firm identities are remembered between validation and
the count criteria (``identifiers.roster_identities``) and the count rule works a column at a
time. Here every file is checked twice in this process, once as shipped and once with those
fast paths replaced by the per-cell path (each cell through ``parse_cell``, each code through
``uscc_problem``, each name character by character, identities computed afresh one firm at a
time, each firm's rows looked at in turn), and the verdicts, scores, findings (code, cell,
parameters), summaries and evaluations must be identical: on a generated benchmark set (with
its sloppy files), on the samples and on the acceptance suite's filled workbooks.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from clusterctl.evaluation.rules import count
from clusterctl.pipeline import Options, process_file
from clusterctl.workbook import columns, identifiers, read_sheets, structure, validate
from clusterctl.workbook.kind import FieldType

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))


def per_cell_column(cells, ftype, unit=None, choices=()):  # type: ignore[no-untyped-def]
    return [columns.parse_cell(cell, ftype, unit, choices) for cell in cells]


def per_code_positions(codes):  # type: ignore[no-untyped-def]
    return [i for i, code in enumerate(codes) if code and identifiers.uscc_problem(code)]


def per_char_name_key(name):  # type: ignore[no-untyped-def]
    """firm_name_key as first written: one character at a time."""
    if not isinstance(name, str):
        return None
    text = unicodedata.normalize("NFKC", name).casefold()
    key = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "P")
    return key or None


def fresh_identities(rows):  # type: ignore[no-untyped-def]
    return identifiers._identities(list(rows))


def per_row_identities(names, codes):  # type: ignore[no-untyped-def]
    """roster_identities as first written: one firm at a time, keys one by one, no memory."""
    firsts = identifiers._identities(list(zip(names, codes, strict=True)))
    keys = [identifiers.firm_name_key(name) for name in names]
    repeats = tuple(i for i, first in enumerate(firsts) if first is not None and first != i)
    namesakes: dict[int, int] = {}
    first_of_name: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is None or firsts[i] is None:
            continue
        other = first_of_name.setdefault(key, i)
        if other != i and firsts[other] != firsts[i]:
            namesakes[i] = other
    return identifiers.Identities(tuple(firsts), tuple(keys), repeats, namesakes)


def per_firm_holding(facts, rule):  # type: ignore[no-untyped-def]
    """count._holding as first written: each firm's rows, one firm at a time."""
    groups: dict[int, list[int]] = {}
    for i, first in enumerate(facts.firm_of):
        groups.setdefault(first, []).append(i)
    wanted = frozenset(count.Qualification(q) for q in rule.qualifications)
    qualifications, answers = facts.qualifications, facts.leading
    held, unknown = [], []
    for first, rows in groups.items():
        if not [i for i in rows if not wanted.isdisjoint(qualifications[i])]:
            continue
        if not rule.leading_only:
            held.append(first)
            continue
        leading = {answers[i] for i in rows}
        if True in leading:
            held.append(first)
        elif None in leading:
            unknown.append(first)
    return held, unknown


def canonical(path: Path) -> tuple:
    report = process_file(str(path), Options())
    findings = [
        (f.code, f.location, sorted((k, repr(v)) for k, v in f.params.items()))
        for f in report.findings
    ]
    return report.verdict, report.score, findings, repr(report.summary), repr(report.evaluation)


def both_paths(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    with monkeypatch.context() as fast:
        fast.setattr(identifiers, "NUMPY_MIN_CODES", 1)  # numpy for every roster
        quick = [canonical(p) for p in paths]
    with monkeypatch.context() as slow:
        slow.setattr(read_sheets, "parse_column", per_cell_column)
        slow.setattr(structure, "invalid_uscc_positions", per_code_positions)
        slow.setattr(identifiers, "_numpy_tables", lambda: None)
        slow.setattr(identifiers, "firm_name_key", per_char_name_key)
        slow.setattr(validate, "roster_identities", per_row_identities)
        slow.setattr(count, "roster_identities", per_row_identities)
        slow.setattr(count, "_holding", per_firm_holding)
        careful = [canonical(p) for p in paths]
    return quick, careful


def assert_same(paths: list[Path], quick: list, careful: list) -> None:
    for path, a, b in zip(paths, quick, careful, strict=True):
        assert a == b, f"{path.name}: the fast path differs from the per-cell path"


def test_samples_read_the_same_both_ways(monkeypatch):
    assert len(SAMPLES) >= 9
    quick, careful = both_paths(SAMPLES, monkeypatch)
    assert_same(SAMPLES, quick, careful)
    assert any(c[2] for c in careful)  # findings to compare, not empty reports


def test_the_benchmark_set_reads_the_same_both_ways(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))  # while generating: a spawned worker imports it too
    try:
        import generate

        directory = generate.generate_set(40, seed=3, out=tmp_path, jobs=1)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    paths = sorted((directory / "files").glob("*.xlsx"))
    quick, careful = both_paths(paths, monkeypatch)
    assert_same(paths, quick, careful)
    codes = {finding[0] for report in careful for finding in report[2]}
    # the sloppy files' roster cells took the per-cell fallback and were reported
    roster = [f for r in careful for f in r[2] if (f[1].field or "").startswith("roster.")]
    assert roster and {"V202", "V208"} & codes


def test_the_acceptance_suite_reads_the_same_both_ways(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "acceptance"))
    try:
        import filler
        from suite import ALL_CASES, file_name
    finally:
        sys.path.remove(str(ROOT / "tests" / "acceptance"))
    paths = []
    for case in ALL_CASES:
        for pack_id in case.expected:
            out = tmp_path / file_name(case.id, pack_id)
            paths.append(filler.fill_case(case, pack_id, out, tmp_path / "templates"))
    assert len(paths) >= 40
    quick, careful = both_paths(paths, monkeypatch)
    assert_same(paths, quick, careful)


MIXED = [
    1.0,
    "2",
    " 3 ",
    "约45",
    "N/A",
    True,
    "",
    None,
    float("inf"),
    float("nan"),
    "12万元",
    45.5,
    "是",
    "否",
    "2019年",
    "91110000MA01ABCD1X",
    "９１１１０１０８ＭＡ００１２３４５Ｘ",
    " 91110108ma00123450 ",
    "  ",
]


@pytest.mark.parametrize("ftype", list(FieldType))
def test_a_mixed_type_column_takes_the_fallback_and_reads_as_cell_by_cell(ftype):
    """Every cell class in one column (numbers in a text column, 约45 in a number column, ...):
    the column reader must agree with the cell reader cell for cell."""
    cells = MIXED * 3
    got = columns.parse_column(list(cells), ftype, "万元", ("是", "否"))
    want = per_cell_column(cells, ftype, "万元", ("是", "否"))
    assert [repr(v) for v in got] == [repr(v) for v in want]
    clean = [c for c in cells if isinstance(c, float) and c == c and c not in (float("inf"),)]
    if ftype is FieldType.NUMBER:  # the clean case takes the fast path, same values
        assert columns.parse_column(clean, ftype) == per_cell_column(clean, ftype)


NAMES = [
    "浩华科技有限公司",
    "浩华 科技（北京）有限公司",
    "ＡＢＣ　Ｔｅｃｈ，Ltd.",
    "abc tech ltd",
    "“引号”·《书名》—破折号…",
    "\u00a0\u3000\t\n",
    "ǅ ß ﬁ Ⅻ ①",
    "",
    "🙂 emoji & co.",
]


def test_the_translated_name_key_equals_the_per_character_one():
    """Every character of the Basic Multilingual Plane and some beyond, in names and alone."""
    points = [*range(0x30000), *range(0xE0000, 0xE0080), 0x10FFFF]
    text = "".join(map(chr, points))
    chunks = [text[i : i + 37] for i in range(0, len(text), 37)]
    for name in [*NAMES, *chunks, None, 3.0, True]:
        assert identifiers.firm_name_key(name) == per_char_name_key(name), repr(name)
    # the table of characters seen stays bounded whatever the text
    assert len(identifiers._NAME_CHARS) <= identifiers._NAME_CHARS_MAX


def test_remembered_identities_answer_as_fresh_ones():
    a = [("甲公司", "91110000MA01ABCD1X"), ("甲 公司", None), ("乙公司", None), (None, None)]
    b = [("甲公司", None), ("甲公司", "91110000MA01ABCD1X"), ("乙公司", None)]
    first = identifiers.firm_identities(a)
    assert first == fresh_identities(a) == [0, 0, 2, None]
    first.append(99)  # the caller's list is its own
    assert identifiers.firm_identities(a) == [0, 0, 2, None]
    assert identifiers.firm_identities(b) == fresh_identities(b) == [0, 0, 2]
    assert identifiers.firm_identities(list(a)) == [0, 0, 2, None]
