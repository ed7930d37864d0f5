"""Acceptance cases: applications described by meaning, with verdicts derived from the standard.

Each case is one application as a person would type it into the standard template (labels as the
template shows them, values as typed), with the verdict each edition's text gives it. The format
is in the acceptance brief (``Case`` below); the filler (``filler.py``) types a case into
``clusterctl template --criteria <pack> --year <application_year>`` by the Chinese labels.

Every case has a comment block above it quoting the clause(s) it is about and deriving the
verdict from the standard's text (never from the tool's output). Its last line states the
verdicts as ``# => <pack> <verdict>; <pack> <verdict>``; ``test_cases_wellformed.py`` checks that
line against ``expected``.

Sources quoted: Beijing 2023 = 《北京市中小企业特色产业集群认定标准（2023年版）》 (sections
一–九; the seed text); national 2022 = 《中小企业特色产业集群认定标准（2022年版）》 as reprinted
(preamble + sections 一–八; see shared/reference/research-editions.md). Which criteria are hard
(decide the verdict) and which soft (warn) follows the packs: sections 一–三 and every numeric
indicator hard, 一般不超过 and the qualitative items of sections 四–九 soft. National figures
not confirmed from an official text (R&D growth, platform penetration, the patent indicators)
never decide alone (issue 14, rule 8): failing one of them warns, and the verdict is the one the
confirmed criteria give.

The base application (``BASE``) meets every criterion of both editions with margin:
output 44.0 / 50.0 / 56.0 亿元 (each ≥ 40; CAGR (56/44)^½−1 = 12.8% > 10%), SME share
44.8/56 = 80% (> 70%), leading share 47.6/56 = 85% (> 70%), area 42.5 km² (≤ 100), R&D
50000 → 65000 万元 (CAGR 14.0% > 10%), patents 400 → 540 (CAGR 16.2% ≥ 15%), 540 per 52000
people = 103.8 per 10,000 (≥ 15), platform 50/200 = 25% (≥ 15%), CO₂ intensity 0.42 > 0.39 >
0.35 (falling every year), software rate 55 → 61 → 68% (rising), neither high-energy nor
high-water (CR702/CR703 do not apply), one 专精特新“小巨人” in the leading industry and 11 other
qualified firms, every qualitative item 是 with description and evidence, both declarations 是.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BJ = "beijing-2023"
NAT = "national-2022"
ELIGIBLE, INELIGIBLE, INCOMPLETE = "eligible", "ineligible", "incomplete"
BASE_YEAR = 2025
Y1, Y2, Y3 = BASE_YEAR - 3, BASE_YEAR - 2, BASE_YEAR - 1  # 近三年 of the base application


@dataclass(frozen=True)
class Case:
    id: str
    application_year: int
    basic: dict[str, object]
    indicators: dict[str, dict[int, object]]
    roster: tuple[dict[str, object], ...]
    qualitative: dict[str, tuple[object, object, object]]
    declarations: dict[str, object]
    expected: dict[str, str]
    statuses: dict[str, dict[str, str]] = field(default_factory=dict)
    note: str = ""


# ------------------------------------------------------------------ identifiers

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc(first17: str) -> str:
    """A well-formed (invented) unified social credit code: GB 32100-2015 check character."""
    total = sum(_USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_ALPHABET[(31 - total % 31) % 31]


def firm_code(n: int) -> str:
    """The credit code of invented firm number ``n`` (registered in 海淀区, 110108)."""
    return uscc(f"91110108MA{n:07d}")


# ------------------------------------------------------------------ the base application

NAME, CODE, SIZE, LEADING = "企业名称", "统一社会信用代码", "企业规模", "是否属于主导产业"
CHAMPION, GIANT = "制造业单项冠军", "专精特新“小巨人”"
SPECIALISED, INNOVATIVE, HIGH_TECH = "专精特新中小企业", "创新型中小企业", "国家级高新技术企业"
REVENUE = "营业收入（最近年度）（亿元）"
TEN_QUALS = (SPECIALISED, INNOVATIVE, HIGH_TECH)

TOTAL, SME, LEAD = (
    "集群总产值（或营业收入）",
    "中小企业产值（或营业收入）",
    "主导产业产值（或营业收入）",
)
FIRMS, RD, PATENTS = "集群企业数量", "中小企业研发经费", "有效发明专利数"
EMPLOYEES, PLATFORM, CO2 = "从业人员数", "应用工业互联网平台的企业数", "二氧化碳排放强度"
ENERGY, ENERGY_BM = "单位产值能耗", "行业能效基准值"
WATER, WATER_BM = "单位产值用水量", "行业水效基准值"
SOFTWARE = "工业软件应用率"
AREA, HIGH_ENERGY, HIGH_WATER = "集群占地面积", "是否属于高耗能行业", "是否属于高用水行业"
SIGNATORY, SIGNED_ON = "承诺人（签字）", "承诺日期"

_WORDS = "智能精密传感微纳光电芯片材料测控算法云联数据"


def firm(n: int, *, leading: object = "是", size: object = "小型", **quals: object) -> dict:
    """Roster row of invented firm ``n``; ``quals`` maps a qualification label to a year."""
    word = _WORDS[(2 * n) % len(_WORDS)] + _WORDS[(2 * n + 1) % len(_WORDS)]
    row: dict[str, object] = {
        NAME: f"北京{word}科技{n:02d}有限公司",
        CODE: firm_code(n),
        SIZE: size,
        LEADING: leading,
        REVENUE: round(0.8 + 0.37 * n, 2),
    }
    row.update(quals)
    return row


def qualified(count: int, start: int = 2) -> list[dict]:
    """``count`` firms, each holding one of the three qualifications that count toward 10."""
    return [
        firm(n, leading="是" if n % 3 else "否", **{TEN_QUALS[n % 3]: 2019 + n % 5})
        for n in range(start, start + count)
    ]


def giant(n: int = 1, leading: object = "是") -> dict:
    """A 专精特新“小巨人” (and 专精特新中小企业) firm."""
    return firm(n, leading=leading, size="中型", **{GIANT: 2022, SPECIALISED: 2020})


BASE_ROSTER = (giant(), *qualified(11), firm(13, leading="否", size="大型"))

QUALITATIVE_CODES = (  # the 定性条件 rows of both templates, by section
    *("CR101", "CR206", "CR207"),
    *(f"CR{n}" for n in range(401, 405)),
    *(f"CR{n}" for n in range(504, 508)),
    *(f"CR{n}" for n in (602, 603, 604, 605, 607, 608, 609)),
    *(f"CR{n}" for n in range(704, 708)),
    *(f"CR{n}" for n in range(801, 804)),
    *(f"CR{n}" for n in range(901, 907)),
)


def _answer(code: str) -> tuple[object, object, object]:
    return ("是", f"{code}：已建立相应机制并持续运行（示例文字）。", "1. 工作方案；2. 年度报告")


def base_basic() -> dict[str, object]:
    return {
        "集群名称": "北京市海淀区智能传感器产业集群",
        "所在省（区、市）": "北京市",
        "所在市": "北京市",
        "所在区（县）": "海淀区",
        "区（县）行政区划代码": "110108",
        "主导产业": "计算机、通信和其他电子设备制造业",
        "细分领域": "智能传感器",
        AREA: 42.5,
        "运营管理机构名称": "北京市海淀区智能传感器产业集群管理委员会",
        "运营管理机构统一社会信用代码": uscc("12110108MB0123456"),
        "申报单位": "北京市海淀区智能传感器产业集群管理委员会",
        "联系人": "王明",
        "联系电话": "010-62345678",
        "电子邮箱": "cluster@example.cn",
        HIGH_ENERGY: "否",
        HIGH_WATER: "否",
    }


BASE_SERIES: dict[str, tuple[object, object, object]] = {
    TOTAL: (44.0, 50.0, 56.0),
    SME: (35.2, 40.0, 44.8),
    LEAD: (37.4, 42.5, 47.6),
    FIRMS: (180, 190, 200),
    RD: (50000, 57000, 65000),
    PATENTS: (400, 460, 540),
    EMPLOYEES: (48000, 50000, 52000),
    PLATFORM: (36, 44, 50),
    CO2: (0.42, 0.39, 0.35),
    SOFTWARE: (55, 61, 68),
}


def case(
    id: str,
    *,
    expected: dict[str, str],
    note: str,
    statuses: dict[str, dict[str, str]] | None = None,
    year: int = BASE_YEAR,
    basic: dict[str, object] | None = None,
    indicators: dict[str, dict[int, object]] | None = None,
    roster: list[dict] | tuple[dict, ...] | None = None,
    qualitative: dict[str, tuple[object, object, object]] | None = None,
    declarations: dict[str, object] | None = None,
) -> Case:
    """The base application with overrides: ``basic``/``qualitative``/``declarations`` and each
    indicator's years merge into the base (None blanks a cell); ``roster`` replaces it."""
    years = (year - 3, year - 2, year - 1)
    series = {label: dict(zip(years, values, strict=True)) for label, values in BASE_SERIES.items()}
    for label, by_year in (indicators or {}).items():
        series.setdefault(label, {}).update(by_year)
    decl: dict[str, object] = {"CR102": "是", "CR103": "是", SIGNATORY: "王明"}
    decl[SIGNED_ON] = f"{year}-04-20"
    return Case(
        id=id,
        application_year=year,
        basic={**base_basic(), **(basic or {})},
        indicators=series,
        roster=tuple(BASE_ROSTER if roster is None else roster),
        qualitative={**{c: _answer(c) for c in QUALITATIVE_CODES}, **(qualitative or {})},
        declarations={**decl, **(declarations or {})},
        expected=expected,
        statuses=statuses or {},
        note=note,
    )


