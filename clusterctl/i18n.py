"""Bilingual user-facing text.

User-facing text is Chinese by default and English with ``--lang en``. Every string a user sees is
a :class:`Text` pair (or a pair of format templates) chosen at render time, so data objects never
hold text in one language only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


@dataclass(frozen=True, slots=True)
class Text:
    """A Chinese/English pair; either may be a ``str.format`` template."""

    zh: str
    en: str

    def get(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
        """Render the template in ``lang``; a missing parameter shows as ``{name}``."""
        return self.get(lang).format_map(_Lenient(params))


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(zh: str, en: str) -> Text:
    """Shorthand constructor used by modules that declare many strings."""
    return Text(zh, en)


def check_lang(value: str) -> Lang:
    if value not in LANGS:
        raise ValueError(f"unknown language {value!r}; choose zh or en")
    return value  # type: ignore[return-value]


# The English of every unit the shipped packs write in Chinese (a criterion's or indicator's
# ``unit``): the one place the reports and the sentences translate a unit. A unit not listed
# (%, km², a user's pack's own) is shown as written. tests/reports/test_lang_en.py checks that
# every Chinese unit of the shipped packs is here.
UNIT_EN: dict[str, str] = {
    "亿元": "× 100M CNY",
    "万元": "× 10k CNY",
    "件/万人": "per 10k people",
    "倍": "×",
    "家": "firms",
    "件": "patents",
    "人": "people",
    "吨/万元": "t per 10k CNY",
    "吨标准煤/万元": "tce per 10k CNY",
    "立方米/万元": "m³ per 10k CNY",
    "项": "standards",
}
_UNIT_ONE = {"firms": "firm", "patents": "patent", "people": "person", "standards": "standard"}


def unit_label(unit: str | None, lang: Lang, value: float | None = None) -> str | None:
    """``unit`` in ``lang`` (English from :data:`UNIT_EN`; singular for a value of 1)."""
    if lang != "en" or not unit:
        return unit
    english = UNIT_EN.get(unit, unit)
    return _UNIT_ONE.get(english, english) if value == 1 else english


@dataclass(frozen=True, slots=True)
class Count:
    """A counted noun: Chinese has one form, English a singular and a plural
    (``Count("{n} 个错误", "{n} error", "{n} errors").format("en", 1)`` is "1 error")."""

    zh: str
    one: str
    many: str

    def format(self, lang: Lang, n: int) -> str:
        template = self.zh if lang != "en" else (self.one if n == 1 else self.many)
        return template.format(n=n)
