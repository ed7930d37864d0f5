"""The one place the reports map enum values to what a reader sees, in Chinese and English.

Keyed by the enums' string VALUES (``"threshold"``, ``"ge"``, ``"cagr"``…), not by the enum
classes, so the mapping holds whatever module the enums live in. :func:`label` gives one label;
an unknown value is shown as given (never a crash, never silently empty).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from clusterctl.i18n import Lang, Text, t

LABELS: dict[str, dict[str, Text]] = {
    # criteria: Kind
    "kind": {
        "threshold": t("定量指标", "Quantitative threshold"),
        "count": t("企业数量", "Firm count"),
        "trend": t("变化趋势", "Trend"),
        "conditional": t("条件性指标", "Conditional threshold"),
        "qualitative": t("定性条件（专家评审）", "Qualitative (expert review)"),
        "declaration": t("承诺声明", "Declaration"),
    },
    # criteria: Op, as the standard writes the comparison
    "op": {
        "gt": t("高于", "above "),
        "ge": t("不低于", "at least "),
        "lt": t("低于", "below "),
        "le": t("不超过", "at most "),
    },
    # criteria: YearMode
    "years": {
        "each": t("近三年每年", "each of the 3 years"),
        "latest": t("最近一年", "latest year"),
        "cagr": t("近三年年均增速（复合）", "compound annual growth over 3 years"),
        "decreasing": t("逐年下降", "falling year on year"),
        "increasing": t("逐年上升", "rising year on year"),
    },
    # criteria: Severity (how a miss counts)
    "constraint": {
        "hard": t("必须满足", "Required"),
        "soft": t("一般要求（未达仅警示）", "Advisory (a miss warns)"),
    },
    # criteria: Provenance
    "provenance": {
        "confirmed": t("已与原文核对", "Checked against the official text"),
        "reprint": t("已与转载原文核对", "Checked against a verbatim reprint"),
        "unconfirmed": t("未核实", "Not confirmed"),
    },
    # criteria: Dimension
    "dimension": {
        "basic": t("一、基本条件", "1 Basic conditions"),
        "core": t("二、核心竞争力", "2 Core competitiveness"),
        "tiered": t("三、梯度培育", "3 Tiered SME cultivation"),
        "chain": t("四、产业链供应链", "4 Supply-chain coordination"),
        "innovation": t("五、协同创新", "5 Collaborative innovation"),
        "digital": t("六、数字化转型", "6 Digital transformation"),
        "green": t("七、绿色化发展", "7 Green development"),
        "open": t("八、开放合作", "8 Open cooperation"),
        "governance": t("九、治理和服务", "9 Governance and services"),
    },
    # workbook: Qualification
    "qualification": {
        "champion": t("制造业单项冠军", "manufacturing single champion"),
        "little_giant": t("专精特新“小巨人”", "specialised 'little giant'"),
        "specialised": t("专精特新中小企业", "specialised SME"),
        "innovative": t("创新型中小企业", "innovative SME"),
        "high_tech": t("国家级高新技术企业", "national high-tech enterprise"),
    },
    # evaluation: Status
    "status": {
        "met": t("达标", "met"),
        "not_met": t("未达标", "not met"),
        "warning": t("警示", "warning"),
        "missing": t("缺数据", "missing data"),
        "review": t("待专家评审", "needs review"),
        "not_applicable": t("不适用", "n/a"),
    },
    # evaluation: Verdict
    "verdict": {
        "eligible": t("符合", "eligible"),
        "ineligible": t("不符合", "ineligible"),
        "incomplete": t("材料不全", "incomplete"),
        "unreadable": t("无法读取", "unreadable"),
    },
    # diagnostics: Severity of a finding
    "severity": {
        "error": t("错误", "error"),
        "warning": t("警告", "warning"),
        "info": t("提示", "info"),
    },
    # screen's options, as 运行信息 lists them
    "option": {
        "criteria": t("认定标准", "Criteria pack"),
        "jobs": t("并行进程数", "Parallel workers"),
        "recursive": t("包含子文件夹", "Subfolders included"),
        "quota": t("推荐名额", "Quota"),
        "lang": t("输出语言", "Output language"),
        "fail_on": t("判为失败的最低级别", "Lowest level that fails the run"),
        "format": t("终端输出格式", "Terminal output format"),
        "review_form": t("专家评审表", "Review form written"),
        "expert_scores": t("采用的专家评审表", "Expert forms applied"),
        "baseline": t("比较的上次汇总表", "Compared with"),
    },
    "lang": {"zh": t("中文", "Chinese"), "en": t("英文", "English")},
    "format": {
        "human": t("表格（默认）", "table (default)"),
        "concise": t("简洁", "concise"),
        "json": t("JSON", "JSON"),
        "json-lines": t("JSON Lines", "JSON Lines"),
        "sarif": t("SARIF", "SARIF"),
        "junit": t("JUnit XML", "JUnit XML"),
        "github": t("GitHub 注释", "GitHub annotations"),
    },
    "bool": {"True": t("是", "yes"), "False": t("否", "no")},
    # units of thresholds and key indicators
    "unit": {
        "%": t("%", "%"),
        "亿元": t("亿元", "100M CNY"),
        "km²": t("平方公里", "km²"),
        "件/万人": t("件/万人", "per 10,000 people"),
        "倍": t("倍", "×"),
        "家": t("家", "firms"),
    },
}

_BY_PACK = t("按各文件自动识别（默认 {name}）", "detected per file (default {name})")
_QUOTA_OF_PACK = t("按各标准规定", "as each pack sets it")
_LEADING = t("主导产业的", " in the leading industry")
_OR = t("；或", "; or ")
_ALT = t("或", " or ")


def value_of(member: Any) -> str:
    """An enum member's value (or the text given)."""
    return str(getattr(member, "value", member))


