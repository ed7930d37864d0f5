"""The import graph of clusterctl: no cycle, and the batch never imports the reports.

The rule (docs/architecture.md, "Imports"): an import counts wherever it is written, at module
level or inside a function (a deferred import still runs, it only runs later); one under
``if TYPE_CHECKING:`` never runs and does not count for cycles. The layering between the batch
and the reports counts every import, type-only ones included: the reports read the batch's model
(its rows, ranking, key indicators and result), and the batch never names the reports at all
(``clusterctl.screening`` joins the two for the CLI).
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "clusterctl"
BATCH_MODEL = {
    "clusterctl.batch",  # the package's docstring-only __init__
    "clusterctl.batch.rows",
    "clusterctl.batch.ranking",
    "clusterctl.batch.indicators",
    "clusterctl.batch.result",
    "clusterctl.batch.pandas_loader",
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    typing_only: bool  # under ``if TYPE_CHECKING:``


def _modules(root: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, typing_only: bool = False):
    """(node, typing_only) for every import statement, in functions and classes too."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, typing_only
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), typing_only)
        else:
            yield from _imports(node, typing_only)


def import_graph(root: Path = ROOT, package: str = PACKAGE) -> list[Edge]:
    """Every import of one of ``package``'s modules by another, resolved to the module named
    (``from a.b import c`` is ``a.b.c`` when that is a module, else ``a.b``)."""
    modules = _modules(root, package)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, typing_only in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [resolve(a.name) for a in node.names if a.name.split(".")[0] == package]
            else:
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                if base.split(".")[0] != package:
                    continue
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else resolve(base)
                    for a in node.names
                ]
            edges += [Edge(name, t, node.lineno, typing_only) for t in targets if t and t != name]
    return edges


def find_cycle(edges: list[Edge]) -> list[str] | None:
    """One cycle of the runtime imports (type-only ones left out), as module names."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        if not e.typing_only:
            graph.setdefault(e.source, set()).add(e.target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_import_cycle_in_clusterctl() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_batch_never_imports_the_reports() -> None:
    bad = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in import_graph()
        if _in(e.source, "clusterctl.batch") and _in(e.target, "clusterctl.reports")
    ]
    assert bad == []


def test_the_reports_read_only_the_batchs_model() -> None:
    bad = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in import_graph()
        if _in(e.source, "clusterctl.reports")
        and _in(e.target, "clusterctl.batch")
        and e.target not in BATCH_MODEL
    ]
    assert bad == []


def test_the_graph_sees_deferred_relative_and_type_only_imports(tmp_path: Path) -> None:
    """The checks above can fail: a cycle through a deferred import is found, one closed only
    by a ``TYPE_CHECKING`` import is not."""
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg.b import thing\n",
        "pkg/b.py": "def thing():\n    from . import c\n",
        "pkg/c.py": "import pkg.a\n",
        "pkg/d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.e\n",
        "pkg/e.py": "from pkg import d\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    edges = import_graph(tmp_path, "pkg")
    assert {(e.source, e.target, e.typing_only) for e in edges} == {
        ("pkg.a", "pkg.b", False),
        ("pkg.b", "pkg.c", False),
        ("pkg.c", "pkg.a", False),
        ("pkg.d", "pkg.e", True),
        ("pkg.e", "pkg.d", False),
    }
    assert find_cycle(edges) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]
    assert find_cycle([e for e in edges if e.source in ("pkg.d", "pkg.e")]) is None
