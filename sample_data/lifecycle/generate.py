"""Make the sample lifecycle filings in this folder: a filled annual report and a filled
re-review, for ``clusterctl check`` (deterministic: no randomness).

    python sample_data/lifecycle/generate.py [OUT_DIR]

Each workbook is a real template of its kind filled by field key
(:func:`clusterctl.workbook.template.write_filled`). Cluster names are real (public lists); every
figure is invented and must never be presented as a real cluster's data. What ``check`` finds in
each is listed in README.md (and asserted by tests/lifecycle/test_samples.py).
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Pack
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.template import write_filled

HERE = Path(__file__).resolve().parent


def _applications_generator() -> ModuleType:
    """sample_data/generate.py (a script, not a package): the applications' answers."""
    spec = importlib.util.spec_from_file_location(
        "clusterctl_sample_generate", HERE.parent / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PACK = "beijing-2023"
OPERATOR = make_uscc("11110115MB0000001")  # a public institution (11) in Daxing (110115)


def firm_code(i: int) -> str:
    return make_uscc(f"91110115MA{i:07d}")


def identity(year_key: str, year: int, filed_on: str) -> dict[str, Any]:
    return {
        "cluster_name": "北京市大兴区医疗器械产业集群",
        "operator_name": "大兴区医疗器械产业集群管理委员会",
        "operator_uscc": OPERATOR,
        "batch": "2023年度",
        "valid_from": "2023-01-01",
        "valid_to": "2025-12-31",
        year_key: year,
        "filed_on": filed_on,
    }


def annual_report() -> dict[str, Any]:
    """The 2024 report, filed 2025-03-20. What check finds:

    - the operating body changed and the change is not reported: L501 (error, 第十七条 (四));
    - a safety accident (L503, warning: its grade decides) and a tax evasion case (L502, error);
    - the plan target 专精特新企业数 12 -> 20, actual 14: completion 25%, BEHIND (L504);
    - the leading-industry share 61.0 / 80.0 = 76.25% > 70%: met; the SME share
      58.0 / 80.0 = 72.5% > 70%: met; the platform rate 30 / 260 = 11.5% < 15%: CR601 no longer
      met (L505, warning); the outcome: 存在撤销认定情形 (a ground stated).
    """
    return {
        "identity": identity("reporting_year", 2024, "2025-03-20"),
        "indicators": {
            "total_output": [80.0],
            "sme_output": [58.0],
            "leading_output": [61.0],
            "firm_count": [260],
            "sme_rd_spending": [86000],
            "invention_patents": [1300],
            "employees": [52000],
            "platform_firms": [30],
            "co2_intensity": [0.33],
            "software_rate": [70],
        },
        "roster_changes": [
            {"name": "北京新加入医疗科技有限公司", "uscc": firm_code(2), "change": "加入",
             "date": "2024-03-01"},
        ],
        "plan": [
            {"indicator": "集群总产值", "base_value": 60, "target": 75, "actual": 80,
             "unit": "亿元"},
            {"indicator": "专精特新企业数", "base_value": 12, "target": 20, "actual": 14,
             "unit": "家"},
            {"indicator": "研发经费", "base_value": 70000, "target": 85000, "actual": 84000,
             "unit": "万元"},
        ],
        "changes": {
            "leading_industry": {"changed": "否"},
            "area": {"changed": "否"},
            "operator": {"changed": "是", "reported": "否"},
        },
        "incidents": [
            {"date": "2024-08-15", "kind": "安全事故", "description": "一般生产安全事故"},
            {"date": "2024-11-02", "kind": "偷税漏税", "description": "一家企业被税务机关处罚"},
        ],
        "narrative": {
            "work_done": "建设医疗器械共享检测平台，组织产业链对接活动 12 场（示例文字）。",
            "problems": "高端研发人才不足，工业互联网平台应用普及率偏低（示例文字）。",
            "next_steps": "推进企业上云用平台，完善人才引进政策（示例文字）。",
        },
    }  # fmt: skip


def roster(count: int = 24) -> list[dict[str, Any]]:
    firms = []
    for i in range(count):
        firm: dict[str, Any] = {
            "name": f"北京大兴医疗器械{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{i + 1:02d}有限公司",
            "uscc": firm_code(100 + i),
            "size": "大型" if i < 2 else ("中型", "小型", "小型", "微型")[i % 4],
            "in_leading": "是",
            "revenue": round(0.5 + i * 0.1, 2),
        }
        if i < 2:
            firm["q_little_giant"] = 2022
        elif i < 14:
            firm["q_specialised"] = 2023
        firms.append(firm)
    return firms


def rereview(pack: Pack) -> dict[str, Any]:
    """The 2026 re-review on 2023-2025, filed 2026-05-10. What check finds:

    - the SME share of 2025 is 55.2 / 80.0 = 69.0%, not > 70%: CR203 fails (L506, error);
      self-assessed 否 with its reason: no L507;
    - the platform rate of 2025 is 36 / 300 = 12% < 15%: CR601 fails (L506); self-assessed 是
      (L508, the self-assessment contradicts the figures) and no reason (L507, error);
    - CR207 self-assessed 否 without a reason: L507 (and its 定性条件 answer 是 with evidence is
      for expert review, so no L508: the figures decide nothing there);
    - the plan target 专精特新企业数 12 -> 30, latest 18: completion 33%, BEHIND (L504);
    - outcome: 复核不通过.
    """
    qualitative, _declarations = _applications_generator().answers(pack)
    assessment: dict[str, dict[str, Any]] = {c.code: {"met": "是"} for c in pack.criteria}
    assessment["CR203"] = {"met": "否", "reason": "2025 年中小企业产值占比 69%，低于 70%"}
    assessment["CR207"] = {"met": "否"}
    return {
        "identity": {
            **identity("review_year", 2026, "2026-05-10"),
            "area_km2": 38.5,
            "high_energy": "否",
            "high_water": "否",
        },
        "indicators": {
            "total_output": [60.0, 70.0, 80.0],
            "sme_output": [45.0, 52.0, 55.2],
            "leading_output": [50.0, 58.0, 66.0],
            "firm_count": [260, 280, 300],
            "sme_rd_spending": [60000, 70000, 82000],
            "invention_patents": [900, 1060, 1250],
            "employees": [50000, 51000, 52000],
            "platform_firms": [40, 42, 36],
            "co2_intensity": [0.40, 0.37, 0.33],
            "software_rate": [60, 65, 70],
        },
        "roster": roster(),
        "qualitative": qualitative,
        "plan": [
            {"indicator": "集群总产值", "base_value": 55, "target": 80, "actual": 80,
             "unit": "亿元"},
            {"indicator": "专精特新企业数", "base_value": 12, "target": 30, "actual": 18,
             "unit": "家"},
        ],
        "assessment": assessment,
    }  # fmt: skip


def samples(pack: Pack) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("annual-report-2024.xlsx", "annual-report", annual_report()),
        ("rereview-2026.xlsx", "rereview", rereview(pack)),
    ]


def generate(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pack = resolve_pack(PACK)
    written = []
    for name, kind, spec in samples(pack):
        target = folder / name
        write_filled(target, pack, copy.deepcopy(spec), kind=kind, force=True)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"wrote {path}")
