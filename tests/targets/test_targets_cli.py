"""``clusterctl targets`` with bad and awkward inputs: each costs its own finding, the batch goes
on, nothing is modified, workbook text stays text; the aggregation rules (year, duplicates,
provincial average, part over whole) through the command."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.targets.loader import find_target_pack
from clusterctl.workbook.template import write_filled

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "shandong-3830"
runner = CliRunner()


def _generator():
    spec = importlib.util.spec_from_file_location("shandong_generate_cli", SAMPLES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
VIEW = find_target_pack("shandong-3830").workbook_pack()  # type: ignore[union-attr]


def report(path: Path, index: int = 0, **changes: Any) -> Path:
    """The index-th sample cluster's report, with indicator or identity values changed."""
    _stem, name, division, figures = GEN.CLUSTERS[index]
    spec = GEN.spec(name, division, figures, index + 1)
    for key, value in changes.items():
        if key in spec["identity"]:
            spec["identity"][key] = value
        else:
            spec["indicators"][key] = [value]
    if "reporting_year" in changes:
        spec["years"] = [changes["reporting_year"]]
    write_filled(path, VIEW, spec, kind="annual-report")
    return path


def run(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["targets", *args, "--output-format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def codes(document: dict, name: str) -> list[str]:
    entry = next(f for f in document["files"] if Path(f["file"]).name == name)
    return [f["code"] for f in entry["findings"]]


def totals(document: dict) -> dict[str, dict]:
    return {t["code"]: t for t in document["totals"]}


def test_hostile_and_foreign_files_cost_one_finding_each(tmp_path: Path) -> None:
    report(tmp_path / "good.xlsx", 0)
    (tmp_path / "garbage.xlsx").write_bytes(b"PK\x03\x04 not really a zip" * 10)
    (tmp_path / "empty.xlsx").write_bytes(b"")
    shutil.copy(ROOT / "sample_data" / "01-eligible-beijing.xlsx", tmp_path / "application.xlsx")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    code, document = run(str(tmp_path))
    assert code == 1
    assert codes(document, "application.xlsx") == ["T501"]
    assert codes(document, "garbage.xlsx") and codes(document, "empty.xlsx")
    assert codes(document, "good.xlsx") == []
    assert [Path(c["file"]).name for c in document["clusters"]] == ["good.xlsx"]
    assert totals(document)["SD04"]["value"] == 620  # the good report still counts
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert after == before  # inputs never modified


def test_workbook_text_never_becomes_a_formula(tmp_path: Path) -> None:
    report(tmp_path / "a.xlsx", 0, cluster_name='=HYPERLINK("http://x","y")')
    out = tmp_path / "out" / "p.xlsx"
    out.parent.mkdir()
    result = runner.invoke(app, ["targets", str(tmp_path / "a.xlsx"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    cell = load_workbook(out)["各集群"].cell(2, 2)
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


def test_other_years_and_duplicates_are_not_counted(tmp_path: Path) -> None:
    report(tmp_path / "a.xlsx", 0)
    report(tmp_path / "b.xlsx", 1)
    report(tmp_path / "c-again.xlsx", 0)  # the same cluster (credit code) again
    report(tmp_path / "d-2023.xlsx", 2, reporting_year=2023)
    code, document = run(str(tmp_path))
    assert code == 0  # warnings only
    assert document["year"] == 2024
    assert codes(document, "c-again.xlsx") == ["T503"]
    assert codes(document, "d-2023.xlsx") == ["T502"]
    assert totals(document)["SD04"]["value"] == 620 + 310
    assert totals(document)["SD04"]["counted"] == 2
    _code, earlier = run(str(tmp_path), "--year", "2023")
    assert [Path(c["file"]).name for c in earlier["clusters"]] == ["d-2023.xlsx"]
    assert totals(earlier)["SD04"]["value"] == 540


def test_a_differing_provincial_average_is_flagged_and_the_median_used(tmp_path: Path) -> None:
    report(tmp_path / "a.xlsx", 0)
    report(tmp_path / "b.xlsx", 1)
    report(tmp_path / "c.xlsx", 2, province_rd_intensity=2.5)
    _code, document = run(str(tmp_path))
    assert codes(document, "c.xlsx") == ["T505"]
    sd06 = totals(document)["SD06"]
    assert sd06["reference"] == 2.1
    weighted = (5600 * 3.6 + 5000 * 2.9 + 5200 * 4.1) / (5600 + 5000 + 5200)
    assert sd06["value"] == pytest.approx(weighted - 2.1)


def test_an_rd_gap_of_exactly_the_target_reaches_it(tmp_path: Path) -> None:
    """高于全省平均水平1.5个百分点: a gap of exactly 1.5 points is the target reached; a hair
    below is not. One cluster, the provincial average 2.1."""
    report(tmp_path / "a.xlsx", 0, rd_intensity=3.6, province_rd_intensity=2.1)
    _code, document = run(str(tmp_path))
    sd06 = totals(document)["SD06"]
    assert sd06["value"] == pytest.approx(1.5) and sd06["state"] == "reached"
    report(tmp_path / "a.xlsx", 0, rd_intensity=3.59, province_rd_intensity=2.1)
    _code, document = run(str(tmp_path))
    assert totals(document)["SD06"]["state"] == "not-yet"


def test_impossible_values_count_for_nothing(tmp_path: Path) -> None:
    report(tmp_path / "a.xlsx", 0, eco_parks=9)  # 9 eco-industrial parks of 6 parks
    report(tmp_path / "b.xlsx", 1, hightech_firms=-5)
    report(tmp_path / "c.xlsx", 2)
    code, document = run(str(tmp_path))
    assert code == 1
    assert codes(document, "a.xlsx") == ["T504"]
    assert "V213" in codes(document, "b.xlsx")
    sd16 = totals(document)["SD16"]
    assert (sd16["reported"], sd16["value"]) == (2, pytest.approx(100 * (2 + 3) / (4 + 5)))
    assert totals(document)["SD04"]["value"] == 620 + 540  # b's negative count left out


def test_a_blank_required_row_is_an_error_and_the_rest_counts(tmp_path: Path) -> None:
    report(tmp_path / "a.xlsx", 0, unicorns=None)
    code, document = run(str(tmp_path / "a.xlsx"))
    assert code == 1
    assert "V216" in codes(document, "a.xlsx")
    assert totals(document)["SD13"]["state"] == "no-data"
    assert totals(document)["SD04"]["value"] == 620


def test_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["targets", str(SAMPLES), "--criteria", "beijing-2023"])
    assert result.exit_code == 2 and "shandong-3830" in result.output
    result = runner.invoke(app, ["targets", str(tmp_path / "none")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["targets", str(SAMPLES), "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 2
    sample = SAMPLES / "01-power-equipment.xlsx"
    result = runner.invoke(app, ["targets", str(sample), "-o", str(sample)])
    assert result.exit_code == 2 and "01-power-equipment.xlsx" in result.output


def test_the_json_document_can_go_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    result = runner.invoke(
        app, ["targets", str(SAMPLES), "--output-format", "json", "--output-file", str(out)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema"] == "clusterctl-targets/1"
    assert len(document["clusters"]) == 10


def _crash(path: str) -> None:
    """Test hook run in the worker before the task: a file named crash* kills its worker."""
    import faulthandler
    import os

    if Path(path).name.startswith("crash"):
        faulthandler.disable()  # no traceback dump on the test's stderr
        os.abort()


def test_a_worker_crash_costs_that_file_only(tmp_path: Path, monkeypatch) -> None:
    from clusterctl.batch import isolation
    from clusterctl.pipeline import Options
    from clusterctl.targets.run import run_reports, summarise

    paths = [str(report(tmp_path / "a.xlsx", 0)), str(report(tmp_path / "crash.xlsx", 1))]
    paths.append(str(report(tmp_path / "c.xlsx", 2)))
    monkeypatch.setattr(isolation, "_CHILD_HOOK", _crash)
    pack = find_target_pack("shandong-3830")
    reports = run_reports(paths, pack, Options(), jobs=1)
    assert [Path(r.path).name for r in reports] == ["a.xlsx", "crash.xlsx", "c.xlsx"]
    assert [f.code for f in reports[1].findings] == ["F118"] and reports[1].result is None
    province = summarise(pack, reports)
    assert len(province.clusters) == 2
    assert province.progress[3].value == 620 + 540  # SD04 without the crashed file
