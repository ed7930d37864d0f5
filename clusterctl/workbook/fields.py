"""The catalogue of the standard application workbook: sheets, fields, indicators, roster columns.

This is the contract between the template writer, the reader and the evaluation. Every input
carries a stable *field key*; the template writes the keys into a hidden column (``A``) of each
row, and for the roster into a hidden key row, so inserted rows, reordered columns and renamed or
reordered sheets do not fool the reader. Each sheet is recognised by the marker
``#sheet:<key>`` in its cell ``A1``.

Bump :data:`TEMPLATE_VERSION` when the layout changes in a way an older reader cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clusterctl.i18n import Text, t

TEMPLATE_VERSION = "1"
SHEET_MARKER_PREFIX = "#sheet:"
KEY_COLUMN = 1  # hidden column A holds field keys


class FieldType(StrEnum):
    TEXT = "text"
    INT = "int"  # whole number, e.g. a year or a count
    NUMBER = "number"  # decimal with a unit
    PERCENT = "percent"  # stored as 0..100; "75%" and 0.75 are both read as 75
    BOOL = "bool"  # 是/否
    CHOICE = "choice"
    DATE = "date"
    USCC = "uscc"  # unified social credit code
    DIVISION = "division"  # 6-digit administrative division code
    PHONE = "phone"
    EMAIL = "email"
    YEAR_OR_BOOL = "year_or_bool"  # qualification cell: year obtained, or 是


@dataclass(frozen=True, slots=True)
class Sheet:
    key: str
    title: Text


SHEETS: tuple[Sheet, ...] = (
    Sheet("instructions", t("填报说明", "Instructions")),
    Sheet("basic", t("基本信息", "Basic information")),
    Sheet("indicators", t("指标数据", "Indicators")),
    Sheet("roster", t("企业名录", "Enterprise roster")),
    Sheet("qualitative", t("定性条件", "Qualitative conditions")),
    Sheet("declarations", t("承诺声明", "Declarations")),
)
SHEET_BY_KEY = {s.key: s for s in SHEETS}


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # stable key, written into the workbook
    label: Text
    type: FieldType
    required: bool = False
    unit: Text | None = None
    choices: tuple[str, ...] = ()  # for CHOICE (Chinese values as typed in the workbook)
    help: Text | None = None  # the template's note beside the input


YES_NO = ("是", "否")

BASIC_FIELDS: tuple[Field, ...] = (
    Field(
        "cluster_name",
        t("集群名称", "Cluster name"),
        FieldType.TEXT,
        True,
        help=t(
            "例：北京市海淀区行业应用软件产业集群",
            "e.g. Haidian District Application Software Cluster",
        ),
    ),
    Field("province", t("所在省（区、市）", "Province"), FieldType.TEXT, True),
    Field("city", t("所在市", "City"), FieldType.TEXT),
    Field("district", t("所在区（县）", "District or county"), FieldType.TEXT, True),
    Field(
        "division_code",
        t("区（县）行政区划代码", "Division code (GB/T 2260)"),
        FieldType.DIVISION,
        True,
        help=t("6位数字，例：110108", "6 digits, e.g. 110108"),
    ),
    Field("leading_industry", t("主导产业", "Leading industry"), FieldType.TEXT, True),
    Field("niche", t("细分领域", "Niche"), FieldType.TEXT, True),
    Field(
        "area_km2",
        t("集群占地面积", "Cluster area"),
        FieldType.NUMBER,
        True,
        unit=t("平方公里", "km²"),
    ),
    Field("operator_name", t("运营管理机构名称", "Operating body"), FieldType.TEXT, True),
    Field(
        "operator_uscc",
        t("运营管理机构统一社会信用代码", "Operating body credit code"),
        FieldType.USCC,
        True,
        help=t("18位统一社会信用代码", "18-character unified social credit code"),
    ),
    Field("applicant", t("申报单位", "Applicant"), FieldType.TEXT, True),
    Field("contact_person", t("联系人", "Contact person"), FieldType.TEXT, True),
    Field("contact_phone", t("联系电话", "Phone"), FieldType.PHONE, True),
    Field("contact_email", t("电子邮箱", "E-mail"), FieldType.EMAIL),
    Field(
        "application_year",
        t("申报年度", "Application year"),
        FieldType.INT,
        True,
        help=t(
            "指标数据填报申报年度之前的三个完整年度",
            "Indicators cover the three full years before it",
        ),
    ),
    Field(
        "edition",
        t("认定标准版本", "Criteria edition"),
        FieldType.TEXT,
        True,
        help=t("由模板生成，请勿修改", "Written by the template; do not change"),
    ),
    Field(
        "high_energy",
        t("是否属于高耗能行业", "High-energy industry"),
        FieldType.BOOL,
        True,
        choices=YES_NO,
    ),
    Field(
        "high_water",
        t("是否属于高用水行业", "High-water industry"),
        FieldType.BOOL,
        True,
        choices=YES_NO,
    ),
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """A three-year indicator row of the 指标数据 sheet."""

    key: str
    label: Text
    unit: Text
    type: FieldType = FieldType.NUMBER
    required: bool = True  # required when a pack reads it
    help: Text | None = None


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "total_output",
        t("集群总产值（或营业收入）", "Total output (or revenue)"),
        t("亿元", "100M CNY"),
    ),
    Indicator(
        "sme_output",
        t("中小企业产值（或营业收入）", "SME output (or revenue)"),
        t("亿元", "100M CNY"),
    ),
    Indicator(
        "leading_output",
        t("主导产业产值（或营业收入）", "Leading-industry output"),
        t("亿元", "100M CNY"),
    ),
    Indicator("firm_count", t("集群企业数量", "Number of firms"), t("家", "firms"), FieldType.INT),
    Indicator("sme_rd_spending", t("中小企业研发经费", "SME R&D spending"), t("万元", "10k CNY")),
    Indicator(
        "invention_patents",
        t("有效发明专利数", "Effective invention patents"),
        t("件", "patents"),
        FieldType.INT,
    ),
    Indicator("employees", t("从业人员数", "Employees"), t("人", "people"), FieldType.INT),
    Indicator(
        "platform_firms",
        t("应用工业互联网平台的企业数", "Firms on industrial-internet platforms"),
        t("家", "firms"),
        FieldType.INT,
    ),
    Indicator(
        "co2_intensity",
        t("二氧化碳排放强度", "CO₂ emission intensity"),
        t("吨/万元", "t per 10k CNY"),
    ),
    Indicator(
        "energy_intensity",
        t("单位产值能耗", "Energy use per output"),
        t("吨标准煤/万元", "tce per 10k CNY"),
        required=False,
        help=t("高耗能行业必填", "Required for high-energy industries"),
    ),
    Indicator(
        "energy_benchmark",
        t("行业能效基准值", "Industry energy benchmark"),
        t("吨标准煤/万元", "tce per 10k CNY"),
        required=False,
        help=t("高耗能行业必填", "Required for high-energy industries"),
    ),
    Indicator(
        "water_intensity",
        t("单位产值用水量", "Water use per output"),
        t("立方米/万元", "m³ per 10k CNY"),
        required=False,
        help=t("高用水行业必填", "Required for high-water industries"),
    ),
    Indicator(
        "water_benchmark",
        t("行业水效基准值", "Industry water benchmark"),
        t("立方米/万元", "m³ per 10k CNY"),
        required=False,
        help=t("高用水行业必填", "Required for high-water industries"),
    ),
    Indicator(
        "standards_count",
        t("主导产业标准制修订数", "Standards set or revised"),
        t("项", "standards"),
        FieldType.INT,
        required=False,
    ),
    Indicator(
        "overseas_branches",
        t("海外分支机构数", "Overseas branches"),
        t("个", "branches"),
        FieldType.INT,
        required=False,
    ),
    Indicator("export_value", t("出口额", "Exports"), t("亿元", "100M CNY"), required=False),
    Indicator(
        "software_rate",
        t("工业软件应用率", "Industrial software adoption"),
        t("%", "%"),
        FieldType.PERCENT,
        required=False,
        help=t("填写百分比，如 75%", "A percentage, e.g. 75%"),
    ),
)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}
YEARS_PER_APPLICATION = 3


class Qualification(StrEnum):
    """Enterprise qualifications counted by the tiered-cultivation criterion."""

    CHAMPION = "champion"  # 制造业单项冠军
    LITTLE_GIANT = "little_giant"  # 专精特新"小巨人"
    SPECIALISED = "specialised"  # 专精特新中小企业
    INNOVATIVE = "innovative"  # 创新型中小企业
    HIGH_TECH = "high_tech"  # 国家级高新技术企业

    @property
    def label(self) -> Text:
        return QUALIFICATION_LABELS[self]


QUALIFICATION_LABELS = {
    Qualification.CHAMPION: t("制造业单项冠军", "Manufacturing single champion"),
    Qualification.LITTLE_GIANT: t("专精特新“小巨人”", "Specialised 'little giant'"),
    Qualification.SPECIALISED: t("专精特新中小企业", "Specialised SME"),
    Qualification.INNOVATIVE: t("创新型中小企业", "Innovative SME"),
    Qualification.HIGH_TECH: t("国家级高新技术企业", "National high-tech enterprise"),
}

FIRM_SIZES = ("大型", "中型", "小型", "微型")

ROSTER_COLUMNS: tuple[Field, ...] = (
    Field("name", t("企业名称", "Firm name"), FieldType.TEXT, True),
    Field("uscc", t("统一社会信用代码", "Credit code"), FieldType.USCC, True),
    Field("size", t("企业规模", "Size"), FieldType.CHOICE, True, choices=FIRM_SIZES),
    Field(
        "in_leading",
        t("是否属于主导产业", "In the leading industry"),
        FieldType.BOOL,
        True,
        choices=YES_NO,
    ),
    *(
        Field(
            f"q_{q.value}",
            QUALIFICATION_LABELS[q],
            FieldType.YEAR_OR_BOOL,
            help=t("填写获评年份，未获评留空", "Year obtained; blank if none"),
        )
        for q in Qualification
    ),
    Field(
        "revenue",
        t("营业收入（最近年度）", "Revenue (latest year)"),
        FieldType.NUMBER,
        unit=t("亿元", "100M CNY"),
    ),
)

QUALITATIVE_COLUMNS: tuple[Field, ...] = (
    Field("met", t("是否满足", "Met"), FieldType.BOOL, True, choices=YES_NO),
    Field("description", t("情况说明", "Description"), FieldType.TEXT),
    Field("evidence", t("佐证材料清单", "Evidence"), FieldType.TEXT),
)

DECLARATION_FIELDS: tuple[Field, ...] = (
    Field("signatory", t("承诺人（签字）", "Signatory"), FieldType.TEXT, True),
    Field("signed_on", t("承诺日期", "Date"), FieldType.DATE, True),
)
