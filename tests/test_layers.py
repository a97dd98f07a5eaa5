"""The layers of src/pmpath, as the README draws them: each uses only the
ones above it (the format, then the queries, then the output, then the
command line), and the format and the queries stay free of Typer and Rich.
Imports inside functions count too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "pmpath"

# What each layer may import from pmpath, besides itself.
ALLOWED = {
    "ladder": {"pmpath.errors"},
    "queries": {"pmpath.errors", "pmpath.ladder"},
    "output": {"pmpath.errors", "pmpath.ladder", "pmpath.queries"},
}
PURE = ("ladder", "queries")
OUTSIDE = ("typer", "rich", "click")


def imports_of(module: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def offences(layer: str) -> list[str]:
    allowed = {f"pmpath.{layer}", *ALLOWED[layer]}
    wrong = []
    for module in sorted((PACKAGE / layer).glob("*.py")):
        for name in sorted(imports_of(module)):
            top = name.split(".")[0]
            inside = name.startswith("pmpath.") and not any(
                name == ok or name.startswith(ok + ".") for ok in allowed
            )
            if inside or (layer in PURE and top in OUTSIDE):
                wrong.append(f"{layer}/{module.name} imports {name}")
    return wrong


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_above_it(layer: str) -> None:
    assert offences(layer) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pmpath"
    (fake / "ladder").mkdir(parents=True)
    (fake / "ladder" / "late.py").write_text(
        "def f():\n    from pmpath.queries.names import resolve_role\n    import rich\n", encoding="utf-8"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", fake)
    assert offences("ladder") == [
        "ladder/late.py imports pmpath.queries.names",
        "ladder/late.py imports rich",
    ]


@pytest.mark.parametrize("layer", [*sorted(ALLOWED), "cli"])
def test_the_readme_layout_names_each_module_of_a_layer_as_it_is(layer: str) -> None:
    readme = (PACKAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith(f"| `{layer}/`")]
    named = set(re.findall(r"`([a-z_]+\.py)`", row))
    present = {module.name for module in (PACKAGE / layer).glob("*.py")} - {"__init__.py"}
    assert named == present, f"named but missing: {named - present}; present but not named: {present - named}"
