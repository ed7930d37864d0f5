"""Finding types about the application workbook's cell values (V2xx) and consistency across
fields (X3xx). Parameters named in the templates are filled by the reader and
:mod:`clusterctl.workbook.validate`; ``ref`` is always ``Sheet!A1``-style."""

from __future__ import annotations

from clusterctl.diagnostics.codes_workbook import ERR, INFO, WARN, tt
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import t

# --- V2xx: cell values -----------------------------------------------------------------------
define(
    "V201",
    "value-normalised",
    INFO,
    t("数值已按规范读取", "Value normalised"),
    tt(
        "填写为“{original}”，读作 {reading}。",
        "typed as '{original}', read as {reading}.",
    ),
    tt(
        "如读取有误，请按模板要求填写：数值直接填数字，是否、规模等从下拉选项中选择。",
        "If this reading is wrong, fill it in as the template asks: a number as digits, a "
        "choice (yes/no, size) from the drop-down list.",
    ),
)
define(
    "V202",
    "number-unreadable",
    ERR,
    t("无法识别的数值", "Number unreadable"),
    tt(
        "“{original}”不是有效的{expected}。",
        "'{original}' is not a valid {expected}.",
    ),
    tt(
        "请只填写数字（单位见“单位”列），不要填写文字或区间。",
        "Type a plain number (the unit is in the unit column), not text or a range.",
    ),
)
define(
    "V203",
    "unit-converted",
    INFO,
    t("单位已换算", "Unit converted"),
    tt(
        "填写为“{original}”，已由{from_unit}换算为 {value} {to_unit}。",
        "typed as '{original}', converted from {from_unit} to {value} {to_unit}.",
    ),
    tt("请按“单位”列的单位填写，避免换算。", "Type values in the unit of the unit column."),
)
define(
    "V204",
    "bool-unreadable",
    ERR,
    t("无法识别的是/否", "Yes/no unreadable"),
    tt("“{original}”不是“是”或“否”。", "'{original}' is not 是 (yes) or 否 (no)."),
    tt("请从下拉列表选择“是”或“否”。", "Choose Yes or No (是 or 否) from the drop-down list."),
)
define(
    "V205",
    "date-unreadable",
    ERR,
    t("无法识别的日期", "Date unreadable"),
    tt("“{original}”不是有效日期。", "'{original}' is not a valid date."),
    tt(
        "请按 2023-05-01 或 2023年5月1日 的格式填写。",
        "Type the date as 2023-05-01 or 2023年5月1日.",
    ),
)
define(
    "V206",
    "choice-invalid",
    ERR,
    t("不在可选范围内的值", "Value not among the choices"),
    tt(
        "“{original}”不是可选值（{choices}）。",
        "'{original}' is not one of the choices ({choices}).",
    ),
    tt("请从下拉列表中选择。", "Choose a value from the drop-down list."),
)
define(
    "V207",
    "required-missing",
    ERR,
    t("必填项未填写", "Required value missing"),
    tt("必填项“{label}”未填写。", "the required field '{label}' is empty."),
    tt("请补填该项。", "Fill in this field."),
)
define(
    "V208",
    "uscc-invalid",
    ERR,
    t("统一社会信用代码有误", "Invalid credit code"),
    tt(
        "统一社会信用代码“{original}”无效：{reason}。",
        "credit code '{original}' is invalid: {reason}.",
    ),
    tt(
        "请核对营业执照上的 18 位统一社会信用代码（校验位按 GB 32100-2015 计算）。",
        "Copy the 18-character code from the business licence (check digit per GB 32100-2015).",
    ),
)
define(
    "V209",
    "division-code-invalid",
    ERR,
    t("行政区划代码有误", "Invalid division code"),
    tt(
        "行政区划代码“{original}”无效：{reason}。",
        "division code '{original}' is invalid: {reason}.",
    ),
    tt(
        "请填写 6 位数字的县级行政区划代码（GB/T 2260），例如 110108。",
        "Type the 6-digit county-level division code (GB/T 2260), e.g. 110108.",
    ),
)
define(
    "V210",
    "share-out-of-range",
    ERR,
    t("比例超出 0–100%", "Share outside 0–100%"),
    tt("比例 {value}% 不在 0–100% 之间。", "the share {value}% is not within 0–100%."),
    tt("请按百分比填写，例如 75% 或 0.75。", "Type a percentage such as 75% or 0.75."),
)
define(
    "V211",
    "likely-unit-mistake",
    WARN,
    t("疑似单位错误", "Likely unit mistake"),
    tt(
        "{label}为 {value} {money_unit}，{reason}，疑似按万元填写。",
        "{label} is {value} {money_unit}; {reason}; it looks like a figure in 10k CNY.",
    ),
    tt(
        "请按“单位”列填写（1 亿元 = 10000 万元）。",
        "Use the unit of the unit column (100M CNY = 10,000 × 10k CNY).",
    ),
)
define(
    "V212",
    "years-mismatch",
    ERR,
    t("年度列与申报年度不符", "Year columns do not match the application year"),
    tt(
        "年度列为 {found}，申报年度 {year} 应填报 {want}（近三年为申报年度之前的三个完整年度）。",
        "the year columns are {found}; application year {year} needs {want} "
        "(the three full years before it).",
    ),
    tt(
        "请把指标数据表的年度改为 {want} 并核对数据。",
        "Set the indicator years to {want} and check the figures.",
    ),
)
define(
    "V213",
    "negative-value",
    ERR,
    t("数值为负", "Negative value"),
    tt(
        "{label}为 {value}，不能为负数。",
        "{label} is {value}; it cannot be negative.",
    ),
    tt("请核对该数值。", "Check this value."),
)
define(
    "V214",
    "contact-invalid",
    WARN,
    t("联系方式格式有误", "Contact details malformed"),
    tt(
        "“{original}”不像有效的{expected}。",
        "'{original}' does not look like a valid {expected}.",
    ),
    tt("请核对联系电话或电子邮箱。", "Check the phone number or e-mail address."),
)
define(
    "V215",
    "year-invalid",
    ERR,
    t("年份有误", "Invalid year"),
    tt(
        "“{original}”不是有效年份（{expected}）。",
        "'{original}' is not a valid year ({expected}).",
    ),
    tt("请填写四位年份，例如 2022。", "Type a four-digit year such as 2022."),
)
define(
    "V216",
    "indicator-required-missing",
    ERR,
    t("指标数据缺失", "Indicator value missing"),
    tt("{label}（{year}年）未填写。", "{label} ({year}) is empty."),
    tt("请补填近三年的指标数据。", "Fill in the indicator for each of the three years."),
)
define(
    "V217",
    "unsupported-error-value",
    WARN,
    t("单元格含无法识别的错误值", "Unrecognised error value in a cell"),
    tt(
        "单元格是错误值“{value}”（未计算完成或未能加载数据），读取时按空值处理。",
        "The cell holds the error value '{value}' (not computed, or its data not loaded), "
        "read as empty.",
    ),
    tt(
        "请在 Excel 或 WPS 中等待数据加载或修正公式后保存，或直接填写数值。",
        "Let the data load or fix the formula in Excel or WPS and save, or type the value.",
    ),
)

