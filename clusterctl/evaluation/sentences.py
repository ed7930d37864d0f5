"""The read-aloud sentence of each criterion result, and how numbers and requirements are shown.

Every sentence is a :class:`~clusterctl.i18n.Text`: Chinese by default, English with ``--lang en``.
Numbers are shown with enough digits that a value just off its threshold never looks equal to it.
"""

from __future__ import annotations

from clusterctl.criteria.model import Criterion, Kind, Op, YearMode
from clusterctl.evaluation.model import Status
from clusterctl.i18n import UNIT_EN, Lang, Text, t
from clusterctl.workbook.fields import QUALIFICATION_LABELS, Qualification

UNCONFIRMED = t("（该阈值未经官方文本核实）", " (threshold not confirmed from the official text)")
UNCONFIRMED_CONDITION = t(
    "（该条件未经官方文本核实）", " (condition not confirmed from the official text)"
)

_MET_WORDS = {
    Op.GT: t("高于", "above"),
    Op.GE: t("不低于", "at least"),
    Op.LT: t("低于", "below"),
    Op.LE: t("不超过", "at most"),
}
_FAIL_WORDS = {
    Op.GT: t("未高于", "not above"),
    Op.GE: t("低于", "below"),
    Op.LT: t("未低于", "not below"),
    Op.LE: t("超过", "above"),
}
_VERDICT_WORDS = {
    Status.MET: t("达标", "met"),
    Status.NOT_MET: t("未达标", "not met"),
    Status.WARNING: t(
        "超出一般要求，请说明理由（警示）", "beyond the usual limit, explain why (warning)"
    ),
}


def fmt_number(value: float, threshold: float | None = None) -> str:
    """Up to 2 decimals, more when needed to tell the value from the threshold."""
    value = round(value, 9)  # float noise (10.000000000000009) is not a difference
    shown = None if threshold is None or value == threshold else fmt_number(threshold)
    for digits in (2, 3, 4, 6):
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        if shown is None or text != shown:
            return text
    return repr(value)


def quantity(value: float, unit: str | None, lang: Lang, threshold: float | None = None) -> str:
    number = fmt_number(value, threshold)
    if not unit:
        return number
    if lang == "en":
        unit = UNIT_EN.get(unit, unit)
    tight = unit == "%" or (lang == "zh" and not unit.isascii() and unit not in ("km²",))
    return number + unit if tight else f"{number} {unit}"


def year_span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")


def requirement(c: Criterion, lang: Lang) -> str:
    """The criterion's requirement in a few words, e.g. 近三年每年不低于40亿元."""
    if c.kind is Kind.COUNT:
        parts = []
        for rule in c.count_rules:
            names = "/".join(
                QUALIFICATION_LABELS[Qualification(q)].get(lang) for q in rule.qualifications
            )
            leading = (
                t("主导产业的", "in the leading industry ").get(lang) if rule.leading_only else ""
            )
            parts.append(
                f"≥{rule.minimum}家{leading}{names}"
                if lang == "zh"
                else f"≥ {rule.minimum} {leading}firms: {names}"
            )
        return (" 或 " if lang == "zh" else " or ").join(parts)
    if c.kind is Kind.TREND:
        down = c.years is YearMode.DECREASING
        return (
            t("逐年下降", "falling every year") if down else t("稳步提升", "rising every year")
        ).get(lang)
    if c.kind in (Kind.QUALITATIVE, Kind.DECLARATION):
        return (
            t("专家评审", "expert review")
            if c.kind is Kind.QUALITATIVE
            else t("承诺", "declaration")
        ).get(lang)
    assert c.op is not None and c.threshold is not None
    scope = (
        {
            YearMode.EACH: t("近三年每年", "each year: "),
            YearMode.LATEST: t("最近年度", "latest year: "),
            YearMode.CAGR: t("年均复合增长", "compound annual growth "),
        }.get(c.years, t("", ""))
        if c.years
        else t("", "")
    )
    soft = t("（一般）", " (normally)") if c.severity.value == "soft" else t("", "")
    return (
        f"{scope.get(lang)}{_MET_WORDS[c.op].get(lang)}{'' if lang == 'zh' else ' '}"
        + quantity(c.threshold, c.unit, lang)
        + soft.get(lang)
    )


def both(build) -> Text:
    """A Text from a function of the language."""
    return Text(build("zh"), build("en"))


def compared(c: Criterion, status: Status, value: float, subject: Text, scope: Text) -> Text:
    """``<subject><scope>为<value>，<op><threshold>，<verdict>。``"""
    assert c.op is not None and c.threshold is not None
    words = _MET_WORDS[c.op] if status is Status.MET else _FAIL_WORDS[c.op]

    def build(lang: Lang) -> str:
        v = quantity(value, c.unit, lang, c.threshold)
        th = quantity(c.threshold, c.unit, lang)
        verdict = _VERDICT_WORDS[status].get(lang)
        if lang == "zh":
            return f"{subject.zh}{scope.zh}为{v}，{words.zh}{th}，{verdict}。"
        return f"{subject.en}{scope.en} is {v}, {words.en} {th}: {verdict}."

    return both(build)


def missing(c: Criterion, what: list[Text]) -> Text:
    zh = "、".join(w.zh for w in what) or "所需数据"
    en = ", ".join(w.en for w in what) or "the data needed"
    return Text(f"{c.title.zh}：缺少{zh}，无法判断。", f"{c.title.en}: {en} missing; cannot judge.")


def status_line(c: Criterion, zh: str, en: str) -> Text:
    return Text(f"{c.title.zh}：{zh}", f"{c.title.en}: {en}")


# A money figure that looks typed in the smaller unit: what it would be if it were.
SMALLER_UNIT = {"亿元": "万元", "万元": "元"}


def suspect_note(label: Text, year: int, value: float, unit: str) -> Text:
    """A suspect value and what it would be in the other unit, e.g.
    ``2022年集群总产值为482000亿元，疑似按万元填写（按万元即48.2亿元）``."""
    smaller = SMALLER_UNIT.get(unit)
    typed_zh, typed_en = quantity(value, unit, "zh"), quantity(value, unit, "en")
    if smaller is None:
        return Text(
            f"{year}年{label.zh}为{typed_zh}，疑似单位有误",
            f"{label.en} {year} is {typed_en}, probably in the wrong unit",
        )
    other_zh = quantity(value / 10_000, unit, "zh")
    other_en = quantity(value / 10_000, unit, "en")
    smaller_en = UNIT_EN.get(smaller, smaller).removeprefix("× ")
    return Text(
        f"{year}年{label.zh}为{typed_zh}，疑似按{smaller}填写（按{smaller}即{other_zh}）",
        f"{label.en} {year} is {typed_en}, probably typed in {smaller_en}"
        f" (in {smaller_en} it would be {other_en})",
    )


def with_suspects(c: Criterion, notes: list[Text]) -> Text:
    """The sentence of a criterion a suspect value leaves undecided."""
    zh = "；".join(n.zh for n in notes)
    en = "; ".join(n.en for n in notes)
    return Text(
        f"{c.title.zh}：{zh}，请核对单位并更正后再判断。",
        f"{c.title.en}: {en}; check the unit and correct it before it can be judged.",
    )
