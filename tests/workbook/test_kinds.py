"""Workbook kinds as data: the kind files, and the writer, reader and checks interpreting them."""

from __future__ import annotations

import pickle
import tomllib
from dataclasses import replace
from importlib import resources

import openpyxl
import pytest
from workbook_specs import eligible_spec, small_pack

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Criterion, Dimension, IndicatorSpec, Kind, Op, YearMode
from clusterctl.i18n import t
from clusterctl.workbook import fields
from clusterctl.workbook.kind import KIND_IDS, KindError, load_kind, parse_kind
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.model import Application
from clusterctl.workbook.reader import read_application
from clusterctl.workbook.template import write_filled, write_template
from clusterctl.workbook.validate import validate


def _raw(kind_id: str) -> dict:
    text = resources.files("clusterctl.workbook").joinpath("kinds", f"{kind_id}.toml")
    return tomllib.loads(text.read_text("utf-8"))


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_shipped_kinds_load(kind_id):
    kind = load_kind(kind_id)
    assert kind.id == kind_id and kind.version in kind.compatible
    assert len(kind.of_layout("instructions")) == 1 and kind.series is not None


def test_sheet_markers_tell_the_kinds_apart():
    application, report = (
        {s.key for s in load_kind(k).sheets} for k in ("application", "annual-report")
    )
    assert not application & report


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda raw: raw["sheets"][1]["fields"][0].pop("type"), "missing 'type'"),
        (lambda raw: raw["sheets"][1]["fields"][0].update(colour="red"), "colour"),
        (lambda raw: raw["sheets"][2].update(layout="grid"), "layout"),
        (lambda raw: raw["sheets"][1]["fields"][0].update(type="money"), "type"),
        (lambda raw: raw["sheets"][1]["fields"][0].update(required="yes"), "required"),
        (lambda raw: raw["sheets"][2]["years"].update(relative_to="basic.nope"), "relative_to"),
        (lambda raw: raw.update(version="9"), "compatible"),
    ],
)
def test_a_broken_kind_file_is_a_clear_error(change, named):
    raw = _raw("application")
    change(raw)
    with pytest.raises(KindError, match=named) as caught:
        parse_kind(raw, "application.toml")
    assert "application.toml" in str(caught.value)


def test_compatibility_views_are_derived_from_the_kind():
    kind = load_kind("application")
    assert kind.sheet("basic").fields == fields.BASIC_FIELDS
    assert [c.key for c in fields.ROSTER_COLUMNS] == list(kind.sheet("roster").column_keys)
    assert fields.YEARS_PER_APPLICATION == kind.series.years.count == 3
    assert kind.version == fields.TEMPLATE_VERSION
    assert {f"q_{q.value}" for q in fields.Qualification} == {
        c.key for c in kind.sheet("roster").columns if c.key.startswith("q_")
    }
    assert fields.Qualification.CHAMPION.label.zh == "制造业单项冠军"
    assert fields.FIRM_SIZES == ("大型", "中型", "小型", "微型")


# --- the pack's indicators are the series rows ---------------------------------------------------


def _keyed_rows(ws) -> list[str]:
    return [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value]


@pytest.mark.parametrize("pack_id", ["beijing-2023", "national-2022"])
def test_the_template_has_exactly_the_indicators_the_pack_reads(tmp_path, pack_id):
    pack = resolve_pack(pack_id)
    path = tmp_path / "t.xlsx"
    write_template(path, pack)
    rows = _keyed_rows(openpyxl.load_workbook(path)["指标数据"])
    assert rows == [i.key for i in pack.input_indicators()]
    assert not {"standards_count", "overseas_branches", "export_value"} & set(rows)


def pack_with_new_indicator():
    """A pack declaring an indicator no catalogue has (万元, so a money row) and a criterion on
    it: nothing in Python knows ``digital_spend``."""
    pack = small_pack()
    spend = IndicatorSpec(
        "digital_spend",
        t("数字化改造投入", "Digital upgrade spending"),
        t("万元", "10k CNY"),
        help=t("全年投入", "Spent in the year"),
    )
    rule = Criterion(
        "CR601",
        "digital-spend",
        Dimension.DIGITAL,
        t("数字化投入", "Digital spending"),
        "数字化改造投入不低于5000万元",
        Kind.THRESHOLD,
        metric="digital_spend",
        op=Op.GE,
        threshold=5000,
        unit="万元",
        years=YearMode.LATEST,
    )
    return replace(pack, criteria=(*pack.criteria, rule), indicators=(*pack.indicators, spend))


def test_an_indicator_declared_only_by_the_pack_is_written_read_and_validated(tmp_path):
    pack = pack_with_new_indicator()
    spec = eligible_spec()
    spec["indicators"]["digital_spend"] = [4000, "6000", 5_000_000]
    path = tmp_path / "app.xlsx"
    write_filled(path, pack, spec)
    ws = openpyxl.load_workbook(path)["指标数据"]
    row = _keyed_rows(ws).index("digital_spend") + 4
    assert ws.cell(row, 2).value == "数字化改造投入 *" and ws.cell(row, 6).value == "万元"
    app, _ = read_application(str(path), Limits(), pack=pack)
    assert app.series("digital_spend") == [4000.0, 6000.0, 5_000_000.0]
    assert app.cell("indicators.digital_spend.2022").cell == f"E{row}"
    found = {(f.code, f.location.field) for f in validate(app, pack)}
    # 万元 is money: a year 1000× another is a likely unit mistake
    assert ("V211", "indicators.digital_spend.2022") in found
    spec["indicators"]["digital_spend"] = [4000, None, 5000]
    write_filled(path, pack, spec)
    app, _ = read_application(str(path), Limits(), pack=pack)
    found = {(f.code, f.location.field) for f in validate(app, pack)}
    assert ("V216", "indicators.digital_spend.2021") in found  # the pack reads it: required
    assert not [code for code, _ in found if code == "V211"]


