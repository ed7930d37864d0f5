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

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, eq, is_, not_
from typing import Any

from clusterctl.criteria.keys import Key, values
from clusterctl.criteria.model import CountRule, Criterion, Kind, Severity
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import QUALIFICATION_LABELS, Qualification
from clusterctl.workbook.identifiers import roster_identities
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


@dataclass(frozen=True, slots=True)
class _Roster:
    """What the count rule reads of a roster: the firm of each row (its first row, by
    :func:`clusterctl.workbook.identifiers.roster_identities`; a row with neither name nor code
    is a firm of its own); as most rows hold no qualification, the rows that hold any (their
    firms and qualifications); and whether every firm is one row."""

    roster: list[Firm]
    firm_of: Sequence[int]
    holder_firms: list[int]
    holder_qualifications: list[dict[Any, int | None]]
    one_row_each: bool

    @classmethod
    def of(cls, roster: list[Firm]) -> _Roster:
        identities = roster_identities(_column(roster, "name"), _column(roster, "uscc"))
        firsts = identities.firsts
        firm_of: Sequence[int] = firsts  # type: ignore[assignment]
        if None in firsts:
            firm_of = [i if first is None else first for i, first in enumerate(firsts)]
        quals = list(map(attrgetter("qualifications"), roster))
        holders = list(compress(firm_of, quals))
        return cls(roster, firm_of, holders, list(filter(None, quals)), not identities.repeats)

    @property
    def firms(self) -> int:
        return len(self.firm_of) if self.one_row_each else len(set(self.firm_of))

    @property
    def qualifications(self) -> list[dict[Any, int | None]]:
        """Each row's qualifications."""
        return list(map(attrgetter("qualifications"), self.roster))

    @property
    def leading(self) -> list[Any]:
        """Each row's 属于主导产业 answer."""
        return _column(self.roster, "in_leading")


def _column(roster: list[Firm], key: str) -> list[Any]:
    return list(map(dict.get, roster, repeat(key)))


def distinct_firms(roster: list[Firm]) -> dict[int, list[int]]:
    """The roster's firms: the first row of each firm -> all its rows. One rule of firm identity
    (:func:`clusterctl.workbook.identifiers.firm_identities`, the duplicate finding uses it too):
    a firm listed twice, or with several qualifications, counts once."""
    groups: dict[int, list[int]] = {}
    for i, first in enumerate(_Roster.of(roster).firm_of):
        groups.setdefault(first, []).append(i)
    return groups


def _holding(facts: _Roster, rule: CountRule) -> tuple[list[int], list[int]]:
    """Firms (first rows, in order) that hold ``rule``, and those that hold its qualification
    but whose 属于主导产业 is blank where the rule counts only the leading industry (blank is not
    否). A firm is in the leading industry when any of its rows says 是 (a 是 on any row wins,
    else a blank on any row leaves it open)."""
    wanted = frozenset(Qualification(q) for q in rule.qualifications)
    holds = map(not_, map(wanted.isdisjoint, facts.holder_qualifications))
    qualified = sorted(set(compress(facts.holder_firms, holds)))
    if not rule.leading_only:
        return qualified, []
    if facts.one_row_each:  # each firm's answer is its one row's
        answers = _column(list(map(facts.roster.__getitem__, qualified)), "in_leading")
        return (
            list(compress(qualified, map(eq, answers, repeat(True)))),
            list(compress(qualified, map(is_, answers, repeat(None)))),
        )
    leading = facts.leading
    yes = set(compress(facts.firm_of, map(eq, leading, repeat(True))))
    blank = set(compress(facts.firm_of, map(is_, leading, repeat(None))))
    return [f for f in qualified if f in yes], [f for f in qualified if f not in yes and f in blank]


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    result = CriterionResult(criterion.code, Status.MISSING, unit="家")
    if not app.roster:
        result.sentence = Text(
            f"{criterion.title.zh}：企业名录为空，无法统计。",
            f"{criterion.title.en}: the enterprise roster is empty; nothing to count.",
        )
        return result
    facts = ctx.per_app(app, "roster", lambda app: _Roster.of(app.roster))
    counts, blanks = [], []
    parts_zh, parts_en = [], []
    holdings = [_holding(facts, rule) for rule in criterion.count_rules]
    for rule, (held, unknown) in zip(criterion.count_rules, holdings, strict=True):
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
    result.detail["firms"] = facts.firms
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
            for first in holdings[i][1][:20]
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
