"""Smoke cases for the acceptance machinery (filler, transports, runner), in the format of
tests/acceptance/cases.py (see /work/briefs/acceptance-format.md). They exercise only what the
reader owns: the layout as it travels and years by their headings. The base application is
sample_data/01-eligible-beijing.xlsx, application year 2023, so 近三年 = 2020-2022.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


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
    # smoke only: the year headings as typed over the template's year columns (None: as written)
    year_headings: tuple[object, ...] | None = None


BASIC: dict[str, object] = {
    "集群名称": "北京市大兴区医疗器械产业集群",
    "所在省（区、市）": "北京市",
    "所在市": "北京市",
    "所在区（县）": "大兴区",
    "区（县）行政区划代码": "110115",
    "主导产业": "医药制造业",
    "细分领域": "医疗器械",
    "集群占地面积": 38.1,
    "运营管理机构名称": "大兴区医疗器械产业集群管理委员会",
    "运营管理机构统一社会信用代码": "1111011524JUY44M82",
    "申报单位": "大兴区医疗器械产业集群管理委员会",
    "联系人": "陈静",
    "联系电话": "060-89182207",
    "电子邮箱": "cluster230@example.cn",
    "是否属于高耗能行业": "否",
    "是否属于高用水行业": "否",
}
INDICATORS: dict[str, dict[int, object]] = {
    "集群总产值（或营业收入）": {2020: 52.4, 2021: 59.8, 2022: 68.3},
    "中小企业产值（或营业收入）": {2020: 40.87, 2021: 46.64, 2022: 53.27},
    "主导产业产值（或营业收入）": {2020: 42.97, 2021: 49.04, 2022: 56.01},
    "集群企业数量": {2020: 189, 2021: 199, 2022: 209},
    "中小企业研发经费": {2020: 66369, 2021: 75661, 2022: 86253},
    "有效发明专利数": {2020: 105, 2021: 124, 2022: 147},
    "从业人员数": {2020: 50608, 2021: 51608, 2022: 52608},
    "应用工业互联网平台的企业数": {2020: 31, 2021: 39, 2022: 50},
    "二氧化碳排放强度": {2020: 0.42, 2021: 0.39, 2022: 0.35},
    "工业软件应用率": {2020: 0.55, 2021: 0.61, 2022: 0.68},
}
ROSTER: tuple[dict[str, object], ...] = (
    {
        "企业名称": "北京智能甲01有限公司",
        "统一社会信用代码": "91110115JU6LU1B3HN",
        "企业规模": "大型",
        "是否属于主导产业": "是",
        "专精特新“小巨人”": 2020,
        "专精特新中小企业": 2019,
        "营业收入（最近年度）（亿元）": 1.71,
    },
    {
        "企业名称": "北京精密乙02有限公司",
        "统一社会信用代码": "91110115N4M88MGJQH",
        "企业规模": "大型",
        "是否属于主导产业": "是",
        "创新型中小企业": 2020,
        "营业收入（最近年度）（亿元）": 1.66,
    },
    {
        "企业名称": "北京科技丙03有限公司",
        "统一社会信用代码": "91110115CF60U60LF7",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "国家级高新技术企业": 2021,
        "营业收入（最近年度）（亿元）": 5.76,
    },
    {
        "企业名称": "北京创新丁04有限公司",
        "统一社会信用代码": "91110115T22EDF0KYQ",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "专精特新中小企业": 2022,
        "营业收入（最近年度）（亿元）": 2.05,
    },
    {
        "企业名称": "北京智造戊05有限公司",
        "统一社会信用代码": "911101150KHJTFHQ5Q",
        "企业规模": "中型",
        "是否属于主导产业": "是",
        "创新型中小企业": 2019,
        "营业收入（最近年度）（亿元）": 1.54,
    },
    {
        "企业名称": "北京装备己06有限公司",
        "统一社会信用代码": "9111011575P8YA8A89",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "国家级高新技术企业": 2020,
        "营业收入（最近年度）（亿元）": 4.78,
    },
    {
        "企业名称": "北京信息庚07有限公司",
        "统一社会信用代码": "9111011532RMTXKD2W",
        "企业规模": "中型",
        "是否属于主导产业": "是",
        "专精特新中小企业": 2021,
        "营业收入（最近年度）（亿元）": 2.81,
    },
    {
        "企业名称": "北京材料辛08有限公司",
        "统一社会信用代码": "911101154XDKT55G1K",
        "企业规模": "小型",
        "是否属于主导产业": "否",
        "创新型中小企业": 2022,
        "营业收入（最近年度）（亿元）": 3.09,
    },
    {
        "企业名称": "北京电子壬09有限公司",
        "统一社会信用代码": "91110115332BE6183B",
        "企业规模": "中型",
        "是否属于主导产业": "是",
        "国家级高新技术企业": 2019,
        "营业收入（最近年度）（亿元）": 2.42,
    },
    {
        "企业名称": "北京生物癸10有限公司",
        "统一社会信用代码": "91110115PG4X6ENY1P",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "专精特新中小企业": 2020,
        "营业收入（最近年度）（亿元）": 0.82,
    },
    {
        "企业名称": "北京智能甲11有限公司",
        "统一社会信用代码": "91110115QRR8LHPRUL",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "创新型中小企业": 2021,
        "营业收入（最近年度）（亿元）": 2.92,
    },
    {
        "企业名称": "北京精密乙12有限公司",
        "统一社会信用代码": "91110115N7HB6KAX8G",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "国家级高新技术企业": 2022,
        "营业收入（最近年度）（亿元）": 4.06,
    },
    {
        "企业名称": "北京科技丙13有限公司",
        "统一社会信用代码": "91110115XBF98BQ3K3",
        "企业规模": "中型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 4.96,
    },
    {
        "企业名称": "北京创新丁14有限公司",
        "统一社会信用代码": "91110115EQEEMRG7P7",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 3.16,
    },
    {
        "企业名称": "北京智造戊15有限公司",
        "统一社会信用代码": "91110115RNTN4AJYUE",
        "企业规模": "微型",
        "是否属于主导产业": "否",
        "营业收入（最近年度）（亿元）": 0.92,
    },
    {
        "企业名称": "北京装备己16有限公司",
        "统一社会信用代码": "9111011583U4FEQGQA",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 1.51,
    },
    {
        "企业名称": "北京信息庚17有限公司",
        "统一社会信用代码": "911101150MERD3DBNH",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 3.06,
    },
    {
        "企业名称": "北京材料辛18有限公司",
        "统一社会信用代码": "911101153BXXH0XHGX",
        "企业规模": "微型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 1.63,
    },
    {
        "企业名称": "北京电子壬19有限公司",
        "统一社会信用代码": "91110115JA9W3YKU17",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 3.52,
    },
    {
        "企业名称": "北京生物癸20有限公司",
        "统一社会信用代码": "91110115GDRCA9YK3B",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 5.58,
    },
    {
        "企业名称": "北京智能甲21有限公司",
        "统一社会信用代码": "91110115Q5B81R0FP2",
        "企业规模": "中型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 4.61,
    },
    {
        "企业名称": "北京精密乙22有限公司",
        "统一社会信用代码": "9111011562HFGF27BG",
        "企业规模": "微型",
        "是否属于主导产业": "否",
        "营业收入（最近年度）（亿元）": 4.8,
    },
    {
        "企业名称": "北京科技丙23有限公司",
        "统一社会信用代码": "91110115CQ239WNF68",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 4.98,
    },
    {
        "企业名称": "北京创新丁24有限公司",
        "统一社会信用代码": "91110115U3GCYTX0B1",
        "企业规模": "小型",
        "是否属于主导产业": "是",
        "营业收入（最近年度）（亿元）": 1.59,
    },
)
QUALITATIVE = {
    code: ("是", "已建立相应机制并持续运行（示例文字）。", "1. 工作方案；2. 年度报告")
    for code in (
        "CR101",
        "CR206",
        "CR207",
        "CR401",
        "CR402",
        "CR403",
        "CR404",
        "CR504",
        "CR505",
        "CR506",
        "CR507",
        "CR602",
        "CR603",
        "CR604",
        "CR605",
        "CR607",
        "CR608",
        "CR609",
        "CR704",
        "CR705",
        "CR706",
        "CR707",
        "CR801",
        "CR802",
        "CR803",
        "CR901",
        "CR902",
        "CR903",
        "CR904",
        "CR905",
        "CR906",
    )
}
DECLARATIONS: dict[str, object] = {
    "CR102": "是",
    "CR103": "是",
    "承诺人（签字）": "王明",
    "承诺日期": "2023-04-20",
}

# 2023年版 一、二(3)…: "近三年产值…均在40亿元以上": 52.4, 59.8, 68.3 >= 40, met. "中小企业产值…
# 占…高于70%": 53.27/68.3 = 78.0% > 70, met (CR203). "年均增速高于10%": (68.3/52.4)^(1/2)-1 =
# 14.2% > 10, met. "主导产业…比例高于70%": 56.01/68.3 = 82.0%, met. 三 "不少于1家主导产业的…
# 专精特新“小巨人”企业": firm 01 holds 小巨人 (2019) and 是否属于主导产业 = 是, met (CR301).
# 五 "研发经费年均增长高于 10%": (86253/66369)^(1/2)-1 = 14.0%; "有效发明专利年均增长率不低于
# 15%": (147/105)^(1/2)-1 = 18.3%; "每万人…不低于 15 个": 147/52608*1e4 = 27.9: met. Every
# qualitative condition answered 是 with description and evidence (review), declarations 是 and
# signed: -> eligible.
BASELINE = Case(
    id="smoke-eligible-baseline",
    application_year=2023,
    basic=BASIC,
    indicators=INDICATORS,
    roster=ROSTER,
    qualitative=QUALITATIVE,
    declarations=DECLARATIONS,
    expected={"beijing-2023": "eligible"},
    statuses={"beijing-2023": {"CR201": "met", "CR203": "met", "CR301": "met"}},
    note="the base application: every transport must keep its verdict",
)

SMOKE_CASES: tuple[Case, ...] = (
    BASELINE,
    # Rule 3: each value belongs to the year of its column heading. Headings typed newest first
    # (2022, 2021, 2020) with the values under their own years: the same series as the
    # baseline, so the same derivation -> eligible; growth still 52.4 -> 68.3 = 14.2% (CR202).
    replace(
        BASELINE,
        id="smoke-years-newest-first",
        year_headings=(2022, 2021, 2020),
        statuses={"beijing-2023": {"CR202": "met", "CR203": "met"}},
        note="year columns newest first",
    ),
    # Rule 3: headings typed as text "2020年" name the same years: as the baseline -> eligible.
    replace(
        BASELINE,
        id="smoke-years-typed-as-text",
        year_headings=("2020年", "2021年", "2022年"),
        statuses={"beijing-2023": {"CR202": "met", "CR203": "met"}},
        note="year headings typed as text",
    ),
    # Rule 3: 近三年 for 2023 is 2020-2022. Headings 2019, 2020, 2021: 2022 is absent, so the
    # criteria needing the latest year (CR203 share "高于70%" of 2022) have no data: missing,
    # never 2021's value -> 材料不全 (incomplete).
    replace(
        BASELINE,
        id="smoke-required-year-absent",
        year_headings=(2019, 2020, 2021),
        indicators={
            label: {2019: v[2020], 2020: v[2020], 2021: v[2021]} for label, v in INDICATORS.items()
        },
        expected={"beijing-2023": "incomplete"},
        statuses={"beijing-2023": {"CR203": "missing"}},
        note="a required year without a column stays absent",
    ),
    # 二 "中小企业产值…占…高于70%": 60% of the total every year (31.44/52.4, 35.88/59.8,
    # 40.98/68.3 = 60.0%) is not > 70: CR203 not met (hard) -> ineligible.
    replace(
        BASELINE,
        id="smoke-sme-share-60",
        indicators={
            **INDICATORS,
            "中小企业产值（或营业收入）": {2020: 31.44, 2021: 35.88, 2022: 40.98},
        },
        expected={"beijing-2023": "ineligible"},
        statuses={"beijing-2023": {"CR203": "not_met"}},
        note="a failed threshold survives every transport",
    ),
)
