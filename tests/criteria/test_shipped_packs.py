"""The shipped packs: they load, validate, carry the standard's numbers, and resolve by alias."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shared_folder import require, shared_path

from clusterctl.criteria import loader
from clusterctl.criteria.loader import PackNotFound, list_packs, resolve_pack, validate_pack_file
from clusterctl.criteria.model import Kind, Op, Severity, YearMode

SEED = shared_path("reference", "seeds", "beijing-measures-and-2023-standard.txt")
PACK_DIR = Path(loader.__file__).parent / "packs"


EDITIONS = {  # id: (jurisdiction, level, year, province code)
    "beijing-2023": ("北京市", "区级", 2023, "11"),
    "national-2022": ("全国", "县级", 2022, None),
    "shanghai-2023": ("上海市", "区级", 2023, "31"),
    "shanghai-2024": ("上海市", "区级", 2024, "31"),
    "yunnan-2023": ("云南省", "县级", 2023, "53"),
    "guangdong-2023": ("广东省", "县级", 2023, "44"),
    "jiangsu-2023": ("江苏省", "县级", 2023, "32"),
}
ZGKJSZ = "m.zgkjsz.com/page/2022/1205/12407090.shtml"


def test_every_edition_is_shipped_with_its_jurisdiction_level_and_year():
    assert set(EDITIONS) <= {p.id for p in list_packs()}
    for pack_id, (where, level, year, province) in EDITIONS.items():
        p = resolve_pack(pack_id)
        assert (p.jurisdiction.zh, p.level, p.edition_year, p.province_code) == (
            where,
            level,
            year,
            province,
        )


def test_every_criterion_records_where_its_clause_comes_from():
    """reprint -> the address; unconfirmed -> a note saying what was assumed."""
    for pack in list_packs():
        for c in pack.criteria:
            assert c.clause.strip(), (pack.id, c.code)
            if c.provenance.value == "reprint":
                assert c.source_url, (pack.id, c.code)
            if not c.confirmed:
                assert c.source_note, (pack.id, c.code)


@pytest.mark.parametrize("path", sorted(PACK_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_pack_validates(path):
    assert validate_pack_file(path) == []
    # the loader trusts shipped packs with the schema (speed): check them against it here
    import tomllib

    from clusterctl.criteria.schema import check_file

    assert check_file(tomllib.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("pack_id", ["beijing-2023", "national-2022"])
def test_weights_sum_to_100_and_every_dimension_has_criteria(pack_id):
    pack = resolve_pack(pack_id)
    assert sum(c.weight for c in pack.criteria) == pytest.approx(100.0)
    first = "basic" if pack_id == "beijing-2023" else "preamble"
    keys = [first, "core", "tiered", "chain", "innovation", "digital", "green", "open"]
    assert [s.key for s in pack.sections] == [*keys, "governance"]
    assert [s.number for s in pack.sections] == list(range(1, 10))
    assert all(pack.by_section()[s] for s in pack.sections)
    # codes follow Beijing's nine sections (the same code means the same across packs)
    beijing = {c.code for c in resolve_pack("beijing-2023").criteria}
    assert all(re.fullmatch(r"CR[1-9]\d\d", c.code) and c.code in beijing for c in pack.criteria)


def test_national_structure_is_a_preamble_and_eight_sections():
    pack = resolve_pack("national-2022")
    titles = [s.title.zh for s in pack.sections]
    assert titles[0].startswith("总则") and titles[1] == "一、具有较强核心竞争力"
    assert titles[-1] == "八、具有较强治理和服务能力" and len(titles) == 9
    assert pack.criterion("CR101").section == "core"  # 支柱或特色产业 sits inside section 一
    assert "所在县域的支柱或特色产业" in pack.criterion("CR101").clause
    assert pack.criterion("CR102").section == "preamble"
    with pytest.raises(KeyError):  # 无不良信用记录 is Beijing's addition
        pack.criterion("CR103")


def test_national_measures_output_only():
    pack = resolve_pack("national-2022")
    labels = [i.label.zh for i in pack.input_indicators()]
    assert "集群总产值" in labels and not any("营业收入" in x for x in labels)
    assert not any("营业收入" in c.clause or "营业收入" in c.title.zh for c in pack.criteria)


def _number(pack_id, code):
    c = resolve_pack(pack_id).criterion(code)
    return (c.metric, c.op, c.threshold, c.years, c.severity)


def test_beijing_numbers_match_the_standard():
    b = "beijing-2023"
    assert _number(b, "CR201") == ("area_km2", Op.LE, 100, None, Severity.SOFT)
    assert _number(b, "CR202") == ("total_output", Op.GE, 40, YearMode.EACH, Severity.HARD)
    assert _number(b, "CR203") == ("sme_share", Op.GT, 70, YearMode.LATEST, Severity.HARD)
    assert _number(b, "CR204") == ("total_output", Op.GT, 10, YearMode.CAGR, Severity.HARD)
    assert _number(b, "CR205") == ("leading_share", Op.GT, 70, YearMode.LATEST, Severity.HARD)
    assert _number(b, "CR501") == ("sme_rd_spending", Op.GT, 10, YearMode.CAGR, Severity.HARD)
    assert _number(b, "CR502") == ("invention_patents", Op.GE, 15, YearMode.CAGR, Severity.HARD)
    assert _number(b, "CR503") == ("patents_per_10k", Op.GE, 15, YearMode.LATEST, Severity.HARD)
    assert _number(b, "CR601") == ("platform_rate", Op.GE, 15, YearMode.LATEST, Severity.HARD)
    assert _number(b, "CR702") == ("energy_ratio", Op.LT, 1, YearMode.LATEST, Severity.HARD)
    assert _number(b, "CR703") == ("water_ratio", Op.LT, 1, YearMode.LATEST, Severity.HARD)
    tiered = resolve_pack(b).criterion("CR301")
    assert [(r.qualifications, r.minimum, r.leading_only) for r in tiered.count_rules] == [
        (("champion", "little_giant"), 1, True),
        (("specialised", "innovative", "high_tech"), 10, False),
    ]
    assert resolve_pack(b).criterion("CR701").kind is Kind.TREND
    assert resolve_pack(b).criterion("CR102").kind is Kind.DECLARATION


def test_beijing_sections_one_to_three_are_hard():
    pack = resolve_pack("beijing-2023")
    early = [c for c in pack.criteria if c.dimension.number <= 3 and c.code != "CR201"]
    assert early and all(c.severity is Severity.HARD for c in early)


def test_every_beijing_clause_is_quoted_from_the_standard():
    seed = require(SEED).read_text(encoding="utf-8")
    standard = re.sub(r"\s+", "", seed.split("认定标准 (2023年版)")[1])
    for c in resolve_pack("beijing-2023").criteria:
        assert re.sub(r"\s+", "", c.clause).rstrip("。") in standard, c.code


def test_no_requirement_of_the_standard_is_dropped():
    """Every clause of sections 2-9 (split at ，；) is covered by some criterion's clause."""
    text = require(SEED).read_text(encoding="utf-8").split("认定标准 (2023年版)")[1]
    text = re.sub(r"\s+", "", text)
    sections = re.split(r"[一二三四五六七八九]、[^集]*?(?=集群)", text)[2:]
    clauses = "".join(re.sub(r"\s+", "", c.clause) for c in resolve_pack("beijing-2023").criteria)
    for section in sections:
        for part in re.split(r"[，；。]", section):
            if len(part) > 4:
                assert part in clauses, part


