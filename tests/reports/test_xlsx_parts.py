"""reports/xlsx_parts.py: the output mark shared by screen's summary and monitor's workbook, and
the chart axis text both use."""

from __future__ import annotations

import zipfile

import openpyxl

from clusterctl.monitoring import xlsx as monitoring_xlsx
from clusterctl.reports import summary_xlsx
from clusterctl.reports.xlsx_parts import MAX_CORE_PROPS, axis_text, has_marker


def _book(path, keywords=None):
    wb = openpyxl.Workbook()
    if keywords is not None:
        wb.properties.keywords = keywords
    wb.save(path)
    return str(path)


def test_each_output_recognises_its_own_mark_only(tmp_path):
    summary = _book(tmp_path / "s.xlsx", summary_xlsx.MARKER)
    monitoring = _book(tmp_path / "m.xlsx", monitoring_xlsx.MARKER)
    plain = _book(tmp_path / "p.xlsx")
    assert summary_xlsx.is_our_summary(summary) and not summary_xlsx.is_our_summary(monitoring)
    assert monitoring_xlsx.is_our_workbook(monitoring)
    assert not monitoring_xlsx.is_our_workbook(summary)
    assert not has_marker(plain, summary_xlsx.MARKER)
    assert not has_marker(plain, monitoring_xlsx.MARKER)


def test_anything_else_is_not_ours(tmp_path):
    (tmp_path / "text.xlsx").write_text("clusterctl-monitoring", encoding="utf-8")
    assert not has_marker(str(tmp_path / "text.xlsx"), "clusterctl-monitoring")  # no zip
    assert not has_marker(str(tmp_path / "absent.xlsx"), "clusterctl-monitoring")
    with zipfile.ZipFile(tmp_path / "big.xlsx", "w") as zf:  # core.xml too large to be ours
        zf.writestr("docProps/core.xml", "clusterctl-monitoring" + " " * MAX_CORE_PROPS)
    assert not has_marker(str(tmp_path / "big.xlsx"), "clusterctl-monitoring")
    with zipfile.ZipFile(tmp_path / "nocore.xlsx", "w") as zf:
        zf.writestr("xl/workbook.xml", "clusterctl-monitoring")
    assert not has_marker(str(tmp_path / "nocore.xlsx"), "clusterctl-monitoring")


def test_axis_text_sets_the_size():
    text = axis_text(800)
    assert text.p[0].pPr.defRPr.sz == 800 and text.p[0].endParaRPr.sz == 800