def test_without_a_pack_the_reader_takes_the_workbooks_edition(tmp_path):
    pack = resolve_pack("beijing-2023")
    path = tmp_path / "app.xlsx"
    spec = {"basic": {"application_year": 2023}, "indicators": {"software_rate": ["55%", 0.61, 68]}}
    write_filled(path, pack, spec)
    app, _ = read_application(str(path), Limits())
    assert app.edition == "beijing-2023"
    assert set(app.indicators) == {i.key for i in pack.input_indicators()}
    assert app.series("software_rate") == [55.0, 61.0, 68.0]  # a percent row, by the pack


# --- older workbooks --------------------------------------------------------------------------


def _fixture(name: str) -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parents[1] / "fixtures" / "workbook-v1" / name)


def _same_values(old: Application, new: Application, pack) -> None:
    assert old.basic == new.basic
    assert old.years == new.years
    for spec in pack.input_indicators():
        assert old.series(spec.key) == new.series(spec.key), spec.key
    assert [dict(f) for f in old.roster] == [dict(f) for f in new.roster]
    assert [f.qualifications for f in old.roster] == [f.qualifications for f in new.roster]
    # what the pack reads (an old national workbook still has Beijing's CR103 row, which the
    # corrected national-2022 no longer has: the national preamble has no 无不良信用记录); the
    # samples' descriptions quote the criterion's title, which that correction renamed for two
    codes = {c.code for c in pack.criteria}
    assert {k: v for k, v in old.declarations.items() if k in codes} == new.declarations
    answers = {k: (v.met, v.evidence) for k, v in old.qualitative.items() if k in codes}
    assert answers == {k: (v.met, v.evidence) for k, v in new.qualitative.items()}
    assert (old.signatory, old.signed_on) == (new.signatory, new.signed_on)
    assert old.template_version == new.template_version == "1"


@pytest.mark.parametrize(
    "name",
    [
        "01-eligible-beijing.xlsx",
        "04-messy-but-readable.xlsx",
        "05-unit-mistakes.xlsx",
        "07-county-national.xlsx",
    ],
)
def test_a_workbook_of_the_old_template_reads_the_same(name):
    """tests/fixtures/workbook-v1: samples written by the template before kinds were data (every
    indicator row, whatever the pack): same values and verdict as today's samples."""
    from pathlib import Path

    from clusterctl.pipeline import Options, process_file

    old_path = _fixture(name)
    new_path = str(Path(__file__).resolve().parents[2] / "sample_data" / name)
    old, old_findings = read_application(old_path, Limits())
    new, _ = read_application(new_path, Limits())
    _same_values(old, new, resolve_pack(old.edition))
    assert not [f for f in old_findings if f.code.startswith("S1")]
    old_report, new_report = process_file(old_path, Options()), process_file(new_path, Options())
    assert old_report.verdict == new_report.verdict
    assert old_report.evaluation.score == new_report.evaluation.score
    assert "S103" not in {f.code for f in old_report.findings}  # no warning for the old rows
    strip = lambda r: sorted((f.code, f.location.field) for f in r.findings)  # noqa: E731
    assert strip(old_report) == strip(new_report)


def test_the_old_empty_template_reads_without_structure_findings():
    app, findings = read_application(_fixture("template-beijing-2023.xlsx"), Limits())
    assert app.edition == "beijing-2023" and app.years == [2020, 2021, 2022]
    assert not [f for f in findings if f.code.startswith("S")]


def test_applications_pickle():
    app, _ = read_application(_fixture("01-eligible-beijing.xlsx"), Limits())
    back = pickle.loads(pickle.dumps(app))
    assert back.basic == app.basic and back.roster == app.roster and back.roster[0].row == 4
    assert back.roster[0].qualifications == app.roster[0].qualifications
    assert back.cell("roster.3.uscc") == app.cell("roster.3.uscc")
    assert back.qualitative == app.qualitative and back.signatory == app.signatory


def test_an_edition_typed_as_a_path_is_never_loaded_by_the_reader(tmp_path, monkeypatch):
    from clusterctl.criteria import loader

    asked: list[str] = []
    real = loader.find_pack
    monkeypatch.setattr(loader, "find_pack", lambda s: asked.append(s) or real(s))
    path = tmp_path / "app.xlsx"
    spec = eligible_spec()
    spec["basic"]["edition"] = str(tmp_path / "evil.toml")
    write_filled(path, small_pack(), spec)
    app, _ = read_application(str(path), Limits())
    assert app.edition.endswith("evil.toml") and asked == []
    assert app.series("total_output") == [52.0, 58.3, 66.1]  # read with the shipped packs' rows
