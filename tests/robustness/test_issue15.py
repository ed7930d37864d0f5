"""Issue 15's content defects, each on a reproducer from make_reproducers.py: a clean finding for
the bad file, a complete batch for the rest, a summary that opens, text that round-trips."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import make_reproducers as rep  # tests/robustness is on sys.path (conftest.py)
import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.pipeline import Options, process_file
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.preflight import preflight

runner = CliRunner()
SHOWN = str.maketrans({ch: "\ufffd" for ch in rep.NONCHARS})  # what the summary shows


@pytest.fixture(scope="module")
def reproducers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("issue15")
    rep.build(folder)
    return folder


def _batch(reproducers: Path, tmp_path: Path, names: list[str]) -> Path:
    """A folder holding the named reproducers and a valid sample."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in names:
        shutil.copy(reproducers / name, folder / name)
    shutil.copy(rep.SAMPLE, folder / "valid.xlsx")
    return folder


def _texts_openpyxl(path: Path) -> list[str]:
    wb = load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]


def _texts_calamine(path: Path) -> list[str]:
    wb = CalamineWorkbook.from_path(str(path))
    return [
        value
        for name in wb.sheet_names
        for row in wb.get_sheet_by_name(name).to_python()
        for value in row
        if isinstance(value, str) and value
    ]


def test_each_reproducer_gets_its_code_from_preflight(reproducers: Path) -> None:
    for name, code in rep.EXPECTED.items():
        fatal = [f.code for f in preflight(str(reproducers / name), Limits()) if f.type.fatal]
        assert fatal == ([code] if code else []), name


