"""The acceptance cases are well formed: ids, labels, verdicts, derivation comments.

Labels are checked against the tool's own template for each case's edition and application year
(``clusterctl template`` through the public CLI, read back with openpyxl), as the filler will
see it. This test does not run ``check``: the cases' verdicts come from the standard's text.
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.identifiers import is_valid_uscc

from . import cases as cases_module
from .cases import CASES, Case
from .filler import in_pack, row_label

SOURCE = Path(cases_module.__file__)
VERDICTS = {"eligible", "ineligible", "incomplete"}
STATUSES = {"met", "not_met", "warning", "missing", "review", "not_applicable"}
FILLED_BY_TEMPLATE = {"申报年度", "认定标准版本"}  # typed by the filler / written by the template
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
QUOTED_CLAUSE = re.compile(r"[\"“][^\"”]*[\u4e00-\u9fff][^\"”]*[\"”]")
VERDICT_LINE = re.compile(r"#\s*=>\s*(.+)")
PACKS = ("beijing-2023", "national-2022")


def label(value: object) -> str:
    return str(value).strip().removesuffix("*").strip()


class Template:
    """The labels of one template, sheet by sheet, as a person filling it sees them."""

    def __init__(self, path: Path) -> None:
        wb = openpyxl.load_workbook(path)
        basic, indicators = wb["基本信息"], wb["指标数据"]
        self.basic = {label(c.value) for c in basic["B"][3:] if c.value}
        self.required_basic = {
            label(c.value) for c in basic["B"][3:] if c.value and str(c.value).endswith(" *")
        }
        self.indicators = {label(c.value) for c in indicators["B"][3:] if c.value}
        self.required_indicators = {
            label(c.value) for c in indicators["B"][3:] if c.value and str(c.value).endswith(" *")
        }
        self.years = {c.value for c in indicators[3][2:] if isinstance(c.value, int)}
        self.roster = {label(c.value) for c in wb["企业名录"][3] if c.value}
        self.qualitative = {label(c.value) for c in wb["定性条件"]["B"][3:] if c.value}
        decl = wb["承诺声明"]
        self.declaration_codes = {label(c.value) for c in decl["B"][3:] if c.value}
        self.declaration_fields = {
            label(row[2].value)
            for row in decl.iter_rows(min_row=4)
            if row[2].value and not row[1].value
        }
        wb.close()


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    from clusterctl.cli.app import app

    folder = tmp_path_factory.mktemp("templates")
    runner = CliRunner()

    @cache
    def get(pack: str, year: int) -> Template:
        out = folder / f"{pack}-{year}.xlsx"
        args = ["template", "-o", str(out), "--criteria", pack, "--year", str(year)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        return Template(out)

    return get


def by_id(case: Case) -> str:
    return case.id


def test_there_are_at_least_40_cases_with_unique_kebab_ids():
    ids = [c.id for c in CASES]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert all(ID.fullmatch(i) for i in ids), [i for i in ids if not ID.fullmatch(i)]


def test_cases_module_imports_no_clusterctl():
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [m for m in imported if m.split(".")[0] == "clusterctl"]


def test_every_class_of_issue_14_is_covered():
    notes = " ".join(c.note for c in CASES)
    for needle in (
        "decimal boundary",
        "firms not rows",
        "suspect unit",
        "unit typed",
        "years:",
        "blank is not 否",
        "optional is optional",
        "trend:",
        "rule 8",
        "messy typing",
    ):
        assert needle in notes, needle
    derived = {pack for c in CASES for pack in c.expected}
    assert derived == set(PACKS)
    # each edition has cases of every verdict
    for pack in PACKS:
        assert {c.expected[pack] for c in CASES if pack in c.expected} == VERDICTS, pack


@pytest.mark.parametrize("case", CASES, ids=by_id)
def test_expected_verdicts_and_statuses_are_valid(case: Case):
    assert case.expected, "a case must be derived for at least one edition"
    assert set(case.expected) <= set(PACKS)
    assert set(case.expected.values()) <= VERDICTS
    assert set(case.statuses) <= set(case.expected), "statuses only for derived editions"
    for pack_id, statuses in case.statuses.items():
        codes = {c.code for c in resolve_pack(pack_id).criteria}
        assert set(statuses) <= codes, set(statuses) - codes
        assert set(statuses.values()) <= STATUSES
        verdict = case.expected[pack_id]
        hard = {c.code for c in resolve_pack(pack_id).criteria if c.severity.value == "hard"}
        # a hard criterion stated not met contradicts an eligible or incomplete verdict
        if verdict != "ineligible":
            assert not [c for c, s in statuses.items() if c in hard and s == "not_met"]
        if verdict == "eligible":
            assert not [c for c, s in statuses.items() if c in hard and s == "missing"]
    assert case.note and "\n" not in case.note


@pytest.mark.parametrize("case", CASES, ids=by_id)
def test_typed_values_are_what_a_person_types(case: Case):
    def ok(value: object) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, float):
            return math.isfinite(value)
        return value is None or isinstance(value, (int, str))

    values = [*case.basic.values(), *case.declarations.values()]
    values += [v for by_year in case.indicators.values() for v in by_year.values()]
    values += [v for row in case.roster for v in row.values()]
    values += [v for answer in case.qualitative.values() for v in answer]
    assert all(ok(v) for v in values), [v for v in values if not ok(v)]
    assert all(len(answer) == 3 for answer in case.qualitative.values())
    codes = [row.get("统一社会信用代码") for row in case.roster]
    codes.append(case.basic.get("运营管理机构统一社会信用代码"))
    bad = [c for c in codes if isinstance(c, str) and not is_valid_uscc(c.strip())]
    assert not bad, f"invented credit codes must be well formed: {bad}"


@pytest.mark.parametrize("case", CASES, ids=by_id)
def test_labels_exist_in_the_template_of_each_edition(case: Case, templates):
    all_indicators = set().union(*(templates(p, case.application_year).indicators for p in PACKS))
    for pack in case.expected:
        tpl = templates(pack, case.application_year)
        assert not set(case.basic) & FILLED_BY_TEMPLATE
        assert set(case.basic) <= tpl.basic, set(case.basic) - tpl.basic
        # an indicator one edition does not read is allowed if another edition's template has it
        names = {row_label(n, tpl.indicators) for n in case.indicators}  # 产值 nationally
        assert names <= all_indicators, names - all_indicators
        assert names & tpl.indicators
        for name, by_year in case.indicators.items():
            assert set(by_year) <= tpl.years, (name, set(by_year) - tpl.years)
        for row in case.roster:
            assert set(row) <= tpl.roster, set(row) - tpl.roster
        assert set(case.qualitative) <= tpl.qualitative, set(case.qualitative) - tpl.qualitative
        known = tpl.declaration_codes | tpl.declaration_fields
        theirs = {d for d in case.declarations if not d.startswith("CR") or in_pack(pack, d)}
        assert theirs <= known, theirs - known


def test_the_base_case_fills_every_required_input(templates):
    base = next(c for c in CASES if c.id == "base-eligible")
    for pack in base.expected:
        tpl = templates(pack, base.application_year)
        required = tpl.required_basic - FILLED_BY_TEMPLATE
        assert not [k for k in required if base.basic.get(k) in (None, "")]
        beijing_labels = {row_label(n, tpl.indicators): n for n in base.indicators}
        for name in tpl.required_indicators:
            years = base.indicators.get(beijing_labels.get(name, name), {})
            assert sorted(y for y, v in years.items() if v is not None) == sorted(tpl.years), name
        assert set(base.qualitative) == tpl.qualitative
        assert all(base.qualitative[code][0] == "是" for code in tpl.qualitative)
        declared = {k for k, v in base.declarations.items() if v}
        declared = {k for k in declared if not k.startswith("CR") or in_pack(pack, k)}
        assert declared == tpl.declaration_codes | tpl.declaration_fields
        required_columns = {"企业名称", "统一社会信用代码", "企业规模", "是否属于主导产业"}
        assert required_columns <= tpl.roster
        assert all(all(row.get(k) for k in required_columns) for row in base.roster)


# ------------------------------------------------------------------ derivation comments


def case_calls(source: str) -> list[tuple[int, ast.Call]]:
    """(first line, call) of each element of the CASES tuple, in order."""
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "CASES":
            assert isinstance(node.value, ast.Tuple)
            assert all(isinstance(e, ast.Call) for e in node.value.elts)
            return [(e.lineno, e) for e in node.value.elts]
    raise AssertionError("no CASES tuple in cases.py")


def comments_by_line(source: str) -> dict[int, str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {tok.start[0]: tok.string for tok in tokens if tok.type == tokenize.COMMENT}


def comment_block_above(line: int, comments: dict[int, str]) -> list[str]:
    block: list[str] = []
    line -= 1
    while line in comments:
        block.insert(0, comments[line])
        line -= 1
    return block


def derivation_problems(source: str, cases: tuple[Case, ...]) -> list[str]:
    """What is wrong with the derivation comments of ``cases`` written in ``source``."""
    calls = case_calls(source)
    if len(calls) != len(cases):
        return [f"{len(calls)} calls in CASES for {len(cases)} cases"]
    comments = comments_by_line(source)
    problems = []
    for (line, call), case in zip(calls, cases, strict=True):
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and first.value == case.id):
            problems.append(f"line {line}: the call's first argument is not the id {case.id!r}")
        block = comment_block_above(line, comments)
        text = " ".join(block)
        if len(block) < 2:
            problems.append(f"{case.id}: no derivation comment above line {line}")
            continue
        if not QUOTED_CLAUSE.search(text):
            problems.append(f"{case.id}: the comment must quote the clause(s) it derives from")
        if "->" not in text:
            problems.append(f"{case.id}: the comment must derive the verdict (… -> verdict)")
        match = VERDICT_LINE.fullmatch(block[-1])
        if not match:
            problems.append(f"{case.id}: the block must end with '# => <pack> <verdict>; …'")
            continue
        stated = dict(part.split(maxsplit=1) for part in match.group(1).split(";"))
        if {k: v.strip() for k, v in stated.items()} != case.expected:
            problems.append(f"{case.id}: comment says {stated}, expected is {case.expected}")
    return problems


def test_every_case_has_a_derivation_comment_matching_its_verdicts():
    assert derivation_problems(SOURCE.read_text(encoding="utf-8"), CASES) == []


def test_the_derivation_check_finds_a_missing_or_contradicting_comment():
    source = SOURCE.read_text(encoding="utf-8")
    line = case_calls(source)[1][0]  # the second case
    lines = source.split("\n")
    block = len(comment_block_above(line, comments_by_line(source)))
    stripped = "\n".join(lines[: line - 1 - block] + lines[line - 1 :])
    assert any(CASES[1].id in p for p in derivation_problems(stripped, CASES))
    verdict_line = lines[line - 2]
    assert verdict_line.lstrip().startswith("# =>")
    flipped = verdict_line.replace("ineligible", "eligible")
    contradicting = "\n".join([*lines[: line - 2], flipped, *lines[line - 1 :]])
    assert any("comment says" in p for p in derivation_problems(contradicting, CASES))