# --- X3xx: consistency -----------------------------------------------------------------------
define(
    "X301",
    "part-exceeds-total",
    ERR,
    t("分项大于总量", "Part exceeds the total"),
    tt(
        "{year}年{part}（{value}）大于{total}（{total_value}）。",
        "in {year} {part} ({value}) exceeds {total} ({total_value}).",
    ),
    tt(
        "请核对：中小企业产值和主导产业产值都不应超过集群总产值。",
        "SME output and leading-industry output cannot exceed the cluster's total output.",
    ),
)
define(
    "X302",
    "duplicate-firm",
    WARN,
    t("企业名录重复", "Duplicate firm"),
    tt(
        "企业“{value}”与第 {other_row} 行重复（{what}）。",
        "firm '{value}' duplicates row {other_row} ({what}).",
    ),
    tt("请删除重复的企业行。", "Delete the duplicate roster row."),
)
define(
    "X303",
    "division-province-mismatch",
    ERR,
    t("行政区划代码与所在省份不符", "Division code does not match the province"),
    tt(
        "行政区划代码 {code} 属于{code_province}，与所填省份“{province}”不符。",
        "division code {code} belongs to {code_province}, not to '{province}'.",
    ),
    tt(
        "请核对所在省（区、市）和区（县）行政区划代码。",
        "Check the province and the division code.",
    ),
)
define(
    "X304",
    "division-outside-pack",
    ERR,
    t("不属于该认定标准的适用地区", "Outside the edition's jurisdiction"),
    tt(
        "行政区划代码 {code} 不在“{pack}”适用的{jurisdiction}范围内。",
        "division code {code} is outside {jurisdiction}, where '{pack}' applies.",
    ),
    tt("请选择适用的认定标准版本（--criteria）。", "Select the right edition (--criteria)."),
)
define(
    "X305",
    "qualitative-without-evidence",
    WARN,
    t("定性条件缺少说明或佐证", "Qualitative condition lacks evidence"),
    tt(
        "{code}“{title}”填“是”，但未填写{missing}。",
        "{code} '{title}' is answered 是 but has no {missing}.",
    ),
    tt(
        "请填写情况说明并列出佐证材料。",
        "Describe the situation and list the supporting documents.",
    ),
)
define(
    "X306",
    "declaration-not-confirmed",
    ERR,
    t("承诺事项未确认", "Declaration not confirmed"),
    tt(
        "承诺事项 {code}“{title}”未确认（{answer}）。",
        "declaration {code} '{title}' is not confirmed ({answer}).",
    ),
    tt("请逐项确认承诺事项（选择“是”）并签署。", "Confirm each declaration (choose 是) and sign."),
)
define(
    "X307",
    "conditional-indicator-missing",
    ERR,
    t("条件性指标缺失", "Conditional indicator missing"),
    tt(
        "已填“{flag}”为“是”，须填报{label}（{year}年）。",
        "'{flag}' is 是, so {label} ({year}) is required.",
    ),
    tt(
        "请补填能效或水效数据及行业基准值。",
        "Fill in the energy or water figures and the industry benchmark.",
    ),
)
define(
    "X308",
    "qualitative-unanswered",
    WARN,
    t("定性条件未作答", "Qualitative condition unanswered"),
    tt(
        "定性条件 {code}“{title}”未选择是否满足。",
        "qualitative condition {code} '{title}' is not answered.",
    ),
    tt(
        "请选择“是”或“否”，并填写情况说明。",
        "Choose Yes or No (是 or 否) and describe the situation.",
    ),
)
define(
    "X309",
    "roster-empty",
    WARN,
    t("企业名录为空", "Enterprise roster empty"),
    tt("企业名录未填写任何企业。", "The enterprise roster lists no firms."),
    tt("请在“企业名录”表中逐行填写集群企业。", "List the cluster's firms in the roster sheet."),
)
