"""Finding types about the application workbook's structure (S1xx), and what every workbook
catalogue shares (``tt``: bilingual parameters). V2xx and X3xx are in :mod:`.codes_values`.
Parameters named in the templates are filled by the reader; ``ref`` is always ``Sheet!A1``-style."""

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
    "reading",
    "money_unit",
    "from_unit",
    "to_unit",
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
