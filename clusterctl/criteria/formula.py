"""Formulas of derived indicators, e.g. ``sme_output / total_output * 100``.

A formula is parsed with :mod:`ast` and only names, numbers, ``+ - * /``, unary ``-`` and
parentheses are accepted. A name is another indicator of the pack, or ``basic.<field>``: a
number from the basic-information sheet (one value, not a yearly series; e.g. the cluster
area ``basic.area_km2``). Evaluation never raises: a missing input gives no value, and so does a
division by a zero or negative denominator (a share of a non-positive total means nothing).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from dataclasses import dataclass

from clusterctl.i18n import Text

MAX_FORMULA = 400  # characters
MAX_NODES = 100
BASIC_PREFIX = "basic."

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_SHOWN = {"+": "+", "-": "-", "*": "×", "/": "÷"}  # GBK has no U+2212


class FormulaError(ValueError):
    """A formula that is not allowed; ``text`` says why in both languages."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.en)


@dataclass(frozen=True, slots=True)
class Formula:
    source: str
    tree: ast.expr
    names: tuple[str, ...]  # indicator keys and ``basic.<field>`` names, in order of appearance

    def evaluate(self, values: Mapping[str, float | None]) -> float | None:
        """The value for these inputs; None when an input is missing or a denominator ≤ 0."""
        try:
            value = _eval(self.tree, values)
        except (ArithmeticError, _NoValue):
            return None
        return value if value is not None and math.isfinite(value) else None

    def render(self, label: Mapping[str, str]) -> str:
        """The formula with each name replaced by ``label[name]`` and ÷ × signs."""
        return _render(self.tree, label, 0)


class _NoValue(Exception):
    pass


def parse(source: str) -> Formula:
    """Parse and check a formula; ``FormulaError`` says what is not allowed."""
    if not isinstance(source, str) or not source.strip():
        raise FormulaError(Text("公式为空", "the formula is empty"))
    if len(source) > MAX_FORMULA:
        raise FormulaError(
            Text(f"公式过长（最多 {MAX_FORMULA} 字）", f"too long (at most {MAX_FORMULA})")
        )
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise FormulaError(Text(f"公式语法错误：{source!r}", f"syntax error: {source!r}")) from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise FormulaError(Text("公式过于复杂", "the formula is too complex"))
    names: list[str] = []
    _check(tree, names)
    return Formula(source.strip(), tree, tuple(dict.fromkeys(names)))


_NAMES = {
    "Pow": "**",
    "Mod": "%",
    "FloorDiv": "//",
    "Attribute": "“.”",
    "Call": "函数调用 / a call",
    "Compare": "比较 / a comparison",
    "Subscript": "[]",
}


def _not_allowed(what: str) -> FormulaError:
    what = _NAMES.get(what, what)
    return FormulaError(
        Text(
            f"公式中不允许使用 {what}（只允许指标名、数字、+ - * / 和括号）",
            f"{what} is not allowed (only indicator names, numbers, + - * / and parentheses)",
        )
    )


def _check(node: ast.expr, names: list[str]) -> None:
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _OPS:
            raise _not_allowed(type(node.op).__name__)
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise _not_allowed(type(node.op).__name__)
        _check(node.operand, names)
    elif isinstance(node, ast.Constant):
        ok = isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
        if not ok or not math.isfinite(node.value):
            raise _not_allowed(repr(node.value))
    elif isinstance(node, ast.Name):
        names.append(node.id)
    elif (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "basic"
    ):
        names.append(BASIC_PREFIX + node.attr)
    else:
        raise _not_allowed(type(node).__name__)


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return BASIC_PREFIX + node.attr
    assert isinstance(node, ast.Name)
    return node.id


def _eval(node: ast.expr, values: Mapping[str, float | None]) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, (ast.Name, ast.Attribute)):
        value = values.get(_name(node))
        if value is None:
            raise _NoValue
        return float(value)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.BinOp)
    left, right = _eval(node.left, values), _eval(node.right, values)
    op = _OPS[type(node.op)]
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right <= 0:  # a share of nothing, or of a negative total: no value
        raise _NoValue
    return left / right


def _precedence(node: ast.expr) -> int:
    if isinstance(node, ast.BinOp):
        return 1 if isinstance(node.op, (ast.Add, ast.Sub)) else 2
    if isinstance(node, ast.UnaryOp):
        return 3
    return 4


def _render(node: ast.expr, label: Mapping[str, str], outer: int) -> str:
    if isinstance(node, ast.Constant):
        text = f"{node.value:g}" if isinstance(node.value, float) else str(node.value)
    elif isinstance(node, (ast.Name, ast.Attribute)):
        name = _name(node)
        text = label.get(name, name)
    elif isinstance(node, ast.UnaryOp):
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        text = sign + _render(node.operand, label, 3)
    else:
        assert isinstance(node, ast.BinOp)
        mine = _precedence(node)
        op = _SHOWN[_OPS[type(node.op)]]
        # the right operand of - and ÷ keeps its parentheses at the same precedence
        right = mine + 1 if isinstance(node.op, (ast.Sub, ast.Div)) else mine
        text = f"{_render(node.left, label, mine)} {op} {_render(node.right, label, right)}"
    return f"({text})" if _precedence(node) < outer else text
