"""Option values without importing pydantic on the common path.

typer 0.29 coerces every parameter that is not a plain flag through a pydantic ``TypeAdapter``,
built the first time the parameter is processed, even when the option was not given (value
``None``). Importing pydantic and building the adapters costs ~0.09 s, a quarter of a
``clusterctl check FILE`` run (docs/performance.md).

:func:`install` makes typer give each parameter a :class:`DeferredCoercion`, which handles the
values whose result is known without pydantic: a missing value, a text for a ``str`` parameter,
texts for a ``list[str]`` argument, a text for a plain ``Path`` option (``screen -o
summary.xlsx``: ``Path(text)``), plain decimal numbers within the bounds of an ``int``/``float``
option, and a default already of that type. It returns exactly what typer's adapter returns
for them (tests/cli/test_fast_params.py compares the two). Any other value (a number with a
sign, an exponent or out of bounds, a path pydantic refuses, a parameter with a custom parser)
goes to typer's own coercion, built then as before, so errors and their messages are typer's.

If typer's internals change (no ``typer.core.build_runtime_param``), nothing is installed and
typer works as it always does, only slower at start-up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_DIGITS = re.compile(r"[0-9]{1,18}")
_DECIMAL = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")
# A ``Path`` parameter with these settings (typer's defaults) is ``Path(text)``; any other
# setting (must exist, resolved, ...) goes to typer.
_PLAIN_PATH = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


def install() -> None:
    """Make typer build :class:`DeferredCoercion` for every parameter (idempotent).

    typer builds a parameter's coercion lazily, through ``typer.core.build_runtime_param``;
    replacing that name covers every parameter, the help options typer adds per context included.
    """
    import typer.core

    original = getattr(typer.core, "build_runtime_param", None)
    if original is None or getattr(original, "__module__", None) != "typer._coercion":
        return  # already installed, or typer changed: leave it as it is
    typer.core.build_runtime_param = _deferred  # type: ignore[attr-defined]


def _deferred(descriptor: Any) -> DeferredCoercion:
    return DeferredCoercion(descriptor)


class DeferredCoercion:
    """Stands in for typer's ``RuntimeParam`` until a value needs pydantic."""

    __slots__ = ("descriptor", "runtime")

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self.runtime: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.runtime is None:
            multiple = param.multiple or param.nargs == -1
            if value is None:  # as typer's RuntimeParam.coerce, before it needs an adapter
                return () if multiple else None
            known = _without_pydantic(self.descriptor, value, multiple)
            if known is not None:
                return known
            from typer._coercion import build_runtime_param

            self.runtime = build_runtime_param(self.descriptor)
        return self.runtime.coerce(value, param=param, ctx=ctx)


def _without_pydantic(descriptor: Any, value: Any, multiple: bool) -> Any:
    """What typer's adapter returns for ``value`` when that is known without it, else None."""
    if descriptor.file_annotation is not None or descriptor.parameter_info.parser is not None:
        return None
    annotation = descriptor.annotation
    if multiple:
        if (
            annotation == list[str]
            and type(value) in (tuple, list)
            and all(type(item) is str for item in value)
        ):
            return list(value)
        return None
    if type(value) is not str:
        return _typed_number(annotation, value, descriptor.parameter_info)
    if annotation is str:
        return value
    if annotation is Path:
        info = descriptor.parameter_info
        plain = all(getattr(info, k, None) == v for k, v in _PLAIN_PATH.items())
        return Path(value) if plain and _encodable(value) else None
    return _plain_number(annotation, value, descriptor.parameter_info)


def _typed_number(annotation: Any, value: Any, info: Any) -> int | float | None:
    """A default already of the option's number type (``--expert-spread``'s 0.5): itself, when
    finite and within the bounds; else None (typer decides)."""
    if annotation not in (int, float) or type(value) is not annotation:
        return None
    if value != value or value in (float("inf"), float("-inf")) or getattr(info, "clamp", False):
        return None
    if info.min is not None and value < info.min:
        return None
    if info.max is not None and value > info.max:
        return None
    return value


def _encodable(text: str) -> bool:
    """pydantic refuses a path with a NUL or a lone surrogate (typer's error then)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plain_number(annotation: Any, value: str, info: Any) -> int | float | None:
    """``value`` as an int/float when it is plain digits within the option's bounds, else None."""
    if annotation is int and _DIGITS.fullmatch(value):
        number: int | float = int(value)
    elif annotation is float and _DECIMAL.fullmatch(value):
        number = float(value)
    else:
        return None
    if getattr(info, "clamp", False):
        return None
    if info.min is not None and number < info.min:
        return None
    if info.max is not None and number > info.max:
        return None
    return number
