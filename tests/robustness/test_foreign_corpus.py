"""The real spreadsheets of other producers (../shared/corpus/foreign): one report per file,
each refused or read with an explanation, never an internal error."""

from __future__ import annotations

from shared_folder import shared_path

from clusterctl.batch.isolation import run_files
from clusterctl.pipeline import Options

FOREIGN = shared_path("corpus", "foreign")


def test_every_foreign_file_gets_one_explained_report() -> None:
    paths = sorted(str(p) for p in FOREIGN.iterdir()) if FOREIGN.is_dir() else []
    assert paths, f"the foreign corpus is expected beside the checkout at {FOREIGN}"
    reports = list(run_files(paths, Options(), jobs=2, ordered=True))
    assert [r.path for r in reports] == paths
    for report in reports:
        codes = [f.code for f in report.findings]
        assert "F199" not in codes, (report.path, [f.params for f in report.findings])
        assert report.readable or codes, report.path
    by_name = {r.path.rsplit("/", 1)[-1]: {f.code for f in r.findings} for r in reports}
    assert "F114" in by_name["issue_174.xlsx"]  # A1 + XFD1048576: refused before calamine
    assert "F106" in by_name["pass_protected.xlsx"]
    assert "F101" in by_name["adhocallbabynames1996to2016.xls"]
