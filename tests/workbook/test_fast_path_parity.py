"""Parity: the reader's fast paths give exactly what the per-cell path gives.

The roster is read a column at a time (``columns.parse_column``: clean columns take C-level fast
paths, a sloppy or mixed-type column falls back to one cell at a time) and its credit codes are
checked as one numpy matrix product (``identifiers``). Here every file is checked twice in this
process, once as shipped and once with those fast paths replaced by the per-cell path (each cell
through ``parse_cell``, each code through ``uscc_problem``), and the verdicts, scores, findings
(code, cell, parameters), summaries and evaluations must be identical: on a generated benchmark
set (with its sloppy files), on the samples and on the acceptance suite's filled workbooks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clusterctl.pipeline import Options, process_file
from clusterctl.workbook import columns, identifiers, read_sheets, structure
from clusterctl.workbook.kind import FieldType

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))


def per_cell_column(cells, ftype, unit=None, choices=()):  # type: ignore[no-untyped-def]
    return [columns.parse_cell(cell, ftype, unit, choices) for cell in cells]


def per_code_positions(codes):  # type: ignore[no-untyped-def]
    return [i for i, code in enumerate(codes) if code and identifiers.uscc_problem(code)]


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
