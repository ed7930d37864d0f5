"""F1xx: the file cannot be read as an application workbook (format, damage, limits, isolation).

Fatal codes stop the pipeline for that file before any parser runs (see
:mod:`clusterctl.workbook.preflight`) or record what happened to the worker that read it (see
:mod:`clusterctl.batch.isolation`).
"""

from __future__ import annotations

from clusterctl.diagnostics.finding import Severity
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import t

E = Severity.ERROR
W = Severity.WARNING

_SAVE_AS = t(
    "请用 Excel 或 WPS 打开申报表模板填写，另存为 .xlsx 后重新提交。",
    "Fill in the application template in Excel or WPS, save it as .xlsx and submit it again.",
)

F100 = define(
    "F100",
    "file-not-found",
    E,
    t("文件不存在", "File not found"),
    t("找不到文件，或该路径不是文件", "The file does not exist or the path is not a file"),
    t("检查路径与文件名是否正确。", "Check the path and the file name."),
    fatal=True,
)
F101 = define(
    "F101",
    "file-empty",
    E,
    t("文件为空", "Empty file"),
    t("文件大小为 0 字节，没有任何内容", "The file is 0 bytes long and holds nothing"),
    t(
        "文件可能在复制或下载时损坏，请重新获取原文件。",
        "The file was probably damaged while copying or downloading: get the original again.",
    ),
    fatal=True,
)
F102 = define(
    "F102",
    "text-not-workbook",
    E,
    t("文本文件，不是 Excel 工作簿", "A text file, not an Excel workbook"),
    t(
        "文件内容是文本（{kind}），只是扩展名为 {suffix}",
        "The file holds text ({kind}); only its name ends in {suffix}",
    ),
    t(
        "请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx），不要直接修改扩展名。",
        "Open it in Excel or WPS and use Save As → Excel workbook (.xlsx); do not just rename it.",
    ),
    fatal=True,
)
F103 = define(
    "F103",
    "unknown-format",
    E,
    t("无法识别的文件格式", "Unrecognised file format"),
    t(
        "文件既不是 Excel 工作簿也不是文本（开头字节 {magic}）",
        "The file is neither an Excel workbook nor text (first bytes {magic})",
    ),
    _SAVE_AS,
    fatal=True,
)
F104 = define(
    "F104",
    "zip-damaged",
    E,
    t("工作簿已损坏", "Damaged workbook"),
    t(
        "文件是损坏或不完整的压缩包（{detail}），无法打开",
        "The file is a damaged or truncated zip archive ({detail}) and cannot be opened",
    ),
    t(
        "文件可能未完整下载或复制：请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。",
        "The file was probably cut short: get it again, or let Excel repair it and save as .xlsx.",
    ),
    fatal=True,
)
F105 = define(
    "F105",
    "zip-not-workbook",
    E,
    t("压缩包不是 Excel 工作簿", "A zip archive, not an Excel workbook"),
    t(
        "文件是 zip 压缩包，但其中没有 Excel 工作簿内容（{detail}）",
        "The file is a zip archive but holds no Excel workbook ({detail})",
    ),
    t(
        "如果申报表在压缩包里，请先解压，再提交其中的 .xlsx 文件。",
        "If the application is inside the archive, unpack it and submit the .xlsx file itself.",
    ),
    fatal=True,
)
F106 = define(
    "F106",
    "encrypted",
    E,
    t("文件已加密", "Encrypted file"),
    t(
        "工作簿设置了打开密码，内容已加密，无法读取",
        "The workbook has an open password; its content is encrypted and cannot be read",
    ),
    t(
        "文件已加密：请取消密码后另存为 .xlsx"
        "（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）。",
        "The file is encrypted: remove the password in Excel (File → Info → Protect Workbook → "
        "Encrypt with Password, clear it) and save as .xlsx.",
    ),
    fatal=True,
)
F107 = define(
    "F107",
    "legacy-xls",
    E,
    t("旧版 .xls 格式", "Legacy .xls format"),
    t(
        "文件是 Excel 97-2003 格式（.xls），不是申报表模板的 .xlsx 格式",
        "The file is in Excel 97-2003 format (.xls), not the template's .xlsx format",
    ),
    t(
        "请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx）。",
        "Open it in Excel or WPS and Save As → Excel workbook (.xlsx).",
    ),
    fatal=True,
)
F108 = define(
    "F108",
    "opendocument",
    E,
    t("OpenDocument 表格（.ods）", "OpenDocument spreadsheet (.ods)"),
    t(
        "文件是 OpenDocument 表格（.ods），不是申报表模板的 .xlsx 格式",
        "The file is an OpenDocument spreadsheet (.ods), not the template's .xlsx format",
    ),
    t(
        "请在 WPS、LibreOffice 或 Excel 中打开后另存为 Excel 工作簿（.xlsx）。",
        "Open it in WPS, LibreOffice or Excel and save it as an Excel workbook (.xlsx).",
    ),
    fatal=True,
)
F109 = define(
    "F109",
    "xlsb",
    E,
    t("Excel 二进制工作簿（.xlsb）", "Excel binary workbook (.xlsb)"),
    t(
        "文件是 Excel 二进制工作簿（.xlsb），不是申报表模板的 .xlsx 格式",
        "The file is an Excel binary workbook (.xlsb), not the template's .xlsx format",
    ),
    t(
        "请在 Excel 中打开后另存为 Excel 工作簿（.xlsx）。",
        "Open it in Excel and save it as an Excel workbook (.xlsx).",
    ),
    fatal=True,
)
F110 = define(
    "F110",
    "ole-not-workbook",
    E,
    t("不是 Excel 工作簿", "Not an Excel workbook"),
    t(
        "文件是 Office 97-2003 复合文档，但不是 Excel 工作簿（例如 Word 文档）",
        "The file is an Office 97-2003 compound document but not an Excel workbook "
        "(e.g. a Word file)",
    ),
    _SAVE_AS,
    fatal=True,
)
F111 = define(
    "F111",
    "file-too-large",
    E,
    t("文件过大", "File too large"),
    t(
        "文件大小 {size_mb} MB，超过上限 {limit_mb} MB",
        "The file is {size_mb} MB, above the limit of {limit_mb} MB",
    ),
    t(
        "申报表通常小于 1 MB：请删除图片和无关工作表后另存；确需放宽时使用 --limit-file-mb。",
        "Applications are usually under 1 MB: remove pictures and unrelated sheets; to raise the "
        "limit use --limit-file-mb.",
    ),
    fatal=True,
)
F112 = define(
    "F112",
    "uncompressed-too-large",
    E,
    t("解压后内容过大", "Content too large when unpacked"),
    t(
        "工作簿解压后共 {size_mb} MB，超过上限 {limit_mb} MB",
        "The workbook unpacks to {size_mb} MB, above the limit of {limit_mb} MB",
    ),
    t(
        "请删除无关工作表和大量空白格式后另存；确需放宽时使用 --limit-uncompressed-mb。",
        "Remove unrelated sheets and large formatted blank areas; to raise the limit use "
        "--limit-uncompressed-mb.",
    ),
    fatal=True,
)
F113 = define(
    "F113",
    "compression-ratio",
    E,
    t("压缩比异常（疑似压缩炸弹）", "Suspicious compression ratio (zip bomb?)"),
    t(
        "工作簿中的 {member} 压缩比为 {ratio}:1，超过上限 {limit}:1",
        "Member {member} of the workbook is compressed {ratio}:1, above the limit of {limit}:1",
    ),
    t(
        "正常的申报表不会出现这种压缩比：请用模板重新填写；确需放宽时使用 --limit-ratio。",
        "A real application never compresses like this: fill in the template again; to raise the "
        "limit use --limit-ratio.",
    ),
    fatal=True,
)
F114 = define(
    "F114",
    "too-many-cells",
    E,
    t("工作表范围过大", "Sheet range too large"),
    t(
        "工作表 {sheet} 的使用范围到 {cell}，约 {cells} 个单元格，超过上限 {limit}",
        "Sheet {sheet} is used up to {cell}, about {cells} cells, above the limit of {limit}",
    ),
    t(
        "请删除远处的无关单元格（例如选中多余行列后“删除”），另存后重新提交；"
        "确需放宽时使用 --limit-cells。",
        "Delete stray cells far from the data (select the extra rows/columns and Delete), save and "
        "submit again; to raise the limit use --limit-cells.",
    ),
    fatal=True,
)
F115 = define(
    "F115",
    "xml-doctype",
    E,
    t("工作簿含有不允许的 XML 声明", "Forbidden XML declaration in the workbook"),
    t(
        "工作簿部件 {member} 含有 DOCTYPE/ENTITY 声明；Excel 不会写出这种内容，可能是恶意文件",
        "Workbook part {member} holds a DOCTYPE/ENTITY declaration; Excel never writes one, the "
        "file may be hostile",
    ),
    t(
        "不要打开此文件；请申报单位用 Excel 或 WPS 基于模板重新填写并另存为 .xlsx。",
        "Do not open this file; ask the applicant to fill in the template again in Excel or WPS.",
    ),
    fatal=True,
)
F116 = define(
    "F116",
    "timeout",
    E,
    t("处理超时", "Timed out"),
    t("检查此文件超过 {seconds} 秒，已中止", "Checking this file took over {seconds} s; stopped"),
    t(
        "文件可能异常复杂或已损坏：请用模板重新填写；确需放宽时使用 --limit-timeout。",
        "The file may be pathological or damaged: fill in the template again; to raise the limit "
        "use --limit-timeout.",
    ),
    fatal=True,
)
F117 = define(
    "F117",
    "memory-exceeded",
    E,
    t("内存超限", "Memory limit exceeded"),
    t(
        "读取此文件需要超过 {limit_mb} MB 内存，已中止",
        "Reading this file needed over {limit_mb} MB of memory; stopped",
    ),
    t(
        "文件可能含有巨大的范围或已损坏：请用模板重新填写；确需放宽时使用 --limit-memory-mb。",
        "The file may hold a huge range or be damaged: fill in the template again; to raise the "
        "limit use --limit-memory-mb.",
    ),
    fatal=True,
)
F118 = define(
    "F118",
    "reader-crashed",
    E,
    t("读取时崩溃", "Reader crashed"),
    t(
        "读取此文件的进程意外终止（{reason_zh}），其他文件不受影响",
        "The process reading this file died ({reason_en}); other files are not affected",
    ),
    t(
        "文件很可能已损坏或结构异常：请在 Excel 中打开并另存为 .xlsx 后重试。",
        "The file is probably damaged or malformed: open it in Excel, save it as .xlsx and retry.",
    ),
    fatal=True,
)
F119 = define(
    "F119",
    "formula-without-value",
    E,
    t("公式没有计算结果", "Formula without a computed value"),
    t(
        "该单元格是公式，但文件中没有保存其计算结果，无法读取该值",
        "The cell holds a formula but the file stores no computed value for it",
    ),
    t(
        "请在 Excel 或 WPS 中打开文件（公式会自动计算）后保存，或直接填写数值。",
        "Open and save the file in Excel or WPS (formulas are then computed), or type the value.",
    ),
)
F120 = define(
    "F120",
    "file-unreadable",
    E,
    t("无法读取文件", "Cannot read the file"),
    t("读取文件时出错：{error}", "Reading the file failed: {error}"),
    t(
        "检查文件权限，或文件是否正被其他程序占用。",
        "Check the file's permissions and whether another program holds it open.",
    ),
    fatal=True,
)
F121 = define(
    "F121",
    "not-a-regular-file",
    E,
    t("不是普通文件", "Not a regular file"),
    t(
        "该路径是{kind_zh}，不是普通文件，未读取",
        "The path is {kind}, not a regular file; it was not read",
    ),
    t(
        "只检查普通的工作簿文件：请把申报表另存或复制为普通的 .xlsx 文件后重试。",
        "Only regular workbook files are checked: save or copy the application as an ordinary "
        ".xlsx file and retry.",
    ),
    fatal=True,
)
F122 = define(
    "F122",
    "broken-link",
    E,
    t("链接无效", "Broken link"),
    t(
        "该路径是无法解析的符号链接（{error}），未读取",
        "The path is a symbolic link that cannot be resolved ({error}); it was not read",
    ),
    t(
        "链接指向的文件不存在或链接自相循环：请改用申报表文件本身。",
        "The link points to nothing or loops back on itself: use the application file itself.",
    ),
    fatal=True,
)
F199 = define(
    "F199",
    "internal-error",
    E,
    t("检查此文件时发生内部错误", "Internal error while checking this file"),
    t("内部错误：{error}", "Internal error: {error}"),
    t(
        "这是 clusterctl 的缺陷，请把此文件与错误信息报告给维护者；其他文件不受影响。",
        "This is a bug in clusterctl: report it with this file and message; other files are not "
        "affected.",
    ),
    fatal=True,
)
