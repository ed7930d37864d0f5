"""Checks across a batch (B4xx)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from clusterctl.batch.crosscheck import (
    KEY_COLUMNS,
    Regime,
    crosscheck_table,
    normalize,
    pack_key,
    row_keys,
)
from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.batch.ranking import rank_rows
from clusterctl.batch.rows import FileRow
from clusterctl.criteria.calls import get_call
from clusterctl.diagnostics import Finding
from clusterctl.evaluation.model import Verdict


def crosscheck(
    rows: Sequence[FileRow],
    quota: int | None = None,
    by_district: bool = False,
    regimes: dict[int, Regime] | None = None,
) -> dict[int, list[Finding]]:
    """B4xx findings by index for ranked rows held in memory: the key table and lookups that
    screen builds from its spool, built here from ``rows``."""
    pd = load_pandas()
    by_index = {r.index: r for r in rows}
    keys = pd.DataFrame(
        [(r.index, r.rank, bool(r.facts), *row_keys(r)) for r in rows],
        columns=["index", "rank", "readable", *KEY_COLUMNS],
    )

    def names(indices: Sequence[int]) -> dict[int, str]:
        return {i: os.path.basename(by_index[i].path) for i in indices}

    found = crosscheck_table(keys, by_index.__getitem__, names, quota, by_district, regimes)
    return {row.index: findings for row, findings in found if findings}


def codes(found, index):
    return sorted(f.code for f in found.get(index, []))


def test_normalize_ignores_spaces_width_and_case():
    assert normalize(" 北京市 海淀区ＡＢ ") == normalize("北京市海淀区ab")
    assert normalize("   ") is None


def test_same_cluster_name_twice_flags_both_files_at_the_name_cell(make_row):
    rows = rank_rows(
        [
            make_row(0, cluster_name="北京市海淀区软件产业集群"),
            make_row(1, cluster_name="北京市 海淀区软件产业集群"),
            make_row(2, cluster_name="别的集群"),
        ]
    )
    found = crosscheck(rows)
    assert codes(found, 0) == ["B401"] and codes(found, 1) == ["B401"]
    assert 2 not in found
    finding = found[0][0]
    assert finding.location.sheet == "基本信息" and finding.location.cell == "C3"
    assert "f1.xlsx" in finding.message("en") and "2 times" in finding.message("en")


def test_operator_by_credit_code_or_name(make_row):
    rows = rank_rows(
        [
            make_row(0, cluster_name="甲", operator_uscc="91110108MA0000000X", operator_name="甲"),
            make_row(1, cluster_name="乙", operator_uscc="91110108ma0000000x", operator_name="乙"),
            make_row(2, cluster_name="丙", operator_name="同一管委会"),
            make_row(3, cluster_name="丁", operator_name="同一 管委会"),
        ]
    )
    found = crosscheck(rows)
    assert [codes(found, i) for i in range(4)] == [["B402"]] * 4
    assert found[0][0].location.field == "basic.operator_uscc"
    assert found[2][0].location.field == "basic.operator_name"


def _niche_rows(make_row, pack_id: str) -> list[FileRow]:
    rows = [
        make_row(0, cluster_name="a", province="江苏省", division_code="320581", niche="氟材料"),
        make_row(1, cluster_name="b", province="江苏省", division_code="320481", niche="氟材料"),
        make_row(2, cluster_name="c", province="广东省", division_code="440881", niche="氟材料"),
    ]
    for row in rows:
        row.pack_id = pack_id
    return rank_rows(rows)


def test_one_niche_per_province_under_a_call_that_says_so(make_row):
    """The national 2022 call recommends one cluster per niche and province (one_per_niche)."""
    assert get_call("national-2022").one_per_niche
    rows = _niche_rows(make_row, "national-2022")
    regimes = {pack_key("national-2022"): Regime(None, False, get_call("national-2022"))}
    found = crosscheck(rows, regimes=regimes)
    assert codes(found, 0) == ["B403"] and codes(found, 1) == ["B403"]
    assert 2 not in found
    assert found[0][0].level.value == "warning"
    assert found[0][0].params["province"] == "江苏省"


def test_no_niche_rule_under_a_call_without_it_or_without_a_call(make_row):
    """B403 follows the call's one_per_niche: Beijing's and Yunnan's calls have no such rule,
    and a pack naming no call (guangdong-2023) has none either."""
    for pack_id, call_id in (("beijing-2023", "beijing-2024"), ("yunnan-2023", "yunnan-2023")):
        assert not get_call(call_id).one_per_niche
        regimes = {pack_key(pack_id): Regime(None, False, get_call(call_id))}
        assert crosscheck(_niche_rows(make_row, pack_id), regimes=regimes) == {}
    regimes = {pack_key("guangdong-2023"): Regime(None, False, None)}
    assert crosscheck(_niche_rows(make_row, "guangdong-2023"), regimes=regimes) == {}
    # the same files under a call whose flag is set: flagged (the flag, not the pack, decides)
    flagged = Regime(None, False, replace(get_call("beijing-2024"), one_per_niche=True))
    found = crosscheck(
        _niche_rows(make_row, "beijing-2023"), regimes={pack_key("beijing-2023"): flagged}
    )
    assert sorted(found) == [0, 1] and codes(found, 0) == ["B403"]


def test_quota_flags_the_files_ranked_beyond_it(make_row):
    rows = rank_rows(
        [
            make_row(0, score=90, cluster_name="a", province="江苏省", niche="n0"),
            make_row(1, score=70, cluster_name="b", province="江苏省", niche="n1"),
            make_row(2, score=80, cluster_name="c", province="江苏省", niche="n2"),
            make_row(3, verdict=Verdict.INELIGIBLE, score=99, cluster_name="d", province="江苏省"),
            make_row(4, score=10, cluster_name="e", province="广东省", niche="n4"),
        ]
    )
    found = crosscheck(rows, quota=2)
    assert codes(found, 0) == [] and codes(found, 2) == []
    assert codes(found, 1) == ["B404"] and codes(found, 3) == ["B404"]
    assert codes(found, 4) == []
    assert found[3][0].params["position"] == 4
    assert crosscheck(rows, quota=None) == {}


def test_quota_by_district_when_the_pack_is_bound_to_a_province(make_row):
    rows = rank_rows(
        [
            make_row(0, cluster_name="a", district="海淀区", division_code="110108", niche="x"),
            make_row(1, cluster_name="b", district="海淀区", division_code="110108", niche="y"),
            make_row(2, cluster_name="c", district="昌平区", division_code="110114", niche="z"),
        ]
    )
    assert crosscheck(rows, quota=1, by_district=False)[1][0].params["province"] == "11"
    by_district = crosscheck(rows, quota=1, by_district=True)
    assert sorted(by_district) == [1]
    assert by_district[1][0].params["province"] == "海淀区"


def test_unreadable_rows_have_no_facts_and_are_never_flagged(make_row):
    rows = rank_rows(
        [make_row(0, verdict=Verdict.UNREADABLE), make_row(1, verdict=Verdict.UNREADABLE)]
    )
    assert crosscheck(rows, quota=0) == {}


def _national(row: FileRow) -> FileRow:
    row.pack_id = "national-2022"
    return row


def test_quota_and_niche_apply_per_pack_each_with_its_region_and_quota(make_row):
    """A mixed batch: Beijing's call counts per district (quota 1), the national call per
    province (quota 2); files of one pack never count against the other's quota or niche."""
    beijing = dict(province="北京市", district="海淀区", division_code="110108")
    rows = rank_rows(
        [
            make_row(0, score=90, cluster_name="a", niche="芯片", **beijing),
            make_row(1, score=80, cluster_name="b", niche="软件", **beijing),
            _national(make_row(2, score=95, cluster_name="c", niche="芯片", **beijing)),
            _national(make_row(3, score=85, cluster_name="d", niche="材料", **beijing)),
            _national(make_row(4, score=70, cluster_name="e", niche="装备", **beijing)),
        ]
    )
    regimes = {
        pack_key("beijing-2023"): Regime(quota=1, by_district=True),
        pack_key("national-2022"): Regime(quota=2, by_district=False),
    }
    found = crosscheck(rows, regimes=regimes)
    # 芯片 twice in 北京, but under two calls: no B403
    assert all("B403" not in codes(found, i) for i in range(5))
    # Beijing: 2 in 海淀区 over a quota of 1 -> the second; national: 3 in 11 over 2 -> the third
    assert [i for i in range(5) if "B404" in codes(found, i)] == [1, 4]
    assert found[1][0].params["province"] == "海淀区" and found[1][0].params["quota"] == 1
    assert found[4][0].params["province"] == "北京市" and found[4][0].params["quota"] == 2
    # a pack without a regime: the batch's quota, still counted within its own call
    alone = crosscheck(rows, quota=1)
    assert [i for i in range(5) if "B404" in codes(alone, i)] == [1, 3, 4]


