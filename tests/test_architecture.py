"""The package's arrows point one way: no import cycle, no module importing a layer above it.

Every import counts, the lazy ones inside functions too (they are the arrows a reader
follows), except those under ``if TYPE_CHECKING:`` (types only, never run). The layers,
from the bottom: what a lower layer imports may only come from its own layer or below.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "yozuv"

# Bottom first. A module belongs to the first layer with a prefix of its name.
LAYERS: list[tuple[str, ...]] = [
    (
        "yozuv.errors",
        "yozuv._version",
        "yozuv.records",
        "yozuv.names",
        "yozuv.casing",
        "yozuv.regex_facts",
        "yozuv.memo",
        "yozuv.collector",
    ),
    ("yozuv.scheme",),
    (
        "yozuv.registry",
        "yozuv.wordsplit",
        "yozuv.tokens",
        "yozuv.lexicon",
        "yozuv.language",
        "yozuv.detect",
        "yozuv.russian",
        "yozuv.spelling_guess",
    ),
    ("yozuv.words",),
    ("yozuv.compiled",),
    ("yozuv.engine",),
    ("yozuv.api", "yozuv.samples"),
    ("yozuv.formats", "yozuv.textio"),
    ("yozuv.documents",),
    ("yozuv.corpus",),
    ("yozuv.cli",),
    ("yozuv", "yozuv.__main__"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for index, names in enumerate(LAYERS):
        for name in names:
            inside = module == name or module.startswith(name + ".")
            if inside and (best is None or len(name) > best[0]):
                best = (len(name), index)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[1]


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str) -> set[str]:
    """The package's modules that ``module`` imports (a ``from X import y`` of a submodule
    is an arrow to the submodule)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_a_layer_above_it() -> None:
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def walk(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                walk(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            walk(module)
    assert cycles == []


def test_the_library_does_not_know_the_command_line() -> None:
    outside = [
        m for m in GRAPH if not m.startswith("yozuv.cli") and m not in ("yozuv", "yozuv.__main__")
    ]
    assert [m for m in outside if any(t.startswith("yozuv.cli") for t in GRAPH[m])] == []
