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
