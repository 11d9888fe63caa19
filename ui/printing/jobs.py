"""Building a document on the worker and showing it; recording the paper copies printed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial


from ..lazy import lazy_module
from ..tasks import run_task
from .preview import PreviewDialog

lists = lazy_module("app.documents.lists")   # reportlab when a list is printed
printing = lazy_module("app.services.printing")


def record_copies(db, rendered: list[printing.Rendered]) -> None:
    """Records the paper copies of issued documents among ``rendered`` (§51 part 2)."""
    def record() -> None:
        for document in rendered:
            printing.record_copy(db, document, db.user)
    run_task(record)


def preview(parent, db, render: Callable[[], printing.Rendered], title: str,
            on_shown: Callable[[PreviewDialog], None] | None = None, file_name: str = "") -> None:
    """Builds the document on the worker, then shows it in the preview (``file_name``: what
    "Save as PDF…" proposes)."""
    def show(rendered: printing.Rendered) -> None:
        dialog = PreviewDialog(rendered.pdf, title, parent, on_printed=lambda: record_copies(db, [rendered]),
                               file_name=file_name)
        dialog.open()
        if on_shown is not None:
            on_shown(dialog)
    run_task(render, on_done=show, parent=parent)


def preview_list(parent, db, kind: str, on_shown=None) -> None:
    """The waiting list, the decisions list, the appeals journal or the registry, previewed."""
    preview(parent, db, partial(printing.render_list, db, kind), lists.TITLES[kind][2], on_shown,
            file_name=f"{kind}.pdf")
