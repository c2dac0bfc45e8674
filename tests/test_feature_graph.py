"""The import rules of docs/architecture.md, checked on the source: what may import what, and a
feature graph without loops. A failure names the offending import as ``file:line``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import nightcramps

PACKAGE = Path(nightcramps.__file__).parent
MIGRATIONS = PACKAGE / "storage" / "migrations"

LAYERS = {"storage", "web", "cli"}
"""Packages organised by layer, not by feature (docs/architecture.md)."""

FEATURES = {
    "accounts",
    "backup",
    "dailyvalues",
    "daylog",
    "diary",
    "experiments",
    "fhir",
    "foods",
    "guidance",
    "imports",
    "insights",
    "nutrition",
    "report",
    "sharing",
}
"""The domain features: each a package with models, schemas, service, routes and cli."""

FRONT_DOORS = {"service", "schemas"}
"""What one feature may import of another."""

PURE = {
    "charts",
    "foods.amounts",
    "foods.phrases",
    "daylog.constants",
    "daylog.exertion",
    "diary.month",
    "insights.stats",
    "insights.analysis",
    "insights.series",
    "insights.tonight",
    "dailyvalues.columns",
    "dailyvalues.csvfile",
    "dailyvalues.frame",
    "experiments.analysis",
    "experiments.design",
    "experiments.simulate",
}
"""Pure modules (no session, no I/O) another feature may import by name; docs/architecture.md
lists them."""

OPEN = {
    "dailyvalues.dayview": "the day as it counts, which the day log's shells show",
    "dailyvalues.models": "the day values an import writes in bulk, in the import's transaction",
    "report.document": "the report as HTML, which a share link's viewer page shows",
    "report.pdf": "the report as PDF, which a share link's viewer downloads",
}
"""Other modules a feature offers beside its service, each with what it is for."""


@dataclass(frozen=True)
class Import:
    """One ``from nightcramps… import …`` (or ``import nightcramps…``) statement, resolved."""

    source: str
    """The importing module, dotted, without the ``nightcramps.`` prefix."""
    target: str
    """The imported module (a name imported from a package counts as its submodule)."""
    where: str


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return (node.module or "").removeprefix("nightcramps").lstrip(".")
    base = module.split(".") if module else []
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports() -> Iterator[Import]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if MIGRATIONS in path.parents:
            continue
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("nightcramps"):
                        target = alias.name.removeprefix("nightcramps").lstrip(".")
                        yield Import(module, target, where)
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and not (node.module or "").startswith("nightcramps"):
                    continue
                target = _resolve(module, path.name == "__init__.py", node)
                for alias in node.names:
                    candidate = f"{target}.{alias.name}" if target else alias.name
                    is_module = (PACKAGE / Path(*candidate.split("."))).with_suffix(".py").exists()
                    is_package = (PACKAGE / Path(*candidate.split("."))).is_dir()
                    yield Import(module, candidate if is_module or is_package else target, where)


def _feature(module: str) -> str | None:
    head = module.split(".")[0]
    return head if head in FEATURES else None


def _is_shell(module: str) -> bool:
    """A feature's own web and terminal front: its ``routes`` (module or package), its pages'
    ``forms`` and its ``cli``."""
    parts = module.split(".")
    return len(parts) > 1 and (
        parts[1] in {"routes", "cli", "forms"} or parts[1].endswith("_routes")
    )


def _node(module: str) -> str:
    """The feature graph's node for a module: its feature, or the feature's shell."""
    feature = _feature(module) or module.split(".")[0]
    return f"{feature} (shell)" if _is_shell(module) else feature


def _past_front_door(imp: Import) -> bool:
    source, target = _feature(imp.source), _feature(imp.target)
    if source is None or target is None or source == target:
        return False
    if _is_cli(imp.source) and _is_cli(imp.target):
        return False  # a group that spans features (export, import) gathers their commands
    rest = imp.target.split(".", 1)[1] if "." in imp.target else ""
    return rest.split(".")[0] not in FRONT_DOORS and imp.target not in PURE | OPEN.keys()


def _is_cli(module: str) -> bool:
    return module.split(".")[1:2] == ["cli"]


def test_features_use_the_web_and_cli_kits_only_in_their_shells() -> None:
    """A feature's domain modules never import ``web`` or ``cli``; its routes and cli may."""
    found = [
        f"{i.where} imports {i.target}"
        for i in _imports()
        if _feature(i.source)
        and not _is_shell(i.source)
        and i.target.split(".")[0] in {"web", "cli"}
    ]
    assert found == []


def test_a_feature_reaches_another_only_through_its_front_door() -> None:
    """Across features only ``service``, ``schemas`` and the declared pure modules are imported
    (never models, routes or cli, nor inner modules)."""
    found = [f"{i.where} imports {i.target}" for i in _imports() if _past_front_door(i)]
    assert found == []


def test_only_storage_knows_engines_and_alembic() -> None:
    """Engines are made, and Alembic driven, by ``storage`` alone (the assemblers call it)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        if module.startswith("storage"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""] + [
                    f"{node.module}.{a.name}" for a in node.names if node.module == "sqlalchemy"
                ]
            for name in names:
                if name.split(".")[0] == "alembic" or name == "sqlalchemy.create_engine":
                    found.append(
                        f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')} imports {name}"
                    )
    assert found == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _graph(key: str) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    edges: dict[str, set[str]] = {}
    witness: dict[tuple[str, str], str] = {}
    for imp in _imports():
        if key == "module":
            source, target = imp.source, imp.target
        else:
            if not (_feature(imp.source) and _feature(imp.target)):
                continue
            source, target = _node(imp.source), _node(imp.target)
        if source != target:
            edges.setdefault(source, set()).add(target)
            witness.setdefault((source, target), imp.where)
    return edges, witness


def _explain(cycle: list[str], witness: dict[tuple[str, str], str]) -> str:
    members = set(cycle)
    links = [f"{a} → {b} ({w})" for (a, b), w in sorted(witness.items()) if {a, b} <= members]
    return "; ".join(links)


@pytest.mark.parametrize("key", ["module", "feature"])
def test_there_are_no_import_loops(key: str) -> None:
    """No module imports itself round a loop, and no feature depends on itself through
    another (each feature's routes and cli counted as its shell, which may use anything)."""
    edges, witness = _graph(key)
    assert [_explain(c, witness) for c in _cycles(edges)] == []


def test_the_loop_finder_finds_a_loop() -> None:
    """The check cannot pass vacuously: a two-feature loop is found and explained."""
    edges = {"diary": {"dailyvalues"}, "dailyvalues": {"diary"}, "foods": set()}
    assert _cycles(edges) == [["dailyvalues", "diary"]]


def test_the_front_door_rule_sees_a_models_import() -> None:
    """Importing another feature's models is caught; its service, schemas and pure modules are
    not."""
    assert _past_front_door(Import("insights.simulate", "accounts.models", "x:1"))
    assert not _past_front_door(Import("insights.service", "diary.service", "x:1"))
    assert not _past_front_door(Import("nutrition.rows", "foods.amounts", "x:1"))
    assert not _past_front_door(Import("diary.routes", "diary.models", "x:1"))
    assert not _past_front_door(Import("imports.cli", "backup.cli", "x:1"))
    assert _past_front_door(Import("imports.routes", "backup.cli", "x:1"))
