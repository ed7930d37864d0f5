"""Count: firms of the enterprise roster holding a qualification.

A count criterion lists alternatives; any one suffices. Example (三、梯度培育): at least 1
firm of the leading industry that is a 制造业单项冠军 or 专精特新“小巨人”, OR at least 10 firms
that are 专精特新中小企业, 创新型中小企业 or 国家级高新技术企业. Firms are counted, not rows: rows
with the same credit code (or, without one, the same name once full-width/half-width, spaces,
punctuation and case are normalised) are one firm, which counts once per alternative however many
of its qualifications match. ``leading_only`` counts only firms marked 属于主导产业 = 是; a
qualified firm whose answer is blank is not a 否: when such firms could make up the shortfall, the
result is 缺数据. A firm holds a qualification when the roster gives the year obtained (or 是). An
empty roster is 缺数据.
"""

from __future__ import annotations

from clusterctl.criteria.keys import Key, values
from clusterctl.criteria.model import CountRule, Criterion, Kind, Severity
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import QUALIFICATION_LABELS, Qualification
from clusterctl.workbook.identifiers import firm_identities
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


def distinct_firms(roster: list[Firm]) -> dict[int, list[int]]:
    """The roster's firms: the first row of each firm -> all its rows. One rule of firm identity
    (:func:`clusterctl.workbook.identifiers.firm_identities`, the duplicate finding uses it too):
    a firm listed twice, or with several qualifications, counts once."""
    groups: dict[int, list[int]] = {}
    for i, first in enumerate(firm_identities([(f.name, f.uscc) for f in roster])):
        groups.setdefault(i if first is None else first, []).append(i)
    return groups


def _holding(
    roster: list[Firm], firms: dict[int, list[int]], rule: CountRule
) -> tuple[list[int], list[int]]:
    """Firms (first rows) that hold ``rule``, and those that hold its qualification but whose
    属于主导产业 is blank where the rule counts only the leading industry (blank is not 否)."""
    wanted = frozenset(Qualification(q) for q in rule.qualifications)
    held, unknown = [], []
    for first, rows in firms.items():
        qualified = [i for i in rows if not wanted.isdisjoint(roster[i].qualifications)]
        if not qualified:
            continue
        if not rule.leading_only:
            held.append(first)
            continue
        leading = {roster[i].in_leading for i in rows}
        if True in leading:
            held.append(first)
        elif None in leading:
            unknown.append(first)
    return held, unknown


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    result = CriterionResult(criterion.code, Status.MISSING, unit="家")
    if not app.roster:
        result.sentence = Text(
            f"{criterion.title.zh}：企业名录为空，无法统计。",
            f"{criterion.title.en}: the enterprise roster is empty; nothing to count.",
        )
        return result
    firms = distinct_firms(app.roster)
    counts, blanks = [], []
    parts_zh, parts_en = [], []
    for rule in criterion.count_rules:
        held, unknown = _holding(app.roster, firms, rule)
        counts.append(len(held))
        blanks.append(len(unknown))
        names = [QUALIFICATION_LABELS[Qualification(q)] for q in rule.qualifications]
        lead_zh, lead_en = (
            ("主导产业的", " in the leading industry") if rule.leading_only else ("", "")
        )
        parts_zh.append(
            f"{lead_zh}{'或'.join(n.zh for n in names)}{len(held)}家（要求不少于{rule.minimum}家）"
        )
        parts_en.append(
            f"{len(held)} {' or '.join(n.en for n in names)}{lead_en}"
            f" (at least {rule.minimum} needed)"
        )
        result.locations += [loc for i in held[:20] if (loc := app.cell(f"roster.{i}.name"))]
    shares = [min(1.0, n / r.minimum) for n, r in zip(counts, criterion.count_rules, strict=True)]
    best = max(range(len(shares)), key=lambda i: shares[i])
    result.value = float(counts[best])
    result.threshold = float(criterion.count_rules[best].minimum)
    result.op = "ge"
    result.detail["counts"] = counts
    result.detail["firms"] = len(firms)
    # an alternative that blank 属于主导产业 answers could still meet: not decided (rule 4)
    open_ = [
        i
        for i, r in enumerate(criterion.count_rules)
        if counts[i] < r.minimum <= counts[i] + blanks[i]
    ]
    if shares[best] >= 1.0:
        result.status = Status.MET
    elif open_:
        result.detail["blank_leading"] = [blanks[i] for i in open_]
        n = sum(blanks[i] for i in open_)
        result.sentence = Text(
            f"{criterion.title.zh}：集群拥有{'，'.join(parts_zh)}；另有{n}家企业具备资质但"
            "“是否属于主导产业”未填写，无法判断。",
            f"{criterion.title.en}: {'; '.join(parts_en)}; {n} more qualified firm(s) leave "
            "'in the leading industry' blank: cannot judge.",
        )
        result.locations += [
            loc
            for i in open_
            for first in _holding(app.roster, firms, criterion.count_rules[i])[1][:20]
            if (loc := app.cell(f"roster.{first}.in_leading"))
        ]
        return result
    else:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
        result.detail["closeness"] = shares[best]
    verdict = result.status.label
    result.sentence = Text(
        f"{criterion.title.zh}：集群拥有{'，'.join(parts_zh)}，{verdict.zh}。",
        f"{criterion.title.en}: {'; '.join(parts_en)}: {verdict.en}.",
    )
    return result