def test_national_numbers_and_their_confirmation():
    n = "national-2022"
    # confirmed by the reprint in 《中小企业管理与科技》2022年17期 (research-editions.md §1.2)
    assert _number(n, "CR201") == ("area_km2", Op.LE, 100, None, Severity.SOFT)
    assert _number(n, "CR202") == ("total_output", Op.GE, 40, YearMode.EACH, Severity.HARD)
    assert _number(n, "CR203")[1:3] == (Op.GE, 70)  # 70%以上
    assert _number(n, "CR204")[1:3] == (Op.GT, 10)  # 高于10%
    assert _number(n, "CR205")[1:3] == (Op.GT, 70)  # 高于70%
    pack = resolve_pack(n)
    for code in ("CR201", "CR202", "CR203", "CR204", "CR205", "CR301", "CR102", "CR101"):
        c = pack.criterion(code)
        assert (c.provenance.value, c.source_url) == ("reprint", ZGKJSZ), code
    # not confirmed: the provincial copies' R&D and platform figures, the patent criteria
    assert _number(n, "CR501")[1:3] == (Op.GT, 5)
    assert _number(n, "CR601")[1:3] == (Op.GE, 10)
    unconfirmed = {c.code for c in pack.criteria if not c.confirmed}
    assert unconfirmed == {"CR501", "CR502", "CR503", "CR507", "CR601"}
    assert all(pack.criterion(code).source_note for code in unconfirmed)
    assert not pack.confirmed and resolve_pack("beijing-2023").confirmed
    assert (pack.level, pack.quota, resolve_pack("beijing-2023").quota) == ("县级", 5, 3)
    assert (pack.call, resolve_pack("beijing-2023").call) == ("national-2022", "beijing-2024")


