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


def test_both_packs_are_shipped():
    # more editions may ship: these two must
    assert {"beijing-2023", "national-2022"} <= {p.id for p in list_packs()}


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
    keys = ["basic", "core", "tiered", "chain", "innovation", "digital", "green", "open"]
    assert [s.key for s in pack.sections] == [*keys, "governance"]
    assert [s.number for s in pack.sections] == list(range(1, 10))
    assert all(pack.by_section()[s] for s in pack.sections)
    assert all(re.fullmatch(rf"CR{c.dimension.number}\d\d", c.code) for c in pack.criteria)


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


def test_national_differs_where_domain_says():
    assert _number("national-2022", "CR203")[1:3] == (Op.GE, 70)
    pack = resolve_pack("national-2022")
    unconfirmed = {c.code for c in pack.criteria if not c.confirmed}
    assert unconfirmed == {"CR501", "CR502", "CR503", "CR601"}
    assert all(pack.criterion(code).source_note for code in unconfirmed)
    assert not pack.confirmed and resolve_pack("beijing-2023").confirmed
    assert (pack.level, pack.quota, resolve_pack("beijing-2023").quota) == ("县级", 5, 3)


def test_same_code_means_the_same_across_packs():
    beijing, national = resolve_pack("beijing-2023"), resolve_pack("national-2022")
    assert [c.code for c in beijing.criteria] == [c.code for c in national.criteria]
    for b, n in zip(beijing.criteria, national.criteria, strict=True):
        assert (b.name, b.kind, b.metric) == (n.name, n.kind, n.metric)


@pytest.mark.parametrize(
    ("selector", "pack_id"),
    [
        ("beijing", "beijing-2023"),
        ("national", "national-2022"),
        ("2023", "beijing-2023"),
        ("2022", "national-2022"),
        ("BEIJING-2023", "beijing-2023"),
    ],
)
def test_selectors(selector, pack_id):
    assert resolve_pack(selector).id == pack_id


@pytest.mark.parametrize("selector", ["1999", "shanghai", "missing/pack.toml"])
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
