"""The layout the README describes: one-way imports, a command line that only parses, calls and
prints, and modules a newcomer can read in one sitting."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "khuyenhoc"


def _module(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "khuyenhoc"


def _imports(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module's imports of other kh modules, at any level (lazy ones included)."""
    modules = {_module(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package and package != "khuyenhoc" else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                names = [".".join(filter(None, [target, a.name])) for a in node.names]  # a module imported by name
                candidates = [target, *names] if node.module else names
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


def _kh_options() -> set[str]:
    """Every option kh's commands take (``--data``, ``--commit``, ``--no-commit``…)."""
    import typer.main

    from khuyenhoc.cli import app

    group = typer.main.get_command(app)
    commands = [group, *getattr(group, "commands", {}).values()]
    return {o for c in commands for p in c.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")}


# Messages below cli/ that name an option on purpose: a register's proposal echoes what the user
# typed to get it (kh import --skip 12, --map 12=BGD-19).
ECHOES = {"read.intake": {"--skip", "--map"}}


def test_only_the_command_line_words_its_options() -> None:
    """A layer below cli/ says what is wrong; how to type the command otherwise is the command
    line's to say (it knows whether --commit was typed or is the folder's default). A whole
    command to run instead (`kh list --all`) reads the same whatever was typed: allowed."""
    options = _kh_options()
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        if module.startswith("cli") or path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                text = node.args[0].value if isinstance(node.args[0], ast.Constant) else ""
                text = re.sub(r"`kh [^`]*`", "", str(text))
                named = {o for o in options if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", str(text))}
                if named - ECHOES.get(module, set()):
                    found.setdefault(module, set()).update(named)
    assert found == {}


def test_modules_stay_readable_in_one_sitting() -> None:
    sizes = {
        _module(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
        if p.name not in ("catalogue.py", "codec_records.py")  # data: every word; generated: the records' codecs
    }
    assert {m: n for m, n in sizes.items() if n > 450} == {}


# The layers, in the order of docs/architecture.md: a module imports from its own layer and the
# layers before it in this list, never after ("outputs.office" is part of "outputs").
LAYERS = ("words", "errors", "core", "read", "git", "outputs", "write", "cli", "start")


def _layer(module: str) -> int:
    head = module.split(".")[0]
    return LAYERS.index(head) if head in LAYERS else len(LAYERS)  # __main__, the package: on top


def _upward(root: Path = PACKAGE) -> list[str]:
    return sorted(f"{m} → {d}" for m, deps in _imports(root).items() for d in deps if m and d and _layer(d) > _layer(m))


def test_no_module_imports_from_a_layer_above_it() -> None:
    assert _upward() == []


def test_a_planted_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself: a lazy import of an output planted in the core is reported."""
    import shutil

    copy = tmp_path / "khuyenhoc"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    status = copy / "core" / "status.py"
    status.write_text(status.read_text(encoding="utf-8") + "\n\ndef _x():\n    from ..outputs import render\n")
    assert "core.status → outputs.render" in _upward(copy)


def _documented_tree(doc: str) -> dict[str, set[str]]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    block = text.split("<!-- the tree: tests/test_architecture.py compares it with the package -->\n```text\n")[1]
    tree: dict[str, set[str]] = {}
    folder = ""
    for line in block.split("```")[0].splitlines()[1:]:
        words = line.split()
        if words and words[0].endswith("/"):
            indent = len(line) - len(line.lstrip())
            folder = words[0].rstrip("/") if indent <= 2 else f"{folder.split('/')[0]}/{words[0].rstrip('/')}"
            words = words[1:]
        elif words and words[0].endswith(".py"):
            tree.setdefault("", set()).add(words[0].removesuffix(".py"))
            continue
        tree.setdefault(folder, set()).update(words)
    return tree


@pytest.mark.parametrize("doc", ["README.md", "docs/reference.md"])
def test_the_layout_shows_the_package_as_it_is(doc: str) -> None:
    """The Layout tree of the README (and of the reference) names every module where it is, and
    nothing else."""
    actual: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if path.stem in ("__init__", "__main__"):
            continue
        actual.setdefault("/".join(rel.parts[:-1]), set()).add(path.stem)
    assert _documented_tree(doc) == actual


def test_the_tests_mirror_the_package() -> None:
    """A folder of tests per layer, plus the shipped plan's and the end-to-end ones (system/)."""
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    layers = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == layers | {"plan", "system"}
    assert {p.name for p in (ROOT / "tests").glob("test_*.py")} == {"test_architecture.py"}  # the package's whole


def test_no_private_module_of_a_dependency_is_used() -> None:
    """kh uses its libraries through their public names: a private module (typer._click) or a
    function replaced at run time (typer.core._) broke with a release the floor allowed."""
    import re

    private = re.compile(r"\b(?:typer|click|rich|docx|openpyxl|yaml)(?:\.\w+)*\._[a-z]\w*")
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line.split("#")[0])
    ]
    assert found == []


def test_every_module_a_docstring_names_exists() -> None:
    """A reference such as :mod:`khuyenhoc.read.cache` leads to what it names: none left behind
    by a move."""
    import importlib
    import re

    named = re.compile(r":(?:mod|func|class|meth):`~?(khuyenhoc(?:\.\w+)+)`")
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for ref in named.findall(path.read_text(encoding="utf-8")):
            obj: object = importlib.import_module("khuyenhoc")
            for name in ref.split(".")[1:]:
                found = getattr(obj, name, None)
                if found is None and hasattr(obj, "__path__"):  # a module not imported yet
                    try:
                        found = importlib.import_module(f"{obj.__name__}.{name}")  # type: ignore[attr-defined]
                    except ImportError:
                        found = None
                if found is None:
                    missing.append(f"{path.relative_to(PACKAGE)}: {ref}")
                    break
                obj = found
    assert missing == []
