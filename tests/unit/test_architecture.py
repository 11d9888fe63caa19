"""app/ must run without a screen: it never imports Qt."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def test_app_never_imports_qt():
    offenders = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(APP.parent)}: {n}" for n in names if n.split(".")[0] in
                          {"PySide6", "PyQt5", "PyQt6", "shiboken6"}]
    assert offenders == []
