"""The layout the README describes: one-way imports, a command line that only parses, calls and
prints, and modules a newcomer can read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "khuyenhoc"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "khuyenhoc"


def _imports() -> dict[str, set[str]]:
    """Each module's imports of other kh modules, at any level (lazy ones included)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package and package != "khuyenhoc" else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                candidates = [target] if node.module else [".".join([*base, a.name]) for a in node.names]
                deps |= {c for c in candidates if c in modules and c != name}
            else:  # absolute: `import khuyenhoc.cli.view`, `from khuyenhoc.cli import view`
                deps |= {c for c in _absolute(node) if c in modules and c != name}
        graph[name] = deps
    return graph


def _absolute(node: ast.AST) -> list[str]:
    """The kh modules an absolute import names, as the graph names them."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
        names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    else:
        return []
    return [n.removeprefix("khuyenhoc.") for n in names if n.startswith("khuyenhoc.")]


def test_the_package_imports_itself_only_relatively() -> None:
    """An absolute import would hide from a reader where a module sits; the graph sees it too."""
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and (_absolute(node) or any(a.name == "khuyenhoc" for a in node.names))
    ]
    assert found == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _imports()
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in graph[node]:
            if nxt == path[0]:
                cycles.append(" → ".join([*path, nxt]))
            elif nxt not in path and nxt > path[0]:
                visit(nxt, [*path, nxt])

    for start in graph:
        visit(start, [start])
    assert cycles == []


def test_the_core_never_imports_the_command_line() -> None:
    graph = _imports()
    core = {m: deps for m, deps in graph.items() if not m.startswith("cli") and m not in ("start", "__main__")}
    assert {
        m: sorted(d for d in deps if d.startswith("cli"))
        for m, deps in core.items()
        if any(d.startswith("cli") for d in deps)
    } == {}


def test_modules_stay_readable_in_one_sitting() -> None:
    sizes = {
        _module(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
        if p.name != "catalogue.py"  # data: every word in both languages
    }
    assert {m: n for m, n in sizes.items() if n > 450} == {}
