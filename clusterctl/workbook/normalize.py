"""Read cell values the way people type them. Pure functions, no I/O.

Each ``parse_*`` function takes the raw cell value (``str``, ``int``, ``float``, ``bool``,
``datetime``/``date`` or ``None``) and returns a :class:`Parsed`: the value read, whether the
typed form differed from it (``normalised``, so the reader can say how it read it), a unit
conversion if one was applied, or ``error`` (what was expected) when it cannot be read.
Blank cells give ``Parsed(None)`` with no error: required-ness is the validator's business.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from clusterctl.i18n import Text, t

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(.*)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_EXCEL_SERIAL = 2958465  # 9999-12-31

NUMBER = t("数值", "number")
WHOLE_NUMBER = t("整数", "whole number")
PERCENT = t("百分比（如 75% 或 0.75）", "percentage (e.g. 75% or 0.75)")


@dataclass(frozen=True, slots=True)
class Parsed:
    value: Any = None
    normalised: bool = False  # the typed form differs from the value read
    error: Text | None = None  # what was expected, when unreadable
    from_unit: str | None = None  # a unit conversion applied, e.g. "万元"
    to_unit: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def blank(self) -> bool:
        return self.value is None and self.error is None


def clean_text(raw: Any) -> str | None:
    """Text with stray and non-breaking spaces collapsed and trimmed; None when blank."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _SPACES.sub(" ", str(raw)).strip()
    return text or None


def has_stray_space(text: str) -> bool:
    """True when ``text`` has a character of the kind :func:`clean_text` collapses or trims
    (and when it is empty); False means clean_text leaves it as it is. str.split() finds the
    Unicode spaces faster than the regex; the two the regex adds are looked for separately."""
    return text.split() != [text] or "\u200b" in text or "\ufeff" in text