def both(verdict_bj: str, verdict_nat: str | None = None) -> dict[str, str]:
    return {BJ: verdict_bj, NAT: verdict_bj if verdict_nat is None else verdict_nat}


def st(**by_pack: dict[str, str]) -> dict[str, dict[str, str]]:
    """statuses: st(bj={...}, nat={...}, all={...}); ``all`` applies to both packs."""
    common = by_pack.get("all", {})
    return {
        BJ: {**common, **by_pack.get("bj", {})},
        NAT: {**common, **by_pack.get("nat", {})},
    }


CORE_MET = {"CR202": "met", "CR203": "met", "CR204": "met", "CR205": "met"}

# ------------------------------------------------------------------ the cases

CASES: tuple[Case, ...] = (
    # Base. Beijing 2023 二 "近三年产值（或营业收入）均在40亿元以上 … 中小企业产值…高于70%，
    # 产值…年均增速高于10%，主导产业…比例高于70%": 44/50/56 ≥ 40, 80% > 70%, 12.8% > 10%,
    # 85% > 70%; 三 "不少于1家主导产业的…专精特新“小巨人”企业": one, in the leading industry;
    # 七 "属于高耗能行业的集群…": not high-energy, not high-water -> CR702/CR703 do not apply.
    # National 2022 一/二 give the same numbers (70%以上 ≥) -> every hard criterion met.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "base-eligible",
        expected=both(ELIGIBLE),
        statuses=st(
            all={
                **CORE_MET,
                "CR201": "met",
                "CR301": "met",
                "CR701": "met",
                "CR702": "not_applicable",
                "CR703": "not_applicable",
            }
        ),
        note="baseline: a fully eligible application under both editions",
    ),
    # Beijing 2023 二 "中小企业产值（或营业收入）占集群总产值（或总营业收入）高于70%":
    # 39.2 / 56.0 = 0.7 exactly in decimal (float 100*39.2/56.0 = 70.00000000000001);
    # 高于 is >, 70% is not above 70% -> CR203 not met (hard) -> ineligible.
    # National 2022 一 "中小企业产值占集群总产值70%以上": 以上 is ≥ -> CR203 met -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "sme-share-exactly-70-float-above",
        indicators={SME: {Y3: 39.2}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR203": "not_met"}, nat={"CR203": "met"}),
        note="decimal boundary: share exactly 70% where float division lands above 70",
    ),
    # Beijing 二 "…高于70%", national 一 "…70%以上": 39.55 / 56.5 = 0.7 exactly in decimal (float
    # 69.99999999999999). Beijing 高于70% (>): not met -> ineligible. National 70%以上 (≥): met ->
    # eligible. Output 44 → 56.5: CAGR 13.3% > 10%; leading 47.6/56.5 = 84% > 70%: still met.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "sme-share-exactly-70-float-below",
        indicators={TOTAL: {Y3: 56.5}, SME: {Y3: 39.55}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR203": "not_met"}, nat={"CR203": "met", "CR204": "met"}),
        note="decimal boundary: share exactly 70% where float division lands below 70",
    ),
    # Beijing 二 "高于70%" / national 一 "70%以上": 39.3 / 56.0 = 70.18% > 70% -> met in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "sme-share-just-above-70",
        indicators={SME: {Y3: 39.3}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR203": "met"}),
        note="decimal boundary: share just above 70% passes both comparators",
    ),
    # Beijing 二 "主导产业占集群总产值（或总营业收入）比例高于70%", national 一 "主导产业占集群
    # 总产值比例高于70%": 39.2 / 56.0 = 70% exactly (float says 70.00000000000001); 高于 is > in
    # both editions -> CR205 not met (hard) -> ineligible in both.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "leading-share-exactly-70",
        indicators={LEAD: {Y3: 39.2}},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR205": "not_met"}),
        note="decimal boundary: leading share exactly 70% fails 高于 in both editions",
    ),
    # Beijing 二 "产值（或营业收入）年均增速高于10%", national 一 "产值年均增速高于10%":
    # 44.0 → 53.24 over two years, 53.24/44 = 1.21 = 1.1² exactly, so growth is exactly 10%
    # (float gives 0.10000000000000009); 高于 is > -> CR204 not met (hard) -> ineligible.
    # Shares stay above 70% (44.8/53.24 = 84%), each year ≥ 40.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "output-growth-exactly-10",
        indicators={TOTAL: {Y3: 53.24}},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR204": "not_met", "CR202": "met"}),
        note="decimal boundary: CAGR exactly 10% (exact in decimal, not in float) fails 高于",
    ),
    # Beijing 二 / national 一 "年均增速高于10%": 44.0 → 53.25 is 10.01% a year > 10% -> met ->
    # eligible in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "output-growth-just-above-10",
        indicators={TOTAL: {Y3: 53.25}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR204": "met"}),
        note="decimal boundary: CAGR just above 10% passes",
    ),
    # Beijing 二 "近三年产值（或营业收入）均在40亿元以上", national 一 "近三年产值均在40
    # 亿元以上": 以上 is ≥; 40.0 in the oldest year is exactly 40 -> CR202 met; growth
    # 40 → 56 = 18.3% > 10% -> eligible in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "output-exactly-40-oldest-year",
        indicators={TOTAL: {Y1: 40.0}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR202": "met", "CR204": "met"}),
        note="boundary: output exactly 40亿元 in one year meets 40亿元以上 (≥)",
    ),
    # Beijing 二 / national 一 "近三年产值…均在40亿元以上": 39.99 < 40 in the oldest year; 均 =
    # every year -> CR202 not met (hard) -> ineligible in both.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "output-below-40-oldest-year",
        indicators={TOTAL: {Y1: 39.99}},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR202": "not_met"}),
        note="boundary: one year below 40亿元 fails 均在40亿元以上",
    ),
    # "近三年产值…均在40亿元以上" (both editions): exactly 40 in the middle year (shares of that
    # year kept below the total); 均在40亿元以上 (≥) met; growth is oldest to newest, 44 → 56 =
    # 12.8% > 10% -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "output-exactly-40-middle-year",
        indicators={TOTAL: {Y2: 40.0}, SME: {Y2: 32.0}, LEAD: {Y2: 34.0}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR202": "met", "CR204": "met"}),
        note="years: a dip to exactly 40 in the middle year; growth from oldest to newest",
    ),
    # Same clause, messy typing: the oldest year typed "400000万元" in the 亿元 row is
    # 40亿元 exactly (issue 14 rule 2: a value typed with its unit is converted and used);
    # 40 ≥ 40 -> CR202 met -> eligible in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "output-exactly-40-typed-in-wan-with-unit",
        indicators={TOTAL: {Y1: "400000万元"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR202": "met", "CR204": "met"}),
        note="unit typed: 400000万元 in a 亿元 row is exactly 40亿元 (converted, used)",
    ),
    # Beijing 二 "集群占地面积一般不超过100平方公里" (national 一 the same): 不超过 is ≤;
    # 100 km² exactly is not over 100 -> CR201 met -> eligible in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "area-exactly-100",
        basic={AREA: 100},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR201": "met"}),
        note="boundary: area exactly 100 km² meets 不超过",
    ),
    # Same clause: "一般不超过" (normally at most) is a soft limit: 100.5 km² warns and does
    # not decide -> CR201 warning, verdict from the other criteria: eligible in both.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "area-over-100-soft",
        basic={AREA: 100.5},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR201": "warning"}),
        note="soft limit: 一般不超过100 km² exceeded warns, never makes ineligible",
    ),
    # "集群占地面积一般不超过100平方公里", messy typing: "  41.5 " with spaces is 41.5 km² ≤ 100 ->
    # met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "area-typed-with-spaces",
        basic={AREA: "  41.5 "},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR201": "met"}),
        note="messy typing: a number with surrounding spaces",
    ),
    # "占地面积一般不超过100平方公里", messy typing: full-width "１００" is 100 km² ≤ 100 -> met ->
    # eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "area-fullwidth-digits",
        basic={AREA: "１００"},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR201": "met"}),
        note="messy typing: full-width digits at the boundary",
    ),
    # Beijing 五 "集群近三年中小企业研发经费年均增长高于 10%": 50000 → 60500 万元,
    # 60500/50000 = 1.21 = 1.1², exactly 10% (float 0.10000000000000009); 高于 is > ->
    # CR501 not met (hard) -> ineligible. National: the figure is not in the reprinted text
    # (research-editions §1.3: unverified); the pack carries the provincial copies' "近三年中小
    # 企业研发经费年均增长高于5%", unconfirmed: 10% > 5% -> CR501 met -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "rd-growth-exactly-10",
        indicators={RD: {Y2: 55000, Y3: 60500}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR501": "not_met"}, nat={"CR501": "met"}),
        note="decimal boundary: R&D growth exactly 10% (national copies: 高于5%)",
    ),
    # Beijing 五 "研发经费年均增长高于 10%": 50000 → 54000 万元 is (1.08)^½ − 1 = 3.9% a year ->
    # CR501 not met -> ineligible. National (provincial copies, unconfirmed) "高于5%": 3.9% is not
    # above 5% either, but rule 8: an unconfirmed number never decides alone -> CR501 warns; the
    # confirmed criteria are all met -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "rd-growth-below-5-unconfirmed-national",
        indicators={RD: {Y2: 52000, Y3: 54000}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR501": "not_met"}, nat={"CR501": "warning"}),
        note="rule 8: R&D growth below both editions' figures; national figure unconfirmed",
    ),
    # Beijing 五 "有效发明专利年均增长率不低于 15%": 400 → 529, 529/400 = 1.3225 = 1.15²,
    # exactly 15% (float 0.1499999999999999); 不低于 is ≥ -> CR502 met -> eligible.
    # National: patent clause absent from the reprint (likely Beijing's addition); the pack
    # has it soft and unconfirmed; it is met anyway -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "patent-growth-exactly-15",
        indicators={PATENTS: {Y3: 529}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR502": "met"}),
        note="decimal boundary: patent CAGR exactly 15% (float just below) meets 不低于",
    ),
    # Beijing 五 "有效发明专利年均增长率不低于 15%": 400 → 528 is 14.89% < 15% -> Beijing CR502 not
    # met (hard) -> ineligible. National: unconfirmed and soft (rule 8, may be Beijing-only) ->
    # warning -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "patent-growth-below-15",
        indicators={PATENTS: {Y3: 528}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR502": "not_met"}, nat={"CR502": "warning"}),
        note="boundary + rule 8: patent growth just below 15%",
    ),
    # Beijing 五 "每万人有效发明专利拥有量不低于 15 个": 78 patents for 52000 people in the
    # latest year = 15.0 per 10,000 exactly; 不低于 is ≥ -> CR503 met. Patent growth
    # 58 → 78 = 16.0% ≥ 15% still met -> eligible in both (national: soft, unconfirmed, met).
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "patents-per-10k-exactly-15",
        indicators={PATENTS: {Y1: 58, Y2: 67, Y3: 78}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR503": "met", "CR502": "met"}),
        note="boundary: patents per 10,000 people exactly 15 meets 不低于",
    ),
    # Beijing 五 "每万人有效发明专利拥有量不低于 15 个": 77 / 52000 × 10000 = 14.81 < 15 -> Beijing
    # CR503 not met -> ineligible. National: unconfirmed, soft -> warning (rule 8) -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "patents-per-10k-below-15",
        indicators={PATENTS: {Y1: 58, Y2: 67, Y3: 77}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR503": "not_met"}, nat={"CR503": "warning"}),
        note="boundary + rule 8: patents per 10,000 just below 15",
    ),
    # Beijing 六 "工业互联网平台应用普及率不低于 15%": 30 of 200 firms = 15% exactly; 不低于
    # is ≥ -> CR601 met -> eligible. National: same figure (unconfirmed), met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "platform-rate-exactly-15",
        indicators={PLATFORM: {Y3: 30}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR601": "met"}),
        note="boundary: platform penetration exactly 15% meets 不低于",
    ),
    # Beijing 六 "工业互联网平台应用普及率不低于 15%": 29 / 200 = 14.5% < 15% -> Beijing CR601 not
    # met (hard) -> ineligible. National: the platform figure is unverified; the pack carries the
    # provincial copies' "不低于10%" (unconfirmed): 14.5% ≥ 10% -> met -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "platform-rate-below-15-unconfirmed-national",
        indicators={PLATFORM: {Y3: 29}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR601": "not_met"}, nat={"CR601": "met"}),
        note="platform 14.5%: below Beijing's 15%, above the national copies' 10%",
    ),
    # Beijing 六 "不低于 15%": 19 / 200 = 9.5% -> not met -> ineligible. National (copies,
    # unconfirmed) "不低于10%": 9.5% < 10% but rule 8: it warns and does not decide alone; every
    # confirmed criterion is met -> eligible.
    # => beijing-2023 ineligible; national-2022 eligible
    case(
        "platform-rate-below-10-unconfirmed-national",
        indicators={PLATFORM: {Y3: 19}},
        expected=both(INELIGIBLE, ELIGIBLE),
        statuses=st(bj={"CR601": "not_met"}, nat={"CR601": "warning"}),
        note="rule 8: a national case failing only an unconfirmed criterion is not ineligible",
    ),
    # Platform 9.5% as above (national: unconfirmed, warns) plus leading share 39.2/56 = 70%
    # exactly: national 一 "主导产业占集群总产值比例高于70%" is confirmed and 高于 is > -> CR205
    # not met -> the confirmed criteria decide: ineligible. Beijing: both not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "unconfirmed-and-confirmed-both-fail",
        indicators={PLATFORM: {Y3: 19}, LEAD: {Y3: 39.2}},
        expected=both(INELIGIBLE),
        statuses=st(
            bj={"CR601": "not_met", "CR205": "not_met"},
            nat={"CR601": "warning", "CR205": "not_met"},
        ),
        note="rule 8: a confirmed failure still decides when an unconfirmed one also fails",
    ),
    # Beijing 三 / national 二 "拥有不少于1家主导产业的制造业单项冠军企业或专精特新“小巨人”
    # 企业，或者不少于10家专精特新中小企业、创新型中小企业和国家级高新技术企业": no champion
    # or 小巨人, exactly 10 distinct qualified firms; 不少于 is ≥ -> CR301 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "ten-qualified-firms-no-giant",
        roster=qualified(10),
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="count boundary: exactly 10 qualified firms, no champion or 小巨人",
    ),
    # "或者不少于10家专精特新中小企业…": 9 qualified firms and no champion/小巨人 -> neither
    # alternative holds -> CR301 not met (hard) -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "nine-qualified-firms-no-giant",
        roster=qualified(9),
        expected=both(INELIGIBLE),
        statuses=st(all={"CR301": "not_met"}),
        note="count boundary: 9 qualified firms is fewer than 10",
    ),
    # Same clause, "不少于10家" counts firms (家), not rows (issue 14 rule 1): 10 rows, the
    # 10th repeating the 3rd row's firm (same credit code, one more qualification typed on the
    # copy) -> 9 distinct firms < 10 -> CR301 not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "duplicate-credit-code-counts-once",
        roster=[*qualified(9), {**qualified(9)[2], HIGH_TECH: 2023}],
        expected=both(INELIGIBLE),
        statuses=st(all={"CR301": "not_met"}),
        note="firms not rows: the same credit code twice counts once",
    ),
    # "不少于10家…" and rule 1: the 10th row is the 9th row's firm again, its name differing
    # only by full-width vs half-width spaces and parentheses and letter case (ａｂｃ / Abc),
    # its credit code left blank; without a code a firm is its name after normalising -> 9
    # distinct firms < 10 -> CR301 not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "duplicate-name-normalised-without-code",
        roster=[
            *qualified(8),
            firm(40, **{HIGH_TECH: 2021}, **{NAME: "北京 Abc 精密科技（北京）有限公司"}),
            firm(
                41,
                **{INNOVATIVE: 2022},
                **{NAME: "北京　ａｂｃ　精密科技(北京)有限公司", CODE: None},
            ),
        ],
        expected=both(INELIGIBLE),
        statuses=st(all={"CR301": "not_met"}),
        note="firms not rows: same name modulo full-width spaces/punctuation/case, no code",
    ),
    # "不少于10家…" and rule 1: 11 rows, one firm listed twice with its credit code -> 10
    # distinct firms ≥ 10 -> CR301 met -> eligible (a duplicate does not hide a real 10).
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "duplicate-still-leaves-ten-firms",
        roster=[*qualified(10), qualified(10)[4]],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="firms not rows: 11 rows, 10 distinct firms still meets 不少于10家",
    ),
    # "不少于10家…", rule 1: one firm holding all three qualifications (专精特新, 创新型,
    # 高新技术) counts once toward the 10: 8 + 1 = 9 firms (11 qualifications) -> not met.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "several-qualifications-count-once-nine-firms",
        roster=[
            *qualified(8),
            firm(30, **{SPECIALISED: 2020, INNOVATIVE: 2021, HIGH_TECH: 2022}),
        ],
        expected=both(INELIGIBLE),
        statuses=st(all={"CR301": "not_met"}),
        note="firms not rows: one firm with three qualifications counts once",
    ),
    # "不少于10家…": 9 single-qualification firms + 1 firm holding three -> 10 firms -> met.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "several-qualifications-count-once-ten-firms",
        roster=[
            *qualified(9),
            firm(30, **{SPECIALISED: 2020, INNOVATIVE: 2021, HIGH_TECH: 2022}),
        ],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="firms not rows: ten distinct firms, one holding several qualifications",
    ),
    # Same clause: "主导产业的…“小巨人”企业": the only 小巨人 is marked 否 (not in the
    # leading industry) so it does not count; 5 qualified firms < 10 -> not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "little-giant-not-in-leading-industry",
        roster=[giant(leading="否"), *qualified(4)],
        expected=both(INELIGIBLE),
        statuses=st(all={"CR301": "not_met"}),
        note="blank is not 否: 否 for the only 小巨人 means it does not count",
    ),
    # "不少于1家主导产业的…“小巨人”企业", issue 14 rule 4 (blank is not 否): 是否属于主导产业 left
    # blank for the only 小巨人 firm, 5 qualified firms: the first alternative cannot be decided,
    # the second fails -> CR301 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "little-giant-leading-blank",
        roster=[giant(leading=None), *qualified(4)],
        expected=both(INCOMPLETE),
        statuses=st(all={"CR301": "missing"}),
        note="blank is not 否: blank 是否属于主导产业 for the only 小巨人 -> missing",
    ),
    # Same clause: the 小巨人's 是否属于主导产业 is blank, but 10 other qualified firms meet
    # "或者不少于10家…" on their own -> CR301 met whatever the blank would say -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "little-giant-leading-blank-ten-qualified",
        roster=[giant(leading=None), *qualified(10)],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="blank is not 否: a blank that cannot change the result does not block",
    ),
    # Same clause: "不少于1家主导产业的制造业单项冠军企业": one 单项冠军 in the leading industry
    # and only 3 qualified firms -> the first alternative holds -> CR301 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "champion-in-leading-industry",
        roster=[firm(50, size="中型", **{CHAMPION: 2021}), *qualified(3)],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="count: one manufacturing single champion in the leading industry suffices",
    ),
    # Same clause, messy typing: the only 小巨人's 是否属于主导产业 typed "是 " with a trailing
    # space is 是 -> it counts -> CR301 met (3 qualified firms besides) -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "little-giant-leading-yes-with-space",
        roster=[giant(leading="是 "), *qualified(3)],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="messy typing: 是 with a trailing space",
    ),
    # "或者不少于10家专精特新中小企业、创新型中小企业和国家级高新技术企业", messy typing: 10
    # qualified firms whose qualification cells are typed as text ("2021年", full-width
    # "２０２２", " 2020 ", or 是 instead of a year) -> each holds it -> 10 ≥ 10 -> met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "qualification-years-typed-as-text",
        roster=[
            firm(60 + i, **{TEN_QUALS[i % 3]: ("2021年", "２０２２", " 2020 ", "是")[i % 4]})
            for i in range(10)
        ],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="messy typing: qualification years as text, full-width digits, spaces",
    ),
    # Issue 14 rule 2: the latest total output typed 560000 in the 亿元 row is a 万元 figure
    # (56亿元) — 56万亿元 for one cluster is implausible; the value is suspect, so the
    # criteria reading it (二 "均在40亿元以上", "年均增速高于10%", both shares of 总产值) are
    # missing data needing correction, neither met nor failed -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "suspect-wan-value-in-yi-row",
        indicators={TOTAL: {Y3: 560000}},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR202": "missing", "CR204": "missing", "CR203": "missing"}),
        note="suspect unit: a 万元-looking value in a 亿元 row does not decide -> incomplete",
    ),
    # Rule 2, second half: "560000万元" typed with its unit is 56亿元, converted and used ->
    # the base values -> every criterion met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "output-typed-in-wan-with-unit",
        indicators={TOTAL: {Y3: "560000万元"}},
        expected=both(ELIGIBLE),
        statuses=st(all=CORE_MET),
        note="unit typed: 560000万元 in a 亿元 row is converted to 56亿元 and used",
    ),
    # Beijing 五 "研发经费年均增长高于 10%" with the R&D row in 万元: the oldest year typed
    # "5亿元" is 50000万元 (converted), the base value -> 14.0% > 10% -> met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "rd-typed-in-yi-with-unit",
        indicators={RD: {Y1: "5亿元"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR501": "met"}),
        note="unit typed: 5亿元 in a 万元 row is converted to 50000万元",
    ),
    # Issue 14 rule 3: 近三年 = the three full years before 2025 (2022–2024). The 2022 total
    # output is blank: "近三年产值…均在40亿元以上" and the growth from 2022 cannot be decided,
    # and no other year may stand in -> CR202, CR204 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "total-output-oldest-year-blank",
        indicators={TOTAL: {Y1: None}},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR202": "missing", "CR204": "missing"}),
        note="years: a required year blank -> missing, never replaced by another year",
    ),
    # Rule 3: the latest year's SME output is blank: the SME share ("高于70%" / "70%以上")
    # cannot be computed for the newest year -> CR203 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "sme-output-latest-year-blank",
        indicators={SME: {Y3: None}},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR203": "missing"}),
        note="years: the latest year's value blank -> missing, not an older year's share",
    ),
    # "近三年产值…均在40亿元以上": 近三年 follows the application year: applying in 2024, the three
    # years are 2021–2023 and carry the base values -> everything met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "application-year-2024",
        year=2024,
        expected=both(ELIGIBLE),
        statuses=st(all=CORE_MET),
        note="years: 近三年 relative to application year 2024 (2021-2023)",
    ),
    # Beijing 七 "二氧化碳排放量强度持续下降" (national 六 the same structure; the pack reads it
    # hard in both): the latest year blank -> whether it kept falling cannot be decided ->
    # CR701 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "co2-latest-year-blank",
        indicators={CO2: {Y3: None}},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR701": "missing"}),
        note="trend: CO₂ intensity of a required year blank -> missing",
    ),
    # "二氧化碳排放量强度持续下降": 0.42 → 0.39 → 0.39: flat in the last year, so it did not keep
    # falling (持续下降) -> CR701 not met (hard) -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "co2-flat-last-year",
        indicators={CO2: {Y3: 0.39}},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR701": "not_met"}),
        note="trend: CO₂ intensity not falling in the last year fails 持续下降",
    ),
    # "二氧化碳排放量强度持续下降": 0.42 → 0.45 → 0.35 (lower overall, but it rose in the middle
    # year) -> not falling continuously -> CR701 not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "co2-rises-then-falls",
        indicators={CO2: {Y2: 0.45}},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR701": "not_met"}),
        note="trend: a rise in the middle year fails 持续下降 though the end is lower",
    ),
    # Beijing 六 "工业软件应用率稳步提升": 68 → 61 → 55% falls -> not rising; the pack reads
    # this soft (qualitative dimension, optional row) -> CR606 warning, not deciding -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "software-rate-falling-soft",
        indicators={SOFTWARE: {Y1: 68, Y2: 61, Y3: 55}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR606": "warning"}),
        note="trend: a soft trend failing warns only",
    ),
    # "工业软件应用率稳步提升", messy typing: "55%", " 61 ％" (spaces, full-width ％),
    # "70%" rise -> CR606 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "software-rate-typed-with-percent-signs",
        indicators={SOFTWARE: {Y1: "55%", Y2: " 61 ％", Y3: "70%"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR606": "met"}),
        note="messy typing: percentages typed with %, spaces and full-width ％",
    ),
    # "工业软件应用率稳步提升", messy typing: 0.55, 0.61, 0.7 typed as fractions of one (as Excel
    # stores 55%) rise under any reading -> CR606 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "software-rate-typed-as-fractions",
        indicators={SOFTWARE: {Y1: 0.55, Y2: 0.61, Y3: 0.7}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR606": "met"}),
        note="messy typing: shares typed as 0.55 / 0.7 rather than 55% / 70%",
    ),
    # Issue 14 rule 5 (optional is optional): 所在市, 电子邮箱, the software rate row and every
    # firm's revenue are optional (no *) and left blank; no clause of either standard needs
    # them for a verdict; CR702/CR703 apply only to high-energy / high-water clusters (七 "属于
    # 高耗能行业的集群…") -> not applicable -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "optional-fields-blank",
        basic={"所在市": None, "电子邮箱": None},
        indicators={SOFTWARE: {Y1: None, Y2: None, Y3: None}},
        roster=[{**row, REVENUE: None} for row in BASE_ROSTER],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR702": "not_applicable", "CR703": "not_applicable", **CORE_MET}),
        note="optional is optional: blank optional fields never block",
    ),
    # Beijing 七 "属于高耗能行业的集群，能效水平高于行业基准值": high-energy 是; latest energy
    # use 0.60 per 万元 against a benchmark of 0.80 — less energy per output is a better
    # efficiency -> CR702 met -> eligible (national: same clause structure, pack hard).
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "energy-better-than-benchmark",
        basic={HIGH_ENERGY: "是"},
        indicators={
            ENERGY: {Y1: 0.66, Y2: 0.63, Y3: 0.60},
            ENERGY_BM: {Y1: 0.80, Y2: 0.80, Y3: 0.80},
        },
        expected=both(ELIGIBLE),
        statuses=st(all={"CR702": "met", "CR703": "not_applicable"}),
        note="conditional: high-energy cluster better than its benchmark",
    ),
    # "能效水平高于行业基准值": latest energy use 0.80 equals the benchmark 0.80: efficiency equal
    # to the benchmark is not 高于 it -> CR702 not met (hard) -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "energy-equal-to-benchmark",
        basic={HIGH_ENERGY: "是"},
        indicators={
            ENERGY: {Y1: 0.86, Y2: 0.83, Y3: 0.80},
            ENERGY_BM: {Y1: 0.80, Y2: 0.80, Y3: 0.80},
        },
        expected=both(INELIGIBLE),
        statuses=st(all={"CR702": "not_met"}),
        note="boundary: efficiency equal to the benchmark is not 高于 it",
    ),
    # "属于高耗能行业的集群，能效水平高于行业基准值", rule 4: high-energy 是 but the benchmark the
    # rule needs is blank (the row is optional in the template, required by the clause for this
    # cluster) -> CR702 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "energy-benchmark-blank",
        basic={HIGH_ENERGY: "是"},
        indicators={ENERGY: {Y1: 0.66, Y2: 0.63, Y3: 0.60}},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR702": "missing"}),
        note="blank is not 否: a benchmark the energy rule needs left blank -> missing",
    ),
    # Beijing 七 "属于高用水行业的集群，水效水平高于行业基准值": high-water 是; 11.0 m³ per
    # 万元 against a benchmark of 15.0 -> better -> CR703 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "water-better-than-benchmark",
        basic={HIGH_WATER: "是"},
        indicators={
            WATER: {Y1: 12.0, Y2: 11.5, Y3: 11.0},
            WATER_BM: {Y1: 15.0, Y2: 15.0, Y3: 15.0},
        },
        expected=both(ELIGIBLE),
        statuses=st(all={"CR703": "met", "CR702": "not_applicable"}),
        note="conditional: high-water cluster better than its benchmark",
    ),
    # Beijing 一 2 "集群企业近三年未发生较大及以上安全…的行为" (national preamble the same):
    # the declaration left blank is not a 否 — nothing is declared -> CR102 missing ->
    # incomplete (rule 4).
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "declaration-blank",
        declarations={"CR102": None},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR102": "missing"}),
        note="blank is not 否: a blank declaration -> missing",
    ),
    # "集群企业近三年未发生…": 否 declares that such an incident happened -> the basic condition
    # fails -> CR102 not met (hard) -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "declaration-no",
        declarations={"CR102": "否"},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR102": "not_met"}),
        note="declaration answered 否 fails the basic condition",
    ),
    # Beijing 一 2 "…无不良信用记录" with both declarations typed "是 " / " 是" (spaces) -> 是
    # -> CR102, CR103 met -> eligible. National: the preamble's negative list (CR102) ends at
    # "…严重失信和其它重大问题的行为" — no 无不良信用记录 (Beijing's addition), so its template
    # has no CR103 row -> CR102 met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "declarations-yes-with-spaces",
        declarations={"CR102": "是 ", "CR103": " 是"},
        expected=both(ELIGIBLE),
        statuses=st(bj={"CR102": "met", "CR103": "met"}, nat={"CR102": "met"}),
        note="messy typing: 是 with spaces in declarations",
    ),
    # Beijing 二 "集群主导产业发展水平位居细分领域全国前列" (national 一 the same; the pack
    # holds section 二/一 hard): answered 否 -> CR206 not met -> ineligible.
    # => beijing-2023 ineligible; national-2022 ineligible
    case(
        "qualitative-hard-no",
        qualitative={"CR206": ("否", "细分领域排名靠后。", None)},
        expected=both(INELIGIBLE),
        statuses=st(all={"CR206": "not_met"}),
        note="qualitative hard item answered 否",
    ),
    # "位居细分领域全国前列", rule 4: 是否满足 left blank (description and evidence also blank) ->
    # not an answer, not 否 -> CR206 missing -> incomplete.
    # => beijing-2023 incomplete; national-2022 incomplete
    case(
        "qualitative-hard-blank",
        qualitative={"CR206": (None, None, None)},
        expected=both(INCOMPLETE),
        statuses=st(all={"CR206": "missing"}),
        note="blank is not 否: a hard qualitative item unanswered -> missing",
    ),
    # Beijing 四 "集群产业链布局合理" (national 三 the same): a qualitative item of sections
    # 四–九, soft (experts weigh it): 否 warns -> CR401 warning -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "qualitative-soft-no",
        qualitative={"CR401": ("否", "产业链布局尚在完善。", None)},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR401": "warning"}),
        note="qualitative soft item answered 否 warns only",
    ),
    # "集群产业链布局合理", rule 4: left blank -> missing (not 否), but soft -> does not decide ->
    # eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "qualitative-soft-blank",
        qualitative={"CR401": (None, None, None)},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR401": "missing"}),
        note="blank is not 否: a soft item unanswered is missing but does not decide",
    ),
    # Beijing 二 "近三年产值…均在40亿元以上" etc., messy typing: the middle year's output typed
    # in full-width "５０．０" and the latest firm count "２００" read 50.0 and 200 — the
    # base values -> every criterion met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "indicators-fullwidth-digits",
        indicators={TOTAL: {Y2: "５０．０"}, FIRMS: {Y3: "２００"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR202": "met", "CR601": "met"}),
        note="messy typing: full-width digits and decimal point in indicators",
    ),
    # Beijing 五 "研发经费年均增长高于 10%": "50,000", "57,000", "65,000" with thousands
    # separators are the base values -> 14.0% > 10% -> met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "rd-typed-with-thousands-separators",
        indicators={RD: {Y1: "50,000", Y2: "57,000", Y3: "65,000"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR501": "met"}),
        note="messy typing: thousands separators",
    ),
    # Beijing 六 "工业互联网平台应用普及率不低于 15%": counts typed with their unit word
    # ("200家", "50 家") are 200 and 50 -> 25% ≥ 15% -> met -> eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "counts-typed-with-unit-word",
        indicators={FIRMS: {Y3: "200家"}, PLATFORM: {Y3: "50 家"}},
        expected=both(ELIGIBLE),
        statuses=st(all={"CR601": "met"}),
        note="messy typing: counts typed with 家",
    ),
    # No clause reads the signing date or a firm's size for the verdict; the date typed as
    # text "2025年4月20日", sizes typed "小型 " and "中" -> nothing a clause needs changes ->
    # eligible.
    # => beijing-2023 eligible; national-2022 eligible
    case(
        "date-and-size-typed-loosely",
        declarations={SIGNED_ON: "2025年4月20日"},
        roster=[{**BASE_ROSTER[0], SIZE: "中"}, *({**r, SIZE: "小型 "} for r in BASE_ROSTER[1:])],
        expected=both(ELIGIBLE),
        statuses=st(all={"CR301": "met"}),
        note="messy typing: a date as Chinese text, sizes with spaces or without 型",
    ),
    # National 2022 (county level): a county-level cluster in 江苏省常熟市 with the base
    # figures meets every confirmed criterion (一 "近三年产值均在40 亿元以上，中小企业产值占
    # 集群总产值70%以上…") -> eligible. Only derived for national: Beijing's standard is for
    # Beijing districts.
    # => national-2022 eligible
    case(
        "national-county-jiangsu",
        basic={
            "集群名称": "常熟市精密传感器件产业集群",
            "所在省（区、市）": "江苏省",
            "所在市": "苏州市",
            "所在区（县）": "常熟市",
            "区（县）行政区划代码": "320581",
            "运营管理机构名称": "常熟市精密传感器件产业集群促进中心",
            "运营管理机构统一社会信用代码": uscc("12320581MB0123456"),
            "申报单位": "常熟市精密传感器件产业集群促进中心",
            "联系电话": "0512-52345678",
        },
        expected={NAT: ELIGIBLE},
        statuses={NAT: dict(CORE_MET)},
        note="edition: a county outside Beijing under the national standard",
    ),
)
