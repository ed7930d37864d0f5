"""The committed sample applications are current and behave as their README says."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_generator import sample_generator

from clusterctl.pipeline import Options, process_file
from clusterctl.workbook.template import semantic_dump

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
REGENERATE = "sample_data/ is stale: run `python sample_data/generate.py`"


def test_samples_are_current(tmp_path):
    written = sample_generator().generate(tmp_path)
    assert len(written) >= 8
    for path in written:
        committed = SAMPLES / path.name
        assert committed.exists(), REGENERATE
        assert semantic_dump(path) == semantic_dump(committed), f"{path.name}: {REGENERATE}"
    assert (tmp_path / "README.md").read_text() == (SAMPLES / "README.md").read_text(), REGENERATE


@pytest.mark.parametrize(
    ("name", "criteria", "verdict"),
    [
        ("01-eligible-beijing.xlsx", None, "eligible"),
        ("02-sme-share-exactly-70.xlsx", None, "ineligible"),
        ("02-sme-share-exactly-70.xlsx", "national-2022", "eligible"),
        ("03-fails-thresholds.xlsx", None, "ineligible"),
        ("04-messy-but-readable.xlsx", None, "eligible"),
        ("07-county-national.xlsx", None, "eligible"),
        ("08-energy-intensive.xlsx", None, "eligible"),
    ],
)
def test_sample_verdicts(name, criteria, verdict):
    report = process_file(str(SAMPLES / name), Options(criteria=criteria))
    assert report.verdict.value == verdict
    assert not [f for f in report.findings if f.code.startswith(("F", "S1")) and f.code != "S104"]


def test_exactly_70_fails_only_the_strict_share():
    report = process_file(str(SAMPLES / "02-sme-share-exactly-70.xlsx"), Options())
    failing = {r.code for r in report.evaluation.results if r.status.value == "not_met"}
    assert failing == {"CR203"}


def test_unit_mistakes_are_flagged():
    report = process_file(str(SAMPLES / "05-unit-mistakes.xlsx"), Options())
    codes = [f.code for f in report.findings]
    assert codes.count("V211") >= 3 and "V203" in codes


def test_incomplete_sample_is_incomplete():
    report = process_file(str(SAMPLES / "06-incomplete.xlsx"), Options())
    assert report.verdict.value == "incomplete"
    codes = {f.code for f in report.findings}
    assert {"V202", "V207", "V216"} <= codes
    # Unanswered qualitative rows and unconfirmed declarations are reported once, under the
    # criterion's own code at the row's cell, not again as X306/X308.
    assert not codes & {"X305", "X306", "X308"}
    by_cell = {}
    for f in report.findings:
        if f.location.sheet in ("定性条件", "承诺声明"):
            by_cell.setdefault(f.location.ref(), []).append(f.code)
    assert by_cell and all(len(found) == 1 for found in by_cell.values()), by_cell
    assert {"CR102", "CR607"} <= {c for found in by_cell.values() for c in found}


def test_every_message_of_the_samples_is_complete():
    """Each finding names all its parameters in its message and hint, in both languages."""
    import re

    findings = [
        f
        for path in sorted(SAMPLES.glob("*.xlsx"))
        for f in process_file(str(path), Options()).findings
    ]
    assert len(findings) > 50
    for f in findings:
        shown = f.message("zh") + f.message("en") + (f.hint("zh") or "") + (f.hint("en") or "")
        assert not re.search(r"\{\w+\}", shown), (f.code, shown)
