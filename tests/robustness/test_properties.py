"""Property-based: whatever bytes or cell values arrive, `clusterctl check` answers with exit
code 0 or 1 and no traceback, and every field either parses or has a finding."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clusterctl.pipeline import Options, process_file
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.preflight import preflight

runner = CliRunner()
SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(path: Path) -> None:
    from clusterctl.cli.app import app

    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_random_bytes_as_a_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.xlsx"
    path.write_bytes(data)
    findings = preflight(str(path), Limits())
    assert findings, "random bytes are never a workbook"
    assert all(f.type.fatal for f in findings)
    _check(path)


@SETTINGS
@given(
    members=st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
            ]
        ),
        st.binary(max_size=512),
        min_size=1,
    )
)
def test_random_bytes_inside_a_zip(tmp_path: Path, members: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(buf.getvalue())
    report = process_file(str(path), Options())
    assert "F199" not in {f.code for f in report.findings}
    assert report.readable or report.findings
    _check(path)


_values = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["是", "否", "45.6亿元", "75%", "2023-13-45", "=1+1", "+cmd", "１２３"]),
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_values_in_every_input_field(tmp_path: Path, data: st.DataObject) -> None:
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.fields import BASIC_FIELDS
    from clusterctl.workbook.template import fill_workbook

    basic = {f.key: data.draw(_values, label=f.key) for f in BASIC_FIELDS}
    indicators = {
        i.key: data.draw(st.lists(_values, min_size=3, max_size=3))
        for i in resolve_pack("beijing-2023").input_indicators()  # the template's rows
    }
    roster = [
        {"name": data.draw(_values), "revenue": data.draw(_values), "size": data.draw(_values)}
    ]
    wb = fill_workbook(resolve_pack("beijing-2023"), {"basic": {}, "roster": roster})
    from clusterctl.workbook.template import build_workbook

    _, layout = build_workbook(resolve_pack("beijing-2023"))
    titles = [ws.title for ws in wb.worksheets]
    sheet_index = {
        ws_key: i
        for i, ws_key in enumerate(
            ["instructions", "basic", "indicators", "roster", "qualitative", "declarations"]
        )
    }
    written: dict[str, tuple[str, int, int]] = {}
    for key, value in [(f"basic.{k}", v) for k, v in basic.items()] + [
        (f"indicators.{k}.y{i + 1}", v) for k, vs in indicators.items() for i, v in enumerate(vs)
    ]:
        sheet, row, col = layout.cells[key]
        cell = wb[titles[sheet_index[sheet]]].cell(row, col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # typed text, never a formula
        written[key] = (titles[sheet_index[sheet]], row, col)
    path = tmp_path / "random-values.xlsx"
    wb.save(path)
    report = process_file(str(path), Options())
    codes = {f.code for f in report.findings}
    assert "F199" not in codes, [f.params for f in report.findings]
    _check(path)
    # every field either parsed (present in the application) or has a finding at its cell
    flagged = {(f.location.sheet, f.location.row, f.location.col) for f in report.findings}
    flagged_fields = {f.location.field for f in report.findings if f.location.field}
    if report.readable:
        from clusterctl.workbook.reader import read_application

        app, _ = read_application(str(path), Limits())
        assert app is not None
        for key, where in written.items():
            parsed = key in app.cells
            assert parsed or where in flagged or key in flagged_fields, key
