"""L5xx: lifecycle filings (annual reports and re-reviews) as ``check`` assesses them.

The revocation grounds are those of the Beijing measures 第十七条 (seed text), which the national
notices repeat; docs/scoring.md ("Lifecycle filings") states each rule once. Parameters ending
``_zh``/``_en`` are bilingual; ``ref`` is the cell (``Sheet!A1``).
"""

from __future__ import annotations

from clusterctl.diagnostics.registry import define
from clusterctl.diagnostics.severity import Severity
from clusterctl.i18n import t

UNREPORTED_CHANGE = define(
    "L501",
    "major-change-unreported",
    Severity.ERROR,
    t("重大变动未报备", "Major change not reported"),
    t(
        "{item_zh}已发生变化，但未填写已报备：属于撤销认定情形（第十七条第（四）项）。",
        "the {item_en} changed but is not marked as reported: a ground for revocation "
        "(art. 17 (4)).",
    ),
    t(
        "重大变动须及时向主管部门更新报备：补报后在“是否已报告”填“是”并填写报告日期。",
        "Report a major change to the bureau in time, then answer Reported with Yes and the date.",
    ),
)
INCIDENT_GROUND = define(
    "L502",
    "incident-revocation-ground",
    Severity.ERROR,
    t("负面事项：撤销认定情形", "Incident: a ground for revocation"),
    t(
        "报告年度内发生“{kind_zh}”（{date}）：偷税漏税、严重失信属于撤销认定情形"
        "（第十七条第（五）项）。",
        "'{kind_en}' in the year ({date}): tax evasion and serious dishonesty are grounds for "
        "revocation (art. 17 (5)).",
    ),
    t("由主管部门核实并依规处理。", "The bureau verifies it and acts on it."),
)
INCIDENT_TO_VERIFY = define(
    "L503",
    "incident-to-verify",
    Severity.WARNING,
    t("负面事项：须核实等级", "Incident: its grade needs verifying"),
    t(
        "报告年度内发生“{kind_zh}”（{date}）：较大及以上事故、重大及以上网络和数据安全事件"
        "属于撤销认定情形（第十七条第（五）项），报告未载明等级。",
        "'{kind_en}' in the year ({date}): an accident of the 'major' grade or above is a "
        "ground for revocation (art. 17 (5)); the report does not state the grade.",
    ),
    t(
        "由主管部门核实事故等级；较大及以上的按撤销情形处理。",
        "The bureau verifies the grade; from 'major' up it is a ground for revocation.",
    ),
)
PLAN_BEHIND = define(
    "L504",
    "plan-target-behind",
    Severity.WARNING,
    t("规划目标进度滞后", "Plan target behind"),
    t(
        "规划指标“{indicator}”：实际 {actual}，目标 {target}，完成度 {completion}。",
        "plan indicator '{indicator}': actual {actual}, target {target}, completion {completion}.",
    ),
    t(
        "在年度工作总结中说明原因和改进措施。",
        "Explain the reasons and the remedies in the report's narrative.",
    ),
)
CRITERION_NO_LONGER_MET = define(
    "L505",
    "criterion-no-longer-met",
    Severity.WARNING,
    t("认定条件不再满足", "Criterion no longer met"),
    t("{code} {title_zh}：{sentence_zh}", "{code} {title_en}: {sentence_en}"),
    t(
        "有效期满复核时须满足该条件：请在下一年度改进。",
        "The re-review at expiry checks it again: improve it in the coming year.",
    ),
)
REREVIEW_CRITERION_FAILED = define(
    "L506",
    "rereview-criterion-failed",
    Severity.ERROR,
    t("复核条件不满足", "Re-review criterion not met"),
    t("{code} {title_zh}：{sentence_zh}", "{code} {title_en}: {sentence_en}"),
    t(
        "经复核未通过的撤销认定（第十七条第（一）项）；逐项自评表须写明原因。",
        "A failed re-review revokes the recognition (art. 17 (1)); give the reason in the "
        "self-assessment.",
    ),
)
FAILED_WITHOUT_REASON = define(
    "L507",
    "failed-item-without-reason",
    Severity.ERROR,
    t("不满足项未说明原因", "Failed item without a reason"),
    t(
        "{code} {title_zh} 不满足，但“不满足的原因”未填写。",
        "{code} {title_en} is not met but its reason is empty.",
    ),
    t(
        "复核按认定标准逐一审查，不满足的须说明原因：请填写原因。",
        "The re-review checks each criterion and needs a reason for each one not met: fill it in.",
    ),
)
SELF_ASSESSMENT_CONTRADICTS = define(
    "L508",
    "self-assessment-contradicts",
    Severity.WARNING,
    t("自评与核算结果不一致", "Self-assessment contradicts the result"),
    t(
        "{code} {title_zh}：自评为“{said_zh}”，按所填数据核算为“{found_zh}”。",
        "{code} {title_en}: self-assessed as '{said_en}', the figures give '{found_en}'.",
    ),
    t("核对所填数据或更正自评。", "Check the figures or correct the self-assessment."),
)
NOT_AN_APPLICATION = define(
    "L509",
    "filing-not-an-application",
    Severity.ERROR,
    t("不是认定申报表", "Not an application"),
    t(
        "该文件是{kind_zh}，不是认定申报表：不参与申报评分。",
        "this file is {kind_en}, not an application: it is not scored as one.",
    ),
    t(
        "用 clusterctl check 检查年度报告和复核申报表；申报文件夹中只放申报表。",
        "Check annual reports and re-reviews with clusterctl check; keep only applications in "
        "the applications folder.",
    ),
)
