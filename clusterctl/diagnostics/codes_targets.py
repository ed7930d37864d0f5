"""Finding types of ``clusterctl targets`` (T5xx): annual reports summed against a monitoring
pack (:mod:`clusterctl.targets`). Bilingual parameters (``label``, ``part``, ``total``) are
passed as ``<name>_zh`` / ``<name>_en``, as elsewhere."""

from __future__ import annotations

from clusterctl.diagnostics.codes_workbook import ERR, WARN, tt
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import t

define(
    "T501",
    "not-an-annual-report",
    ERR,
    t("不是年度发展报告", "Not an annual report"),
    tt(
        "该工作簿是“{what}”，不是年度发展报告，未计入全省合计。",
        "The workbook is a '{what}', not an annual report; it is not counted.",
    ),
    tt(
        "用 `clusterctl template --kind annual-report --criteria {pack}` 生成年度报告并填报。",
        "Make the annual report with `clusterctl template --kind annual-report --criteria {pack}`.",
    ),
)
define(
    "T502",
    "other-reporting-year",
    WARN,
    t("报告年度不是汇总年度", "Another reporting year"),
    tt(
        "报告年度为 {year} 年，本次汇总 {batch_year} 年，未计入全省合计。",
        "The reporting year is {year}; the batch sums {batch_year}; it is not counted.",
    ),
    tt(
        "用 --year 选择汇总年度，或只汇总同一年度的报告。",
        "Choose the year with --year, or sum reports of one year only.",
    ),
)
define(
    "T503",
    "cluster-reported-twice",
    WARN,
    t("同一集群重复报告", "Cluster reported twice"),
    tt(
        "与 {other} 是同一集群（{key}），只计入一次（先读到的那份）。",
        "Same cluster as {other} ({key}); counted once (the one listed first).",
    ),
    tt("删除重复的报告，或核对集群名称和信用代码。", "Remove the duplicate or check the name."),
)
define(
    "T504",
    "part-exceeds-whole",
    ERR,
    t("分项大于总数", "Part exceeds the whole"),
    tt(
        "{part}（{value}）大于{total}（{total_value}），该集群的这一比例未计入。",
        "{part} ({value}) exceeds {total} ({total_value}); this ratio is not counted for it.",
    ),
    tt("请核对两项数字。", "Check both figures."),
)
define(
    "T505",
    "reference-differs",
    WARN,
    t("全省平均水平与其他报告不一致", "Provincial average differs"),
    tt(
        "{label}填为 {value}%，其他报告多为 {used}%；全省合计按 {used}% 计算。",
        "{label} is {value}% here, {used}% in most reports; the totals use {used}%.",
    ),
    tt(
        "全省平均水平应为统计部门公布的同一数字，请核对。",
        "The provincial average is one published figure; check it.",
    ),
)
define(
    "T506",
    "monitoring-report",
    WARN,
    t("按监测包填报的年报", "Annual report of a monitoring pack"),
    tt(
        "本表声明的版本“{edition}”是监测包（省级目标汇总），不是认定标准；"
        "以下按默认认定标准“{pack}”检查。",
        "The workbook declares '{edition}', a monitoring pack (provincial targets), not a "
        "recognition standard; checked against the default standard '{pack}'.",
    ),
    tt(
        "汇总目标请用 `clusterctl targets 文件夹 --criteria {edition}`；"
        "按某一认定标准检查请用 --criteria 指定。",
        "Tally the targets with `clusterctl targets FOLDER --criteria {edition}`; to check "
        "against a recognition standard, select it with --criteria.",
    ),
)
