"""The keys of a pack file, declared once: type, allowed values, default and a one-line doc.

The pack-level keys, ``[[sections]]``, ``[[indicators]]`` and the keys every criterion has are
declared here; each criterion kind declares its own keys in its rule module
(``clusterctl/evaluation/rules/<kind>.py``, ``KEYS``). :mod:`clusterctl.evaluation.pack_schema`
builds the published JSON Schema (``pack.schema.json``) from these declarations, and
``clusterctl rule`` shows a kind's keys from the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clusterctl.criteria.model import Op, Provenance, Severity
from clusterctl.i18n import Text, t

MAX_TEXT = 4000  # characters in one string
MAX_CRITERIA = 500
MAX_ENTRIES = 200  # sections, indicators, count rules

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"
CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]{0,31}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
PROVINCE_PATTERN = r"^[1-9][0-9]$"
LEVELS = ("区级", "县级", "市级", "省级")
INDICATOR_TYPES = ("number", "int", "percent")


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a table in a pack file."""

    name: str
    type: str  # str, int, number, bool, text ({zh, en}), str-list, table-list
    doc: Text
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    pattern: str | None = None
    pattern_doc: Text | None = None  # what the pattern means, for messages
    minimum: float | None = None
    maximum: float | None = None
    items: tuple[Key, ...] = ()  # table-list: the keys of each table
    min_items: int | None = None
    max_items: int | None = None


def values(enum: Any) -> tuple[str, ...]:
    return tuple(str(e.value) for e in enum)


PACK_KEYS: tuple[Key, ...] = (
    Key(
        "id",
        "str",
        t("标准版本编号，如 beijing-2023", "the pack id, e.g. beijing-2023"),
        True,
        pattern=ID_PATTERN,
        pattern_doc=t("小写字母、数字和连字符", "lower-case letters, digits and hyphens"),
    ),
    Key("title", "text", t("标准名称", "the standard's title"), True),
    Key("jurisdiction", "text", t("适用地区", "the jurisdiction"), True),
    Key("level", "str", t("认定层级", "the level clusters are recognised at"), True, LEVELS),
    Key("edition_year", "int", t("年版", "the edition year"), True, minimum=2000, maximum=2100),
    Key("source", "str", t("来源文件", "the source document"), True),
    Key("template_version", "str", t("申报模板版本", "the workbook template version"), True),
    Key(
        "family",
        "str",
        t("别名组（最新年版使用该别名）", "alias group (the newest edition answers to it)"),
        pattern=ID_PATTERN,
        pattern_doc=t("小写字母、数字和连字符", "lower-case letters, digits and hyphens"),
    ),
    Key("extends", "str", t("所基于的标准（编号或 .toml 路径）", "the pack it extends")),
    Key(
        "drop",
        "str-list",
        t("不继承的基础标准条目编码", "codes of the base pack's criteria to leave out"),
    ),
    Key(
        "province_code",
        "str",
        t("两位省级区划代码", "the 2-digit province code"),
        pattern=PROVINCE_PATTERN,
        pattern_doc=t("两位省级区划代码", "a 2-digit province code"),
    ),
    Key("quota", "int", t("每地推荐名额", "recommendations per area"), minimum=1),
    Key("quota_note", "str", t("名额说明", "where the quota comes from")),
    Key("call", "str", t("名额所依据的申报通知（calls.toml）", "the call its quota comes from")),
    Key("note", "str", t("备注", "a note")),
)
# keys an extending pack may leave out (they come from the pack it extends)
INHERITED = ("level", "template_version", "source", "jurisdiction")

SECTION_KEYS: tuple[Key, ...] = (
    Key(
        "key",
        "str",
        t("章节键，条目以 section 引用", "the section key criteria name"),
        True,
        pattern=KEY_PATTERN,
        pattern_doc=t("小写字母、数字和下划线", "lower-case letters, digits and underscores"),
    ),
    Key("title", "text", t("章节标题，如“一、基本条件”", "the section title"), True),
)

INDICATOR_KEYS: tuple[Key, ...] = (
    Key(
        "key",
        "str",
        t("指标键（申报书中的字段键）", "the indicator key (its field key in the workbook)"),
        True,
        pattern=KEY_PATTERN,
        pattern_doc=t("小写字母、数字和下划线", "lower-case letters, digits and underscores"),
    ),
    Key("label", "text", t("指标名称", "the indicator's label"), True),
    Key("unit", "text", t("单位", "the unit"), True),
    Key("type", "str", t("数值类型", "the value type"), choices=INDICATOR_TYPES, default="number"),
    Key(
        "required",
        "bool",
        t("标准读取时是否必填", "required when the pack reads it"),
        default=True,
    ),
    Key("help", "text", t("填报提示", "a filling hint")),
    Key(
        "formula",
        "str",
        t(
            "派生指标的公式，如 sme_output / total_output * 100；basic.<字段> 读基本信息",
            "a derived indicator's formula, e.g. sme_output / total_output * 100; "
            "basic.<field> reads basic information",
        ),
    ),
)

# keys every criterion has, whatever its kind
CRITERION_KEYS: tuple[Key, ...] = (
    Key(
        "code",
        "str",
        t("编码，稳定且唯一，如 CR203", "the code, stable and unique, e.g. CR203"),
        True,
        pattern=CODE_PATTERN,
        pattern_doc=t("字母开头的字母、数字、-、_、.", "a letter, then letters, digits, - _ ."),
    ),
    Key(
        "name",
        "str",
        t("小写连字符名称", "a kebab-case name"),
        True,
        pattern=NAME_PATTERN,
        pattern_doc=t("小写连字符名称", "a kebab-case name"),
    ),
    Key("section", "str", t("所属章节的键", "the key of its section"), True),
    Key("title", "text", t("条目名称", "the criterion's title"), True),
    Key("clause", "str", t("标准原文", "the clause of the standard it comes from"), True),
    Key("kind", "str", t("条目类型", "the kind of criterion"), True),
    Key(
        "severity",
        "str",
        t("hard：未达标即不符合；soft：仅警示", "hard: a miss is ineligible; soft: only warns"),
        choices=values(Severity),
        default="hard",
    ),
    Key("weight", "number", t("评分权重", "the weight in the score"), minimum=0, default=0),
    Key(
        "provenance",
        "str",
        t("数字是否已与官方文本核实", "whether the number is confirmed"),
        choices=values(Provenance),
        default="confirmed",
    ),
    Key("source_note", "str", t("数字来源说明", "where the number comes from")),
    Key("source_url", "str", t("条文出处（网址）", "the address the clause was read at")),
    Key("aliases", "str-list", t("旧编码", "old codes after a rename")),
    Key("hint", "text", t("修改建议", "how to fix")),
    Key("description", "text", t("计算说明", "how it is computed")),
)

# keys kinds share, declared once for their modules
METRIC = Key("metric", "str", t("读取的指标键（[[indicators]]）", "the indicator it reads"), True)
OP = Key(
    "op",
    "str",
    t("比较：gt 高于、ge 不低于/以上、lt 低于、le 不超过", "comparison: gt, ge, lt, le"),
    True,
    values(Op),
)
THRESHOLD = Key("threshold", "number", t("阈值", "the threshold"), True)
UNIT = Key("unit", "str", t("显示单位（默认取指标单位）", "unit shown (default: the indicator's)"))
