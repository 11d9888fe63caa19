"""Building a document and showing it; recording the paper copies printed.

A PDF is made in two steps (docs/architecture.md, "Where a PDF is made"): its description is
read and issued on the database's worker (``ui.tasks.run_task``), then built with reportlab on
the input-output pool (``run_io_task``), so the lists' queries never wait behind a PDF."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any


from ..lazy import lazy_module
from ..tasks import run_io_task, run_task
from .preview import PreviewDialog

lists = lazy_module("app.documents.lists")   # reportlab when a list is printed
build = lazy_module("app.documents.build")
printing = lazy_module("app.services.printing")

Describe = Callable[[], "build.Description"]   # the database step of one document


def described_then_built(describe: Callable[[], Any], make: Callable[[Any], Any], on_done: Callable[[Any], None],
                         parent, on_error: Callable[[BaseException], None] | None = None) -> None:
    """``describe()`` on the database's worker, then ``make(description)`` on the input-output
    pool, then ``on_done(made)`` on the GUI thread (an error of either step: ``on_error``)."""
    def made(description) -> None:
        run_io_task(make, description, on_done=on_done, on_error=on_error, parent=parent)
    run_task(describe, on_done=made, on_error=on_error, parent=parent)


def record_copies(db, rendered: list[printing.Rendered]) -> None:
    """Records the paper copies of issued documents among ``rendered`` (§51 part 2)."""
    def record() -> None:
        for document in rendered:
            printing.record_copy(db, document, db.user)
    run_task(record)


def preview(parent, db, describe: Describe, title: str,
            on_shown: Callable[[PreviewDialog], None] | None = None, file_name: str = "") -> None:
    """Describes and builds the document (see the module's description), then shows it in the
    preview (``file_name``: what "Save as PDF…" proposes)."""
    def show(rendered: printing.Rendered) -> None:
        dialog = PreviewDialog(rendered.pdf, title, parent, on_printed=lambda: record_copies(db, [rendered]),
                               file_name=file_name)
        dialog.open()
        if on_shown is not None:
            on_shown(dialog)
    described_then_built(describe, build.build, show, parent)


def preview_list(parent, db, kind: str, on_shown=None) -> None:
    """The waiting list, the decisions list, the appeals journal or the registry, previewed."""
    preview(parent, db, partial(printing.describe_list, db, kind), lists.TITLES[kind][2], on_shown,
            file_name=f"{kind}.pdf")