def _compact(raw: str) -> str:
    """Full-width forms folded (NFKC), all whitespace removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", raw))


def parse_text(raw: Any) -> Parsed:
    text = clean_text(raw)
    return Parsed(text, normalised=text is not None and text != raw)


# Units a number may carry, as multipliers to a base of the same dimension.
_MONEY = {"元": 1.0, "万元": 1e4, "万": 1e4, "亿元": 1e8, "亿": 1e8}
_UNIT_ALIASES = {
    "平方公里": ("km²", "km2", "平方千米"),
    "吨/万元": ("t/万元",),
    "吨标准煤/万元": ("tce/万元", "吨标煤/万元"),
    "立方米/万元": ("m³/万元", "m3/万元"),
}


def _unit_factor(suffix: str, unit: str | None) -> float | None:
    """Multiplier from ``suffix`` to ``unit``; None when the suffix does not fit the unit."""
    if not suffix:
        return 1.0
    if unit is None:
        return None
    target = unicodedata.normalize("NFKC", unit)
    if suffix == target or suffix in {
        unicodedata.normalize("NFKC", a) for a in _UNIT_ALIASES.get(unit, ())
    }:
        return 1.0
    if suffix in _MONEY and target in _MONEY:
        return _MONEY[suffix] / _MONEY[target]
    # counting words: "12家", "30件" when the unit is 家/件
    return None


def parse_number(raw: Any, unit: str | None = None) -> Parsed:
    """A decimal number, optionally with thousands separators and a unit suffix.

    ``"45.6亿元"`` with unit 亿元 reads 45.6; ``"4560万元"`` reads 0.456 (converted);
    ``"４,５６０"`` reads 4560.
    """
    if raw is None:
        return Parsed()
    if isinstance(raw, bool):
        return Parsed(error=NUMBER)
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(error=NUMBER)
        return Parsed(float(raw))
    if isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return Parsed(error=NUMBER)
    text = _compact(str(raw))
    if not text:
        return Parsed()
    text = text.replace("，", ",")
    match = _NUMBER.fullmatch(text.replace(",", "")) if _plausible_grouping(text) else None
    if match is None:
        return Parsed(error=NUMBER)
    number = float(match.group(1))
    if not math.isfinite(number):
        return Parsed(error=NUMBER)
    suffix = match.group(2)
    factor = _unit_factor(suffix, unit)
    if factor is None:
        return Parsed(error=NUMBER)
    if factor != 1.0:
        if not math.isfinite(number * factor):  # a huge number in a smaller unit
            return Parsed(error=NUMBER)
        return Parsed(number * factor, True, from_unit=suffix, to_unit=unit)
    return Parsed(number, normalised=str(raw) != match.group(1))


def _plausible_grouping(text: str) -> bool:
    """Commas only as thousands separators ("4,560" yes, "4,56" no)."""
    if "," not in text:
        return True
    head = re.match(r"[+-]?[\d,]+(?:\.\d*)?", text)
    return bool(head) and bool(_GROUPED.fullmatch(head.group(0)))


def parse_int(raw: Any, unit: str | None = None) -> Parsed:
    """A whole number (counts, years); ``12.0`` is fine, ``12.5`` is not."""
    parsed = parse_number(raw, unit)
    if parsed.error is not None:
        return Parsed(error=WHOLE_NUMBER)
    if parsed.value is None:
        return parsed
    if not float(parsed.value).is_integer():
        return Parsed(error=WHOLE_NUMBER)
    return Parsed(int(parsed.value), parsed.normalised, None, parsed.from_unit, parsed.to_unit)


def parse_percent(raw: Any) -> Parsed:
    """A share as 0..100: ``"75%"``, ``75`` and ``0.75`` all read 75.

    A bare number from 0 to 1 is taken as a fraction (Excel stores 75% as 0.75).
    """
    if raw is None:
        return Parsed()
    if isinstance(raw, str):
        text = _compact(raw)
        if not text:
            return Parsed()
        if text.endswith("%"):
            inner = parse_number(text[:-1])
            if inner.error is not None or inner.value is None:
                return Parsed(error=PERCENT)
            return Parsed(inner.value, normalised=True)
    parsed = parse_number(raw)
    if parsed.error is not None:
        return Parsed(error=PERCENT)
    if parsed.value is None:
        return parsed
    value = parsed.value
    if 0.0 < abs(value) <= 1.0:
        # Excel stores a cell shown as 75% as 0.75: the usual case for numbers, not news;
        # a fraction typed as text ("0.75") is reported.
        return Parsed(round(value * 100.0, 10), normalised=isinstance(raw, str))
    return Parsed(value, parsed.normalised)


# What the template's drop-down lists offer: the Chinese value is what the reader keeps; a
# template written with --lang en offers the English label, read as that value without a finding.
CHOICE_LABELS: dict[str, Text] = {
    "是": t("是", "Yes"),
    "否": t("否", "No"),
    "大型": t("大型", "Large"),
    "中型": t("中型", "Medium"),
    "小型": t("小型", "Small"),
    "微型": t("微型", "Micro"),
    # annual report (kinds/annual-report.toml)
    "加入": t("加入", "Joined"),
    "退出": t("退出", "Left"),
    "安全事故": t("安全事故", "Safety accident"),
    "质量事故": t("质量事故", "Quality accident"),
    "环境污染": t("环境污染", "Pollution"),
    "偷税漏税": t("偷税漏税", "Tax evasion"),
    "严重失信": t("严重失信", "Serious dishonesty"),
    "其他": t("其他", "Other"),
}
_FROM_LABEL = {label.en: value for value, label in CHOICE_LABELS.items()}
_FROM_LABEL_FOLDED = {label.en.casefold(): value for value, label in CHOICE_LABELS.items()}

_TRUE = {"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "对", "有", "已确认", "确认", "同意"}
_FALSE = {"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "x", "错", "无", "不是"}
YES_NO = t("“是”或“否”", "Yes or No (是 or 否)")


def parse_bool(raw: Any) -> Parsed:
    """是/否, Y/N, yes/no, true/false, 1/0, √/×."""
    if raw is None:
        return Parsed()
    if isinstance(raw, bool):
        return Parsed(raw)
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return Parsed(bool(raw), normalised=True)
    text = _compact(str(raw))
    if text in ("Yes", "No"):  # the English template's drop-down values
        return Parsed(text == "Yes")
    text = text.lower()
    if not text:
        return Parsed()
    if text in _TRUE:
        return Parsed(True, normalised=text != "是")
    if text in _FALSE:
        return Parsed(False, normalised=text != "否")
    return Parsed(error=YES_NO)


DATE = t("日期", "date")
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_date(raw: Any) -> Parsed:
    """2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, 20230501, an Excel serial or a date
    object; the value is the ISO date string."""
    if raw is None:
        return Parsed()
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date().isoformat(), normalised=raw.time() != dt.time())
    if isinstance(raw, dt.date):
        return Parsed(raw.isoformat())
    if isinstance(raw, bool):
        return Parsed(error=DATE)
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or not 1 <= raw <= MAX_EXCEL_SERIAL:
            return Parsed(error=DATE)
        day = EXCEL_EPOCH + dt.timedelta(days=int(raw))
        return Parsed(day.isoformat(), normalised=True)
    text = _compact(str(raw))
    if not text:
        return Parsed()
    text = re.sub(r"[T ].*$", "", text) if re.match(r"\d{4}-\d{2}-\d{2}T", text) else text
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return Parsed(error=DATE)
            iso = day.isoformat()
            return Parsed(iso, normalised=iso != text)
    return Parsed(error=DATE)


YEAR = t("四位年份", "four-digit year")
MIN_YEAR, MAX_YEAR = 1949, 2100


def parse_year(raw: Any) -> Parsed:
    """A year: ``2022``, ``"2022年"``, ``2022.0``."""
    if isinstance(raw, str):
        raw = _compact(raw).removesuffix("年") or None
    if isinstance(raw, (dt.date, dt.datetime)):
        return Parsed(raw.year, normalised=True)
    parsed = parse_int(raw)
    if parsed.value is None:
        return Parsed(error=YEAR) if parsed.error else parsed
    if not MIN_YEAR <= parsed.value <= MAX_YEAR:
        return Parsed(error=YEAR)
    return parsed


QUALIFICATION = t("获评年份或“是”", "year obtained, or 是")


@dataclass(frozen=True, slots=True)
class Held:
    """A qualification cell: held or not, and the year obtained when given."""

    held: bool
    year: int | None = None

    def __str__(self) -> str:
        if not self.held:
            return "否"
        return str(self.year) if self.year is not None else "是"


def parse_year_or_bool(raw: Any) -> Parsed:
    """A qualification cell: a year obtained (``2021``, ``"2021年"``, a date), or 是/否."""
    if raw is None:
        return Parsed()
    if isinstance(raw, str) and not _compact(raw):
        return Parsed()
    flag = parse_bool(raw)
    if flag.ok and flag.value is not None and not isinstance(raw, (int, float)):
        return Parsed(Held(flag.value), flag.normalised)
    year = parse_year(raw)
    if year.ok and year.value is not None:
        return Parsed(Held(True, year.value), year.normalised)
    return Parsed(error=QUALIFICATION)


def parse_choice(raw: Any, choices: tuple[str, ...]) -> Parsed:
    """One of ``choices``; tolerates spaces and a missing 型 (``"小"`` → ``"小型"``), and reads
    the English template's labels (``Small`` → ``"小型"``; in another case, with a finding)."""
    text = clean_text(raw)
    if text is None:
        return Parsed()
    compact = _compact(text)
    if _FROM_LABEL.get(compact) in choices:  # the English template's drop-down value
        return Parsed(_FROM_LABEL[compact], normalised=compact != raw)
    bare = compact.removesuffix("企业")
    for candidate in (compact, bare, bare + "型", _FROM_LABEL_FOLDED.get(compact.casefold())):
        if candidate in choices:
            return Parsed(candidate, normalised=candidate != raw)
    return Parsed(error=t("可选值", "one of the choices"))


def parse_code(raw: Any) -> Parsed:
    """An identifier (credit code, division code): full-width folded, spaces and dashes
    removed, upper case. Numbers typed into the cell (110108.0) become digits."""
    if raw is None:
        return Parsed()
    if isinstance(raw, bool):
        return Parsed(error=t("代码", "code"))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _compact(str(raw)).replace("-", "").upper()
    if not text:
        return Parsed()
    return Parsed(text, normalised=text != raw and not isinstance(raw, int))


def format_value(value: Any) -> str:
    """How a read value is shown in a message: 45.6, 0.456, 75, 是, 2023-05-01."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    return str(value)
