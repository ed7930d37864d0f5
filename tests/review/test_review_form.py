"""``screen --review-form`` and ``--expert-scores`` through the CLI, on copies of sample_data:
the form is written, filled by tests/review/form_filler.py and read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from .form_filler import fill_form
from .helpers import SAMPLES, by_name, screen, screen_json


def judge_01_not_04_met(name: str, code: str) -> str | None:
    """The Done-means filling: 01's items 未达标, 04's 达标, the rest left blank."""
    if name.startswith("01-"):
        return "未达标"
    if name.startswith("04-"):
        return "达标"
    return None


def write_form(batch: Path, tmp_path: Path, *extra: str) -> tuple[Path, dict]:
    form = tmp_path / "review.xlsx"
    document = screen_json(str(batch), "--review-form", str(form), *extra)
    assert form.exists()
    return form, document


def test_review_form_lists_every_criterion_awaiting_review_as_protected_text(batch, tmp_path):
    form, document = write_form(batch, tmp_path)
    wb = load_workbook(form)
    ws = wb["专家评审表"]
    assert wb["_keys"].sheet_state == "veryHidden"
    assert ws.column_dimensions["A"].hidden and ws.row_dimensions[2].hidden
    assert ws.protection.sheet and not ws.protection.autoFilter  # filters stay usable
    keys = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    rows = [k for k in keys if isinstance(k, str) and k.startswith("app:")]
    expected = {
        (f["rank"], c["code"])
        for f in document["files"]
        for c in f["criteria"]
        if c["status"] == "review"
    }
    assert {(int(k.split(":")[1]), k.split(":")[2]) for k in rows} == expected
    assert "review_items" not in document["files"][0]  # the form's data stays out of the JSON
    grade_col = next(c for c in range(1, 20) if ws.cell(6, c).value == "评审结论")
    first = keys.index(rows[0]) + 1
    assert ws.cell(first, grade_col).protection.locked is False
    assert ws.cell(first, grade_col - 1).protection.locked is True
    ranges = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
    letter = ws.cell(first, grade_col).column_letter
    assert any(r.startswith(f"{letter}{first}") for r in ranges)
    assert ws.print_title_rows == "$6:$6" and ws.page_setup.paperSize == 9
    meta = {r[0].value: r[1].value for r in wb["_keys"].iter_rows() if r[0].value != "app"}
    assert meta["kind"] == "clusterctl-review-form" and meta["pack_id"] == "beijing-2023"
    shas = {r[2].value: r[3].value for r in wb["_keys"].iter_rows() if r[0].value == "app"}
    assert set(shas.values()) == {
        f["sha256"] for f in document["files"] if f["rank"] in {n for n, _ in expected}
    }


def test_workbook_text_on_the_form_never_becomes_a_formula(batch, tmp_path):
    path = batch / "01-eligible-beijing.xlsx"
    wb = load_workbook(path)
    ws = wb["定性条件"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "CR206")
    heads = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    col = next(c for h, c in heads.items() if h and "情况说明" in str(h))
    ws.cell(row, col).value = '=HYPERLINK("http://x","y")'
    ws.cell(row, col).data_type = "s"
    wb.save(path)
    form, _ = write_form(batch, tmp_path)
    sheet = load_workbook(form)["专家评审表"]
    cells = [c for r in sheet.iter_rows() for c in r if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)
    assert cells[0].value == '=HYPERLINK("http://x","y")'


def test_expert_scores_change_score_verdict_and_rank_and_mark_judged(batch, tmp_path):
    form, before = write_form(batch, tmp_path)
    filled = tmp_path / "review-a.xlsx"
    assert fill_form(str(form), str(filled), "张专家", judge_01_not_04_met) > 0
    out = tmp_path / "final.xlsx"
    after = screen_json(str(batch), "-o", str(out), "--expert-scores", str(filled))
    old, new = by_name(before), by_name(after)
    a, b = "01-eligible-beijing.xlsx", "04-messy-but-readable.xlsx"
    assert old[a]["verdict"] == "eligible" and new[a]["verdict"] == "ineligible"  # CR101 is hard
    assert new[a]["score"] < old[a]["score"]
    assert new[a]["rank"] > old[a]["rank"]
    judged_a = {c["code"]: c for c in new[a]["criteria"] if "experts" in c}
    assert judged_a and all(c["credit"] == 0 for c in judged_a.values())
    hard = {c["code"] for c in judged_a.values() if c["status"] == "not_met"}
    assert "CR101" in hard and "CR206" in hard
    assert not [c for c in new[b]["criteria"] if c["status"] == "review"]  # all judged
    assert {c["experts"][0]["expert"] for c in new[b]["criteria"] if "experts" in c} == {"张专家"}
    assert new[b]["verdict"] == "eligible"
    untouched = "03-fails-thresholds.xlsx"  # left blank on the form: still awaiting review
    assert [c["status"] for c in new[untouched]["criteria"]].count("review") > 0
    codes = {f["code"] for f in after["expert_review"]["findings"]}
    assert "R505" in codes  # the blank rows are listed
    wb = load_workbook(out, read_only=True)
    rows = list(wb["专家评审"].values)
    assert rows[0][4] == "专家"
    experts = {(r[1], r[4]) for r in rows[1:] if r and r[4]}
    assert {(a, "张专家"), (b, "张专家")} <= experts
    summary = list(wb["汇总"].values)
    column = summary[0].index("其中待专家\n确认（分）")
    row_b = next(r for r in summary if r[1] == b)
    assert row_b[column] == 0


def test_a_form_whose_application_changed_is_refused(batch, tmp_path):
    form, _ = write_form(batch, tmp_path)
    filled = tmp_path / "review-a.xlsx"
    fill_form(str(form), str(filled), "张专家", judge_01_not_04_met)
    target = batch / "01-eligible-beijing.xlsx"
    wb = load_workbook(target)
    wb["指标数据"]["E5"] = 41  # a correction after the form was written
    wb.save(target)
    after = by_name(screen_json(str(batch), "--expert-scores", str(filled)))
    a = after["01-eligible-beijing.xlsx"]
    assert "R503" in {f["code"] for f in a["findings"]}
    assert not [c for c in a["criteria"] if "experts" in c]
    assert "review" in {c["status"] for c in a["criteria"]}
    b = after["04-messy-but-readable.xlsx"]  # unchanged: its judgements still apply
    assert "R503" not in {f["code"] for f in b["findings"]}
    assert [c for c in b["criteria"] if "experts" in c]


def test_two_experts_give_the_mean_and_a_wide_spread_is_a_finding(batch, tmp_path):
    form, _ = write_form(batch, tmp_path)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    fill_form(str(form), str(a), "甲", lambda n, c: "达标" if n.startswith("04-") else None)
    fill_form(
        str(form),
        str(b),
        "乙",
        lambda n, c: ("未达标" if c == "CR401" else "基本达标") if n.startswith("04-") else None,
    )
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.move(a, folder / "a.xlsx")
    shutil.move(b, folder / "b.xlsx")
    after = by_name(screen_json(str(batch), "--expert-scores", str(folder)))
    app = after["04-messy-but-readable.xlsx"]
    criteria = {c["code"]: c for c in app["criteria"]}
    assert criteria["CR401"]["credit"] == 0.5 and criteria["CR401"]["status"] == "warning"
    assert criteria["CR402"]["credit"] == 0.75 and criteria["CR402"]["status"] == "met"
    spread = [f for f in app["findings"] if f["code"] == "R506"]
    assert [f["params"]["code"] for f in spread] == ["CR401"]
    english = screen(
        str(batch), "--expert-scores", str(folder), "--lang", "en", "--output-format", "json"
    )
    messages = [
        f["message"]
        for f in by_name(json.loads(english.stdout))["04-messy-but-readable.xlsx"]["findings"]
        if f["code"] == "R506"
    ]
    assert messages and "(甲: met; 乙: not met)" in messages[0] and "、" not in messages[0]


def test_forms_of_another_batch_and_broken_forms_are_findings_not_tracebacks(batch, tmp_path):
    form, _ = write_form(batch, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLES / "07-county-national.xlsx", other)
    text = tmp_path / "text.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    summary = tmp_path / "summary.xlsx"
    assert screen(str(batch), "-o", str(summary), "-q").exit_code in (0, 1)
    result = screen(
        str(other),
        "--output-format",
        "json",
        "--expert-scores",
        str(form),
        "--expert-scores",
        str(text),
        "--expert-scores",
        str(summary),
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    import json

    findings = json.loads(result.stdout)["expert_review"]["findings"]
    got = {(Path(f["file"]).name, f["code"]) for f in findings}
    assert got == {("review.xlsx", "R502"), ("text.xlsx", "R501"), ("summary.xlsx", "R502")}
    human = screen(str(other), "--expert-scores", str(form), "--lang", "en")
    assert "R502" in human.stdout and "another batch" in human.stdout


def test_a_form_of_another_pack_is_refused_for_the_application(batch, tmp_path):
    form, _ = write_form(batch, tmp_path, "--criteria", "national-2022")
    filled = tmp_path / "filled.xlsx"
    fill_form(str(form), str(filled), "张专家", lambda n, c: "达标")
    after = by_name(screen_json(str(batch), "--expert-scores", str(filled)))
    for name, record in after.items():  # evaluated against beijing-2023 now
        assert record["pack_id"] == "beijing-2023"
        refused = [f for f in record["findings"] if f["code"] == "R504"]
        assert refused and refused[0]["params"]["form_pack"] == "national-2022", name
        assert not [c for c in record["criteria"] if "experts" in c]


def test_json_with_experts_and_baseline_validates_against_the_published_schema(batch, tmp_path):
    import jsonschema

    from clusterctl.reports.formats.json_format import schema_path

    summary = tmp_path / "first.xlsx"
    form = tmp_path / "form.xlsx"
    assert screen(str(batch), "-o", str(summary), "--review-form", str(form), "-q").exit_code == 1
    filled = tmp_path / "filled.xlsx"
    fill_form(str(form), str(filled), "张专家", judge_01_not_04_met, comment="-见附件3")
    doc = screen_json(str(batch), "--expert-scores", str(filled), "--baseline", str(summary))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator({"$ref": "#/$defs/file", "$defs": schema["$defs"]})
    for record in doc["files"]:
        assert not list(validator.iter_errors(record)), record["path"]
    judged = [c for f in doc["files"] for c in f["criteria"] if "experts" in c]
    assert judged and judged[0]["experts"][0]["comment"] == "-见附件3"
    assert all("baseline" in f for f in doc["files"])


def test_an_english_form_offers_english_grades_and_reads_them_back(batch, tmp_path):
    form, _ = write_form(batch, tmp_path, "--lang", "en")
    ws = load_workbook(form).worksheets[0]
    (check,) = ws.data_validations.dataValidation
    assert check.formula1 == '"met,partly met,not met"'  # the note's words, not 达标 …
    assert "达" not in (check.prompt or "") + (check.error or "")
    filled = tmp_path / "review-en.xlsx"
    grade = lambda name, code: "not met" if name.startswith("01-") else None  # noqa: E731
    assert fill_form(str(form), str(filled), "Expert A", grade) > 0
    after = screen_json(str(batch), "--expert-scores", str(filled), "--lang", "en")
    judged = [c for c in by_name(after)["01-eligible-beijing.xlsx"]["criteria"] if "experts" in c]
    assert judged and all(c["credit"] == 0 for c in judged)
