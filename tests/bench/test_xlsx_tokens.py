"""Token bases and their variants: values land in the template's cells, the roster grows."""

from __future__ import annotations

import zipfile

import generate
import profiles
import pytest
import xlsx_tokens
from python_calamine import CalamineWorkbook

from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.template import write_filled


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("base") / "base.xlsx"
    pack = resolve_pack("beijing-2023")
    write_filled(str(path), pack, generate.token_spec(pack))
    return xlsx_tokens.load_base(str(path))


def sheets(path) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def find_row(rows: list[list], key: str) -> list:
    return next(r for r in rows if r and r[0] == key)


def test_base_has_a_token_for_every_input(base):
    assert "basic.cluster_name" in base.tokens
    assert "indicators.total_output.2" in base.tokens
    assert "declarations.signatory" in base.tokens
    assert base.roster_columns[:2] == ["name", "uscc"]


def test_variant_values_and_roster_rows(base, tmp_path):
    out = tmp_path / "v.xlsx"
    roster = [{"name": f"企业{i}", "uscc": None, "revenue": i / 10} for i in range(57)]
    roster[3]["name"] = "=HYPERLINK(1)"
    values = {"basic.cluster_name": "甲<&>集群", "indicators.total_output.0": 41.5}
    base.render(str(out), values, roster)
    data = sheets(out)
    basic = next(rows for rows in data.values() if rows[0][0] == "#sheet:basic")
    assert "甲<&>集群" in find_row(basic, "cluster_name")
    indicators = next(rows for rows in data.values() if rows[0][0] == "#sheet:indicators")
    assert 41.5 in find_row(indicators, "total_output")
    roster_rows = next(rows for rows in data.values() if rows[0][0] == "#sheet:roster")
    names = [r[1] for r in roster_rows[3:] if r[1]]
    assert names == [f["name"] for f in roster]  # exactly the firms, in order, template rows gone
    assert not any("@@" in str(c) for rows in data.values() for r in rows for c in r)
    with zipfile.ZipFile(out) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if "worksheets/" in n)
    assert "<f>" not in xml  # text that looks like a formula stays text


def test_application_profiles_are_seeded_and_valid():
    a = profiles.make_application(7, 3, {"basic.cluster_name", "basic.operator_uscc"})
    b = profiles.make_application(7, 3, {"basic.cluster_name", "basic.operator_uscc"})
    assert a.values == b.values and a.roster == b.roster
    assert profiles.ROSTER_MIN <= a.roster_size <= profiles.ROSTER_MAX
    assert len(a.roster) == a.roster_size


def test_uscc_check_character_is_valid():
    import random

    from clusterctl.workbook.identifiers import is_valid_uscc

    rng = random.Random(1)
    codes = [profiles.make_uscc(rng, "110108") for _ in range(50)]
    assert all(is_valid_uscc(code) for code in codes)
    assert not is_valid_uscc(codes[0][:-1] + ("0" if codes[0][-1] != "0" else "1"))
