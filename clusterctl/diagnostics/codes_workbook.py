"""Finding types about the application workbook: S1xx structure, V2xx cell values, X3xx
consistency across fields. Parameters named in the templates are filled by the reader and
:mod:`clusterctl.workbook.validate`; ``ref`` is always ``Sheet!A1``-style."""

from __future__ import annotations

from clusterctl.diagnostics.finding import Severity
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import Text, t

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Parameters that are bilingual: the reader and validator pass ``<name>_zh`` and ``<name>_en``
# (see :func:`clusterctl.workbook.reader.bi`); templates below name them plainly.
BILINGUAL = (
    "expected",
    "reason",
    "label",
    "part",
    "total",
    "title",
    "flag",
    "missing",
    "code_province",
    "jurisdiction",
    "what",
    "answer",
)


def tt(zh: str, en: str) -> Text:
    """A message template whose bilingual parameters pick their language's variant."""
    for name in BILINGUAL:
        zh = zh.replace("{" + name + "}", "{" + name + "_zh}")
        en = en.replace("{" + name + "}", "{" + name + "_en}")
    return Text(zh, en)


# --- S1xx: structure -------------------------------------------------------------------------
define(
    "S101",
    "sheets-missing",
    ERR,
    t("缺少必需的工作表", "Required sheets missing"),
    tt(
        "缺少工作表：{sheets}。该文件可能不是 clusterctl 标准申报表。",
        "Missing sheets: {sheets}. This may not be a clusterctl application workbook.",
    ),
    tt(
        "请用 `clusterctl template -o 申报表.xlsx` 生成标准申报表，并在其中填报。",
        "Generate the standard workbook with `clusterctl template -o app.xlsx` and fill it in.",
    ),
)
define(
    "S102",
    "sheet-found-by-title",
    INFO,
    t("工作表按名称识别", "Sheet recognised by its title"),
    tt(
        "工作表“{sheet}”缺少标记 {marker}，已按工作表名称识别为“{expected}”。",
        "Sheet '{sheet}' lacks the marker {marker}; recognised by its title as '{expected}'.",
    ),
    tt(
        "请勿删除或改写各工作表 A1 单元格（隐藏列）中的标记。",
        "Do not delete or change the marker in cell A1 (hidden column) of each sheet.",
    ),
)
define(
    "S103",
    "template-version-unknown",
    WARN,
    t("模板版本未知", "Unknown template version"),
    tt(
        "申报表的模板版本为“{version}”，本程序只识别版本 {known}。",
        "The workbook's template version is '{version}'; this reader knows version {known}.",
    ),
    tt(
        "请用当前版本的 `clusterctl template` 重新生成申报表并转录数据。",
        "Regenerate the workbook with the current `clusterctl template` and copy the data over.",
    ),
)
define(
    "S104",
    "edition-mismatch",
    WARN,
    t("申报表与所选认定标准版本不一致", "Workbook made for another edition"),
    tt(
        "申报表按“{edition}”生成，但正按“{pack}”检查。",
        "The workbook was made for '{edition}' but is checked against '{pack}'.",
    ),
    tt(
        "请确认所选标准版本（--criteria），或用对应版本的模板重新填报。",
        "Check the selected edition (--criteria) or refill the template of that edition.",
    ),
)
define(
    "S105",
    "edition-unknown",
    WARN,
    t("认定标准版本未知", "Unknown criteria edition"),
    tt(
        "申报表声明的认定标准版本“{edition}”未找到，已改用默认版本检查。",
        "The workbook declares edition '{edition}', which is not known; "
        "checked against the default.",
    ),
    tt(
        "请用 `clusterctl criteria` 查看可用版本，并用 --criteria 指定。",
        "List editions with `clusterctl criteria` and select one with --criteria.",
    ),
)
define(
    "S106",
    "workbook-unreadable",
    ERR,
    t("无法读取工作簿", "Workbook cannot be read"),
    tt("无法读取工作簿内容：{error}", "The workbook's contents cannot be read: {error}"),
    tt(
        "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交。",
        "Open it in Excel or WPS, save as .xlsx and submit again.",
    ),
)
define(
    "S107",
    "row-missing",
    WARN,
    t("缺少填报行", "Input row missing"),
    tt(
        "工作表“{sheet}”中找不到“{label}”所在行（字段 {field}）。",
        "Sheet '{sheet}' has no row for '{label}' (field {field}).",
    ),
    tt(
        "请勿删除模板中的行；可重新生成模板后补填。",
        "Do not delete template rows; regenerate the template and fill it in.",
    ),
)
define(
    "S108",
    "key-row-missing",
    INFO,
    t("缺少列标识行", "Column key row missing"),
    tt(
        "工作表“{sheet}”缺少隐藏的列标识行，已按模板默认列位置读取。",
        "Sheet '{sheet}' lacks its hidden column key row; read by the template's default columns.",
    ),
    tt("请勿删除模板中隐藏的第 2 行。", "Do not delete the template's hidden row 2."),
)
define(
    "S109",
    "sheet-too-large",
    ERR,
    t("工作表过大", "Sheet too large"),
    tt(
        "工作表“{sheet}”的使用区域有 {cells} 个单元格，超过上限 {limit}，未读取。",
        "Sheet '{sheet}' spans {cells} cells, above the limit {limit}; not read.",
    ),
    tt(
        "请删除多余的行列（含格式），或放宽 --limit-max-cells。",
        "Delete stray rows and columns (formatting too), or raise --limit-max-cells.",
    ),
)
define(
    "S110",
    "duplicate-row-key",
    WARN,
    t("重复的填报行", "Duplicate input row"),
    tt(
        "字段 {field} 在工作表“{sheet}”中出现多次（{ref}），只读取第一行。",
        "Field {field} appears more than once in sheet '{sheet}' ({ref}); only the first is read.",
    ),
    tt("请删除重复的行。", "Delete the duplicate row."),
)
define(
    "S111",
    "sheet-unexpected-format",
    ERR,
    t("工作表内容不可读", "Sheet contents unreadable"),
    tt("工作表“{sheet}”无法读取：{error}", "Sheet '{sheet}' cannot be read: {error}"),
    tt(
        "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交。",
        "Open it in Excel or WPS, save as .xlsx and submit again.",
    ),
)

