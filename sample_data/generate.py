"""Make the sample application workbooks in this folder (seeded, deterministic).

    /work/venv/bin/python sample_data/generate.py [OUT_DIR]

Cluster names are real (public lists); every figure is invented and must never be presented as a
real cluster's data. Each workbook is a real standard workbook: the template writer fills its
input cells by field key (:func:`clusterctl.workbook.template.write_filled`).
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path
from typing import Any

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Kind, Pack
from clusterctl.workbook.identifiers import USCC_ALPHABET, make_uscc
from clusterctl.workbook.template import write_filled

HERE = Path(__file__).resolve().parent
SEED = 20230501
FIRM_WORDS = ("智能", "精密", "科技", "创新", "智造", "装备", "信息", "材料", "电子", "生物")


def uscc(rng: random.Random, division: str, kind: str = "91") -> str:
    """A well-formed (invented) credit code registered in ``division``."""
    org = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return make_uscc(kind + division + org)


def roster(
    rng: random.Random,
    city: str,
    division: str,
    count: int,
    *,
    little_giants: int = 1,
    qualified: int = 12,
    large: int = 2,
) -> list[dict[str, Any]]:
    firms = []
    for i in range(count):
        word = FIRM_WORDS[i % len(FIRM_WORDS)]
        firm: dict[str, Any] = {
            "name": f"{city}{word}{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{i + 1:02d}有限公司",
            "uscc": uscc(rng, division),
            "size": "大型" if i < large else rng.choice(("中型", "小型", "小型", "微型")),
            "in_leading": "是" if i % 7 else "否",
            "revenue": round(rng.uniform(0.2, 6.0), 2),
        }
        if i < little_giants:
            firm["in_leading"] = "是"
            firm["q_little_giant"] = 2020 + i % 3
        if i < qualified:
            firm[("q_specialised", "q_innovative", "q_high_tech")[i % 3]] = 2019 + i % 4
        firms.append(firm)
    return firms


def answers(pack: Pack) -> tuple[dict[str, Any], dict[str, str]]:
    qualitative = {
        c.code: {
            "met": "是",
            "description": f"{c.title.zh}：已建立相应机制并持续运行（示例文字）。",
            "evidence": "1. 工作方案；2. 年度报告；3. 相关协议（示例）",
        }
        for c in pack.of_kind(Kind.QUALITATIVE)
    }
    declarations = {c.code: "是" for c in pack.of_kind(Kind.DECLARATION)}
    return qualitative, declarations


def grow(first: float, rate: float, years: int = 3, digits: int = 2) -> list[float]:
    return [round(first * (1 + rate) ** i, digits) for i in range(years)]


def base_spec(
    pack: Pack,
    rng: random.Random,
    *,
    name: str,
    province: str,
    city: str,
    district: str,
    division: str,
    industry: str,
    niche: str,
    year: int,
    total: list[float],
    sme_share: float = 0.78,
    leading_share: float = 0.82,
) -> dict[str, Any]:
    qualitative, declarations = answers(pack)
    firms = rng.randint(180, 320)
    employees = rng.randint(30000, 60000)
    return {
        "basic": {
            "cluster_name": name,
            "province": province,
            "city": city,
            "district": district,
            "division_code": division,
            "leading_industry": industry,
            "niche": niche,
            "area_km2": round(rng.uniform(12, 85), 1),
            "operator_name": f"{district}{niche}产业集群管理委员会",
            "operator_uscc": uscc(rng, division, "11"),
            "applicant": f"{district}{niche}产业集群管理委员会",
            "contact_person": rng.choice(("王明", "李华", "张伟", "刘洋", "陈静")),
            "contact_phone": f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}",
            "contact_email": f"cluster{rng.randint(100, 999)}@example.cn",
            "application_year": year,
            "high_energy": "否",
            "high_water": "否",
        },
        "indicators": {
            "total_output": total,
            "sme_output": [round(v * sme_share, 2) for v in total],
            "leading_output": [round(v * leading_share, 2) for v in total],
            "firm_count": [firms - 20, firms - 10, firms],
            "sme_rd_spending": grow(rng.randint(30000, 90000), 0.14, digits=0),
            "invention_patents": [int(v) for v in grow(employees * 0.002, 0.18, digits=0)],
            "employees": [employees - 2000, employees - 1000, employees],
            "platform_firms": [int(firms * r) for r in (0.15, 0.19, 0.24)],
            "co2_intensity": [0.42, 0.39, 0.35],
            "software_rate": [55, 61, 68],
        },
        "roster": roster(rng, city.removesuffix("市"), division, 24),
        "qualitative": qualitative,
        "declarations": declarations,
        "signatory": "王明",
        "signed_on": f"{year}-04-20",
    }


def samples() -> list[tuple[str, str, dict[str, Any], str]]:
    """(file name, pack id, spec, README line)."""
    rng = random.Random(SEED)
    beijing = resolve_pack("beijing-2023")
    national = resolve_pack("national-2022")
    out = []

    spec = base_spec(
        beijing,
        rng,
        name="北京市大兴区医疗器械产业集群",
        province="北京市",
        city="北京市",
        district="大兴区",
        division="110115",
        industry="医药制造业",
        niche="医疗器械",
        year=2023,
        total=[52.4, 59.8, 68.3],
    )
    out.append(
        (
            "01-eligible-beijing.xlsx",
            "beijing-2023",
            spec,
            "clearly eligible under beijing-2023 (every threshold met with margin)",
        )
    )

    spec = base_spec(
        beijing,
        rng,
        name="北京市顺义区第三代半导体产业集群",
        province="北京市",
        city="北京市",
        district="顺义区",
        division="110113",
        industry="计算机、通信和其他电子设备制造业",
        niche="第三代半导体",
        year=2023,
        total=[50.0, 58.0, 70.0],
    )
    spec["indicators"]["sme_output"] = [35.0, 40.6, 49.0]  # exactly 70.0% every year
    out.append(
        (
            "02-sme-share-exactly-70.xlsx",
            "beijing-2023",
            spec,
            "SME share exactly 70.0%: fails beijing-2023 (needs > 70%), passes national-2022 "
            "(≥ 70%); otherwise eligible under both",
        )
    )

    spec = base_spec(
        beijing,
        rng,
        name="北京市房山区安全防护装备产业集群",
        province="北京市",
        city="北京市",
        district="房山区",
        division="110111",
        industry="专用设备制造业",
        niche="安全防护装备",
        year=2023,
        total=[31.2, 32.0, 33.1],
        sme_share=0.61,
        leading_share=0.66,
    )
    spec["indicators"]["co2_intensity"] = [0.35, 0.37, 0.36]
    spec["indicators"]["platform_firms"] = [12, 13, 14]
    spec["roster"] = roster(rng, "北京", "110111", 8, little_giants=0, qualified=4)
    out.append(
        (
            "03-fails-thresholds.xlsx",
            "beijing-2023",
            spec,
            "fails several thresholds: output below 40亿元, SME and leading shares below 70%, "
            "growth below 10%, too few qualified firms, CO₂ intensity not falling",
        )
    )

    spec = base_spec(
        beijing,
        rng,
        name="北京市丰台区轨道交通智能控制产业集群",
        province="北京市",
        city="北京市",
        district="丰台区",
        division="110106",
        industry="铁路、船舶、航空航天和其他运输设备制造业",
        niche="轨道交通智能控制",
        year=2023,
        total=[45.6, 52.3, 61.0],
    )
    ind = spec["indicators"]
    ind["total_output"] = ["45.6亿元", "５２.３", " 61.0 "]
    ind["sme_output"] = ["35.6", "40.8", "47.6亿元"]
    ind["software_rate"] = ["55%", "６１％", "0.68"]
    ind["employees"] = ["41,000", "42,000", "43,000"]
    spec["basic"]["area_km2"] = "３８.５平方公里"
    spec["basic"]["high_energy"] = "×"
    spec["basic"]["high_water"] = "N"
    spec["basic"]["cluster_name"] = "  北京市丰台区轨道交通智能控制产业集群\u00a0"
    for i, firm in enumerate(spec["roster"]):
        firm["in_leading"] = "√" if firm["in_leading"] == "是" else "×"
        if i % 3 == 0:
            firm["revenue"] = f"{firm['revenue']}亿元"
        if i % 4 == 0:
            firm["size"] = firm["size"].removesuffix("型")
    for answer in spec["qualitative"].values():
        answer["met"] = "Y"
    spec["declarations"] = {k: "√" for k in spec["declarations"]}
    spec["signed_on"] = "2023年4月20日"
    spec["insert_rows"] = {"indicators": [6]}
    spec["sheet_order"] = [
        "basic",
        "roster",
        "indicators",
        "qualitative",
        "declarations",
        "instructions",
    ]
    out.append(
        (
            "04-messy-but-readable.xlsx",
            "beijing-2023",
            spec,
            "messily typed but readable: 45.6亿元, full-width digits, 55%, √/×/Y/N, stray "
            "spaces and NBSP, 2023年4月20日, a row inserted in the indicators sheet, sheets "
            "reordered; reads as eligible with V201 info findings",
        )
    )

    spec = base_spec(
        beijing,
        rng,
        name="北京市怀柔区仪器装备产业集群",
        province="北京市",
        city="北京市",
        district="怀柔区",
        division="110116",
        industry="仪器仪表制造业",
        niche="科学仪器装备",
        year=2023,
        total=[48.2, 54.9, 62.7],
    )
    spec["indicators"]["total_output"] = [482000, 549000, 627000]  # 万元 in a 亿元 field
    spec["indicators"]["leading_output"] = [40.1, "456000万元", 52.3]  # converted, says so
    out.append(
        (
            "05-unit-mistakes.xlsx",
            "beijing-2023",
            spec,
            "unit mistakes: total output typed in 万元 into 亿元 cells (V211 warnings), "
            "one value typed with 万元 (converted, V203); the criteria reading the suspect values "
            "are missing data, so 材料不全 (a suspect value does not decide: docs/scoring.md)",
        )
    )

    spec = base_spec(
        beijing,
        rng,
        name="北京市昌平区生命科学产业集群",
        province="北京市",
        city="北京市",
        district="昌平区",
        division="110114",
        industry="医药制造业",
        niche="生命科学",
        year=2023,
        total=[66.0, 74.5, 83.9],
    )
    spec["indicators"]["sme_rd_spending"] = [None, 61000, None]
    spec["indicators"]["platform_firms"] = [None, None, None]
    spec["indicators"]["co2_intensity"] = [0.3, "待统计", 0.27]
    for key in ("operator_uscc", "contact_phone", "niche"):
        spec["basic"].pop(key)
    codes = list(spec["qualitative"])
    for code in codes[::3]:
        spec["qualitative"][code] = {"met": None}
    spec["qualitative"][codes[1]] = {"met": "是", "description": "已建立", "evidence": None}
    spec["declarations"][next(iter(spec["declarations"]))] = None
    spec.pop("signatory")
    out.append(
        (
            "06-incomplete.xlsx",
            "beijing-2023",
            spec,
            "incomplete: missing basic fields and indicator values, a text in a number cell, "
            "blank qualitative rows, a 是 without evidence, an unconfirmed declaration, no "
            "signatory",
        )
    )

    spec = base_spec(
        national,
        rng,
        name="溧阳市动力电池产业集群",
        province="江苏省",
        city="常州市",
        district="溧阳市",
        division="320481",
        industry="电气机械和器材制造业",
        niche="动力电池",
        year=2022,
        total=[88.5, 112.4, 140.2],
    )
    out.append(
        (
            "07-county-national.xlsx",
            "national-2022",
            spec,
            "a county cluster (Jiangsu 320481) under national-2022, eligible",
        )
    )

    spec = base_spec(
        national,
        rng,
        name="常熟市电子氟材料产业集群",
        province="江苏省",
        city="苏州市",
        district="常熟市",
        division="320581",
        industry="化学原料和化学制品制造业",
        niche="电子氟材料",
        year=2022,
        total=[71.3, 80.2, 90.6],
    )
    spec["basic"]["high_energy"] = "是"
    spec["basic"]["high_water"] = "是"
    spec["indicators"].update(
        {
            "energy_intensity": [0.52, 0.49, 0.45],
            "energy_benchmark": [0.60, 0.60, 0.58],
            "water_intensity": [8.1, 7.6, 7.2],
            "water_benchmark": [9.0, 9.0, 8.5],
        }
    )
    out.append(
        (
            "08-energy-intensive.xlsx",
            "national-2022",
            spec,
            "energy- and water-intensive cluster (high_energy/high_water 是) with energy and "
            "water figures better than the benchmarks, national-2022",
        )
    )

    spec = base_spec(
        national,
        rng,
        name="廉江市小家电产业集群",
        province="广东省",
        city="湛江市",
        district="廉江市",
        division="440881",
        industry="电气机械和器材制造业",
        niche="小家电",
        year=2022,
        total=[58.0, 66.1, 75.9],
    )
    spec["basic"]["division_code"] = "320881"  # a Jiangsu code with 广东省
    spec["roster"][3]["uscc"] = spec["roster"][3]["uscc"][:-1] + (
        "0" if spec["roster"][3]["uscc"][-1] != "0" else "1"
    )
    spec["roster"][5]["name"] = spec["roster"][4]["name"]
    out.append(
        (
            "09-identifier-errors.xlsx",
            "national-2022",
            spec,
            "identifier problems: division code of another province (X303), a credit code "
            "with a wrong check digit (V208), a duplicate firm name (X302)",
        )
    )
    return out


def generate(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    lines = [
        "# Sample applications",
        "",
        "Made by `sample_data/generate.py` (seeded, deterministic). Cluster names come from public "
        "lists; **every figure is invented** and is not the real clusters' data.",
        "",
    ]
    packs: dict[str, Pack] = {}
    for name, pack_id, spec, line in samples():
        pack = packs.setdefault(pack_id, resolve_pack(pack_id))
        target = folder / name
        write_filled(target, pack, copy.deepcopy(spec), force=True)
        written.append(target)
        lines.append(f"- `{name}` ({pack_id}): {line}")
    (folder / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    for path in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"wrote {path}")