def test_new_editions_carry_their_numbers():
    sh = "shanghai-2024"
    assert _number(sh, "CR202") == ("total_output", Op.GE, 30, YearMode.EACH, Severity.HARD)
    for code, threshold in (("CR203", 50), ("CR205", 50), ("CR204", 10)):
        assert _number(sh, code)[1:3] == (Op.GE, threshold), code  # every comparator 以上
    assert resolve_pack(sh).sections[0].title.zh == "（一）依法合规经营"
    assert len(resolve_pack(sh).sections) == 9
    yn = "yunnan-2023"
    assert _number(yn, "CR202")[1:3] == (Op.GE, 10)
    assert _number(yn, "CR203")[1:3] == (Op.GE, 50)
    assert _number(yn, "CR205")[1:3] == (Op.GT, 60)
    assert _number(yn, "CR204")[1:3] == (Op.GT, 3)
    assert _number(yn, "CR501")[1:3] == (Op.GT, 5)
    assert _number(yn, "CR601")[1:3] == (Op.GE, 10)
    assert [r.minimum for r in resolve_pack(yn).criterion("CR301").count_rules] == [1, 3]
    assert resolve_pack(yn).confirmed  # every criterion it keeps is read or reprinted
    assert _number("guangdong-2023", "CR203")[1:3] == (Op.GT, 70)  # 高于70%
    assert _number("jiangsu-2023", "CR201") == ("area_km2", Op.LE, 100, None, Severity.HARD)
    assert not resolve_pack("jiangsu-2023").criterion("CR202").confirmed  # not in the source


def test_same_code_means_the_same_across_packs():
    beijing = {c.code: c for c in resolve_pack("beijing-2023").criteria}
    for pack in list_packs():
        for c in pack.criteria:
            if c.code in beijing:
                b = beijing[c.code]
                assert (b.name, b.kind, b.metric) == (c.name, c.kind, c.metric), (pack.id, c.code)


@pytest.mark.parametrize(
    ("selector", "pack_id"),
    [
        ("beijing", "beijing-2023"),
        ("national", "national-2022"),
        ("2022", "national-2022"),
        ("shanghai", "shanghai-2024"),
        ("yunnan", "yunnan-2023"),
        ("guangdong", "guangdong-2023"),
        ("jiangsu", "jiangsu-2023"),
        ("BEIJING-2023", "beijing-2023"),
    ],
)
def test_selectors(selector, pack_id):
    assert resolve_pack(selector).id == pack_id


@pytest.mark.parametrize("selector", ["1999", "hebei", "missing/pack.toml"])
def test_unknown_selector_lists_the_choices(selector):
    with pytest.raises(PackNotFound) as info:
        resolve_pack(selector)
    message = str(info.value)
    assert "beijing-2023" in message and "national-2022" in message
    assert isinstance(info.value, LookupError)
    assert "choices" in info.value.message("en")


def test_ambiguous_year_lists_the_packs_of_that_year(monkeypatch):
    from dataclasses import replace

    beijing = resolve_pack("beijing-2023")
    other = replace(beijing, id="shanghai-2023", family="shanghai")
    monkeypatch.setattr(loader, "list_packs", lambda: [beijing, other])
    with pytest.raises(PackNotFound) as info:
        resolve_pack("2023")
    assert info.value.choices == ["beijing-2023", "shanghai-2023"]


def test_packs_are_cached():
    assert resolve_pack("beijing") is resolve_pack("beijing-2023")


def test_find_pack_is_resolve_pack_or_none(tmp_path):
    from clusterctl.criteria.loader import find_pack, resolve_pack

    assert find_pack("beijing") is resolve_pack("beijing")
    assert find_pack(None) is None and find_pack("") is None
    assert find_pack("no-such-pack") is None
    broken = tmp_path / "broken.toml"
    broken.write_text("id = [", encoding="utf-8")
    assert find_pack(str(broken)) is None


def test_2023_names_every_2023_edition():
    with pytest.raises(PackNotFound) as info:
        resolve_pack("2023")
    assert info.value.choices == sorted(
        pack_id for pack_id, facts in EDITIONS.items() if facts[2] == 2023
    )


RESEARCH = shared_path("reference", "research-editions.md")


def test_every_sourced_clause_is_quoted_from_the_research_notes():
    """A criterion whose clause was read at an address (confirmed or reprint with source_url)
    quotes it: the clause appears verbatim in research-editions.md (spaces and bold marks aside)."""
    notes = re.sub(r"\s+|\*\*", "", require(RESEARCH).read_text(encoding="utf-8"))
    checked = 0
    for pack in list_packs():
        if pack.id == "beijing-2023":  # quoted from the seed, above
            continue
        for c in pack.criteria:
            if c.confirmed and c.source_url:
                clause = re.sub(r"\s+", "", c.clause).rstrip("。")
                assert clause in notes, (pack.id, c.code, c.clause)
                checked += 1
    assert checked > 40