define(
    "S112",
    "layout-recovered-from-labels",
    WARN,
    t("版式已按标签识别", "Layout recovered from labels"),
    tt(
        "工作表{sheets}缺少隐藏的标识列或标识行（A 列、第 2 行或 A1 标记），"
        "已按可见的标题和标签识别各栏目；请核对读取结果。",
        "Sheets {sheets} lack the hidden key column, key row or A1 marker; their fields were "
        "found by the visible headers and labels. Check what was read.",
    ),
    tt(
        "复制粘贴或删除隐藏的 A 列、第 2 行会丢失标识；"
        "请用 `clusterctl template` 生成的模板填报并整体提交。",
        "Copying values or deleting the hidden column A or row 2 loses the keys; fill in the "
        "workbook `clusterctl template` writes and submit it whole.",
    ),
)
define(
    "S113",
    "not-standard-template",
    ERR,
    t("不是标准申报表", "Not the standard workbook"),
    tt(
        "工作表{sheets}既无隐藏标识，也找不到模板的标题和标签，无法识别：该文件不是标准申报表。",
        "Sheets {sheets} have neither the hidden keys nor the template's headers and labels: "
        "this file is not the standard workbook.",
    ),
    tt(
        "请用 `clusterctl template --criteria 标准版本 -o 申报表.xlsx` 生成标准申报表，"
        "并把数据填入其中。",
        "Generate the standard workbook with `clusterctl template --criteria EDITION -o "
        "app.xlsx` and fill the data in.",
    ),
)

# --- V2xx: cell values -----------------------------------------------------------------------
define(
    "V201",
    "value-normalised",
    INFO,
    t("数值已按规范读取", "Value normalised"),
    tt(
        "填写为“{original}”，读作 {value}。",
        "typed as '{original}', read as {value}.",
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
        "{label}为 {value} {unit}，{reason}，疑似按万元填写。",
        "{label} is {value} {unit}; {reason}; it looks like a figure in 10k CNY (万元).",
    ),
    tt(
        "请按“单位”列填写（1 亿元 = 10000 万元）。",
        "Use the unit of the unit column (1 亿元 = 10,000 万元).",
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
