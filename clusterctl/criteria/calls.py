"""Calls for applications (申报通知) as data: each call's quota per jurisdiction, with its source.

The calls live in ``calls.toml`` beside this module; a pack names the call its quota comes from
(``call = "beijing-2024"``). :meth:`Call.jurisdiction` says which jurisdiction an application
counts in under the call (from its region fields: division code, province, city, district) and
that jurisdiction's quota; ``clusterctl screen`` flags the applications ranked beyond it (B404).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from clusterctl.i18n import Text

PER = ("province", "prefecture", "district")
PER_WORDS = {
    "province": Text("每省（区、市）", "per province"),
    "prefecture": Text("每州（市）", "per prefecture"),
    "district": Text("每区（县）", "per district"),
}
_SPACE = re.compile(r"\s+")
_DIGITS = {"province": 2, "prefecture": 4, "district": 6}
_FACT = {"province": "province", "prefecture": "city", "district": "district"}


def _norm(text: str | None) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


@dataclass(frozen=True, slots=True)
class CallException:
    """A jurisdiction counted on its own with its own quota (a 计划单列市, 兵团, 昆明 …)."""

    name: Text
    quota: int
    prefixes: tuple[str, ...] = ()  # division-code prefixes
    names: tuple[str, ...] = ()  # province / city / district names

    def matches(self, code: str, facts: Mapping[str, str]) -> str | None:
        """The key it counts under when the application belongs to it, else None."""
        for prefix in self.prefixes:
            if code.startswith(prefix):
                return prefix
        wanted = {_norm(n) for n in self.names}
        for key in ("province", "city", "district"):
            name = _norm(facts.get(key))
            if name and name in wanted:
                return name
        return None


@dataclass(frozen=True, slots=True)
class Call:
    """One call: its quota per jurisdiction (``per``), the exceptions, and its source."""

    id: str
    title: Text
    year: int
    per: str
    quota: int
    source: str
    source_url: str = ""
    one_per_niche: bool = False
    exceptions: tuple[CallException, ...] = ()

    def jurisdiction(self, facts: Mapping[str, str]) -> tuple[str, int] | None:
        """(key, quota) of the jurisdiction an application counts in; None when its region
        fields do not say (it is then not counted)."""
        code = (facts.get("division_code") or "").strip()
        code = code if len(code) == 6 and code.isdigit() else ""
        for exception in self.exceptions:
            key = exception.matches(code, facts)
            if key is not None:
                return f"x:{key}", exception.quota
        if code:
            return code[: _DIGITS[self.per]], self.quota
        name = _norm(facts.get(_FACT[self.per]))
        if not name:
            return None
        if self.per != "province":  # a district or city name is unique within its province
            name = f"{_norm(facts.get('province'))}/{name}"
        return name, self.quota

    def region_name(self, facts: Mapping[str, str]) -> str:
        """The jurisdiction's name for messages: 海淀区, 昆明市, 宁波市, 江苏省 …"""
        code = (facts.get("division_code") or "").strip()
        for exception in self.exceptions:
            if exception.matches(code if len(code) == 6 else "", facts) is not None:
                return facts.get("city") or facts.get("province") or exception.name.zh
        fact = facts.get(_FACT[self.per])
        return fact or code[: _DIGITS[self.per]] or "?"

    def quota_text(self) -> Text:
        """How the quota reads, e.g. 每省（区、市）最多 5 个（计划单列市… 3 个）."""
        per = PER_WORDS[self.per]
        zh = f"{per.zh}最多 {self.quota} 个"
        en = f"at most {self.quota} {per.en}"
        if self.exceptions:
            zh += "（" + "；".join(f"{e.name.zh} {e.quota} 个" for e in self.exceptions) + "）"
            en += " (" + "; ".join(f"{e.name.en}: {e.quota}" for e in self.exceptions) + ")"
        return Text(zh, en)


class CallError(ValueError):
    """The calls file is broken (a shipped file: a bug, caught by the tests)."""


def _text(value: Mapping[str, str]) -> Text:
    return Text(value["zh"], value["en"])


def parse_calls(data: Mapping[str, object]) -> dict[str, Call]:
    """The calls of a parsed ``calls.toml``, by id."""
    calls: dict[str, Call] = {}
    entries = data.get("calls", [])
    if not isinstance(entries, list):
        raise CallError("calls: expected [[calls]] tables")
    for i, c in enumerate(entries):
        try:
            if c["per"] not in PER:
                raise CallError(f"calls[{i}].per: expected one of {', '.join(PER)}")
            call = Call(
                id=c["id"],
                title=_text(c["title"]),
                year=int(c["year"]),
                per=c["per"],
                quota=int(c["quota"]),
                source=c["source"],
                source_url=c.get("source_url", ""),
                one_per_niche=bool(c.get("one_per_niche", False)),
                exceptions=tuple(
                    CallException(
                        _text(e["name"]),
                        int(e["quota"]),
                        tuple(e.get("prefixes", ())),
                        tuple(e.get("names", ())),
                    )
                    for e in c.get("exceptions", ())
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CallError(f"calls[{i}]: {exc}") from exc
        if call.id in calls:
            raise CallError(f"calls[{i}].id: {call.id} is used twice")
        calls[call.id] = call
    return calls


@functools.lru_cache(maxsize=1)
def shipped_calls() -> dict[str, Call]:
    """The shipped calls (``calls.toml``), by id."""
    text = (resources.files("clusterctl.criteria") / "calls.toml").read_text(encoding="utf-8")
    return parse_calls(tomllib.loads(text))


def get_call(call_id: str | None) -> Call | None:
    return shipped_calls().get(call_id) if call_id else None
