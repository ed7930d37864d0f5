"""Quotas per call as data (calls.toml): the jurisdiction each application counts in under the
call its pack names, and `screen` flagging the files beyond the quota with the call's name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.calls import CallError, get_call, parse_calls, shipped_calls
from clusterctl.criteria.loader import list_packs, resolve_pack

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def test_every_call_has_a_source_and_every_named_call_exists():
    calls = shipped_calls()
    assert {
        "national-2022",
        "national-2024",
        "national-2025",
        "beijing-2024",
        "yunnan-2023",
    } <= set(calls)
    assert all(c.source and c.source_url for c in calls.values())
    for pack in list_packs():
        if pack.call:
            assert pack.call in calls and pack.quota == calls[pack.call].quota
    assert (resolve_pack("yunnan-2023").call, resolve_pack("beijing-2023").call) == (
        "yunnan-2023",
        "beijing-2024",
    )


@pytest.mark.parametrize(
    ("call_id", "facts", "quota"),
    [
        # national 2022: ≤5 per province, ≤3 for 计划单列市 and 兵团, counted apart
        ("national-2022", {"division_code": "320581", "province": "江苏省"}, 5),
        ("national-2022", {"division_code": "330212", "province": "浙江省", "city": "宁波市"}, 3),
        ("national-2022", {"province": "新疆生产建设兵团"}, 3),
        ("national-2022", {"division_code": "659001"}, 3),  # 石河子 (兵团)
        # 2024 and 2025: ≤8 (≤2)
        ("national-2024", {"division_code": "440305", "city": "深圳市"}, 2),
        ("national-2025", {"division_code": "440106"}, 8),
        # Beijing: ≤3 per district; Yunnan: 昆明 ≤3, other prefectures ≤2
        ("beijing-2024", {"division_code": "110108", "district": "海淀区"}, 3),
        ("yunnan-2023", {"division_code": "530102", "city": "昆明市"}, 3),
        ("yunnan-2023", {"division_code": "530302", "city": "曲靖市"}, 2),
    ],
)
def test_the_quota_of_a_jurisdiction(call_id, facts, quota):
    where = get_call(call_id).jurisdiction(facts)
    assert where is not None and where[1] == quota


def test_jurisdictions_are_told_apart_by_the_call():
    national = get_call("national-2022")
    zhejiang = national.jurisdiction({"division_code": "330106"})
    ningbo = national.jurisdiction({"division_code": "330212"})
    assert zhejiang != ningbo  # 宁波 recommends apart from 浙江
    beijing = get_call("beijing-2024")
    assert beijing.jurisdiction({"division_code": "110108"}) != beijing.jurisdiction(
        {"division_code": "110114"}
    )
    yunnan = get_call("yunnan-2023")
    kunming_by_name = yunnan.jurisdiction({"province": "云南省", "city": "昆明市"})
    assert kunming_by_name is not None and kunming_by_name[1] == 3
    assert yunnan.jurisdiction({}) is None  # no region given: not counted


def test_a_broken_calls_file_is_refused():
    with pytest.raises(CallError):
        parse_calls({"calls": [{"id": "x", "per": "galaxy"}]})
    with pytest.raises(CallError):
        good = {"id": "a", "title": {"zh": "甲", "en": "A"}, "year": 2024, "per": "province"}
        parse_calls({"calls": [{**good, "quota": 1, "source": "s"}] * 2})


def test_screen_over_the_beijing_quota_in_one_district_names_the_call(tmp_path: Path):
    """Five Beijing applications from one district (the sample, copied): the 2024 call allows
    3 per district (各区推荐数量原则上不超过3个), so the 4th and 5th ranked are flagged, and the
    finding says which call the quota is of."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(5):
        shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / f"bj{i}.xlsx")
    result = CliRunner().invoke(
        app,
        ["screen", str(folder), "--format", "json", "-o", str(tmp_path / "s.xlsx"), "--jobs", "1"],
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    quota = [x for f in doc["files"] for x in f["findings"] if x["code"] == "B404"]
    assert len(quota) == 2
    assert all("2024年北京市中小企业特色产业集群申报" in x["message"] for x in quota)
    assert all("每区（县）最多 3 个" in x["message"] for x in quota)
