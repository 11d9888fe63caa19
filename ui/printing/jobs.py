"""Building a document on the worker and showing it; recording the paper copies printed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..lazy import lazy_module
from ..tasks import run_io_task, run_task
from .pages import PdfPages
from .preview import PreviewDialog

lists = lazy_module("app.documents.lists")   # reportlab when a list is printed
printing = lazy_module("app.services.printing")


def record_copies(db, rendered: list[printing.Rendered]) -> None:
    """Records the paper copies of issued documents among ``rendered`` (§51 part 2)."""
    def record() -> None:
        for document in rendered:
            printing.record_copy(db, document, db.user)
    run_task(record)


def preview(parent, db, render: Callable[[], printing.Rendered], title: str | Callable[[], str],
            on_shown: Callable[[PreviewDialog], None] | None = None, file_name: str = "") -> None:
    """Builds the document on the worker and opens its pages on the input-output pool, then
    shows them in the preview (``file_name``: what "Save as PDF…" proposes; ``title``: or what
    tells it once the document is built)."""
    def show(rendered: printing.Rendered, pages: PdfPages) -> None:
        dialog = PreviewDialog(pages, title if isinstance(title, str) else title(), parent,
                               on_printed=lambda: record_copies(db, [rendered]), file_name=file_name)
        dialog.open()
        if on_shown is not None:
            on_shown(dialog)

    def open_pages(rendered: printing.Rendered) -> None:
        run_io_task(PdfPages, rendered.pdf, on_done=partial(show, rendered), parent=parent)
    run_task(render, on_done=open_pages, parent=parent)


def preview_list(parent, db, kind: str, on_shown=None) -> None:
    """The waiting list, the decisions list, the appeals journal or the registry, previewed.
    Its modules (reportlab…) load on the worker with the first list printed, not on the click."""
    def render() -> printing.Rendered:
        return printing.render_list(db, kind)
    preview(parent, db, render, lambda: lists.TITLES[kind][2], on_shown, file_name=f"{kind}.pdf")
