"""``screen``'s options of a round of review (docs/screening.md, "A full round"):
``--review-form`` (the experts' form), ``--expert-scores`` (forms read back, repeatable, each a
file, folder or glob), ``--expert-spread`` and ``--baseline`` (an earlier summary). Kept out of
:mod:`clusterctl.cli.screen_cmd`, which calls :func:`prepare`, :func:`after_discovery` and
:func:`finish`."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer

from clusterctl.cli.common import bilingual, err, fail_usage
from clusterctl.i18n import Lang, t

ReviewFormOption = Annotated[
    str | None,
    typer.Option(
        "--review-form",
        metavar="FILE.xlsx",
        help=bilingual(
            "为专家写出评审表（.xlsx）：每个待专家评审的条件一行",
            "write the experts' review form (.xlsx): a row per criterion awaiting review",
        ),
    ),
]
ExpertScoresOption = Annotated[
    list[str] | None,
    typer.Option(
        "--expert-scores",
        metavar="FORM.xlsx",
        help=bilingual(
            "采用专家填好的评审表（可重复；也可为文件夹或通配符）",
            "apply the experts' filled review forms (repeatable; a folder or glob too)",
        ),
    ),
]
ExpertSpreadOption = Annotated[
    float,
    typer.Option(
        "--expert-spread",
        min=0.0,
        max=1.0,
        metavar="X",
        help=bilingual(
            "专家得分比例相差超过此值时提示（默认 0.5）",
            "warn when the experts' credits differ by more than this (default 0.5)",
        ),
    ),
]
BaselineOption = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="OLD.xlsx",
        help=bilingual(
            "与上次筛查的汇总表比较（变化表）", "compare with an earlier summary (Changes sheet)"
        ),
    ),
]

M = {
    "no_form": t("找不到专家评审表：{path}", "no such review form: {path}"),
    "form_ext": t("评审表须以 .xlsx 结尾：{path}", "the review form must end in .xlsx: {path}"),
    "form_input": t(
        "评审表 {path} 是输入文件之一，请换一个路径",
        "the review form {path} is one of the inputs: choose another path",
    ),
    "skip_form": t(
        "跳过 {path}：这是专家评审表或基线汇总表", "skipped {path}: a review form or baseline"
    ),
    "form_clash": t(
        "评审表 {path} 会覆盖汇总表、基线或专家评审表：请换一个路径",
        "the review form {path} would overwrite the summary, the baseline or a filled form: "
        "choose another path",
    ),
    "form_written": t(
        "已写出专家评审表 {path}（{n} 项待评审）", "review form written: {path} ({n} rows)"
    ),
    "form_failed": t(
        "无法写入评审表 {path}：{error}", "cannot write the review form {path}: {error}"
    ),
}


@dataclass(slots=True)
class Round:
    """What the options of a round of review gave: forms read, the baseline read."""

    review_form: str | None = None
    forms: Any = None  # ExpertForms
    baseline: Any = None  # Baseline
    own: list[str] = field(default_factory=list)  # files of the round: never inputs


def _expand(values: list[str], lang: Lang) -> list[str]:
    found: list[str] = []
    for value in values:
        if os.path.isdir(value):
            found += sorted(
                os.path.join(value, n)
                for n in os.listdir(value)
                if n.lower().endswith(".xlsx") and not n.startswith("~$")
            )
        elif os.path.isfile(value):
            found.append(value)
        else:
            matches = sorted(glob.glob(value))
            if not matches:
                fail_usage(M["no_form"].format(lang, path=value), lang)
            found += matches
    return list(dict.fromkeys(found))


def prepare(
    review_form: str | None,
    expert_scores: list[str] | None,
    spread: float,
    baseline: str | None,
    limits: Any,
    lang: Lang,
    output: str | None = None,
) -> Round:
    """Read the forms and the baseline before the run (a baseline that is not a summary is a
    usage error; a bad form is a finding and the run goes on)."""
    round_ = Round(review_form=review_form)
    if review_form is not None and not review_form.lower().endswith(".xlsx"):
        fail_usage(M["form_ext"].format(lang, path=review_form), lang)
    if expert_scores:
        from clusterctl.review.form_read import read_forms

        paths = _expand(expert_scores, lang)
        round_.forms = read_forms(paths, limits, spread)
        round_.own += paths
    if baseline is not None:
        from clusterctl.review.baseline import BaselineError, read_baseline

        try:
            round_.baseline = read_baseline(baseline, limits)
        except BaselineError as exc:
            fail_usage(exc.text.get(lang), lang)
        round_.own.append(baseline)
    if review_form is not None:
        from clusterctl.batch.discover import identity

        others = [p for p in (*round_.own, output) if p is not None]
        if identity(review_form) in {identity(p) for p in others}:
            fail_usage(M["form_clash"].format(lang, path=review_form), lang)
        round_.own.append(review_form)
    return round_


def after_discovery(round_: Round, found: Any, lang: Lang) -> None:
    """The round's own files are never screened; the forms are checked against the batch."""
    from clusterctl.batch.discover import identity
    from clusterctl.reports.formats.base import clean

    own = {identity(p) for p in round_.own if os.path.exists(p)}
    if round_.review_form is not None and identity(round_.review_form) in found.explicit:
        fail_usage(M["form_input"].format(lang, path=round_.review_form), lang)
    for path in list(found.files):
        if identity(path) in own:
            found.remove(path)
            err(M["skip_form"].format(lang, path=clean(path)))
    if round_.forms is not None:
        from clusterctl.review.form_read import check_batch

        check_batch(round_.forms, found.files)


def finish(round_: Round, result: Any, paths: list[str], lang: Lang) -> None:
    """Attach the round to the result (the summary's sheets, the JSON) and write the form."""
    if round_.forms is not None:
        result.options["expert_scores"] = "、".join(round_.forms.forms)
    if round_.baseline is not None:
        result.options["baseline"] = round_.baseline.path
    if round_.review_form is not None:
        result.options["review_form"] = round_.review_form
    if round_.forms is not None:
        result.experts = round_.forms
    if round_.baseline is not None:
        from clusterctl.review.baseline import compare

        result.baseline_path = round_.baseline.path
        result.changes = compare(
            round_.baseline, result.rows, lambda row: result.spool.of(row.index), lang
        )
    if round_.review_form is not None:
        from clusterctl.atomic import atomic_path
        from clusterctl.review.form_write import write_review_form

        try:
            with atomic_path(round_.review_form, suffix=".xlsx") as tmp:
                n = write_review_form(result, tmp, paths)
        except OSError as exc:
            text = M["form_failed"].format(lang, path=round_.review_form, error=exc.strerror or exc)
            fail_usage(text, lang)
        err(M["form_written"].format(lang, path=round_.review_form, n=n))


def fails(round_: Round) -> bool:
    """A form refused or unreadable (an error about a form) fails the run."""
    from clusterctl.diagnostics import Severity

    forms = round_.forms
    return forms is not None and any(f.level is Severity.ERROR for f in forms.findings)
