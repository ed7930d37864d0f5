"""Load criteria packs: the shipped ones in ``packs/`` and users' own TOML files.

``resolve_pack`` accepts a pack id (``beijing-2023``), a family alias for the newest edition
(``beijing``, ``national``), an edition year (``2023``) or a path to a ``.toml`` file. A pack may
``extends`` another one and override a few keys of some criteria (see ``docs/criteria-packs.md``).
A user's file is checked against the published JSON Schema (:mod:`clusterctl.criteria.schema`,
``pack.schema.json``) and the semantic checks (:mod:`clusterctl.criteria.semantics`) before it is
used; a shipped pack only against the latter (the tests check it against the schema).
"""

from __future__ import annotations

import copy
import functools
import marshal
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from clusterctl.criteria import schema
from clusterctl.criteria.build import build, merge
from clusterctl.criteria.model import Pack
from clusterctl.criteria.schema import Problem, valid_path
from clusterctl.i18n import Lang, Text, t

MAX_PACK_BYTES = 1 << 20
MAX_EXTENDS_DEPTH = 8
MAX_DEPTH = 12  # tables and arrays nested in each other (a pack needs 4)


class PackError(ValueError):
    """A pack file is invalid; ``problems`` lists (key path, problem) in Chinese, ``details``
    keeps both languages."""

    def __init__(self, path: str, details: list[Problem], lang: Lang = "zh") -> None:
        self.path = path
        self.details = details
        self.problems: list[tuple[str, str]] = [p.render(lang) for p in details]
        lines = "; ".join(f"{p or '<file>'}: {m}" for p, m in self.problems[:5])
        super().__init__(f"{path}: {len(details)} problem(s): {lines}")

    def problems_in(self, lang: Lang) -> list[tuple[str, str]]:
        return [p.render(lang) for p in self.details]


class PackNotFound(LookupError):
    """No pack answers to a selector; the message lists the choices."""

    def __init__(self, selector: str, reason: Text, choices: list[str]) -> None:
        self.selector = selector
        self.reason = reason
        self.choices = choices
        super().__init__(self.message("zh"))

    def message(self, lang: Lang = "zh") -> str:
        head = "可选" if lang == "zh" else "choices"
        return f"{self.reason.get(lang)}; {head}: {', '.join(self.choices)}"


# ---------------------------------------------------------------- shipped packs


def _shipped_files() -> list[Path]:
    folder = resources.files("clusterctl.criteria") / "packs"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@functools.lru_cache(maxsize=1)
def list_packs() -> list[Pack]:
    """The shipped packs, ordered by family and edition year."""
    packs = [load_pack_file(str(p)) for p in _shipped_files()]
    return sorted(packs, key=lambda p: (p.family, p.edition_year, p.id))


def _choices() -> list[str]:
    packs = list_packs()
    families = sorted({p.family for p in packs if p.family})
    years = sorted({str(p.edition_year) for p in packs})
    return [p.id for p in packs] + families + years


def find_pack(selector: str | None) -> Pack | None:
    """:func:`resolve_pack`, or None when there is no selector or it names no loadable pack (a
    report is then shown without criterion titles). Cheap enough to call once per file."""
    if not selector:
        return None
    try:
        return resolve_pack(selector)
    except Exception:  # an unknown id or a broken user pack: its own command says why
        return None


def resolve_pack(selector: str) -> Pack:
    """The pack for an id, a family alias (newest edition), an edition year or a ``.toml`` path."""
    selector = selector.strip()
    packs = list_packs()
    for pack in packs:
        if pack.id == selector.lower():
            return pack
    family = [p for p in packs if p.family == selector.lower()]
    if family:
        return max(family, key=lambda p: p.edition_year)
    if selector.isdigit():
        same_year = [p for p in packs if p.edition_year == int(selector)]
        if len(same_year) == 1:
            return same_year[0]
        if same_year:
            ids = [p.id for p in same_year]
            raise PackNotFound(
                selector,
                Text(
                    f"{selector} 年有多个版本，请写明版本编号", f"{selector} matches several packs"
                ),
                ids,
            )
        raise PackNotFound(
            selector,
            Text(f"没有 {selector} 年版的认定标准", f"no pack of edition year {selector}"),
            _choices(),
        )
    if selector.lower().endswith(".toml") or os.sep in selector or "/" in selector:
        if not os.path.isfile(selector):
            raise PackNotFound(
                selector,
                Text(f"找不到标准文件 {selector}", f"no such pack file {selector}"),
                _choices(),
            )
        return load_pack_file(selector)
    raise PackNotFound(
        selector,
        Text(f"未知的认定标准 {selector!r}", f"unknown criteria pack {selector!r}"),
        _choices(),
    )


# ---------------------------------------------------------------- files


def validate_pack_file(path: str | os.PathLike[str], lang: Lang = "zh") -> list[tuple[str, str]]:
    """Every problem of a pack file as (key path, problem); empty when the pack is valid.

    A missing file raises ``FileNotFoundError``."""
    try:
        load_pack_file(path)
    except PackError as exc:
        return exc.problems_in(lang)
    return []


