"""``clusterctl check`` through the public CLI. The pipeline is replaced by hand-built reports
(tests/reports/builders.py) for the policy tests; the end-to-end tests run the real thing."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

import builders

from clusterctl.batch import isolation
from clusterctl.cli.app import app
from clusterctl.diagnostics import Finding, Location

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_data"
runner = CliRunner()


def crash_report(path):
    from clusterctl.report import FileReport

    return FileReport(path, findings=[Finding("F199", Location(path), {"error": "boom"})])


FAKES = {
    "good.xlsx": builders.eligible_report,
    "bad.xlsx": builders.ineligible_report,
    "broken.xlsx": builders.unreadable_report,
    "crash.xlsx": crash_report,
}


@pytest.fixture
def fake(monkeypatch, tmp_path):
    """Files in a temporary cwd whose reports are the hand-built ones; records the options."""
    calls = []

    def run_files(paths, options, jobs=None, ordered=False, isolate=True, transform=None, **_):
        calls.append(options)
        for p in paths:
            report = FAKES[Path(p).name](p)
            yield report if transform is None else transform(report)

    monkeypatch.setattr(isolation, "run_files", run_files)
    monkeypatch.chdir(tmp_path)
    for name in FAKES:
        (tmp_path / name).write_bytes(b"PK\x03\x04 placeholder")
    return calls


def check(*args):
    return runner.invoke(app, ["check", *args])


def test_exit_0_when_every_file_is_eligible(fake):
    result = check("good.xlsx")
    assert result.exit_code == 0, result.output
    assert "符合" in result.stdout and "得分 83.3/100" in result.stdout


def test_exit_1_for_an_ineligible_or_unreadable_file(fake):
    assert check("good.xlsx", "bad.xlsx").exit_code == 1
    assert check("broken.xlsx").exit_code == 1
    assert check("good.xlsx", "bad.xlsx", "--exit-zero").exit_code == 0


def test_warnings_fail_with_strict_or_fail_on_warning(fake):
    assert check("good.xlsx", "--strict").exit_code == 1
    assert check("good.xlsx", "--fail-on", "warning").exit_code == 1
    assert check("good.xlsx", "--fail-on", "error").exit_code == 0


def test_internal_error_is_exit_2_even_with_exit_zero(fake):
    assert check("crash.xlsx", "--exit-zero").exit_code == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope.xlsx"], "nope.xlsx"),
        (["good.xlsx", "--output-format", "xml"], "sarif"),
        (["good.xlsx", "--criteria", "atlantis"], "beijing"),
        (["good.xlsx", "--fail-on", "sometimes"], "--fail-on"),
        (["good.xlsx", "--strict", "--fail-on", "error"], "--strict"),
        (["good.xlsx", "--lang", "fr"], "fr"),
        (["good.xlsx", "--bogus"], "--bogus"),
    ],
)
def test_usage_errors_exit_2_with_a_message(fake, args, words):
    result = check(*args)
    assert result.exit_code == 2
    assert words in result.output
    assert not fake  # nothing was processed


def test_criteria_resolved_before_processing(fake):
    assert check("good.xlsx", "--criteria", "beijing-2023").exit_code == 0
    assert fake[0].criteria == "beijing-2023"
    assert check("good.xlsx").exit_code == 0
    assert fake[1].criteria is None  # the edition the workbook declares


def test_json_keeps_stdout_clean(fake):
    result = check("good.xlsx", "bad.xlsx", "--output-format", "json")
    data = json.loads(result.stdout)
    assert [f["verdict"] for f in data["files"]] == ["eligible", "ineligible"]
    assert result.exit_code == 1


def test_output_file_gets_the_format_and_stdout_the_human_report(fake, tmp_path):
    result = check("good.xlsx", "bad.xlsx", "--output-format", "sarif", "-o", "out.sarif")
    assert result.exit_code == 1
    assert "结论" in result.stdout and "$schema" not in result.stdout
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert not list(tmp_path.glob(".out.sarif.*"))  # no temporary file left behind


def test_output_file_never_overwrites_an_input(fake, tmp_path):
    before = (tmp_path / "good.xlsx").read_bytes()
    result = check("good.xlsx", "-o", "good.xlsx", "--output-format", "json")
    assert result.exit_code == 2
    assert (tmp_path / "good.xlsx").read_bytes() == before


def test_quiet(fake):
    result = check("good.xlsx", "bad.xlsx", "--quiet")
    assert result.stdout.splitlines() == [
        "good.xlsx: 符合  得分 83.3",
        "bad.xlsx: 不符合  得分 41.7",
    ]
    machine = check("good.xlsx", "bad.xlsx", "--quiet", "--output-format", "sarif")
    assert machine.stdout == "" and machine.exit_code == 1


def test_statistics_counts_per_code(fake):
    result = check("good.xlsx", "bad.xlsx", "--statistics")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["2", "V290", "[info]"]
    assert any(line.split()[:2] == ["1", "V201"] for line in lines)


def test_english(fake):
    result = check("bad.xlsx", "--lang", "en")
    assert "Verdict" in result.stdout and "ineligible" in result.stdout


def test_config_turning_codes_off_changes_result_and_exit_code(tmp_path, monkeypatch):
    # the configuration goes into the evaluation: run the real pipeline (SME share exactly 70%
    # fails only Beijing's CR203, 高于70%)
    monkeypatch.chdir(tmp_path)
    sample = str(SAMPLES / "02-sme-share-exactly-70.xlsx")
    assert check(sample, "--criteria", "beijing-2023").exit_code == 1
    (tmp_path / ".clusterctl.toml").write_text('[levels]\nCR203 = "off"\n', encoding="utf-8")
    result = check(sample, "--criteria", "beijing-2023", "--output-format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["files"][0]
    assert data["verdict"] == "eligible"
    assert data["ignored_criteria"] == ["CR203"]
    assert check(sample, "--criteria", "beijing-2023", "--isolated").exit_code == 1


def test_config_lang_and_cli_precedence(fake, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.clusterctl]\nlang = "en"\n', encoding="utf-8")
    assert "Verdict" in check("good.xlsx").stdout
    assert "结论" in check("good.xlsx", "--lang", "zh").stdout


def test_bad_config_is_a_usage_error_naming_the_key(fake, tmp_path):
    (tmp_path / ".clusterctl.toml").write_text('[levels]\nV201 = "loud"\n', encoding="utf-8")
    result = check("good.xlsx")
    assert result.exit_code == 2
    assert "levels.V201" in result.output


def test_limits_from_the_command_line(fake):
    assert check("good.xlsx", "--limit-file-mb", "3", "--limit-timeout", "9").exit_code == 0
    assert (fake[0].limits.max_file_mb, fake[0].limits.timeout_s) == (3.0, 9.0)


# ------------------------------------------------------------------ end to end, real pipeline


def clusterctl_exe() -> list[str]:
    exe = Path(sys.executable).with_name("clusterctl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "clusterctl"]


def hook() -> dict[str, str]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(id|entry|files|exclude|language): (.+)$", text, re.M))


def test_pre_commit_hook_definition():
    h = hook()
    assert (h["id"], h["entry"], h["language"]) == (
        "clusterctl-check",
        "clusterctl check",
        "python",
    )
    assert re.search(h["files"], "apps/a.xlsx") and not re.search(h["files"], "a.xls")
    assert re.search(h["exclude"], "apps/~$a.xlsx") and not re.search(h["exclude"], "apps/a.xlsx")


def test_pre_commit_entry_runs_on_files_like_pre_commit(tmp_path):
    """pre-commit appends the staged files to the entry and runs it in the repository root."""
    entry = hook()["entry"].split()
    assert entry[0] == "clusterctl"
    eligible = SAMPLES / "01-eligible-beijing.xlsx"
    failing = SAMPLES / "03-fails-thresholds.xlsx"
    ok = subprocess.run(
        [*clusterctl_exe(), *entry[1:], str(eligible)], capture_output=True, text=True, timeout=120
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    both = subprocess.run(
        [*clusterctl_exe(), *entry[1:], str(eligible), str(failing)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert both.returncode == 1
    assert "\x1b[" not in both.stdout  # plain when not a terminal
    assert "03-fails-thresholds.xlsx" in both.stdout and "CR203" in both.stdout


def test_samples_end_to_end_in_every_machine_format(tmp_path):
    import xml.etree.ElementTree as ET

    import jsonschema
    from test_format_sarif import official_schema

    from clusterctl.reports.formats.json_format import load_schema

    files = sorted(str(p) for p in SAMPLES.glob("*.xlsx"))
    assert len(files) >= 8
    out = {}
    for fmt in ("json", "sarif", "junit"):
        target = tmp_path / f"out.{fmt}"
        run = subprocess.run(
            [*clusterctl_exe(), "check", *files, "--output-format", fmt, "-o", str(target)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode in (0, 1), run.stderr
        out[fmt] = target.read_text(encoding="utf-8")
    data = json.loads(out["json"])
    jsonschema.validate(data, load_schema())
    for f in data["files"]:
        for finding in f["findings"]:
            if finding["row"] is not None:
                assert finding["sheet"] and finding["cell"]
    jsonschema.validate(json.loads(out["sarif"]), official_schema())
    assert ET.fromstring(out["junit"].encode()).tag == "testsuites"


def test_each_criterion_keeps_to_one_line_in_80_columns():
    """Long CJK titles (no spaces to break at) are cut with … rather than wrapped onto a line of
    their own; the code, the value and the status stay on the criterion's line."""
    result = runner.invoke(app, ["check", str(SAMPLES / "01-eligible-beijing.xlsx")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    criteria = [line for line in lines if re.match(r"^[✓✗~!?\-] CR\d{3} ", line)]
    assert len(criteria) >= 40
    cr102 = next(line for line in criteria if " CR102 " in line)
    assert "…" in cr102 and cr102.rstrip().endswith("达标")
    # no continuation line holding the rest of a title (it would start with spaces)
    first, last = lines.index(criteria[0]), lines.index(criteria[-1])
    assert not [line for line in lines[first:last] if re.match(r"^\s{4,}\S", line)]


def test_a_workbook_naming_a_file_as_its_edition_gets_s105_not_a_pack_load(tmp_path):
    # 认定标准版本 is workbook text: a path typed there is an unknown edition (S105, checked
    # against the default pack), never a file to load
    from openpyxl import load_workbook

    src = Path(__file__).resolve().parents[2] / "sample_data" / "01-eligible-beijing.xlsx"
    wb = load_workbook(src)
    ws = next(w for w in wb.worksheets if w["A1"].value == "#sheet:basic")
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "edition")
    ws.cell(row, 3).value = str(tmp_path / "not-a-pack.toml")
    (tmp_path / "not-a-pack.toml").write_text("this is not TOML [", encoding="utf-8")
    path = tmp_path / "app.xlsx"
    wb.save(path)
    result = CliRunner().invoke(app, ["check", str(path), "--output-format", "json"])
    data = json.loads(result.stdout)["files"][0]
    codes = {f["code"] for f in data["findings"]}
    assert "S105" in codes and "F199" not in codes, codes
    assert data["verdict"] in ("eligible", "ineligible", "incomplete")
