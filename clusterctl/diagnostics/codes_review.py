"""R5xx: expert review forms and re-screening (``screen --expert-scores``, ``--baseline``).

R501–R502 and R505, R507–R508 are about a form (located in it); R503, R504 and R506 are given
to the application concerned.
"""

from __future__ import annotations

from clusterctl.diagnostics.finding import Severity
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import t

define(
    "R501",
    "review-form-unreadable",
    Severity.ERROR,
    t("专家评审表无法读取", "Review form unreadable"),
    t("无法读取专家评审表：{reason}", "cannot read the review form: {reason_en}"),
    t(
        "使用 clusterctl screen --review-form 生成的评审表，填写后另存为 .xlsx",
        "Use the form clusterctl screen --review-form wrote, saved as .xlsx after filling it",
    ),
)
define(
    "R502",
    "review-form-foreign",
    Severity.ERROR,
    t("专家评审表不属于本批次", "Review form of another batch"),
    t(
        "该评审表{reason}，未采用其中的评审结论",
        "the form {reason_en}; none of its judgements are applied",
    ),
    t(
        "为本批次重新生成评审表（screen --review-form），请专家按新表填写",
        "Write a review form for this batch (screen --review-form) for the experts to fill",
    ),
)
define(
    "R503",
    "review-application-changed",
    Severity.WARNING,
    t("评审后申报文件已改动", "Application changed since the review"),
    t(
        "申报文件在生成评审表“{form}”后已改动（SHA-256 {old}… → {new}…），该表对本申报的评审结论"
        "未采用，相关条件仍待专家评审",
        "the application changed after the review form '{form}' was written (SHA-256 {old}… → "
        "{new}…): its judgements of this application are not applied; those criteria still "
        "await review",
    ),
    t(
        "为改动后的申报重新生成评审表并请专家重新评审",
        "Write a new review form for the changed application and have it judged again",
    ),
)
define(
    "R504",
    "review-pack-differs",
    Severity.WARNING,
    t("评审表与认定标准不一致", "Review form of another criteria pack"),
    t(
        "评审表“{form}”按 {form_pack} 评审，本次按 {pack} 评估，其评审结论未采用",
        "the review form '{form}' judged against {form_pack}; this run evaluates against "
        "{pack}: its judgements are not applied",
    ),
    t(
        "按同一认定标准筛查（--criteria），或按本次标准重新生成评审表",
        "Screen against the same pack (--criteria) or write a new review form",
    ),
)
define(
    "R505",
    "review-not-judged",
    Severity.WARNING,
    t("评审表有未填写的条件", "Criterion left unjudged"),
    t(
        "{file} 有 {n} 项未填写评审结论（{codes}），这些条件仍待专家评审",
        "{file}: {n} criteria have no judgement ({codes_en}); they still await review",
    ),
    t("在评审结论列选择达标、基本达标或未达标", "Choose met, partly met or not met"),
)
define(
    "R506",
    "review-experts-disagree",
    Severity.WARNING,
    t("专家评审意见分歧较大", "Experts disagree"),
    t(
        "{code} 的专家评审结论分歧较大（{grades}），得分比例相差 {spread:.0%}，超过 {limit:.0%}",
        "the experts disagree on {code} ({grades_en}): their credits differ by {spread:.0%}, more "
        "than {limit:.0%}",
    ),
    t("请专家组会商后统一评审结论", "Have the experts confer and agree on a judgement"),
)
define(
    "R507",
    "review-bad-judgement",
    Severity.WARNING,
    t("评审结论无法识别", "Judgement not recognised"),
    t(
        "评审结论“{value}”无法识别，应为达标、基本达标或未达标，该行未采用",
        "the judgement '{value}' is not one of 达标 (met), 基本达标 (partly met), 未达标 (not "
        "met): the row is not applied",
    ),
    t("从下拉列表中选择评审结论", "Pick the judgement from the drop-down list"),
)
define(
    "R508",
    "review-application-absent",
    Severity.WARNING,
    t("评审表中的申报不在本批次", "Reviewed application not in this batch"),
    t(
        "评审表中的申报文件 {file} 不在本批次中，其评审结论未采用",
        "the form's application {file} is not in this batch; its judgements are not applied",
    ),
    t("核对筛查的文件夹是否完整", "Check that the screened folder is complete"),
)