def load_pack_file(path: str | os.PathLike[str]) -> Pack:
    """Load and check one pack file; ``PackError`` lists every problem, ``FileNotFoundError``
    when there is no such file."""
    real = os.path.realpath(path)
    if not os.path.isfile(real):
        raise FileNotFoundError(str(path))
    return _load_cached(real, os.path.getmtime(real), os.path.getsize(real), str(path))


@functools.lru_cache(maxsize=64)
def _load_cached(real: str, _mtime: float, _size: int, shown: str) -> Pack:
    raw = _load_raw(real, shown, ())
    return build(raw, shown)


_PARSED: dict[tuple[str, float, int], Any] = {}  # (real path, mtime, size) -> the parsed TOML


def _read_toml(real: str, shown: str) -> dict[str, Any]:
    """The file's TOML, parsed once per file version and handed out as a copy (merging may
    change it): the shipped packs extend national-2022, which was parsed six times for every
    list of packs, and every file's check needs that list (docs/performance.md). The copy comes
    from ``marshal`` (exact for TOML's dicts, lists, texts and numbers), else ``deepcopy``."""
    key = (real, os.path.getmtime(real), os.path.getsize(real))
    kept = _PARSED.get(key)
    if kept is None:
        parsed = _parse_toml(real, shown)
        try:
            kept = marshal.dumps(parsed)
        except ValueError:  # TOML dates and times are not marshal's
            kept = parsed
        if len(_PARSED) >= 64:
            _PARSED.clear()
        _PARSED[key] = kept
    return marshal.loads(kept) if isinstance(kept, bytes) else copy.deepcopy(kept)


def _parse_toml(real: str, shown: str) -> dict[str, Any]:
    if os.path.getsize(real) > MAX_PACK_BYTES:
        raise PackError(
            shown, [Problem("", t("文件过大（上限 1 MiB）", "file too large (limit 1 MiB)"))]
        )
    with open(real, "rb") as fh:
        data = fh.read(MAX_PACK_BYTES + 1)
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        parsed = None
    except UnicodeDecodeError:
        raise PackError(shown, [Problem("", t("不是 UTF-8 编码", "not UTF-8 text"))]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(
            shown, [Problem("", Text(f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}"))]
        ) from None
    if parsed is None or _too_deep(parsed):
        raise PackError(
            shown,
            [
                Problem(
                    "",
                    t(f"嵌套过深（上限 {MAX_DEPTH} 层）", f"nested too deep (limit {MAX_DEPTH})"),
                )
            ],
        )
    return parsed


def _too_deep(data: Any) -> bool:
    """Nesting deeper than any pack needs (checked without recursion)."""
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack += [(v, depth + 1) for v in node.values()]
        elif isinstance(node, list):
            stack += [(v, depth + 1) for v in node]
    return False


def _load_raw(real: str, shown: str, stack: tuple[str, ...]) -> dict[str, Any]:
    """The checked, merged data of a pack file (criteria as complete plain tables)."""
    data = _read_toml(real, shown)
    trusted = _is_shipped(real)
    # shipped packs are checked against the schema by the tests, not on every run (importing
    # jsonschema would cost `check` tens of milliseconds); users' files always are
    problems = schema.non_finite(data) + ([] if trusted else schema.check_file(data))
    extends = data.get("extends")
    base: dict[str, Any] | None = None
    if isinstance(extends, str) and valid_path(problems, "extends"):
        base, base_problem = _load_base(extends, real, stack)
        if base_problem is not None:
            problems.append(base_problem)
    top, problems = merge(data, base, problems, trusted)
    if problems:
        raise PackError(shown, problems)
    top["path"] = shown
    return top


def _is_shipped(real: str) -> bool:
    return real in {os.path.realpath(p) for p in _shipped_files()}


def _load_base(
    selector: str, real: str, stack: tuple[str, ...]
) -> tuple[dict[str, Any] | None, Problem | None]:
    if len(stack) >= MAX_EXTENDS_DEPTH:
        return None, Problem("extends", t("extends 层级过深", "extends chain too deep"))
    candidate = os.path.join(os.path.dirname(real), selector)
    if selector.endswith(".toml"):
        target = os.path.realpath(candidate)
    else:
        shipped = {p.stem: str(p) for p in _shipped_files()}
        target = shipped.get(selector)
        if target is None:
            try:
                target = resolve_pack(selector).path
            except (LookupError, PackError):
                target = None
    if target is None or not os.path.isfile(target):
        listed = ", ".join(p.stem for p in _shipped_files())
        return None, Problem(
            "extends",
            Text(
                f"找不到 {selector!r}（可选：{listed}）",
                f"cannot find {selector!r} (choices: {listed})",
            ),
        )
    target = os.path.realpath(target)
    if target in (*stack, real):
        return None, Problem("extends", t("extends 循环引用", "extends cycle"))
    try:
        return _load_raw(target, target, (*stack, real)), None
    except PackError as exc:
        return None, Problem(
            "extends",
            Text(
                f"基础标准无效：{exc.problems_in('zh')[0]}",
                f"the base pack is invalid: {exc.problems_in('en')[0]}",
            ),
        )
