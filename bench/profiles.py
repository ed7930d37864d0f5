"""Seeded, realistic values for one benchmark application.

Value keys follow :mod:`clusterctl.workbook.model`: ``basic.<field>``, ``years.<i>``,
``indicators.<key>.<i>`` (i = 0..2, oldest first), ``qualitative.<code>.<column>``,
``declarations.<code>``, ``declarations.signatory`` / ``declarations.signed_on``, and roster rows as
dicts keyed by :data:`clusterctl.workbook.fields.ROSTER_COLUMNS` keys.

Quality varies the way real submissions do: most are clean, some miss thresholds, some are typed
sloppily (numbers with units, shares as fractions, bad credit codes, blanks), a few are not
workbooks at all (see :data:`QUALITIES`).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from clusterctl.workbook.fields import BASIC_FIELDS, INDICATORS, Qualification

# (quality, weight): clean meets most thresholds; weak misses some; sloppy has typing errors;
# broken is not a readable workbook (truncated zip, a CSV renamed .xlsx, empty file).
QUALITIES = (("clean", 55), ("weak", 25), ("sloppy", 15), ("broken", 5))
ROSTER_MIN, ROSTER_MAX = 20, 5_000

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# division code -> (province, city)
DIVISIONS = {
    "110108": ("北京市", "北京市"),
    "110105": ("北京市", "北京市"),
    "110114": ("北京市", "北京市"),
    "110115": ("北京市", "北京市"),
    "110112": ("北京市", "北京市"),
    "320506": ("江苏省", "苏州市"),
    "440305": ("广东省", "深圳市"),
    "330106": ("浙江省", "杭州市"),
    "370212": ("山东省", "青岛市"),
    "530114": ("云南省", "昆明市"),
}
PLACES = ("中关村", "亦庄", "昌平", "顺义", "望京", "苏州工业园", "南山", "滨江", "崂山", "呈贡")
INDUSTRIES = (
    "行业应用软件",
    "集成电路设计",
    "医疗器械",
    "智能网联汽车零部件",
    "新材料",
    "工业机器人",
    "生物医药",
    "光电子器件",
    "节能环保装备",
    "北斗导航",
)
SYLLABLES = "华瑞科信达通宇恒泰德安联盛创博远新智云天海中方正锐鼎汇丰明辉星光铭浩"
SIZES = (("大型", 3), ("中型", 17), ("小型", 45), ("微型", 35))


def _check_char(body: str) -> str:
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def make_uscc(rng: random.Random, division: str) -> str:
    """A unified social credit code with valid organisation-code and USCC check characters."""
    org = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    s = sum(int(c, 36) * w for c, w in zip(org, ORG_WEIGHTS, strict=True))
    c9 = 11 - s % 11
    org += "X" if c9 == 10 else "0" if c9 == 11 else str(c9)
    body = "91" + division + org
    return body + _check_char(body)


@dataclass(slots=True)
class Application:
    quality: str
    roster_size: int
    values: dict[str, Any]
    roster: list[dict[str, Any]]


def roster_size(rng: random.Random) -> int:
    """Log-uniform between 20 and 5,000 firms (median about 300)."""
    return int(math.exp(rng.uniform(math.log(ROSTER_MIN), math.log(ROSTER_MAX + 1))))


def make_application(seed: int, index: int, tokens: set[str]) -> Application:
    rng = random.Random(f"{seed}:{index}")
    quality = rng.choices([q for q, _ in QUALITIES], [w for _, w in QUALITIES])[0]
    size = roster_size(rng)
    values: dict[str, Any] = {}
    division = rng.choice(sorted(DIVISIONS))
    province, city = DIVISIONS[division]
    place = rng.choice(PLACES)
    industry = rng.choice(INDUSTRIES)
    year = rng.choice((2023, 2024, 2025))
    basic = {
        "cluster_name": f"{place}{industry}产业集群{index}",
        "province": province,
        "city": city,
        "district": f"{place}区",
        "division_code": division,
        "leading_industry": industry,
        "niche": f"{industry}细分领域",
        "area_km2": round(rng.uniform(5, 95) if quality != "weak" else rng.uniform(60, 160), 1),
        "operator_name": f"{place}{industry}集群管理委员会",
        "operator_uscc": make_uscc(rng, division),
        "applicant": f"{place}区经济和信息化局",
        "contact_person": "张" + rng.choice(SYLLABLES) + rng.choice(SYLLABLES),
        "contact_phone": f"010-{rng.randint(60000000, 89999999)}",
        "contact_email": f"cluster{index}@example.cn",
        "application_year": year,
        "high_energy": rng.random() < 0.2,
        "high_water": rng.random() < 0.15,
    }
    for f in BASIC_FIELDS:
        if f"basic.{f.key}" in tokens and f.key in basic:
            values[f"basic.{f.key}"] = basic[f.key]
    years = [year - 3, year - 2, year - 1]
    for i, y in enumerate(years):
        values[f"years.{i}"] = y
    _indicators(rng, quality, size, values)
    roster = [_firm(rng, division, quality) for _ in range(size)]
    _unique_names(rng, roster)
    _answers(rng, quality, tokens, values, year)
    if quality == "sloppy":
        _make_sloppy(rng, values, roster)
    return Application(quality, size, values, roster)


def _series(rng: random.Random, start: float, growth: float, noise: float = 0.02) -> list[float]:
    out = [start]
    for _ in range(2):
        out.append(out[-1] * (1 + growth + rng.uniform(-noise, noise)))
    return [round(v, 2) for v in out]


def _indicators(rng: random.Random, quality: str, size: int, values: dict[str, Any]) -> None:
    weak = quality == "weak"
    total = _series(
        rng,
        rng.uniform(25, 60) if weak else rng.uniform(45, 400),
        rng.uniform(0.0, 0.12) if weak else rng.uniform(0.11, 0.3),
    )
    sme_share = rng.uniform(0.55, 0.8) if weak else rng.uniform(0.72, 0.95)
    leading_share = rng.uniform(0.6, 0.8) if weak else rng.uniform(0.72, 0.97)
    firms = max(size, int(size * rng.uniform(1.0, 1.3)))
    employees = int(firms * rng.uniform(30, 120))
    patents = _series(rng, employees * rng.uniform(0.0012, 0.004), rng.uniform(0.1, 0.35))
    series = {
        "total_output": total,
        "sme_output": [round(v * sme_share, 2) for v in total],
        "leading_output": [round(v * leading_share, 2) for v in total],
        "firm_count": [int(firms * f) for f in (0.9, 0.95, 1.0)],
        "sme_rd_spending": _series(rng, total[0] * rng.uniform(200, 600), rng.uniform(0.05, 0.3)),
        "invention_patents": [int(v) for v in patents],
        "employees": [int(employees * f) for f in (0.92, 0.96, 1.0)],
        "platform_firms": [int(firms * rng.uniform(0.1, 0.4)) for _ in range(3)],
        "co2_intensity": _series(rng, rng.uniform(0.2, 1.5), -rng.uniform(0.0, 0.08), 0.01),
        "energy_intensity": _series(rng, rng.uniform(0.05, 0.3), -0.03, 0.01),
        "energy_benchmark": [0.35] * 3,
        "water_intensity": _series(rng, rng.uniform(2, 9), -0.02, 0.01),
        "water_benchmark": [10.0] * 3,
        "standards_count": [rng.randint(0, 6) for _ in range(3)],
        "overseas_branches": [rng.randint(0, 12) for _ in range(3)],
        "export_value": _series(rng, total[0] * rng.uniform(0.02, 0.2), 0.05),
        # a percentage cell (format 0.0%): Excel stores 75% as 0.75
        "software_rate": _rates(rng, rising=not weak),
    }
    for ind in INDICATORS:
        for i, v in enumerate(series.get(ind.key, [None] * 3)):
            values[f"indicators.{ind.key}.{i}"] = v


def _rates(rng: random.Random, rising: bool) -> list[float]:
    rates = [round(rng.uniform(0.3, 0.9), 3) for _ in range(3)]
    return sorted(set(rates)) if rising and len(set(rates)) == 3 else rates


def _firm(rng: random.Random, division: str, quality: str) -> dict[str, Any]:
    size = rng.choices([s for s, _ in SIZES], [w for _, w in SIZES])[0]
    firm: dict[str, Any] = {
        "name": rng.choice(("北京", "京", ""))
        + "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        + "科技有限公司",
        "uscc": make_uscc(rng, division),
        "size": size,
        "in_leading": "是" if rng.random() < 0.8 else "否",
        "revenue": round(rng.lognormvariate(-1.0, 1.2), 3),
    }
    odds = {
        Qualification.CHAMPION: 0.002,
        Qualification.LITTLE_GIANT: 0.01,
        Qualification.SPECIALISED: 0.04,
        Qualification.INNOVATIVE: 0.05,
        Qualification.HIGH_TECH: 0.15,
    }
    if quality == "weak":
        odds = {q: p / 4 for q, p in odds.items()}
    for q, p in odds.items():
        firm[f"q_{q.value}"] = rng.randint(2015, 2024) if rng.random() < p else None
    return firm


def _unique_names(rng: random.Random, roster: list[dict[str, Any]]) -> None:
    """Firm names in one roster are distinct, as in a real one (duplicates are a finding)."""
    seen: set[str] = set()
    for firm in roster:
        while firm["name"] in seen:
            firm["name"] = firm["name"][:-6] + rng.choice(SYLLABLES) + "科技有限公司"
        seen.add(firm["name"])


def _answers(
    rng: random.Random, quality: str, tokens: set[str], values: dict[str, Any], year: int
) -> None:
    for key in sorted(tokens):  # a set: its order changes with the hash seed of each process
        parts = key.split(".")
        if parts[0] == "qualitative" and len(parts) == 3:
            met = rng.random() < (0.95 if quality == "clean" else 0.7)
            values[key] = {
                "met": "是" if met else "否",
                "description": "集群已建立相关机制，详见佐证材料。" if met else None,
                "evidence": "1. 相关文件；2. 照片；3. 合同" if met and rng.random() < 0.9 else None,
            }.get(parts[2])
        elif parts[0] == "declarations" and len(parts) == 2:
            if parts[1] == "signatory":
                values[key] = "王" + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
            elif parts[1] == "signed_on":
                values[key] = f"{year}-0{rng.randint(3, 9)}-{rng.randint(10, 28)}"
            else:
                values[key] = "是" if quality != "weak" or rng.random() < 0.9 else "否"


def _make_sloppy(rng: random.Random, values: dict[str, Any], roster: list[dict[str, Any]]) -> None:
    """Typing habits and mistakes: units in number cells, shares as fractions, blanks, typos."""
    numeric = [k for k, v in values.items() if k.startswith("indicators.") and v is not None]
    for key in rng.sample(numeric, k=min(len(numeric), rng.randint(1, 6))):
        v = values[key]
        values[key] = rng.choice((f"{v}亿元", f"约{v}", f" {v} ", "—", "", f"{v:,}", "N/A"))
    for key in ("basic.operator_uscc", "basic.division_code", "basic.contact_email"):
        if key in values and rng.random() < 0.3:
            values[key] = str(values[key])[:-1] + "O"
    if "basic.application_year" in values and rng.random() < 0.2:
        values["basic.application_year"] = None
    for firm in rng.sample(roster, k=min(len(roster), rng.randint(1, 20))):
        field = rng.choice(("uscc", "size", "in_leading", "revenue", "name"))
        firm[field] = {
            "uscc": firm["uscc"][:-1] + "I",
            "size": "中小",
            "in_leading": "Y",
            "revenue": "未知",
            "name": None,
        }[field]
