"""``clusterctl template`` through the public CLI."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application

runner = CliRunner()


def test_writes_the_default_edition(tmp_path):
    out = tmp_path / "申报表.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "beijing-2023" in result.output
    application, findings = read_application(str(out), Limits())
    assert application.edition == "beijing-2023"
    assert application.years == [2020, 2021, 2022]
    assert not [f for f in findings if f.level.value == "error"]


def test_criteria_year_and_english(tmp_path):
    out = tmp_path / "app.xlsx"
    result = runner.invoke(
        app,
        [
            "template",
            "-o",
            str(out),
            "--criteria",
            "national-2022",
            "--year",
            "2024",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Instructions"
    application, _ = read_application(str(out), Limits())
    assert application.edition == "national-2022"
    assert application.years == [2021, 2022, 2023]


def test_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "app.xlsx"
    out.write_bytes(b"someone's application")
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_bytes() == b"someone's application"
    result = runner.invoke(app, ["template", "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_unknown_pack_is_a_usage_error(tmp_path):
    out = tmp_path / "app.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out), "--criteria", "atlantis-1999"])
    assert result.exit_code == 2
    assert "beijing-2023" in result.output  # lists the choices
    assert not out.exists()


def test_wrong_suffix_and_missing_folder(tmp_path):
    assert runner.invoke(app, ["template", "-o", str(tmp_path / "app.csv")]).exit_code == 2
    result = runner.invoke(app, ["template", "-o", str(tmp_path / "nope" / "app.xlsx")])
    assert result.exit_code == 2


def test_check_reads_the_written_template(tmp_path):
    out = tmp_path / "app.xlsx"
    runner.invoke(app, ["template", "-o", str(out)])
    result = runner.invoke(app, ["check", str(out), "--output-format", "json"])
    assert result.exit_code == 1  # an empty application is not eligible
    assert "V207" in result.output  # required fields reported


def test_the_kind_choices_are_the_shipped_kinds():
    from clusterctl.cli.template_cmd import KINDS
    from clusterctl.workbook.kind import KIND_IDS, TOOL_KIND_IDS

    assert KINDS == KIND_IDS + TOOL_KIND_IDS


def test_the_instructions_say_how_to_get_and_run_the_tool_and_follow_the_year(tmp_path):
    out = tmp_path / "app.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out), "--year", "2025"])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["填报说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "pip install clusterctl" in text and "离线安装包" in text
    assert "clusterctl check 申报表.xlsx" in text
    assert "2022–2024" in text and "2025-05-01" in text and "--year 2025" in text
    assert "2023-05-01" not in text  # no example left at the edition's year
