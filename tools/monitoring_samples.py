"""Make the monitoring samples in sample_data/monitoring/ (deterministic):

    python tools/monitoring_samples.py [OUT_DIR]

A registry of ten Beijing clusters (the ``registry`` kind) and their annual reports on 2024 and
2025 and re-reviews, each a real workbook of its kind filled by its hidden keys
(:func:`clusterctl.workbook.template.write_filled`). Judged as of 2026-04-15 (docs/monitoring.md)
they cover every status and every revocation ground the data can show. Names and figures are
invented. tests/monitoring/test_monitor_samples.py checks the committed files are current.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.template import write_filled

OUT = Path(__file__).resolve().parents[1] / "sample_data" / "monitoring"
EDITION = "beijing-2023"
AS_OF = date(2026, 4, 15)  # the date the samples are meant to be judged at


def code(n: int) -> str:
    """A well-formed invented credit code of a Beijing public institution (12 + 110108…)."""
    return make_uscc(f"12110108MB{n:07d}")


# key, district, niche, list year (the cluster is 北京市<district><niche>产业集群)
_ROWS = (
    ("c01", "海淀区", "智能网联汽车", 2024),
    ("c02", "昌平区", "生物医药", 2025),
    ("c03", "朝阳区", "数字内容", 2024),
    ("c04", "丰台区", "轨道交通装备", 2024),
    ("c05", "大兴区", "集成电路装备", 2024),
    ("c06", "房山区", "新材料", 2024),
    ("c07", "通州区", "智能制造装备", 2024),
    ("c08", "顺义区", "航空零部件", 2023),
    ("c09", "怀柔区", "仪器仪表", 2023),
    ("c10", "石景山区", "虚拟现实", 2023),
    ("c11", "密云区", "绿色食品", 2023),
)
CLUSTERS: list[dict[str, Any]] = [
    {
        "key": key,
        "name": f"北京市{district}{niche}产业集群",
        "operator": f"{district}{niche}产业促进中心",
        "region": district,
        "list": year,
    }
    for key, district, niche, year in _ROWS
]
for i, c in enumerate(CLUSTERS, 1):
    c["uscc"] = code(i)
    c["valid_from"] = date(c["list"], 1, 1)  # Beijing: calendar years (lifecycle/calendars.toml)
    c["valid_to"] = date(c["list"] + 2, 12, 31)
BY_KEY = {c["key"]: c for c in CLUSTERS}

NO_CHANGE = {k: {"changed": "否"} for k in ("leading_industry", "area", "operator")}
NARRATIVE = {
    "work_done": "组织供需对接活动 6 场，新增专精特新中小企业 5 家，服务企业 320 家次。",
    "problems": "高端人才供给不足，部分企业融资成本偏高。",
    "next_steps": "推进共性技术平台建设，深化产业链上下游协同。",
}


def indicators(scale: float = 1.0) -> dict[str, list[float]]:
    """One year of healthy figures (every threshold of beijing-2023 met with margin)."""
    total = round(60.0 * scale, 1)
    return {
        "total_output": [total],
        "sme_output": [round(total * 0.78, 2)],
        "leading_output": [round(total * 0.82, 2)],
        "firm_count": [130],
        "sme_rd_spending": [85000],
        "invention_patents": [320],
        "employees": [30000],
        "platform_firms": [36],
        "co2_intensity": [0.34],
        "software_rate": [70],
    }


def plan(year: int, behind: bool = False) -> list[dict[str, Any]]:
    """Three plan targets for the year; ``behind``: the output target clearly missed."""
    step = year - 2023
    targets = (("集群总产值", 50, 5, "亿元"), ("专精特新中小企业数量", 20, 4, "家"))
    targets += (("有效发明专利数量", 250, 30, "件"),)
    rows = [
        {"indicator": name, "base_value": base, "target": base + per * step, "unit": unit}
        for name, base, per, unit in targets
    ]
    for row in rows:
        row["actual"] = row["target"] + 2
    if behind:
        rows[0]["actual"] = rows[0]["base_value"] + 1  # far from the year's target
        rows[1]["actual"] = rows[1]["base_value"] + 1
    return rows


def identity(c: dict[str, Any], filed_on: date, **extra: Any) -> dict[str, Any]:
    return {
        "cluster_name": c["name"],
        "operator_name": c["operator"],
        "operator_uscc": c["uscc"],
        "batch": f"{c['list']}年度",
        "valid_from": c["valid_from"],
        "valid_to": c["valid_to"],
        "filed_on": filed_on,
        **extra,
    }


def report(c: dict[str, Any], year: int, filed_on: date, **over: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "identity": identity(c, filed_on, reporting_year=year),
        "indicators": indicators(1.0 + (year - 2024) * 0.1),
        "plan": plan(year),
        "changes": NO_CHANGE,
        "incidents": [],
        "narrative": NARRATIVE,
    }
    spec.update(over)
    return spec


def rereview(
    c: dict[str, Any], filed_on: date, failed: dict[str, str | None] | None = None
) -> dict:
    """A re-review; ``failed``: criterion code -> the stated reason (None: left blank)."""
    pack = resolve_pack(EDITION)
    assessment: dict[str, Any] = {k.code: {"met": "是"} for k in pack.criteria}
    for code_, reason in (failed or {}).items():
        assessment[code_] = {"met": "否", **({"reason": reason} if reason else {})}
    qualitative = {
        k.code: {"met": "是", "description": "已建立相应机制并有效运行。"}
        for k in pack.criteria
        if k.kind.value == "qualitative"
    }
    firms = [
        {
            "name": f"{c['region']}示范{i + 1:02d}科技有限公司",
            "uscc": make_uscc(f"91110108MA{i + 100 * int(c['key'][1:]):07d}"),
            "size": "中型" if i % 3 else "小型",
            "in_leading": "是",
            **({"q_little_giant": 2022} if i == 0 else {}),
            **({"q_specialised": 2023} if 0 < i < 13 else {}),
            "revenue": 1.5,
        }
        for i in range(24)
    ]
    ints = ("firm_count", "invention_patents", "employees", "platform_firms")
    three = {
        k: [round(v[0] * f) if k in ints else round(v[0] * f, 2) for f in (0.74, 0.86, 1.0)]
        for k, v in indicators(1.1).items()
    }
    three["co2_intensity"] = [0.40, 0.37, 0.34]
    if "CR203" in (failed or {}):  # the SME share really fell to 68 % in the last year
        three["sme_output"][2] = round(three["total_output"][2] * 0.68, 2)
    if "CR205" in (failed or {}):  # the leading industry's share fell to 68 % in the last year
        three["leading_output"][2] = round(three["total_output"][2] * 0.68, 2)
    three["software_rate"] = [60, 65, 70]
    return {
        "identity": identity(
            c, filed_on, review_year=2026, area_km2=36.5, high_energy="否", high_water="否"
        ),
        "indicators": three,
        "roster": firms,
        "qualitative": qualitative,
        "plan": [dict(r, target=r["target"]) for r in plan(2025)],
        "assessment": assessment,
    }


def registry_spec() -> dict[str, Any]:
    rows = []
    for c in CLUSTERS:
        rows.append(
            {
                "cluster_name": c["name"],
                "operator_name": c["operator"],
                "operator_uscc": c["uscc"],
                "batch": f"{c['list']}年度",
                "edition": EDITION,
                "region": c["region"],
                "valid_from": c["valid_from"],
                "valid_to": c["valid_to"],
            }
        )
    return {"clusters": rows}


def filings() -> list[tuple[str, str, dict[str, Any]]]:
    """(file name, kind, spec) of every filing; docs/monitoring.md ("Samples") lists the facts."""
    c = BY_KEY
    out: list[tuple[str, str, dict[str, Any]]] = []

    def annual(key: str, year: int, filed: date, name: str | None = None, **over: Any) -> None:
        file = name or f"{year}年度报告-{c[key]['region']}-{key}.xlsx"
        out.append((file, "annual-report", report(c[key], year, filed, **over)))

    # c01 normal: both years on time
    annual("c01", 2024, date(2025, 3, 20))
    annual("c01", 2025, date(2026, 3, 25))
    # c02 normal: recognised 2025, its first report on time
    annual("c02", 2025, date(2026, 3, 10))
    # c03 late: the 2025 report filed 2026-04-08, 8 days after 2026-03-31
    annual("c03", 2024, date(2025, 3, 28))
    annual("c03", 2025, date(2026, 4, 8))
    # c04 missing: no 2025 report (ground 3)
    annual("c04", 2024, date(2025, 3, 15))
    # c05 operating body changed in 2025, not reported (ground 4); the new name in the report
    annual("c05", 2024, date(2025, 3, 18))
    changed = dict(NO_CHANGE, operator={"changed": "是", "reported": "否"})
    annual("c05", 2025, date(2026, 3, 30), changes=changed)
    out[-1][2]["identity"]["operator_name"] = "北京亦庄集成电路装备产业发展有限公司"
    # c06 an incident in 2025 (ground 5)
    annual("c06", 2024, date(2025, 3, 12))
    incident = {
        "date": date(2025, 8, 12),
        "kind": "安全事故",
        "description": "集群内企业厂房火灾，造成 1 人重伤，已由应急管理部门调查处理。",
    }
    annual("c06", 2025, date(2026, 3, 26), incidents=[incident])
    # c07 plan targets behind in 2025, and the 2025 report sent twice (M611)
    annual("c07", 2024, date(2025, 3, 21))
    annual("c07", 2025, date(2026, 3, 27), plan=plan(2025, behind=True))
    annual(
        "c07", 2025, date(2026, 3, 29), name="2025年度报告-通州区-c07-重新报送.xlsx",
        plan=plan(2025, behind=True),
    )  # fmt: skip
    # c08, c09, c10, c11: recognised 2023, validity ended 2025-12-31
    for key in ("c08", "c09", "c10", "c11"):
        annual(key, 2024, date(2025, 3, 25))
        annual(key, 2025, date(2026, 3, 24))
    # c08 re-review with a failed item and its reason (ground 1)
    reason = "2025年受主要客户订单下降影响，中小企业产值占比降至68%，低于70%的标准。"
    review = rereview(c["c08"], date(2026, 1, 20), {"CR203": reason})
    out.append(("2026复核申报表-顺义区-c08.xlsx", "rereview", review))
    # c09: no re-review (ground 1: expired without one)
    # c10 re-review, every item met: passed
    out.append(
        ("2026复核申报表-石景山区-c10.xlsx", "rereview", rereview(c["c10"], date(2026, 1, 18)))
    )
    # c11 re-review with a failed item whose reason is left blank (ground 1; check: L507)
    review = rereview(c["c11"], date(2026, 1, 22), {"CR205": None})
    out.append(("2026复核申报表-密云区-c11.xlsx", "rereview", review))
    # a report whose operating body is in no registry row (M610)
    stranger = {
        "key": "x01",
        "name": "北京市延庆区冰雪装备产业集群",
        "operator": "延庆区冰雪产业服务中心",
        "region": "延庆区",
        "list": 2024,
        "uscc": code(99),
        "valid_from": date(2024, 1, 1),
        "valid_to": date(2026, 12, 31),
    }
    out.append(
        (
            "2025年度报告-延庆区-未在名录.xlsx",
            "annual-report",
            report(stranger, 2025, date(2026, 3, 20)),
        )
    )
    return out


def generate(out_dir: Path = OUT) -> list[Path]:
    pack = resolve_pack(EDITION)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "registry.xlsx"]
    write_filled(written[0], pack, registry_spec(), kind="registry")
    for name, kind, spec in filings():
        path = out_dir / name
        write_filled(path, pack, spec, kind=kind)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
