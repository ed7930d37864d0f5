"""B4xx: checks across a batch of applications (``clusterctl screen``).

Each finding is attached to every file concerned and points at the cell of the basic-information
field that collides (cluster name, operating body, credit code, niche, province).
"""

from __future__ import annotations

from clusterctl.diagnostics.finding import Severity
from clusterctl.diagnostics.registry import define
from clusterctl.i18n import t

DUPLICATE_CLUSTER = define(
    "B401",
    "duplicate-cluster",
    Severity.ERROR,
    t("集群重复申报", "Cluster submitted twice"),
    t(
        "集群名称“{name}”在本批次中出现 {count} 次，另见：{others}",
        "the cluster name '{name}' appears {count} times in this batch; see also: {others}",
    ),
    t(
        "同一集群只应申报一次：核实是否为重复提交，保留一份申报材料",
        "A cluster applies once: check for a duplicate submission and keep one application",
    ),
)

DUPLICATE_OPERATOR = define(
    "B402",
    "duplicate-operator",
    Severity.ERROR,
    t("运营管理机构重复申报", "Operating body submitted twice"),
    t(
        "运营管理机构“{name}”（{key}）在本批次中出现 {count} 次，另见：{others}",
        "the operating body '{name}' ({key}) appears {count} times in this batch; "
        "see also: {others}",
    ),
    t(
        "一个运营管理机构只应对应一个申报集群：核实是否为重复提交或填错了机构信息",
        "One operating body runs one applying cluster: check for a duplicate or a wrong entry",
    ),
)

NICHE_TWICE_IN_PROVINCE = define(
    "B403",
    "niche-twice-in-province",
    Severity.WARNING,
    t("同省同一细分领域多个申报", "Several applications for one niche in a province"),
    t(
        "{province}有 {count} 个集群申报细分领域“{niche}”，另见：{others}",
        "{count} clusters in {province} apply for the niche '{niche}'; see also: {others}",
    ),
    t(
        "按国家通知，同一细分领域原则上每省只推荐一个集群：请择优推荐",
        "National notices recommend one cluster per niche per province: choose the strongest",
    ),
)

PROVINCE_QUOTA_EXCEEDED = define(
    "B404",
    "province-quota-exceeded",
    Severity.WARNING,
    t("超出推荐名额", "More applications than the quota"),
    t(
        "{province}在本批次中有 {count} 个申报，超过推荐名额 {quota} 个（{call_zh}；本申报排名第 "
        "{position}）",
        "{province} has {count} applications in this batch, more than the quota of {quota} "
        "({call_en}; this one is number {position} in the ranking)",
    ),
    t(
        "推荐数量不得超过名额：按排名择优推荐（名额可用 --quota 调整）",
        "Recommend no more than the quota: keep the best ranked (set the quota with --quota)",
    ),
)
