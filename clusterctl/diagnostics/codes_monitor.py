"""M6xx: a bureau's monitoring of recognised clusters (``clusterctl monitor``).

The registry's own problems (M60x) point at its cells; the filings' (M61x) at the file and the
identity cell concerned. Revocation grounds and statuses are the monitoring's result, not
findings (:mod:`clusterctl.monitoring.model`).
"""

from __future__ import annotations

from clusterctl.diagnostics.registry import define
from clusterctl.diagnostics.severity import Severity
from clusterctl.i18n import t

REGISTRY_UNREADABLE = define(
    "M600",
    "registry-unreadable",
    Severity.ERROR,
    t("认定名录无法读取", "Register unreadable"),
    t("认定名录 {path} 无法读取：{reason}", "the register {path} cannot be read: {reason}"),
    t(
        "用 clusterctl template --kind registry 生成名录模板，或使表头与模板一致",
        "Write the register with clusterctl template --kind registry, or use its headers",
    ),
)
REGISTRY_DUPLICATE_CODE = define(
    "M601",
    "registry-duplicate-code",
    Severity.ERROR,
    t("名录中信用代码重复", "Credit code twice in the register"),
    t(
        "统一社会信用代码 {code} 在名录中出现 {count} 次（第 {rows} 行）",
        "the credit code {code} appears {count} times in the register (rows {rows})",
    ),
    t(
        "一个运营管理机构只对应一个集群：报告按此代码匹配，请删除重复行或更正代码",
        "Reports are matched by this code: remove the duplicate row or correct the code",
    ),
)
REGISTRY_BAD_CODE = define(
    "M602",
    "registry-bad-code",
    Severity.ERROR,
    t("名录中信用代码无效", "Invalid credit code in the register"),
    t(
        "集群“{name}”的统一社会信用代码 {code} 无效：{problem_zh}",
        "the credit code {code} of '{name}' is invalid: {problem_en}",
    ),
    t(
        "按营业执照更正代码：无效代码无法与年度报告匹配",
        "Correct it from the business licence: an invalid code matches no report",
    ),
)
REGISTRY_MISSING_DATE = define(
    "M603",
    "registry-missing-date",
    Severity.ERROR,
    t("名录缺少有效期", "Validity date missing in the register"),
    t(
        "集群“{name}”缺少{field_zh}：无法判断报告与复核是否到期",
        "'{name}' has no {field_en}: report and re-review dates cannot be judged",
    ),
    t("按认定文件补填有效期起止日期", "Fill in the validity window from the recognition notice"),
)
REGISTRY_DATES_REVERSED = define(
    "M604",
    "registry-dates-reversed",
    Severity.ERROR,
    t("名录有效期起止颠倒", "Validity window reversed"),
    t(
        "集群“{name}”的有效期止 {to} 早于有效期起 {start}",
        "the validity of '{name}' ends ({to}) before it starts ({start})",
    ),
    t("核对认定文件中的有效期", "Check the window in the recognition notice"),
)
REGISTRY_EMPTY = define(
    "M605",
    "registry-empty",
    Severity.ERROR,
    t("名录为空", "Empty register"),
    t("认定名录 {path} 中没有集群", "the register {path} lists no cluster"),
    t("每行填写一个已认定的集群", "One recognised cluster per row"),
)
FILING_UNMATCHED = define(
    "M610",
    "filing-unmatched",
    Severity.WARNING,
    t("报告不属于名录中的集群", "Filing matches no registered cluster"),
    t(
        "{kind_zh}的运营管理机构信用代码 {code}（“{name}”）不在认定名录中",
        "the {kind_en}'s operating-body credit code {code} ('{name}') is not in the register",
    ),
    t(
        "报告按运营管理机构的信用代码匹配：核对报告中的代码，或把该集群补入名录",
        "Filings match by the operating body's code: check it, or add the cluster",
    ),
)
FILING_TWICE = define(
    "M611",
    "filing-twice",
    Severity.WARNING,
    t("同一年度重复报送", "Filed twice for one year"),
    t(
        "集群“{name}”的 {year} 年{kind_zh}有 {count} 份，另见：{others}；按最早填报的一份判断",
        "'{name}' has {count} {kind_en} files for {year}, see also: {others}; "
        "the one filed first is judged",
    ),
    t("确认哪一份有效，撤回其余的", "Confirm which one counts and withdraw the others"),
)
FILING_NAME_DIFFERS = define(
    "M612",
    "filing-name-differs",
    Severity.INFO,
    t("报告中的名称与名录不同", "Name differs from the register"),
    t(
        "{field_zh}“{found}”与名录中的“{registered}”不同（已按信用代码匹配）",
        "the {field_en} '{found}' differs from the register's '{registered}' (matched by code)",
    ),
    t(
        "名称变化可能是更名：若属重大变化，应已报备",
        "A renaming may be a major change that should have been reported",
    ),
)
NOT_A_FILING = define(
    "M613",
    "not-a-filing",
    Severity.INFO,
    t("不是年度报告或复核申报表", "Not an annual report or re-review"),
    t(
        "该文件是{kind_zh}，不是年度报告或复核申报表：未用于监测",
        "the file is {kind_en}, not an annual report or re-review: not used",
    ),
    None,
)
FILING_UNASSESSED = define(
    "M614",
    "filing-unassessed",
    Severity.WARNING,
    t("报告无法评估", "Filing could not be assessed"),
    t(
        "该{kind_zh}无法用于监测（{errors} 个错误，首个：{first_zh}）",
        "the {kind_en} cannot be used ({errors} error(s), the first: {first_en})",
    ),
    t(
        "用 clusterctl check 查看并更正后重新报送",
        "Run clusterctl check on it, correct it and collect it again",
    ),
)
FILING_NO_CODE = define(
    "M615",
    "filing-no-code",
    Severity.WARNING,
    t("报告缺少信用代码", "Filing without a credit code"),
    t(
        "该{kind_zh}没有可用的运营管理机构信用代码：无法与名录匹配",
        "the {kind_en} has no usable operating-body credit code: it matches no cluster",
    ),
    t("补填运营管理机构的统一社会信用代码", "Fill in the operating body's credit code"),
)