def test_noncharacters_keep_the_summary_junit_and_sarif_readable(
    reproducers: Path, tmp_path: Path
) -> None:
    folder = _batch(reproducers, tmp_path, [rep.NONCHAR_NAME])
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["screen", str(folder), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    wanted = [rep.CLUSTER_NONCHAR, rep.FIRM_NONCHAR, rep.AREA_NONCHAR, rep.NONCHAR_NAME]
    for texts in (_texts_openpyxl(out), _texts_calamine(out)):  # both open the summary
        joined = "\n".join(str(t) for t in texts)
        for text in wanted[:1] + wanted[2:]:  # the roster is not in the summary, its finding is
            assert text.translate(SHOWN) in joined, text  # every other character kept
        assert not any(ch in joined for ch in rep.NONCHARS)
    with zipfile.ZipFile(out) as zf:  # every part is XML 1.0, hyperlinks included
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(zf.read(name))

    path = str(folder / rep.NONCHAR_NAME)
    junit = runner.invoke(app, ["check", path, "--output-format", "junit"])
    root = ElementTree.fromstring(junit.stdout.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == path.translate(SHOWN)
    assert rep.AREA_NONCHAR.translate(SHOWN) in junit.stdout

    sarif = runner.invoke(app, ["check", path, "--output-format", "sarif"])
    assert not any(ch in sarif.stdout for ch in rep.NONCHARS)  # written as \ufffe escapes
    doc = json.loads(sarif.stdout)
    messages = [r["message"]["text"] for r in doc["runs"][0]["results"]]
    assert any(rep.AREA_NONCHAR in m for m in messages)  # a JSON reader gets the exact text


def test_noncharacters_in_batch_findings_and_the_roster(reproducers: Path, tmp_path: Path) -> None:
    from clusterctl.workbook.reader import read_application

    app_, _ = read_application(str(reproducers / rep.NONCHAR_NAME), Limits())
    assert rep.FIRM_NONCHAR in [firm.name for firm in app_.roster]  # read exactly
    # two files of one (non-character) cluster name: B401 quotes the name and the other file
    folder = _batch(reproducers, tmp_path, [rep.NONCHAR_NAME])
    twin = f"twin-{rep.NONCHARS}.xlsx"
    shutil.copy(reproducers / rep.NONCHAR_NAME, folder / twin)
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["screen", str(folder), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    joined = "\n".join(str(t) for t in _texts_calamine(out))
    assert "B401" in joined and twin.translate(SHOWN) in joined
    assert _texts_openpyxl(out)


def test_underscore_escape_text_round_trips_through_the_summary(
    reproducers: Path, tmp_path: Path
) -> None:
    from openpyxl.utils.escape import unescape

    name = "underscore-escape.xlsx"
    summary = process_file(str(reproducers / name), Options()).summary
    assert summary["cluster_name"] == rep.UNDERSCORE_TEXT
    folder = _batch(reproducers, tmp_path, [name])
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["screen", str(folder), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert rep.UNDERSCORE_TEXT in _texts_calamine(out)  # read back exactly, not "AB"
    assert "AB" not in _texts_calamine(out)
    # openpyxl shows the stored (escaped) text; unescaped, it is exactly the visible text
    stored = [t for t in _texts_openpyxl(out) if isinstance(t, str) and "x0041" in t]
    assert stored and all(unescape(t) == rep.UNDERSCORE_TEXT for t in stored)


def test_case_twins_are_refused_naming_both(reproducers: Path) -> None:
    findings = preflight(str(reproducers / "case-twins.xlsx"), Limits())
    assert [f.code for f in findings] == ["F104"]
    detail = findings[0].params["detail"]
    assert "XL/WORKSHEETS/SHEET2.XML" in detail and "xl/worksheets/sheet2.xml" in detail


@pytest.mark.parametrize(
    "name", ["late-doctype-space.xlsx", "late-doctype-comment.xlsx", "late-doctype-rels.xlsx"]
)
def test_a_doctype_after_64_kb_is_refused(reproducers: Path, name: str) -> None:
    report = process_file(str(reproducers / name), Options())
    assert [f.code for f in report.findings] == ["F115"]
    assert not report.readable


def test_an_unknown_error_value_is_a_value_finding_not_an_unreadable_sheet(
    reproducers: Path,
) -> None:
    path = str(reproducers / "error-getting-data.xlsx")
    report = process_file(path, Options())
    codes = [f.code for f in report.findings]
    assert "S111" not in codes and "S101" not in codes, codes
    (error,) = [f for f in report.findings if f.code == "V217"]
    area = process_file(str(rep.SAMPLE), Options()).cells["basic.area_km2"]
    assert (error.location.sheet, error.location.row, error.location.col) == (
        area.sheet,
        area.row,
        area.col,
    )
    assert error.params["value"] == "#GETTING_DATA"
    assert report.summary.get("cluster_name")  # the rest of the sheet is read
    result = runner.invoke(app, ["check", path, "--output-format", "json", "--lang", "en"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert "V217" in json.dumps(doc)


# ---------------------------------------------------------------- the shared text functions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain 中文", "plain 中文"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),  # the three control characters XML has
        ("a\x00b\x1fc\x7f", "a\ufffdb\ufffdc\x7f"),  # DEL is an XML Char
        ("\ufffe\uffff\ufffd", "\ufffd\ufffd\ufffd"),
        ("\U0001f600\U0010ffff\ue000", "\U0001f600\U0010ffff\ue000"),
        ("\ufdd0", "\ufdd0"),  # a non-character XML 1.0 allows
        ("name-\udcb2\udce2", "name-测"),  # GBK bytes of a file name, shown as read
    ],
)
def test_xml_text_keeps_exactly_the_xml_1_0_characters(text: str, expected: str) -> None:
    from clusterctl.reports.safe_cell import xml_text

    assert xml_text(text) == expected
    ElementTree.fromstring(f"<r a='{xml_text(text)}'>{xml_text(text)}</r>".encode())


def test_every_character_outside_the_xml_char_production_is_replaced() -> None:
    from clusterctl.reports.safe_cell import clean_text, xml_text

    allowed = {0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE)}
    for code in [*range(0x0, 0x20), *range(0xD800, 0xE000, 97), 0xFFFE, 0xFFFF, 0x10000]:
        ch = chr(code)
        ok = code in allowed or code >= 0x10000
        assert (xml_text(f"a{ch}b") == f"a{ch}b") == ok, hex(code)
        assert (clean_text(f"a{ch}b") == f"a{ch}b") == ok, hex(code)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("_x0041_B", "_x005F_x0041_B"),
        ("_x005f_", "_x005F_x005f_"),
        ("a_x12AB_b_x0041_", "a_x005F_x12AB_b_x005F_x0041_"),
        ("_X0041_", "_X0041_"),  # Excel and calamine unescape a lower-case x only
        ("_x004_", "_x004_"),
        ("_x00411", "_x00411"),
    ],
)
def test_cell_text_escapes_a_literal_escape_sequence(text: str, stored: str) -> None:
    from openpyxl.utils.escape import unescape

    from clusterctl.reports.safe_cell import cell_text

    assert cell_text(text) == stored
    assert unescape(stored) == text or stored == text


def test_a_link_target_with_noncharacters_is_percent_encoded() -> None:
    from urllib.parse import unquote

    from clusterctl.reports.safe_cell import xml_uri

    target = "../in/a\ufffeb 名.xlsx"
    assert xml_uri(target) == "../in/a%EF%BF%BEb 名.xlsx"
    assert unquote(xml_uri(target)) == target
    assert xml_uri("plain/名.xlsx") == "plain/名.xlsx"
