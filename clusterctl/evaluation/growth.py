"""Growth and trends over the years of an application.

The standards say 年均增速 / 年均增长 (average annual growth) without a formula; clusterctl uses the
compound annual growth rate over the years given, ``(last/first)^(1/(n−1)) − 1`` with ``n`` the
number of years from the first to the last, and every result that uses it says so
(:data:`CAGR_NOTE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from clusterctl.i18n import t

CAGR_NOTE = t(
    "年均增速按复合增长率计算：(末年值 ÷ 首年值)^(1 ÷ (年数 − 1)) − 1",
    "Average annual growth is the compound rate: (last ÷ first)^(1 ÷ (years − 1)) − 1",
)


def cagr(first: float, last: float, periods: int) -> float | None:
    """Compound annual growth in % over ``periods`` years (``n − 1``); ``None`` when it is not
    defined (a first value of zero or below, a negative last value, no period)."""
    if periods < 1 or first <= 0 or last < 0:
        return None
    return ((last / first) ** (1.0 / periods) - 1.0) * 100.0


def periods_between(years: Sequence[int | None], first: int, last: int) -> int:
    """Years between two columns: from the year labels when both are known, else positions."""
    a, b = years[first] if first < len(years) else None, years[last] if last < len(years) else None
    if isinstance(a, int) and isinstance(b, int) and b > a:
        return b - a
    return last - first


def monotonic_steps(values: Sequence[float], decreasing: bool) -> list[bool]:
    """For each step from one year to the next: did it move the wanted way (strictly)?"""
    return [(b < a) if decreasing else (b > a) for a, b in pairwise(values)]
