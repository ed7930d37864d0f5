"""The registry: the template's kind and a plain Excel list with its labels read alike; its
checks point at cells; filings are matched by the operating body's credit code only."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics import Location
from clusterctl.lifecycle.model import Filing, FilingKind
from clusterctl.monitoring.matching import monitor
from clusterctl.monitoring.model import ClusterStatus, Collected
from clusterctl.monitoring.registry import read_registry
from clusterctl.monitoring.run import calendar_deadline
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.template import write_filled

A = make_uscc("12110108MB0000001")
B = make_uscc("12110108MB0000002")
V = (date(2024, 1, 1), date(2026, 12, 31))
ROWS = [
    ["北京市海淀区甲产业集群", "甲促进中心", A, "2024年度", "beijing-2023", "海淀区", *V],
    ["北京市朝阳区乙产业集群", "乙促进中心", B, "2024年度", "beijing-2023", "朝阳区", *V],
]
KEYS = ("cluster_name", "operator_name", "operator_uscc", "batch", "edition", "region")
KEYS += ("valid_from", "valid_to")


def template_registry(path, rows=ROWS):
    spec = {"clusters": [dict(zip(KEYS, row, strict=True)) for row in rows]}
    write_filled(path, resolve_pack("beijing"), spec, kind="registry")
    return path


def plain_registry(path, rows=ROWS, english=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1" if english else "2024年名单"
    ws.append(["北京市特色产业集群名单"])  # a title row above the header
    if english:
        ws.append(["No.", "Cluster name", "Operating body", "Credit code", "Batch / year",
                   "Criteria edition", "Region (district / city)", "Valid from",
                   "Valid to"])  # fmt: skip
    else:
        ws.append(["序号", "集群名称", "运营管理机构", "统一社会信用代码", "认定批次/年份",
                   "认定标准版本", "所属地区(区/市)", "有效期起", "有效期止", "备注"])  # fmt: skip
    for i, row in enumerate(rows, 1):
        ws.append([i, *row])
    wb.save(path)
    return path


@pytest.mark.parametrize("make", [template_registry, plain_registry])
def test_the_template_and_a_plain_list_read_alike(tmp_path, make):
    reg = read_registry(str(make(tmp_path / "r.xlsx")))
    assert reg.unreadable is None
    assert [(c.name, c.operator_uscc, c.valid_from, c.valid_to) for c in reg.clusters] == [
        (r[0], r[2], r[6], r[7]) for r in ROWS
    ]
    assert not [f for f in reg.findings if f.code.startswith("M")]
    first = reg.clusters[0]
    assert first.list_year == 2024 and first.cells["operator_uscc"].cell == "D" + str(first.row)


def test_an_english_header_reads_too(tmp_path):
    reg = read_registry(str(plain_registry(tmp_path / "r.xlsx", english=True)))
    assert [c.operator_uscc for c in reg.clusters] == [A, B]


def test_registry_checks_point_at_their_cells(tmp_path):
    rows = [
        ROWS[0],
        [*ROWS[1][:2], A, *ROWS[1][3:]],  # A twice
        ["丙", "丙中心", "91110108MA01ABCD1X", "2024年度", None, None, None, date(2026, 1, 1)],
        ["丁", "丁中心", B, "2024年度", None, None, date(2026, 1, 1), date(2025, 1, 1)],
    ]
    reg = read_registry(str(plain_registry(tmp_path / "r.xlsx", rows)))
    found = sorted((f.code, f.location.cell) for f in reg.findings if f.code.startswith("M"))
    # the header is row 2 of the sheet, the records rows 3-6; code column D, dates H and I
    assert found == [("M601", "D3"), ("M601", "D4"), ("M602", "D5"), ("M603", "H5"), ("M604", "I6")]


def test_a_file_that_is_no_registry_is_unusable(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "什么"])
    wb.save(path)
    assert read_registry(str(path)).unreadable is not None
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    assert read_registry(str(bad)).unreadable is not None


def filing(file, code, year=2025, name="北京市海淀区甲产业集群", filed=date(2026, 3, 1)):
    f = Filing(FilingKind.ANNUAL_REPORT, file, code, cluster_name=name, year=year, filed_on=filed)
    f.cells["identity.operator_uscc"] = Location(file, "集群基本情况", 6, 3)
    f.cells["identity.cluster_name"] = Location(file, "集群基本情况", 4, 3)
    return Collected(file, "annual-report", f, 0)


def test_matching_is_by_credit_code_never_by_name(tmp_path):
    reg = read_registry(str(template_registry(tmp_path / "r.xlsx")))
    collected = [
        # named like cluster B, but A's code: it is A's report; the name is an info
        filing("乙产业集群.xlsx", A.lower(), name="北京市朝阳区乙产业集群"),
        filing("a2024.xlsx", A, 2024, filed=date(2025, 3, 1)),
        filing("x.xlsx", make_uscc("12110108MB0000099")),  # no row has it
        filing("b1.xlsx", B, name="北京市朝阳区乙产业集群"),
        filing("b2.xlsx", B, name="北京市朝阳区乙产业集群", filed=date(2026, 3, 5)),
        Collected("app.xlsx", "application", None, 0),
    ]
    assessments, findings = monitor(reg, collected, date(2026, 4, 15), calendar_deadline())
    rows = sorted((f.code, f.location.file) for f in findings)
    assert rows == [
        ("M610", "x.xlsx"),
        ("M611", "b1.xlsx"),
        ("M611", "b2.xlsx"),
        ("M612", "乙产业集群.xlsx"),
        ("M613", "app.xlsx"),
    ]
    by_name = {a.cluster.name: a for a in assessments}
    a, b = by_name[ROWS[0][0]], by_name[ROWS[1][0]]
    assert {f.file for f in a.filings} == {"乙产业集群.xlsx", "a2024.xlsx"}
    assert a.status is ClusterStatus.NORMAL
    # B: 2024 missing (ground 3); of the two 2025 reports the first filed is judged
    assert b.status is ClusterStatus.REVOKE and [g.number for g in b.grounds] == [3]
    assert [r.file for r in b.reports if r.year == 2025] == ["b1.xlsx"]
    assert assessments[0] is b  # ranked first


def test_a_file_that_could_not_be_assessed_is_a_finding(tmp_path):
    from clusterctl.diagnostics import Finding

    reg = read_registry(str(template_registry(tmp_path / "r.xlsx")))
    broken = Finding("F116", Location("crash.xlsx"), {})
    _, findings = monitor(
        reg, [Collected("crash.xlsx", "application", None, 1, broken)], date(2026, 4, 15),
        calendar_deadline(),
    )  # fmt: skip
    assert [(f.code, f.location.file) for f in findings] == [("M614", "crash.xlsx")]