def label(group: str, member: Any, lang: Lang) -> str:
    """The label of ``member`` (an enum member or its value) in ``group``; unknown values are
    shown as given."""
    if member is None:
        return ""
    value = value_of(member)
    found = LABELS.get(group, {}).get(value)
    return found.get(lang) if found is not None else value


def number(value: float | None) -> str:
    """A threshold as the standard writes it: no trailing ``.0``."""
    if value is None:
        return ""
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def comparison(op: Any, threshold: float | None, unit: str | None, lang: Lang) -> str:
    """``高于70%``, ``不低于15%``, ``不超过 0.5 吨标准煤/万元``: the comparison as the standard
    words it (English: ``above 70%``)."""
    if op is None:
        return ""
    text = label("op", op, lang) + number(threshold)
    if unit:
        shown = label("unit", unit, lang)
        text += shown if shown in ("%", "×") or lang == "zh" else f" {shown}"
    return text.strip()


def count_rules(rules: Iterable[Any], lang: Lang) -> str:
    """A firm-count criterion's alternatives, in words: ``不少于1家主导产业的制造业单项冠军或
    专精特新“小巨人”；或不少于10家专精特新中小企业、…``."""
    parts = []
    for rule in rules:
        names = [label("qualification", q, lang) for q in rule.qualifications]
        joined = _ALT.get(lang).join(names)
        scope = _LEADING.get(lang) if rule.leading_only else ""
        if lang == "zh":
            parts.append(f"不少于{rule.minimum}家{scope}{joined}")
        else:
            parts.append(f"at least {rule.minimum} firms ({joined}){scope}")
    return _OR.get(lang).join(parts)


def option_value(key: str, value: Any, lang: Lang) -> str:
    """One of screen's options as 运行信息 shows it."""
    text = "" if value is None else str(value)
    if key == "criteria" and text.startswith("(") and text.endswith(")"):
        return _BY_PACK.format(lang, name=text[1:-1])
    if key == "quota" and text == "pack":
        return _QUOTA_OF_PACK.get(lang)
    if key == "fail_on":
        return label("severity", text, lang)
    if key in ("lang", "format"):
        return label(key, text, lang)
    if isinstance(value, bool):
        return label("bool", text, lang)
    return text


def option_name(key: str, lang: Lang) -> str:
    return label("option", key, lang)


def local_time(moment: datetime | None, lang: Lang) -> str | None:
    """A time in the machine's local time zone, as people write it (with its UTC offset)."""
    if moment is None:
        return None
    local = moment.astimezone()
    offset = local.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
    if lang == "zh":
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S}（{zone}）"
    return f"{local:%Y-%m-%d %H:%M:%S} ({zone})"


def pack_short(pack: Any, lang: Lang) -> str:
    """A pack's short name for a cell: ``北京市 2023年版`` / ``Beijing 2023``."""
    if pack is None:
        return ""
    where = pack.jurisdiction.get(lang)
    if lang == "zh":
        return f"{where} {pack.edition_year}年版"
    return f"{where} {pack.edition_year}"
