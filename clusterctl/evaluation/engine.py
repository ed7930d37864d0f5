"""Evaluate an application against a criteria pack.

Every criterion gets a result from the rule of its kind (``rules/<kind>.py``, see
:mod:`clusterctl.evaluation.kinds`); then the verdict, derived in one place (:func:`verdict_of`,
stated in ``docs/scoring.md``): any hard criterion 未达标 → 不符合 (ineligible); else any hard
criterion 缺数据 → 材料不全 (incomplete); else 符合 (eligible). Soft criteria never change the
verdict, nor do criteria the configuration turns off (``off``), nor a criterion whose threshold
is unconfirmed when it is not met (it warns, with its provenance: unconfirmed numbers never
decide alone). The score comes from
:mod:`clusterctl.evaluation.scoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from clusterctl.criteria.model import Criterion, Kind, Pack, Severity
from clusterctl.evaluation import scoring
from clusterctl.evaluation.experts import Judgement, apply_judgements
from clusterctl.evaluation.kinds import MODULES
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status, Verdict
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import UNCONFIRMED, UNCONFIRMED_CONDITION
from clusterctl.i18n import Text
from clusterctl.workbook.model import Application

Rule = Callable[[Criterion, Application, Context], CriterionResult]

RULES: dict[Kind, Rule] = {kind: module.evaluate for kind, module in MODULES.items()}


def evaluate_criterion(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    """One criterion's result, with its weight, credit and the unconfirmed remark filled in."""
    result = RULES[criterion.kind](criterion, app, ctx)
    if result.status is Status.MISSING and _optional_left_blank(criterion, app, ctx.pack):
        result = CriterionResult(
            criterion.code,
            Status.NOT_APPLICABLE,
            sentence=Text(
                f"{criterion.title.zh}：所需数据为选填项且未填写，本条不适用。",
                f"{criterion.title.en}: the data it reads is optional and left blank;"
                " not applicable.",
            ),
            detail={"optional_blank": True},
        )
    result.weight = criterion.weight
    if not criterion.confirmed and result.status is not Status.NOT_APPLICABLE:
        result.unconfirmed = True
        suffix = UNCONFIRMED if criterion.quantitative else UNCONFIRMED_CONDITION
        if criterion.source_note:
            suffix = Text(
                f"{suffix.zh.removesuffix('）')}，来源：{criterion.source_note}）",
                f"{suffix.en.removesuffix(')')}; source: {criterion.source_text('en')})",
            )
        s = result.sentence
        result.sentence = Text(s.zh + suffix.zh, s.en + suffix.en)
        if result.status is Status.NOT_MET:  # an unconfirmed number never decides alone: it warns
            result.status = Status.WARNING
            result.detail["unconfirmed_not_met"] = True
    result.credit = scoring.credit(criterion, result)
    return result


def _optional_left_blank(criterion: Criterion, app: Application, pack: Pack) -> bool:
    """Optional is optional: an unconditional criterion reading only indicators the template
    marks optional (no ``*``), all left blank, does not apply (a flag such as 是否属于高耗能行业
    makes its criteria's data required: those stay missing)."""
    if criterion.applies_if or not criterion.metric:
        return False
    try:
        keys = pack.inputs_of(criterion.metric)
        specs = [pack.indicator(k) for k in keys]
    except KeyError:
        return False
    if not specs or any(s.required or s.derived for s in specs):
        return False
    return all(v is None for k in keys for v in app.series(k)) and not any(
        key.startswith(tuple(f"indicators.{k}." for k in keys)) for key in app.unreadable
    )


def verdict_of(
    pack: Pack, results: Iterable[CriterionResult], off: Collection[str] = ()
) -> Verdict:
    """THE verdict rule: the statuses of the pack's hard criteria that are not turned off."""
    hard = {c.code for c in pack.criteria if c.severity is Severity.HARD and c.code not in off}
    unconfirmed = {c.code for c in pack.criteria if not c.confirmed}
    statuses = {
        r.status
        for r in results
        if r.code in hard and not (r.status is Status.NOT_MET and r.code in unconfirmed)
    }
    if Status.NOT_MET in statuses:
        return Verdict.INELIGIBLE
    if Status.MISSING in statuses:
        return Verdict.INCOMPLETE
    return Verdict.ELIGIBLE


def evaluate(
    app: Application,
    pack: Pack,
    *,
    off: Collection[str] = (),
    judged: Mapping[str, Sequence[Judgement]] | None = None,
) -> Evaluation:
    """Evaluate ``app`` against ``pack``.

    ``off``: codes (or old codes) the configuration turns off for this file (``levels``
    ``"off"``, ``per-file-ignores``). Their results are still computed and kept, listed in
    ``Evaluation.ignored``; they do not count toward the verdict. The score is computed from
    every result (it measures the application, not the run's policy).

    ``judged``: the experts' judgements by criterion code (``--expert-scores``): a criterion
    awaiting review gets the experts' status and credit before the score and the verdict are
    derived (:mod:`clusterctl.evaluation.experts`), so :func:`verdict_of` stays the one rule."""
    ctx = Context(pack)
    wanted = {code.casefold() for code in off}
    ignored = sorted(
        c.code
        for c in pack.criteria
        if wanted and wanted & {c.code.casefold(), *(a.casefold() for a in c.aliases)}
    )
    results = [evaluate_criterion(c, app, ctx) for c in pack.criteria]
    if judged:
        apply_judgements(pack.criteria, results, judged)
        for criterion, r in zip(pack.criteria, results, strict=True):
            r.credit = scoring.credit(criterion, r)
    total, sections = scoring.score(pack, results)
    verdict = verdict_of(pack, results, ignored)
    for r in results:  # say which verdict the confirmed criteria give
        if r.detail.get("unconfirmed_not_met"):
            label = verdict.label
            r.sentence = Text(
                f"{r.sentence.zh}未经核实的阈值不单独决定结论；按其余条件，结论为{label.zh}。",
                f"{r.sentence.en} An unconfirmed threshold does not decide alone; by the other"
                f" criteria the verdict is {label.en}.",
            )
    return Evaluation(
        pack_id=pack.id,
        verdict=verdict,
        score=total,
        results=results,
        dimensions=sections,
        unconfirmed_used=[r.code for r in results if r.unconfirmed],
        ignored=ignored,
    )
