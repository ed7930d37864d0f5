"""The reader finds every field by its visible label when the hidden keys are lost (issue 14
items 9-10, rule 3's reader half): key column or key row deleted, values pasted into a fresh
workbook, sheets renamed without markers, labels typed with full-width forms or in English.
The same values are read, with one S112 warning naming the sheets; a workbook whose layout
cannot be found is one S113 error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "01-eligible-beijing.xlsx"
TRANSPORTS = ROOT / "tests" / "acceptance"
sys.path.insert(0, str(TRANSPORTS))

import transports  # noqa: E402  (tests/acceptance/transports.py, the suite's transports)


def read(path: Path):
    app, findings = read_application(str(path), Limits())
    return app, findings


def snapshot(app) -> dict:
    """What the evaluation reads, without cell positions."""
    return {
        "values": app.values,
        "years": app.years,
        "indicators": app.indicators,
        "roster": [(dict(f), f.qualifications) for f in app.roster],
        "rows": app.rows,
        "edition": app.edition,
    }


def codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.fixture(scope="module")
def original():
    app, findings = read(SAMPLE)
    assert app is not None and "S112" not in codes(findings)
    return snapshot(app), findings


@pytest.mark.parametrize("name", ["copy-values", "key-column-deleted", "key-row-deleted"])
def test_lost_keys_read_the_same_values_with_one_warning(tmp_path, original, name):
    transport, lost = transports.TRANSPORTS[name]
    assert lost
    (moved,) = transport([SAMPLE], tmp_path)
    app, findings = read(moved)
    assert app is not None
    assert snapshot(app) == original[0]
    recovered = [f for f in findings if f.code == "S112"]
    assert len(recovered) == 1
    message = recovered[0].message("zh")
    assert "基本信息" in message and "企业名录" in message
    assert not [f for f in findings if f.to_row()[-1] == "error"]
    assert "S102" not in codes(findings)  # the one warning says it, not a note per sheet


def test_renamed_sheets_without_markers_are_recognised_by_their_labels(tmp_path, original):
    wb = openpyxl.load_workbook(SAMPLE)
    for i, ws in enumerate(wb.worksheets, start=1):
        ws.title = f"Sheet{i}"
        ws.delete_cols(1)  # no markers, no keys
    wb._sheets.reverse()
    path = tmp_path / "renamed.xlsx"
    wb.save(path)
    app, findings = read(path)
    assert app is not None, [f.message("en") for f in findings]
    assert snapshot(app) == original[0]
    assert codes(findings).count("S112") == 1


def test_labels_match_full_width_spaced_and_english(tmp_path, original):
    wb = openpyxl.load_workbook(SAMPLE)
    basic, indicators, roster = wb["基本信息"], wb["指标数据"], wb["企业名录"]
    basic["B4"] = "　集群名称　＊"  # full-width spaces and star
    basic["B5"] = "Province"
    indicators["B4"] = " 集群总产值(或营业收入) *"  # half-width parentheses
    roster["C3"] = "Credit code"
    for ws in wb.worksheets:
        ws.delete_cols(1)
    path = tmp_path / "labels.xlsx"
    wb.save(path)
    app, _ = read(path)
    assert app is not None
    assert snapshot(app) == original[0]


def test_a_deleted_roster_column_never_shifts_the_others(tmp_path, original):
    wb = openpyxl.load_workbook(SAMPLE)
    wb["企业名录"].delete_cols(6)  # 制造业单项冠军, key row and header alike
    path = tmp_path / "column.xlsx"
    wb.save(path)
    app, _ = read(path)
    want = [{k: v for k, v in f.items() if k != "q_champion"} for f, _ in original[0]["roster"]]
    got = [dict(f) for f, _ in snapshot(app)["roster"]]
    assert [{k: v for k, v in f.items() if k != "q_champion"} for f in got] == want
    assert all(f.get("q_champion") is None for f in got)


def test_a_deleted_answer_column_leaves_the_other_answers_in_place(tmp_path, original):
    wb = openpyxl.load_workbook(SAMPLE)
    wb["定性条件"].delete_cols(7)  # 情况说明, key row and header alike
    path = tmp_path / "answers.xlsx"
    wb.save(path)
    app, findings = read(path)
    assert app is not None and "S106" not in codes(findings)
    for code, answer in original[0]["rows"]["qualitative"].items():
        got = app.rows["qualitative"][code]
        assert (got.met, got.evidence, got.description) == (answer.met, answer.evidence, None)


def test_a_deleted_roster_row_without_key_row_keeps_every_other_firm(tmp_path, original):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["企业名录"]
    ws.delete_rows(5)  # the second firm
    ws.delete_rows(2)  # the key row
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    app, _ = read(path)
    want = [fq for i, fq in enumerate(original[0]["roster"]) if i != 1]
    assert snapshot(app)["roster"] == want


def _headings(tmp_path: Path, headings: tuple) -> Path:
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["指标数据"]
    by_year = {
        ws.cell(3, c).value: [ws.cell(r, c).value for r in range(4, ws.max_row + 1)]
        for c in (3, 4, 5)
    }
    for col, heading in zip((3, 4, 5), headings, strict=True):
        ws.cell(3, col).value = heading
        year = int(str(heading).removesuffix("年"))
        for r, value in enumerate(by_year.get(year, [None] * (ws.max_row - 3)), start=4):
            ws.cell(r, col).value = value
    path = tmp_path / "years.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("headings", [(2022, 2021, 2020), ("2020年", "2021年", "２０２２年")])
def test_values_belong_to_the_year_of_their_heading(tmp_path, original, headings):
    app, findings = read(_headings(tmp_path, headings))
    assert app.years == [2020, 2021, 2022]
    assert app.indicators == original[0]["indicators"]
    assert "V215" not in codes(findings)


def test_a_required_year_without_a_column_stays_absent(tmp_path, original):
    app, findings = read(_headings(tmp_path, (2019, 2020, 2021)))
    assert app.years == [2020, 2021, 2022]  # application year 2023: 2022 has no column
    (mismatch,) = [f for f in findings if f.code == "V212"]
    assert "2019、2020、2021" in mismatch.message("zh")
    total = app.indicators["total_output"]
    want = original[0]["indicators"]["total_output"]
    assert total == [want[0], want[1], None]  # never 2021's value as 2022


def test_an_unrecognisable_workbook_is_one_clear_error(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "基本信息"
    for name in ("指标数据", "企业名录", "定性条件", "承诺声明"):
        wb.create_sheet(name)
    for ws in wb.worksheets:
        for r in range(1, 20):
            ws.cell(r, 1).value = f"某项{r}"
            ws.cell(r, 2).value = r
    path = tmp_path / "foreign.xlsx"
    wb.save(path)
    app, findings = read(path)
    assert app is None
    assert codes(findings) == ["S113"]
    for lang in ("zh", "en"):
        text = findings[0].message(lang) + findings[0].hint(lang)
        assert "clusterctl template" in text
        assert "#columns" not in text and "y3" not in text


def test_cli_check_on_a_pasted_copy_gives_the_same_verdict(tmp_path):
    (moved,) = transports.copy_values([SAMPLE], tmp_path / "copy")
    out = {}
    for path in (SAMPLE, moved):
        cmd = [sys.executable, "-m", "clusterctl", "check", str(path), "--output-format", "json"]
        done = subprocess.run(cmd, capture_output=True, check=False)
        assert done.returncode in (0, 1), done.stderr[-500:]
        (result,) = json.loads(done.stdout)["files"]
        out[path] = result
    assert out[moved]["verdict"] == out[SAMPLE]["verdict"] == "eligible"
    assert [f["code"] for f in out[moved]["findings"]] == ["S112"]
    assert [f["code"] for f in out[SAMPLE]["findings"]] == []
