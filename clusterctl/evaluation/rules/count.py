"""Count: firms of the enterprise roster holding a qualification.

A count criterion lists alternatives; any one suffices. Example (三、梯度培育): at least 1
firm of the leading industry that is a 制造业单项冠军 or 专精特新“小巨人”, OR at least 10 firms
that are 专精特新中小企业, 创新型中小企业 or 国家级高新技术企业. A firm counts once per
alternative however many of its qualifications match; ``leading_only`` counts only firms
marked 属于主导产业 = 是. A firm holds a qualification when the roster gives the year obtained
(or 是). An empty roster is 缺数据.
"""

from __future__ import annotations

from clusterctl.criteria.keys import Key, values
from clusterctl.criteria.model import CountRule, Criterion, Kind, Severity
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import QUALIFICATION_LABELS, Qualification
from clusterctl.workbook.model import Application, Firm

KIND = Kind.COUNT
TITLE = t(
    "计数：企业名录中具备资质的企业数（满足任一方案即可）",
    "count: firms of the roster holding a qualification (any alternative suffices)",
)
KEYS: tuple[Key, ...] = (
    Key(
        "count_rules",
        "table-list",
        t("计数方案，满足任一即可", "the alternatives; any one suffices"),
        True,
        min_items=1,
        max_items=20,
        items=(
            Key(
                "qualifications",
                "str-list",
                t("计入的资质（任一即可）", "the qualifications that count (any one)"),
                True,
                values(Qualification),
                min_items=1,
            ),
            Key("minimum", "int", t("至少家数", "the least number of firms"), True, minimum=1),
            Key(
                "leading_only",
                "bool",
                t("只计主导产业企业", "count only firms of the leading industry"),
                default=False,
            ),
        ),
    ),
    Key("unit", "str", t("显示单位（默认“家”）", "unit shown (default 家)")),
)


def holds(firm: Firm, rule: CountRule) -> bool:
    if rule.leading_only and firm.in_leading is not True:
        return False
    return any(Qualification(q) in firm.qualifications for q in rule.qualifications)


def _holding(roster: list[Firm], rule: CountRule) -> list[int]:
    """Indexes of the firms that :func:`holds` ``rule``; one pass, no per-firm enum lookups
    (rosters run to thousands of firms, docs/performance.md)."""
    wanted = frozenset(Qualification(q) for q in rule.qualifications)
    return [
        i
        for i, f in enumerate(roster)
        if f.qualifications
        and (not rule.leading_only or f.in_leading is True)
        and not wanted.isdisjoint(f.qualifications)
    ]


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    result = CriterionResult(criterion.code, Status.MISSING, unit="家")
    if not app.roster:
        result.sentence = Text(
            f"{criterion.title.zh}：企业名录为空，无法统计。",
            f"{criterion.title.en}: the enterprise roster is empty; nothing to count.",
        )
        return result
    counts = []
    parts_zh, parts_en = [], []
    for rule in criterion.count_rules:
        firms = _holding(app.roster, rule)
        counts.append(len(firms))
        names = [QUALIFICATION_LABELS[Qualification(q)] for q in rule.qualifications]
        lead_zh, lead_en = (
            ("主导产业的", " in the leading industry") if rule.leading_only else ("", "")
        )
        parts_zh.append(
            f"{lead_zh}{'或'.join(n.zh for n in names)}{len(firms)}家（要求不少于{rule.minimum}家）"
        )
        parts_en.append(
            f"{len(firms)} {' or '.join(n.en for n in names)}{lead_en}"
            f" (at least {rule.minimum} needed)"
        )
        result.locations += [loc for i in firms[:20] if (loc := app.cell(f"roster.{i}.name"))]
    shares = [min(1.0, n / r.minimum) for n, r in zip(counts, criterion.count_rules, strict=True)]
    best = max(range(len(shares)), key=lambda i: shares[i])
    result.value = float(counts[best])
    result.threshold = float(criterion.count_rules[best].minimum)
    result.op = "ge"
    result.detail["counts"] = counts
    if shares[best] >= 1.0:
        result.status = Status.MET
    else:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
        result.detail["closeness"] = shares[best]
    verdict = result.status.label
    result.sentence = Text(
        f"{criterion.title.zh}：集群拥有{'，'.join(parts_zh)}，{verdict.zh}。",
        f"{criterion.title.en}: {'; '.join(parts_en)}: {verdict.en}.",
    )
    return result
