"""Compatibility views; the layout lives in kinds/*.toml.

Every name here is DERIVED from the application kind (:func:`clusterctl.workbook.kind.load_kind`)
and kept for the modules that imported them before workbook kinds became data. New code reads
the kind (sheets, fields, columns) and the pack (``pack.input_indicators()``, ``pack.indicator``)
instead. :data:`INDICATORS` is the catalogue the criteria loader's interim step reads until packs
declare their own indicators; the template, reader and validation never consult it.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterctl.i18n import Text, t
from clusterctl.workbook.kind import (
    KEY_COLUMN,
    SHEET_MARKER_PREFIX,
    Field,
    FieldType,
    Sheet,
    load_kind,
)
from clusterctl.workbook.model import QUALIFICATION_LABELS, Qualification

__all__ = [
    "BASIC_FIELDS",
    "DECLARATION_FIELDS",
    "FIRM_SIZES",
    "INDICATORS",
    "INDICATOR_BY_KEY",
    "KEY_COLUMN",
    "QUALIFICATION_LABELS",
    "QUALITATIVE_COLUMNS",
    "ROSTER_COLUMNS",
    "SHEETS",
    "SHEET_BY_KEY",
    "SHEET_MARKER_PREFIX",
    "TEMPLATE_VERSION",
    "YEARS_PER_APPLICATION",
    "YES_NO",
    "Field",
    "FieldType",
    "Indicator",
    "Qualification",
    "Sheet",
]

_KIND = load_kind("application")

TEMPLATE_VERSION = _KIND.version
SHEETS: tuple[Sheet, ...] = _KIND.sheets
SHEET_BY_KEY = {s.key: s for s in SHEETS}
BASIC_FIELDS: tuple[Field, ...] = SHEET_BY_KEY["basic"].fields
ROSTER_COLUMNS: tuple[Field, ...] = SHEET_BY_KEY["roster"].columns
QUALITATIVE_COLUMNS: tuple[Field, ...] = SHEET_BY_KEY["qualitative"].columns
DECLARATION_FIELDS: tuple[Field, ...] = SHEET_BY_KEY["declarations"].fields
YEARS_PER_APPLICATION = SHEET_BY_KEY["indicators"].years.count  # type: ignore[union-attr]
YES_NO = ("是", "否")
FIRM_SIZES = next(c for c in ROSTER_COLUMNS if c.key == "size").choices


@dataclass(frozen=True, slots=True)
class Indicator:
    """An entry of the interim indicator catalogue (packs will declare their own)."""

    key: str
    label: Text
    unit: Text
    type: FieldType = FieldType.NUMBER
    required: bool = True  # required when a pack reads it
    help: Text | None = None


_E = t("高耗能行业必填", "Required for high-energy industries")
_W = t("高用水行业必填", "Required for high-water industries")
_YI, _WAN = t("亿元", "100M CNY"), t("万元", "10k CNY")
_TCE, _M3 = t("吨标准煤/万元", "tce per 10k CNY"), t("立方米/万元", "m³ per 10k CNY")
INT = FieldType.INT
INDICATORS: tuple[Indicator, ...] = (
    Indicator("total_output", t("集群总产值（或营业收入）", "Total output (or revenue)"), _YI),
    Indicator("sme_output", t("中小企业产值（或营业收入）", "SME output (or revenue)"), _YI),
    Indicator("leading_output", t("主导产业产值（或营业收入）", "Leading-industry output"), _YI),
    Indicator("firm_count", t("集群企业数量", "Number of firms"), t("家", "firms"), INT),
    Indicator("sme_rd_spending", t("中小企业研发经费", "SME R&D spending"), _WAN),
    Indicator(
        "invention_patents",
        t("有效发明专利数", "Effective invention patents"),
        t("件", "patents"),
        INT,
    ),
    Indicator("employees", t("从业人员数", "Employees"), t("人", "people"), INT),
    Indicator(
        "platform_firms",
        t("应用工业互联网平台的企业数", "Firms on industrial-internet platforms"),
        t("家", "firms"),
        INT,
    ),
    Indicator(
        "co2_intensity",
        t("二氧化碳排放强度", "CO₂ emission intensity"),
        t("吨/万元", "t per 10k CNY"),
    ),
    Indicator(
        "energy_intensity",
        t("单位产值能耗", "Energy use per output"),
        _TCE,
        required=False,
        help=_E,
    ),
    Indicator(
        "energy_benchmark",
        t("行业能效基准值", "Industry energy benchmark"),
        _TCE,
        required=False,
        help=_E,
    ),
    Indicator(
        "water_intensity", t("单位产值用水量", "Water use per output"), _M3, required=False, help=_W
    ),
    Indicator(
        "water_benchmark",
        t("行业水效基准值", "Industry water benchmark"),
        _M3,
        required=False,
        help=_W,
    ),
    Indicator(
        "standards_count",
        t("主导产业标准制修订数", "Standards set or revised"),
        t("项", "standards"),
        INT,
        required=False,
    ),
    Indicator(
        "overseas_branches",
        t("海外分支机构数", "Overseas branches"),
        t("个", "branches"),
        INT,
        required=False,
    ),
    Indicator("export_value", t("出口额", "Exports"), _YI, required=False),
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
