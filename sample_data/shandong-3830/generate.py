"""Make the Shandong "3830" sample annual reports in this folder (deterministic).

    python sample_data/shandong-3830/generate.py [OUT_DIR]

Ten annual reports (reporting year 2024) of clusters the Shandong text names, made from the
template of the ``shandong-3830`` monitoring pack and filled by the template's hidden keys
(:func:`clusterctl.workbook.template.write_filled`). The cluster names follow the text; every
figure is invented and must never be presented as a real cluster's data.

The figures span the scale tiers, with the boundaries on purpose: 高端铝业 at exactly 5000亿元
(超过5000 excludes it), 新一代信息技术 at exactly 3000, 轨道交通 at exactly 1000 (千亿元级 includes
it), 海工装备 below every tier; the unicorns add up to 13, the low edge of the 15 ± 2 band.
tests/targets/test_samples.py derives the province's totals from CLUSTERS by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from clusterctl.targets.loader import find_target_pack
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.template import write_filled

HERE = Path(__file__).resolve().parent
YEAR = 2024
PROVINCE_RD = 2.1  # the provincial average every report gives (invented)

COLUMNS = (
    "revenue",
    "hightech_firms",
    "hightech_product_share",
    "rd_intensity",
    "local_supply_rate",
    "national_carriers",
    "provincial_carriers",
    "provincial_champions",
    "specialised_firms",
    "gazelles",
    "unicorns",
    "national_smart_factories",
    "provincial_smart_factories",
    "parks",
    "eco_parks",
)
# (file stem, cluster, city division code, figures in COLUMNS order)
# fmt: off
CLUSTERS: tuple[tuple[str, str, str, tuple[float, ...]], ...] = (
    ("01-power-equipment", "动力装备", "370700",
     (5600, 620, 52, 3.6, 58, 24, 210, 38, 260, 85, 2, 4, 40, 6, 4)),
    ("02-aluminium", "高端铝业", "371600",
     (5000, 310, 38, 2.9, 62, 9, 120, 22, 140, 40, 0, 2, 25, 4, 2)),
    ("03-smart-appliances", "智能家电", "370200",
     (5200, 540, 48, 4.1, 47, 18, 190, 41, 230, 70, 3, 5, 38, 5, 3)),
    ("04-biomedicine", "生物医药", "370100",
     (3400, 480, 55, 5.2, 41, 21, 230, 30, 210, 66, 2, 1, 22, 4, 2)),
    ("05-next-gen-it", "新一代信息技术", "370100",
     (3000, 590, 61, 5.8, 36, 26, 260, 27, 250, 92, 3, 3, 30, 5, 3)),
    ("06-chemical-materials", "化工新材料", "370500",
     (4100, 350, 42, 3.1, 53, 12, 150, 29, 170, 38, 1, 3, 28, 7, 3)),
    ("07-new-energy-vehicles", "新能源汽车", "370300",
     (2600, 280, 46, 3.9, 44, 10, 110, 15, 120, 45, 2, 2, 18, 3, 1)),
    ("08-rail-transit", "轨道交通", "370200",
     (1000, 120, 50, 4.4, 55, 6, 60, 9, 60, 14, 0, 1, 9, 2, 1)),
    ("09-offshore-equipment", "海工装备", "370600",
     (980, 90, 44, 3.7, 39, 5, 45, 7, 50, 11, 0, 0, 6, 2, 0)),
    ("10-modern-textiles", "现代轻纺", "370300",
     (1500, 140, 28, 2.2, 66, 3, 70, 12, 90, 19, 0, 1, 12, 3, 1)),
)
# fmt: on


def spec(name: str, division: str, figures: tuple[float, ...], index: int) -> dict[str, Any]:
    indicators = {key: [value] for key, value in zip(COLUMNS, figures, strict=True)}
    indicators["province_rd_intensity"] = [PROVINCE_RD]
    org = f"MA3830{index:03d}"
    return {
        "identity": {
            "cluster_name": f"山东省{name}产业集群",
            "operator_name": f"山东省{name}产业集群促进中心（示例）",
            "operator_uscc": make_uscc("52" + division + org),
            "batch": "2024年度",
            "valid_from": "2024-08-30",
            "valid_to": "2027-08-29",
            "reporting_year": YEAR,
            "filed_on": f"{YEAR + 1}-03-20",
        },
        "years": [YEAR],
        "indicators": indicators,
        "changes": {item: {"changed": "否"} for item in ("leading_industry", "area", "operator")},
        "narrative": {
            "work_done": f"{name}集群{YEAR}年推进“强基韧链”和智能化改造（示例文字）。",
            "problems": "关键零部件本地配套不足（示例文字）。",
            "next_steps": "继续培育高新技术企业和专精特新企业（示例文字）。",
        },
    }


def main(out: Path = HERE) -> list[Path]:
    pack = find_target_pack("shandong-3830")
    assert pack is not None
    view = pack.workbook_pack()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index, (stem, name, division, figures) in enumerate(CLUSTERS, start=1):
        path = out / f"{stem}.xlsx"
        write_filled(path, view, spec(name, division, figures, index), kind="annual-report")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
