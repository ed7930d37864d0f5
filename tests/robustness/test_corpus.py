"""Every file of the bad-input corpus is refused or read with an explained result, one report
per file, without touching the input."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.batch.isolation import run_files
from clusterctl.cli.app import app
from clusterctl.diagnostics import get_type
from clusterctl.pipeline import Options
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.preflight import formulas_without_values, preflight

PLACEHOLDER = re.compile(r"\{\w+\}")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_preflight_gives_each_case_its_code(corpus) -> None:
    folder, expected = corpus
    assert len(expected) >= 19
    for name, code in expected.items():
        codes = sorted({f.code for f in preflight(str(folder / name), Limits())})
        assert codes == ([code] if code else []), name
        if code:
            ftype = get_type(code)
            assert ftype.fatal == (code != "F119")
            assert ftype.hint is not None and ftype.hint.zh and ftype.hint.en


def test_pipeline_over_corpus_one_explained_report_each_inputs_unchanged(corpus) -> None:
    folder, expected = corpus
    paths = [str(folder / name) for name in expected]
    before = {p: _sha(Path(p)) for p in paths}
    options = Options(limits=Limits(timeout_s=30))
    reports = list(run_files(paths, options, jobs=2, ordered=True))
    assert [r.path for r in reports] == paths
    for report, name in zip(reports, expected, strict=True):
        codes = [f.code for f in report.findings]
        if expected[name]:
            assert expected[name] in codes, name
        assert report.readable or report.findings, name  # an unreadable file says why
        assert "F199" not in codes, (name, [f.params for f in report.findings])
        for f in report.findings:  # every parameter a message names was given
            shown = f.message("zh") + f.message("en") + (f.hint("zh") or "") + (f.hint("en") or "")
            assert not PLACEHOLDER.search(shown), (name, f.code, shown)
        assert report.sha256 == before[report.path]
    assert {p: _sha(Path(p)) for p in paths} == before


def test_formulas_without_values_point_at_the_cells(corpus) -> None:
    folder, expected = corpus
    if "formulas-no-values.xlsx" not in expected:  # built only with the template writer
        assert "valid.xlsx" not in expected
        return
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.template import build_workbook

    wb, layout = build_workbook(resolve_pack("beijing-2023"))
    titles = [ws.title for ws in wb.worksheets]
    _sheet, row, col = layout.cells["basic.area_km2"]
    found = formulas_without_values(str(folder / "formulas-no-values.xlsx"))
    assert (titles[1], row, col) in found
    assert (titles[3], 4, 11) in found
    assert len(found) == 2
    assert formulas_without_values(str(folder / "valid.xlsx")) == []
    only_basic = formulas_without_values(str(folder / "formulas-no-values.xlsx"), [titles[1]])
    assert only_basic == [(titles[1], row, col)]


def test_check_command_never_shows_a_traceback(corpus) -> None:
    folder, expected = corpus
    runner = CliRunner()
    for name in expected:
        if name == "roster-50k.xlsx":  # seconds of reading; the pipeline test covers it
            continue
        result = runner.invoke(app, ["check", str(folder / name), "--lang", "en"])
        assert result.exit_code in (0, 1), (name, result.output)
        assert "Traceback" not in result.output, name
