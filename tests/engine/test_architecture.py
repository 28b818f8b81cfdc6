"""engine/ never imports Qt; importing the engine does not import TensorFlow."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from ..conftest import ROOT

ENGINE_MODULES = ["engine", "engine.zoo", "engine.images", "engine.labels", "engine.jobs", "engine.weights",
                  "engine.builder", "engine.models", "engine.predict", "engine.preferences", "engine.cli",
                  "engine.layers", "engine.device", "engine.export", "engine.results_file", "engine.cluster",
                  "engine.cluster.plan", "engine.cluster.worker", "engine.train.distribute", "engine.cli.cluster_predict"]


def _imports_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_engine_imports_neither_qt_nor_tensorflow():
    mods = _imports_after("; ".join(f"import {m}" for m in ENGINE_MODULES))
    assert not {m for m in mods if m.startswith(("PySide6", "shiboken6", "gui"))}
    assert "tensorflow" not in mods and "keras" not in mods
    assert "ray" not in mods  # an optional extra, imported only when a command asks for a cluster


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_linter_contract():
    out = subprocess.run(["lint-imports"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def import_circles(graph, packages=("engine", "gui")) -> list[list[str]]:
    """Each import circle among the modules of ``packages`` as one closed path, module-level
    and function-level imports alike (an import hidden in a function still ties the two)."""
    modules = {m for m in graph.modules if m.split(".")[0] in packages}
    edges = {m: sorted(x for x in graph.find_modules_directly_imported_by(m) if x in modules) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(_closed_path(sorted(component), edges))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(modules)))
    for m in sorted(modules):
        if m not in index:
            visit(m)
    return circles


def _closed_path(component: list[str], edges: dict) -> list[str]:
    """The shortest way from the component's first module back to itself (breadth first)."""
    inside = set(component)
    start = component[0]
    came_from = {start: None}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in edges[v]:
            if w == start:
                path = [v]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return list(reversed(path)) + [start]
            if w in inside and w not in came_from:
                came_from[w] = v
                queue.append(w)
    return component  # pragma: no cover - a component always closes


def _describe(graph, circle: list[str]) -> str:
    steps = []
    for a, b in zip(circle, circle[1:]):
        lines = graph.get_import_details(importer=a, imported=b)
        where = f" (line {lines[0]['line_number']}: {lines[0]['line_contents']})" if lines else ""
        steps.append(f"  {a} imports {b}{where}")
    return "\n".join(steps)


def test_no_import_circles():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("engine", "gui", include_external_packages=False)
    circles = import_circles(graph)
    assert not circles, "Import circles (move what both sides need to where it belongs):\n" + "\n\n".join(
        _describe(graph, c) for c in circles)


def test_circle_finder_names_a_circle():
    """The check above can fail: a graph with a planted circle is reported, the way round."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("engine", include_external_packages=False)
    graph.add_import(importer="engine.zoo", imported="engine.models", line_number=1, line_contents="planted")
    circles = import_circles(graph, ("engine",))
    assert any(c[0] == c[-1] and "engine.zoo" in c and "engine.models" in c for c in circles)
    assert "engine.zoo imports engine.models (line 1: planted)" in "\n".join(_describe(graph, c) for c in circles)