def test_crosscheck_counts_per_call_jurisdiction(make_row):
    """Yunnan: three applications from 昆明 (quota 3) and three from 曲靖 (quota 2): only the
    third from 曲靖 is beyond its quota; the finding names the call."""
    rows = []
    for i, (city, code) in enumerate([("昆明市", "530102")] * 3 + [("曲靖市", "530302")] * 3):
        row = make_row(i, score=90 - i, cluster_name=f"c{i}", city=city, division_code=code)
        row.pack_id = "yunnan-2023"
        rows.append(row)
    regimes = {pack_key("yunnan-2023"): Regime(None, True, get_call("yunnan-2023"))}
    found = crosscheck(rank_rows(rows), regimes=regimes)
    flagged = [i for i in range(6) if any(f.code == "B404" for f in found.get(i, []))]
    assert flagged == [5]
    finding = next(f for f in found[5] if f.code == "B404")
    assert finding.params["quota"] == 2 and finding.params["province"] == "曲靖市"
    assert "2023年云南省中小企业特色产业集群申报" in finding.message("zh")
    assert "Yunnan 2023 call" in finding.message("en")
    assert finding.location.field == "basic.city"
    # --quota 1: the call's jurisdictions, one each
    one = crosscheck(
        rank_rows(rows), regimes={pack_key("yunnan-2023"): Regime(1, True, get_call("yunnan-2023"))}
    )
    assert sorted(i for i in range(6) if i in one) == [1, 2, 4, 5]
    assert "--quota" in one[1][0].message("zh")
