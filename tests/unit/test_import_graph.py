"""No module of app/ or ui/ imports itself back through others — imports inside functions
included, which grimp reads like the ones at the top (docs/architecture.md, "Layers")."""

import grimp
import pytest


def cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a cycle or several."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("app", "ui")


def test_no_module_of_app_or_ui_imports_itself_back(graph):
    assert cycles(graph, set(graph.modules)) == []


def test_a_cycle_through_an_import_inside_a_function_is_found():
    graph = grimp.ImportGraph()
    for module in ("ui.acts.card", "ui.main_window", "ui.appeals.card", "ui.tasks"):
        graph.add_module(module)
    graph.add_import(importer="ui.main_window", imported="ui.appeals.card")
    graph.add_import(importer="ui.appeals.card", imported="ui.acts.card")
    graph.add_import(importer="ui.acts.card", imported="ui.main_window")  # the import inside show_fitted once
    graph.add_import(importer="ui.acts.card", imported="ui.tasks")
    assert cycles(graph, set(graph.modules)) == [["ui.acts.card", "ui.appeals.card", "ui.main_window"]]


def test_function_level_imports_are_in_the_graph(graph):
    """``saraptama hub serve`` imports the hub's server inside its function (FastAPI loads only
    for the hub): the graph the first test walks holds that import."""
    assert graph.direct_import_exists(importer="app.cli.hub", imported="app.hub.server")
